// Slack's rate limits as the stand-in enforces them, seen through @slack/web-api with retries
// off and rate-limited calls rejected, and an injected clock instead of waiting.
import { ErrorCode, LogLevel, WebClient, type WebAPIRateLimitedError } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock, createSlackStandIn, type RateLimitOptions, type SlackStandIn } from "../../src/slack-stand-in/index.js";

let standIn: SlackStandIn | undefined;

afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

async function setUp(rateLimits: RateLimitOptions | false = {}) {
  const clock = createManualClock(Date.UTC(2025, 2, 3, 9, 0, 0));
  standIn = createSlackStandIn({ clock: clock.now, rateLimits });
  await standIn.start();
  const ws = standIn.workspace;
  const client = new WebClient(standIn.botToken, {
    slackApiUrl: standIn.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
  });
  const ana = ws.addUser({ name: "ana", email: "ana@acme.test" });
  const sales = ws.addChannel({ name: "sales" });
  const wins = ws.addChannel({ name: "wins" });
  return { ws, clock, client, ana, sales, wins };
}

/** Undefined when the call went through, else the Retry-After seconds of its 429. */
async function retryAfterOf(call: Promise<unknown>): Promise<number | undefined> {
  try {
    await call;
    return undefined;
  } catch (error) {
    const limited = error as WebAPIRateLimitedError;
    expect(limited.code).toBe(ErrorCode.RateLimitedError);
    return limited.retryAfter;
  }
}

describe("chat.postMessage", () => {
  it("allows a short burst per channel, then 429 with Retry-After, then recovers as the clock moves", async () => {
    const { client, clock, ws, sales } = await setUp();
    for (let n = 1; n <= 3; n += 1) expect(await retryAfterOf(client.chat.postMessage({ channel: sales.id, text: `burst ${n}` }))).toBeUndefined();
    expect(await retryAfterOf(client.chat.postMessage({ channel: sales.id, text: "one too many" }))).toBe(1);
    expect(ws.messages(sales.id)).toHaveLength(3);

    clock.advance(999);
    expect(await retryAfterOf(client.chat.postMessage({ channel: sales.id, text: "still early" }))).toBe(1);
    clock.advance(1);
    expect(await retryAfterOf(client.chat.postMessage({ channel: sales.id, text: "after a second" }))).toBeUndefined();
    // A refused call takes no token: exactly one message per second keeps flowing.
    expect(await retryAfterOf(client.chat.postMessage({ channel: sales.id, text: "same second" }))).toBe(1);
    expect(ws.messages(sales.id).map((message) => message.text)).toEqual(["burst 1", "burst 2", "burst 3", "after a second"]);
  });

  it("answers the 429 exactly as Slack does", async () => {
    const { ws, sales } = await setUp({ postMessage: { burst: 1 } });
    const post = () =>
      fetch(`${standIn!.url}chat.postMessage`, {
        method: "POST",
        headers: { authorization: `Bearer ${standIn!.botToken}` },
        body: new URLSearchParams({ channel: sales.id, text: "x" }),
      });
    expect((await post()).status).toBe(200);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(await limited.json()).toEqual({ ok: false, error: "ratelimited" });
    expect(ws.calls("chat.postMessage")).toBe(2);
    expect(ws.callLog("chat.postMessage")[1]).toMatchObject({ httpStatus: 429, error: "ratelimited", channel: sales.id });
  });

  it("keeps channels independent: a 429 on one does not block another", async () => {
    const { client, ws, sales, wins, ana } = await setUp();
    for (let n = 0; n < 3; n += 1) await client.chat.postMessage({ channel: sales.id, text: "x" });
    expect(await retryAfterOf(client.chat.postMessage({ channel: sales.id, text: "x" }))).toBe(1);
    expect(await retryAfterOf(client.chat.postMessage({ channel: wins.id, text: "elsewhere" }))).toBeUndefined();
    expect(await retryAfterOf(client.chat.postMessage({ channel: ana.id, text: "a DM" }))).toBeUndefined();
    expect(ws.messages(wins.id)).toHaveLength(1);
  });

  it("counts a user id and its DM channel as the same channel", async () => {
    const { client, ana } = await setUp({ postMessage: { burst: 1 } });
    const dm = await client.conversations.open({ users: ana.id });
    await client.chat.postMessage({ channel: ana.id, text: "by user id" });
    expect(await retryAfterOf(client.chat.postMessage({ channel: dm.channel!.id!, text: "by DM id" }))).toBe(1);
  });

  it("applies a workspace-wide cap when one is configured", async () => {
    const { client, ws, sales, wins } = await setUp({ postMessage: { workspacePerMinute: 4 } });
    for (let n = 0; n < 2; n += 1) {
      await client.chat.postMessage({ channel: sales.id, text: "x" });
      await client.chat.postMessage({ channel: wins.id, text: "x" });
    }
    const third = ws.addChannel({ name: "third" });
    // Four per minute: the next slot opens 15 s later, whichever channel asks.
    expect(await retryAfterOf(client.chat.postMessage({ channel: third.id, text: "x" }))).toBe(15);
  });
});

