// The Slack ChatPort against the Slack stand-in: what it sends, how it stamps messages, how it
// maps Slack's failures, and how it finds a message whose answer was lost.
import { afterEach, describe, expect, it } from "vitest";
import type { SendResult } from "../../src/core/chat-port.js";
import { ANY_CHANNEL, createSlackChatPort, DELIVERY_EVENT_TYPE } from "../../src/slack/chat-port.js";
import { createManualClock, createSlackStandIn, type SlackStandIn } from "../../src/slack-stand-in/index.js";

let standIn: SlackStandIn | undefined;

afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

const START = Date.UTC(2025, 2, 3, 9, 0, 0);

async function setUp(options: { rateLimits?: false } = {}) {
  const clock = createManualClock(START);
  standIn = createSlackStandIn({ clock: clock.now, ...(options.rateLimits === false ? { rateLimits: false } : {}) });
  await standIn.start();
  const ws = standIn.workspace;
  const port = createSlackChatPort({ botToken: standIn.botToken, apiUrl: standIn.url, timeoutMs: 5_000 });
  return { ws, port, clock };
}

function sent(result: SendResult): { channel: string; ts: string } {
  if (!result.ok) throw new Error(`expected a sent message, got ${JSON.stringify(result)}`);
  return result;
}

describe("Slack ChatPort: send", () => {
  it("posts to a channel, stamped with the delivery id in the message metadata", async () => {
    const { ws, port } = await setUp();
    const sales = ws.addChannel({ name: "sales" });
    const result = sent(await port.send(sales.id, { text: "Weekly digest" }, "d-1"));
    const messages = ws.messages(sales.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ text: "Weekly digest", ts: result.ts, metadata: { event_type: "salesops_delivery", event_payload: { delivery_id: "d-1" } } });
    expect(result.channel).toBe(sales.id);
  });

  it("posts to a user id as the bot's DM with that user", async () => {
    const { ws, port } = await setUp();
    const ana = ws.addUser({ name: "ana" });
    const result = sent(await port.send(ana.id, { text: "Your pulse survey", blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Hi*" } }] }, "d-2"));
    expect(result.channel).toBe(ws.dmChannelFor(ana.id));
    expect(result.channel.startsWith("D")).toBe(true);
    expect(ws.dmMessagesFor(ana.id)).toMatchObject([{ text: "Your pulse survey", blocks: [{ type: "section" }] }]);
  });

  it("uploads an image as a private file and shows it with an image block in the one message", async () => {
    const { ws, port } = await setUp();
    const sales = ws.addChannel({ name: "sales" });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const message = { text: "Forecast trend", image: { png, filename: "trend.png", title: "Forecast trend", altText: "Commit rose from 1.2M to 1.5M" } };
    sent(await port.send(sales.id, message, "d-3"));
    const files = ws.files();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ filename: "trend.png", title: "Forecast trend", altText: "Commit rose from 1.2M to 1.5M", shares: [] });
    expect([...ws.file(files[0]!.id)!.bytes!]).toEqual([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const messages = ws.messages(sales.id);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.blocks).toEqual([
      { type: "section", text: { type: "mrkdwn", text: "Forecast trend" } },
      { type: "image", slack_file: { id: files[0]!.id }, alt_text: "Commit rose from 1.2M to 1.5M", title: { type: "plain_text", text: "Forecast trend" } },
    ]);
  });

  it("maps Slack's refusals: permanent reasons, transient errors and rate limits", async () => {
    // The stand-in's own limits are off here: every 429 below is scripted.
    const { ws, port } = await setUp({ rateLimits: false });
    const sales = ws.addChannel({ name: "sales" });
    const ana = ws.addUser({ name: "ana" });
    const outside = ws.addChannel({ name: "private-club", botIsMember: false });
    const archived = ws.addChannel({ name: "old", isArchived: true });
    ws.deactivateUser(ana.id);

    expect(await port.send("C0NOSUCH1", { text: "x" }, "d")).toMatchObject({ ok: false, kind: "permanent", reason: "channel_not_found" });
    expect(await port.send(ana.id, { text: "x" }, "d")).toMatchObject({ ok: false, kind: "permanent", reason: "account_inactive" });
    expect(await port.send(outside.id, { text: "x" }, "d")).toMatchObject({ ok: false, kind: "permanent", reason: "not_in_channel" });
    expect(await port.send(archived.id, { text: "x" }, "d")).toMatchObject({ ok: false, kind: "permanent", reason: "is_archived" });

    ws.failNext("chat.postMessage", { status: 503 });
    expect(await port.send(sales.id, { text: "x" }, "d")).toMatchObject({ ok: false, kind: "transient", message: "chat.postMessage: HTTP 503" });
    ws.failNext("chat.postMessage", { error: "internal_error" });
    expect(await port.send(sales.id, { text: "x" }, "d")).toMatchObject({ ok: false, kind: "transient" });
    ws.failNext("chat.postMessage", { dropResponseAfterCommit: true });
    expect(await port.send(sales.id, { text: "x" }, "d")).toMatchObject({ ok: false, kind: "transient" });
    ws.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 7 });
    expect(await port.send(sales.id, { text: "x" }, "d")).toEqual({
      ok: false,
      kind: "rate_limited",
      method: "chat.postMessage",
      channel: sales.id,
      retryAfterMs: 7_000,
      message: "chat.postMessage: rate limited, retry after 7 s",
    });
    // A workspace-wide method's limit covers every channel.
    ws.failNext("files.getUploadURLExternal", { status: 429, retryAfterSeconds: 3 });
    const withImage = { text: "x", image: { png: new Uint8Array([1]), filename: "a.png", title: "a", altText: "a" } };
    expect(await port.send(sales.id, withImage, "d")).toMatchObject({ ok: false, kind: "rate_limited", method: "files.getUploadURLExternal", channel: ANY_CHANNEL, retryAfterMs: 3_000 });
    // Only the dropped answer stored a message.
    expect(ws.messages(sales.id)).toHaveLength(1);
  });

  it("meets Slack's own 429 once a channel's burst is spent (3, then 1 per second)", async () => {
    const { ws, port } = await setUp();
    const sales = ws.addChannel({ name: "sales" });
    for (let n = 1; n <= 3; n += 1) sent(await port.send(sales.id, { text: `m${n}` }, `d-${n}`));
    // The manual clock has not moved: the bucket is empty and refills one token in 1000 ms.
    expect(await port.send(sales.id, { text: "m4" }, "d-4")).toMatchObject({ ok: false, kind: "rate_limited", channel: sales.id, retryAfterMs: 1_000 });
  });
});

