// The delivery worker on a real database against the Slack stand-in (its real rate limits, and
// scripted faults): retries, reconciliation of lost answers, permanent failures, Retry-After per
// channel, pacing, lease takeover, stop and wakeUp.
import { afterEach, beforeEach, expect, it } from "vitest";
import type { ChatPort } from "../../src/core/chat-port.js";
import { deliveryStats, enqueueDeliveries, type NewDelivery } from "../../src/db/repositories/deliveries.js";
import { builtInRenderers } from "../../src/jobs/delivery-renderers.js";
import { type DeliveryWorker, type DeliveryWorkerOptions, startDeliveryWorker } from "../../src/jobs/delivery-worker.js";
import { createSlackChatPort } from "../../src/slack/chat-port.js";
import { createSlackStandIn, type SlackStandIn, type SlackStandInOptions } from "../../src/slack-stand-in/index.js";
import { describeEachBackend } from "../support/databases.js";
import { addPeople, announcements, createDeliveryTenant, deliveredMessages, silentLogger, tsMillis, waitFor } from "../support/delivery-fakes.js";

describeEachBackend("delivery worker", ({ db }) => {
  let standIn: SlackStandIn | undefined;
  let workers: DeliveryWorker[] = [];
  let tenantId = "";

  beforeEach(async () => {
    await db().prisma.delivery.deleteMany({});
    tenantId ||= await createDeliveryTenant(db(), "Worker Co");
  });

  afterEach(async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    workers = [];
    await standIn?.stop();
    standIn = undefined;
  });

  async function slack(options: SlackStandInOptions = {}) {
    standIn = createSlackStandIn(options);
    await standIn.start();
    return { ws: standIn.workspace, port: createSlackChatPort({ botToken: standIn.botToken, apiUrl: standIn.url, timeoutMs: 5_000 }) };
  }

  function start(chat: ChatPort, overrides: Partial<DeliveryWorkerOptions> = {}): DeliveryWorker {
    const worker = startDeliveryWorker({
      db: db(),
      chat,
      renderers: builtInRenderers,
      owner: `worker-${workers.length + 1}`,
      logger: silentLogger,
      pollIntervalMs: 25,
      retry: { baseMs: 20 },
      ...overrides,
    });
    workers.push(worker);
    return worker;
  }

  async function enqueue(rows: NewDelivery[]) {
    await enqueueDeliveries(db().prisma, rows);
  }

  function row(idempotencyKey: string) {
    return db().prisma.delivery.findUniqueOrThrow({
      where: { idempotencyKey },
      select: { id: true, status: true, attempts: true, failureReason: true, lastError: true, messageChannel: true, messageTs: true, leaseOwner: true },
    });
  }

  it("retries after an HTTP 500 and sends once", async () => {
    const { ws, port } = await slack();
    const [ana] = addPeople(ws, 1);
    ws.failNext("chat.postMessage", { status: 500 });
    await enqueue(announcements(tenantId, "http500", [ana!]));
    await start(port).drain();

    const stored = await row(`http500:${ana}`);
    expect(stored).toMatchObject({ status: "sent", attempts: 2, lastError: "chat.postMessage: HTTP 500", leaseOwner: null });
    expect(ws.dmMessagesFor(ana!).map((message) => message.ts)).toEqual([stored.messageTs]);
    expect(ws.callLog("chat.postMessage").map((call) => call.httpStatus)).toEqual([500, 200]);
    // The second attempt looked for the first before sending (a 5xx may come after Slack stored it).
    expect(ws.calls("conversations.history")).toBe(1);
  });

  it("does not send again when Slack stored the message but the answer was lost", async () => {
    const { ws, port } = await slack();
    const [ana] = addPeople(ws, 1);
    ws.failNext("chat.postMessage", { dropResponseAfterCommit: true });
    await enqueue(announcements(tenantId, "lost", [ana!]));
    await start(port).drain();

    const stored = await row(`lost:${ana}`);
    const messages = ws.dmMessagesFor(ana!);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.metadata).toEqual({ event_type: "salesops_delivery", event_payload: { delivery_id: stored.id } });
    expect(stored).toMatchObject({ status: "sent", attempts: 2, messageChannel: ws.dmChannelFor(ana!), messageTs: messages[0]!.ts });
    expect(ws.calls("chat.postMessage")).toBe(1);
  });

  it("records permanent failures with Slack's reason, tries them once, and counts them by reason", async () => {
    const { ws, port } = await slack();
    const [gone, fine] = addPeople(ws, 2);
    ws.deactivateUser(gone!);
    await enqueue(announcements(tenantId, "permanent", [gone!, "C0DELETED", fine!]));
    await start(port).drain();

    expect(await row(`permanent:${gone}`)).toMatchObject({ status: "failed", failureReason: "account_inactive", attempts: 1 });
    expect(await row("permanent:C0DELETED")).toMatchObject({ status: "failed", failureReason: "channel_not_found", attempts: 1 });
    expect(await row(`permanent:${fine}`)).toMatchObject({ status: "sent", attempts: 1 });
    // One call per recipient: the two failures were not retried.
    expect(ws.calls("chat.postMessage")).toBe(3);
    expect((await deliveryStats(db().prisma)).failedByReason).toEqual({ account_inactive: 1, channel_not_found: 1 });
  });

  it("fails a row it cannot render without calling Slack", async () => {
    const { ws, port } = await slack();
    const [ana] = addPeople(ws, 1);
    await enqueue([
      { tenantId, kind: "no_such_kind", idempotencyKey: "render:unknown", recipient: ana!, payload: { text: "hi" } },
      { tenantId, kind: "announcement", idempotencyKey: "render:invalid", recipient: ana!, payload: { text: 42 } },
    ]);
    await start(port).drain();

    expect(await row("render:unknown")).toMatchObject({ status: "failed", failureReason: "render_failed", lastError: 'no renderer for kind "no_such_kind"' });
    expect(await row("render:invalid")).toMatchObject({ status: "failed", failureReason: "render_failed", attempts: 1 });
    expect(ws.calls()).toBe(0);
  });

  it("gives up after the last allowed attempt", async () => {
    const { ws, port } = await slack();
    const [ana] = addPeople(ws, 1);
    ws.failNext("chat.postMessage", { status: 503 }, { times: 3 });
    await enqueue(announcements(tenantId, "gaveup", [ana!]));
    await start(port, { retry: { baseMs: 10, maxAttempts: 3 } }).drain();

    expect(await row(`gaveup:${ana}`)).toMatchObject({ status: "failed", failureReason: "gave_up", attempts: 3, lastError: "chat.postMessage: HTTP 503" });
    expect(ws.calls("chat.postMessage")).toBe(3);
    expect(ws.dmMessagesFor(ana!)).toEqual([]);
  });

  it("waits Retry-After for the one channel that hit Slack's limit while other channels go on", async () => {
    // Slack's real per-channel limit (a burst of 3, then 1 per second), and a worker told not to
    // pace itself, so that six messages to #sales at once go beyond it.
    const { ws, port } = await slack();
    const sales = ws.addChannel({ name: "sales" });
    const others = addPeople(ws, 8, "other");
    const startedAt = Date.now();
    await enqueue(announcements(tenantId, "burst", [1, 2, 3, 4, 5, 6].map(() => sales.id)).map((delivery, n) => ({ ...delivery, idempotencyKey: `burst:${sales.id}:${n}` })));
    // The other recipients' rows fall due one by one during the next 1.6 s.
    await enqueue(others.map((userId, n) => ({ ...announcements(tenantId, "burst", [userId])[0]!, notBefore: new Date(startedAt + 200 * (n + 1)) })));
    await start(port, { channelIntervalMs: 0 }).drain({ timeoutMs: 30_000 });

    const salesCalls = ws.callLog("chat.postMessage").filter((call) => call.channel === sales.id);
    const refusals = salesCalls.filter((call) => call.httpStatus === 429);
    expect(refusals.length).toBeGreaterThanOrEqual(1);
    // After each 429, nothing went to #sales before its Retry-After (the stand-in says 1 s) was over.
    for (const refusal of refusals) {
      const next = salesCalls.find((call) => call.at > refusal.at);
      if (next) expect(next.at - refusal.at).toBeGreaterThanOrEqual(1_000 - 5);
    }
    // ...and other recipients' messages were sent meanwhile.
    const firstRefusal = refusals[0]!.at;
    const nextToSales = salesCalls.find((call) => call.at > firstRefusal)!.at;
    const othersMeanwhile = others.flatMap((userId) => ws.dmMessagesFor(userId)).filter((message) => tsMillis(message.ts) > firstRefusal && tsMillis(message.ts) < nextToSales);
    expect(othersMeanwhile.length).toBeGreaterThanOrEqual(1);
    // In the end: six messages in #sales, one per row, and one in each DM.
    expect([...deliveredMessages(ws.messages(sales.id)).values()].map((list) => list.length)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(others.map((userId) => ws.dmMessagesFor(userId).length)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    const rows = await db().prisma.delivery.findMany({ where: { idempotencyKey: { startsWith: `burst:${sales.id}` } }, select: { attempts: true, status: true } });
    // A 429 is not an attempt: every row ends with attempts = 1.
    expect(rows.map((stored) => [stored.status, stored.attempts])).toEqual(Array.from({ length: 6 }, () => ["sent", 1]));
  });

  it("holds back only messages with a picture when Slack refuses an upload, and sends the rest meanwhile", async () => {
    // Uploads limited to one a minute: the second picture is refused with Retry-After ~60 s.
    const { ws, port } = await slack({ rateLimits: { methods: { "files.getUploadURLExternal": { perMinute: 1, burst: 1 } } } });
    const channels = [1, 2, 3].map((n) => ws.addChannel({ name: `team-${n}` }));
    const people = addPeople(ws, 6, "dm");
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const withPicture = async (payload: unknown) => ({
      text: String((payload as { text: string }).text),
      image: { png, filename: "chart.png", title: "Trend", altText: "trend chart" },
    });
    await enqueue(announcements(tenantId, "pictures", channels.map((c) => c.id)).map((delivery) => ({ ...delivery, kind: "picture" })));
    await enqueue(announcements(tenantId, "plain", people));
    start(port, { renderers: { ...builtInRenderers, picture: withPicture } });

    const sentPictures = () => db().prisma.delivery.count({ where: { kind: "picture", status: "sent" } });
    await waitFor(async () => people.every((userId) => ws.dmMessagesFor(userId).length === 1) && (await sentPictures()) === 1, 15_000, "every DM and one picture sent");
    const pictures = await db().prisma.delivery.findMany({ where: { kind: "picture" }, select: { status: true, attempts: true } });
    // One picture went out; the others wait for the upload limit, not counted as attempts.
    expect(pictures.filter((stored) => stored.status === "sent")).toHaveLength(1);
    expect(pictures.filter((stored) => stored.status === "pending").map((stored) => stored.attempts)).toEqual([0, 0]);
    expect(ws.calls("chat.postMessage")).toBe(7);
  });

  it("paces one channel to one message a second without holding up the others", async () => {
    const { ws, port } = await slack();
    const sales = ws.addChannel({ name: "sales" });
    const [ana] = addPeople(ws, 1);
    await enqueue([0, 1, 2].map((n) => ({ ...announcements(tenantId, "pace", [sales.id])[0]!, idempotencyKey: `pace:${n}` })));
    await enqueue(announcements(tenantId, "pace", [ana!]));
    await start(port).drain({ timeoutMs: 30_000 });

    const times = ws.messages(sales.id).map((message) => tsMillis(message.ts));
    expect(times).toHaveLength(3);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(1_000 - 5);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(1_000 - 5);
    // The DM did not queue behind #sales.
    expect(tsMillis(ws.dmMessagesFor(ana!)[0]!.ts)).toBeLessThan(times[1]!);
    expect(ws.callLog("chat.postMessage").filter((call) => call.httpStatus === 429)).toEqual([]);
  });

  it("takes over from a worker that hung after Slack accepted its message, and does not send it twice", async () => {
    const { ws, port } = await slack();
    const [ana] = addPeople(ws, 1);
    let unfreeze: () => void = () => {};
    const frozen = new Promise<void>((resolve) => (unfreeze = resolve));
    // Worker A's sends reach Slack, then A never hears back (as if it were paused or killed).
    const hanging: ChatPort = {
      findDelivered: (...args) => port.findDelivered(...args),
      async send(...args) {
        const result = await port.send(...args);
        await frozen;
        return result;
      },
    };
    await enqueue(announcements(tenantId, "takeover", [ana!]));
    start(hanging, { owner: "worker-a", concurrency: 1, batchSize: 1, leaseMs: 400 });
    await waitFor(() => ws.dmMessagesFor(ana!).length === 1, 10_000, "worker A's message");

    const b = start(port, { owner: "worker-b" });
    await b.drain();
    const stored = await row(`takeover:${ana}`);
    expect(stored).toMatchObject({ status: "sent", attempts: 2, messageTs: ws.dmMessagesFor(ana!)[0]!.ts, leaseOwner: null });
    expect(ws.calls("chat.postMessage")).toBe(1);
    expect(ws.calls("conversations.history")).toBe(1);

    // A wakes up: its lease was taken over, so it records nothing.
    unfreeze();
    await workers[0]!.stop();
    expect(await row(`takeover:${ana}`)).toEqual(stored);
  });

  it("stops by finishing the send in flight and giving back the rows it had not started", async () => {
    const { ws, port } = await slack();
    const people = addPeople(ws, 5);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let sends = 0;
    const slow: ChatPort = {
      findDelivered: (...args) => port.findDelivered(...args),
      async send(...args) {
        sends += 1;
        await gate;
        return port.send(...args);
      },
    };
    await enqueue(announcements(tenantId, "stop", people));
    const worker = start(slow, { concurrency: 1, batchSize: 5 });
    await waitFor(() => sends === 1, 10_000, "the first send");
    const stopped = worker.stop();
    release();
    await stopped;

    const rows = await db().prisma.delivery.findMany({ where: { idempotencyKey: { startsWith: "stop:" } }, select: { status: true, attempts: true, leaseOwner: true } });
    const sent = rows.filter((stored) => stored.status === "sent");
    expect(sent).toHaveLength(1);
    // The four never started are due again at once, their claim not counted as an attempt.
    expect(rows.filter((stored) => stored.status === "pending")).toEqual(Array.from({ length: 4 }, () => ({ status: "pending", attempts: 0, leaseOwner: null })));
    expect(ws.calls("chat.postMessage")).toBe(1);
  });

  it("looks at once when woken up instead of waiting for the next poll", async () => {
    const { ws, port } = await slack();
    const [ana] = addPeople(ws, 1);
    const worker = start(port, { pollIntervalMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await enqueue(announcements(tenantId, "wake", [ana!]));
    worker.wakeUp();
    await waitFor(() => ws.dmMessagesFor(ana!).length === 1, 5_000, "the message after wakeUp");
    expect(ws.dmMessagesFor(ana!)).toHaveLength(1);
  });
});