describe("tiers", () => {
  it("holds users.lookupByEmail to Tier 3 (50 per minute) and users.info to Tier 4 (100 per minute)", async () => {
    const { client, clock, ana } = await setUp();
    for (let n = 0; n < 50; n += 1) await client.users.lookupByEmail({ email: "ana@acme.test" });
    // 50 per minute refills one call every 1.2 s, rounded up to whole seconds.
    expect(await retryAfterOf(client.users.lookupByEmail({ email: "ana@acme.test" }))).toBe(2);
    for (let n = 0; n < 100; n += 1) await client.users.info({ user: ana.id });
    expect(await retryAfterOf(client.users.info({ user: ana.id }))).toBe(1);
    clock.advance(1_200);
    expect(await retryAfterOf(client.users.lookupByEmail({ email: "ana@acme.test" }))).toBeUndefined();
  });

  it("limits each method separately", async () => {
    const { client, ana } = await setUp({ tiers: { 3: 2, 4: 2 } });
    await client.conversations.open({ users: ana.id });
    await client.conversations.open({ users: ana.id });
    expect(await retryAfterOf(client.conversations.open({ users: ana.id }))).toBe(30);
    expect(await retryAfterOf(client.users.lookupByEmail({ email: "ana@acme.test" }))).toBeUndefined();
    expect(await retryAfterOf(client.users.info({ user: ana.id }))).toBeUndefined();
  });

  it("takes explicit per-method numbers and a scale", async () => {
    const { client, ana, sales } = await setUp({ scale: 2, methods: { "users.info": { perMinute: 3 } } });
    for (let n = 0; n < 6; n += 1) await client.users.info({ user: ana.id });
    expect(await retryAfterOf(client.users.info({ user: ana.id }))).toBe(10);
    for (let n = 0; n < 6; n += 1) await client.chat.postMessage({ channel: sales.id, text: "x" });
    expect(await retryAfterOf(client.chat.postMessage({ channel: sales.id, text: "x" }))).toBe(1);
  });

  it("never answers 429 when rate limits are off", async () => {
    const { client, ws, sales } = await setUp(false);
    for (let n = 0; n < 30; n += 1) await client.chat.postMessage({ channel: sales.id, text: `${n}` });
    expect(ws.messages(sales.id)).toHaveLength(30);
  });

  it("forgets the buckets on reset", async () => {
    const { client, ws, sales } = await setUp({ postMessage: { burst: 1 } });
    await client.chat.postMessage({ channel: sales.id, text: "x" });
    ws.reset();
    expect(await retryAfterOf(client.chat.postMessage({ channel: sales.id, text: "x" }))).toBeUndefined();
  });
});
