// Scripted failures for delivery-engine tests: HTTP errors, Slack errors, and an answer lost
// after the message was stored.
import { ErrorCode, LogLevel, WebClient, type WebAPIHTTPError, type WebAPIPlatformError, type WebAPIRateLimitedError } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock, createSlackStandIn, type SlackStandIn } from "../../src/slack-stand-in/index.js";

let standIn: SlackStandIn | undefined;

afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

async function setUp() {
  const clock = createManualClock(Date.UTC(2025, 2, 3, 9, 0, 0));
  standIn = createSlackStandIn({ clock: clock.now, rateLimits: false });
  await standIn.start();
  const ws = standIn.workspace;
  const client = new WebClient(standIn.botToken, {
    slackApiUrl: standIn.url,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logLevel: LogLevel.ERROR,
  });
  const sales = ws.addChannel({ name: "sales" });
  const wins = ws.addChannel({ name: "wins" });
  return { ws, client, sales, wins };
}

async function failure(promise: Promise<unknown>): Promise<{ code?: string; [key: string]: unknown }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string };
  }
  throw new Error("expected the call to fail");
}

describe("failNext", () => {
  it("answers an HTTP 500 without storing anything, once", async () => {
    const { client, ws, sales } = await setUp();
    ws.failNext("chat.postMessage", { status: 500 });
    const error = (await failure(client.chat.postMessage({ channel: sales.id, text: "x" }))) as unknown as WebAPIHTTPError;
    expect(error.code).toBe(ErrorCode.HTTPError);
    expect(error.statusCode).toBe(500);
    expect(ws.messages(sales.id)).toEqual([]);
    await client.chat.postMessage({ channel: sales.id, text: "second try" });
    expect(ws.messages(sales.id)).toHaveLength(1);
    expect(ws.callLog("chat.postMessage").map((call) => call.httpStatus)).toEqual([500, 200]);
  });

  it("answers a Slack error such as channel_not_found", async () => {
    const { client, ws, sales } = await setUp();
    ws.failNext("chat.postMessage", { error: "channel_not_found" });
    const error = (await failure(client.chat.postMessage({ channel: sales.id, text: "x" }))) as unknown as WebAPIPlatformError;
    expect(error.data.error).toBe("channel_not_found");
    expect(ws.messages(sales.id)).toEqual([]);
  });

  it("answers a 429 with the Retry-After it was given", async () => {
    const { client, ws } = await setUp();
    ws.failNext("users.info", { status: 429, retryAfterSeconds: 7 });
    const error = (await failure(client.users.info({ user: ws.botUserId }))) as unknown as WebAPIRateLimitedError;
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
  });

  it("stores the message but drops the answer when asked to lose it after commit", async () => {
    const { client, ws, sales } = await setUp();
    const metadata = { event_type: "delivery", event_payload: { delivery_id: "d-42" } };
    ws.failNext("chat.postMessage", { dropResponseAfterCommit: true });
    const error = await failure(client.chat.postMessage({ channel: sales.id, text: "digest", metadata }));
    expect(error.code).toBe(ErrorCode.RequestError);
    expect(ws.messages(sales.id)).toMatchObject([{ text: "digest", metadata }]);
    // What an idempotent sender would do next: look for its own delivery before posting again.
    const history = await client.conversations.history({ channel: sales.id, include_all_metadata: true });
    expect(history.messages?.[0]?.metadata?.event_payload).toEqual({ delivery_id: "d-42" });
    expect(ws.callLog("chat.postMessage")).toMatchObject([{ ok: true, fault: "dropResponseAfterCommit" }]);
  });

  it("matches by argument and repeats as many times as asked", async () => {
    const { client, ws, sales, wins } = await setUp();
    ws.failNext("chat.postMessage", { error: "channel_not_found" }, { times: 2, when: (args) => args["channel"] === wins.id });
    await client.chat.postMessage({ channel: sales.id, text: "unaffected" });
    for (let n = 0; n < 2; n += 1) await failure(client.chat.postMessage({ channel: wins.id, text: "x" }));
    await client.chat.postMessage({ channel: wins.id, text: "third time" });
    expect(ws.messages(wins.id).map((message) => message.text)).toEqual(["third time"]);
    expect(ws.messages(sales.id)).toHaveLength(1);
  });

  it("can fail a response_url post", async () => {
    const { ws, sales } = await setUp();
    const user = ws.addUser({ name: "ana" });
    const minted = ws.createResponseUrl(sales.id, user.id);
    ws.failNext("response_url", { status: 503 });
    const answer = await fetch(minted.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text: "x" }) });
    expect(answer.status).toBe(503);
    expect(ws.ephemerals(user.id)).toEqual([]);
  });

  it("is cleared by reset", async () => {
    const { client, ws, sales } = await setUp();
    ws.failNext("chat.postMessage", { status: 500 });
    ws.reset();
    await client.chat.postMessage({ channel: sales.id, text: "fine" });
    expect(ws.messages(sales.id)).toHaveLength(1);
  });
});