describe("Slack ChatPort: findDelivered", () => {
  it("finds a message whose answer was lost, by its delivery id, in a DM", async () => {
    const { ws, port } = await setUp();
    const ana = ws.addUser({ name: "ana" });
    ws.failNext("chat.postMessage", { dropResponseAfterCommit: true });
    expect(await port.send(ana.id, { text: "Survey" }, "d-lost")).toMatchObject({ ok: false, kind: "transient" });
    const [stored] = ws.dmMessagesFor(ana.id);
    const found = await port.findDelivered(ana.id, "d-lost", new Date(START - 60_000));
    expect(found).toEqual({ channel: ws.dmChannelFor(ana.id), ts: stored!.ts });
    expect(await port.findDelivered(ana.id, "d-other", new Date(START - 60_000))).toBeNull();
    // The DM channel is asked for once per user.
    expect(ws.calls("conversations.open")).toBe(1);
  });

  it("pages through a busy channel's history and ignores messages before `since`", async () => {
    const { ws, port, clock } = await setUp({ rateLimits: false });
    const sales = ws.addChannel({ name: "sales" });
    const person = ws.addUser({ name: "bob" });
    sent(await port.send(sales.id, { text: "old digest" }, "d-old"));
    clock.advance(120_000);
    sent(await port.send(sales.id, { text: "digest" }, "d-new"));
    // 450 later messages: the stamped one is on the third page of 200.
    for (let n = 0; n < 450; n += 1) {
      clock.advance(10);
      ws.addMessage(sales.id, { user: person.id, text: `chatter ${n}` });
    }
    const since = new Date(START + 60_000);
    expect(await port.findDelivered(sales.id, "d-new", since)).toEqual({ channel: sales.id, ts: ws.messages(sales.id)[1]!.ts });
    expect(ws.calls("conversations.history")).toBe(3);
    // Sent before `since`: not looked at.
    expect(await port.findDelivered(sales.id, "d-old", since)).toBeNull();
    expect(ws.messages(sales.id)[0]!.metadata).toEqual({ event_type: DELIVERY_EVENT_TYPE, event_payload: { delivery_id: "d-old" } });
  });

  it("reports a channel it cannot read as a permanent failure", async () => {
    const { port } = await setUp();
    expect(await port.findDelivered("C0NOSUCH1", "d", new Date(START))).toMatchObject({ kind: "permanent", reason: "channel_not_found" });
  });
});
