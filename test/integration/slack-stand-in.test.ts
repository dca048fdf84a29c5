// The stand-in driven by the real @slack/web-api client: each method's happy path and the
// errors the bot must handle.
import { ErrorCode, LogLevel, WebClient, type WebAPIPlatformError } from "@slack/web-api";
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock, createSlackStandIn, type SlackStandIn } from "../../src/slack-stand-in/index.js";

const START = Date.UTC(2025, 2, 3, 9, 0, 0); // Monday 3 March 2025, 09:00 UTC

let standIn: SlackStandIn | undefined;

afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

async function setUp() {
  const clock = createManualClock(START);
  standIn = createSlackStandIn({ clock: clock.now, rateLimits: false, teamId: "T0SALES", teamName: "Acme Sales" });
  await standIn.start();
  const ws = standIn.workspace;
  const ana = ws.addUser({ name: "ana.ruiz", realName: "Ana Ruiz", email: "Ana.Ruiz@acme.test", tz: "Europe/Madrid", locale: "es-ES" });
  const bo = ws.addUser({ name: "bo.lind", realName: "Bo Lind", email: "bo@acme.test", tz: "America/New_York" });
  const sales = ws.addChannel({ name: "sales" });
  const leadership = ws.addChannel({ name: "leadership", isPrivate: true, botIsMember: false, memberIds: [ana.id] });
  const client = new WebClient(standIn.botToken, { slackApiUrl: standIn.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  return { standIn, ws, clock, client, ana, bo, sales, leadership };
}

async function slackError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const platform = error as WebAPIPlatformError;
    expect(platform.code).toBe(ErrorCode.PlatformError);
    return platform.data.error;
  }
  throw new Error("expected the call to fail");
}

describe("authentication", () => {
  it("auth.test names the workspace and the bot", async () => {
    const { client, ws } = await setUp();
    const result = await client.auth.test();
    expect(result).toMatchObject({ ok: true, team_id: "T0SALES", team: "Acme Sales", user_id: ws.botUserId });
    expect(result.bot_id).toMatch(/^B/);
  });

  it("answers not_authed without a token and invalid_auth with a wrong one", async () => {
    const { standIn } = await setUp();
    const anonymous = new WebClient(undefined, { slackApiUrl: standIn.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    expect(await slackError(anonymous.auth.test())).toBe("not_authed");
    const wrong = new WebClient("xoxb-wrong", { slackApiUrl: standIn.url, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
    expect(await slackError(wrong.auth.test())).toBe("invalid_auth");
  });

  it("accepts JSON bodies and a token in the body, and refuses unknown methods", async () => {
    const { standIn, sales } = await setUp();
    const json = await fetch(`${standIn.url}chat.postMessage`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${standIn.botToken}` },
      body: JSON.stringify({ channel: sales.id, text: "json", metadata: { event_type: "x", event_payload: { a: 1 } } }),
    });
    expect(await json.json()).toMatchObject({ ok: true, channel: sales.id, message: { metadata: { event_type: "x" } } });
    const form = await fetch(`${standIn.url}auth.test`, { method: "POST", body: new URLSearchParams({ token: standIn.botToken }) });
    expect(await form.json()).toMatchObject({ ok: true });
    const unknown = await fetch(`${standIn.url}chat.nope`, { method: "POST", headers: { authorization: `Bearer ${standIn.botToken}` } });
    expect(await unknown.json()).toEqual({ ok: false, error: "unknown_method" });
  });
});

describe("users", () => {
  it("users.info gives email, time zone and, when asked, locale", async () => {
    const { client, ana } = await setUp();
    const plain = await client.users.info({ user: ana.id });
    expect(plain.user).toMatchObject({ id: ana.id, real_name: "Ana Ruiz", tz: "Europe/Madrid", tz_offset: 3600, profile: { email: "ana.ruiz@acme.test" } });
    expect(plain.user).not.toHaveProperty("locale");
    const withLocale = await client.users.info({ user: ana.id, include_locale: true });
    expect(withLocale.user?.locale).toBe("es-ES");
  });

  it("users.info reports user_not_found", async () => {
    const { client } = await setUp();
    expect(await slackError(client.users.info({ user: "U404" }))).toBe("user_not_found");
  });

  it("users.lookupByEmail ignores case and reports users_not_found", async () => {
    const { client, ana } = await setUp();
    const found = await client.users.lookupByEmail({ email: "ANA.RUIZ@acme.test" });
    expect(found.user?.id).toBe(ana.id);
    expect(await slackError(client.users.lookupByEmail({ email: "nobody@acme.test" }))).toBe("users_not_found");
  });
});

describe("conversations.open", () => {
  it("opens one DM per user and says so when it was already open", async () => {
    const { client, ws, ana } = await setUp();
    const first = await client.conversations.open({ users: ana.id });
    expect(first.channel?.id).toMatch(/^D/);
    expect(first.already_open).toBeUndefined();
    const again = await client.conversations.open({ users: ana.id, return_im: true });
    expect(again).toMatchObject({ already_open: true, channel: { id: first.channel?.id, is_im: true, user: ana.id } });
    expect(ws.dmChannelFor(ana.id)).toBe(first.channel?.id);
  });

  it("refuses deactivated and unknown users", async () => {
    const { client, ws, bo } = await setUp();
    ws.deactivateUser(bo.id);
    expect(await slackError(client.conversations.open({ users: bo.id }))).toBe("user_disabled");
    expect(await slackError(client.conversations.open({ users: "U404" }))).toBe("user_not_found");
  });
});

describe("chat.postMessage", () => {
  it("stores text, blocks and metadata and answers ts, channel and message", async () => {
    const { client, ws, sales } = await setUp();
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*Q1 quota*: 72%" } }];
    const metadata = { event_type: "quota_digest", event_payload: { delivery_id: "d-1", week: "2025-W10" } };
    const result = await client.chat.postMessage({ channel: sales.id, text: "Q1 quota: 72%", blocks, metadata });
    expect(result).toMatchObject({ ok: true, channel: sales.id, message: { text: "Q1 quota: 72%", blocks, metadata, bot_id: expect.any(String) } });
    expect(result.ts).toBe(`${START / 1000}.000000`);
    const [stored] = ws.messages(sales.id);
    expect(stored).toMatchObject({ ts: result.ts, text: "Q1 quota: 72%", blocks, metadata, user: ws.botUserId });
  });

  it("hands out strictly increasing ts even when the clock stands still", async () => {
    const { client, sales } = await setUp();
    const first = await client.chat.postMessage({ channel: sales.id, text: "one" });
    const second = await client.chat.postMessage({ channel: sales.id, text: "two" });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(second.ts).toBe(`${START / 1000}.000001`);
  });

  it("posts to a user id in the app's DM with that user", async () => {
    const { client, ws, bo } = await setUp();
    const result = await client.chat.postMessage({ channel: bo.id, text: "Your weekly digest" });
    expect(result.channel).toBe(ws.dmChannelFor(bo.id));
    expect(ws.dmMessagesFor(bo.id).map((message) => message.text)).toEqual(["Your weekly digest"]);
  });

  it("reports channel_not_found, not_in_channel, account_inactive and no_text", async () => {
    const { client, ws, bo, leadership, sales } = await setUp();
    expect(await slackError(client.chat.postMessage({ channel: "C404", text: "x" }))).toBe("channel_not_found");
    expect(await slackError(client.chat.postMessage({ channel: leadership.id, text: "x" }))).toBe("not_in_channel");
    const dm = await client.conversations.open({ users: bo.id });
    ws.deactivateUser(bo.id);
    expect(await slackError(client.chat.postMessage({ channel: dm.channel!.id!, text: "x" }))).toBe("account_inactive");
    expect(await slackError(client.apiCall("chat.postMessage", { channel: sales.id }))).toBe("no_text");
    expect(ws.messages(sales.id)).toEqual([]);
  });

  it("refuses malformed metadata", async () => {
    const { client, sales } = await setUp();
    const error = await slackError(client.apiCall("chat.postMessage", { channel: sales.id, text: "x", metadata: { event_type: "bad type!", event_payload: {} } }));
    expect(error).toBe("invalid_metadata_format");
  });
});

describe("chat.postEphemeral", () => {
  it("stores the ephemeral for its user and answers message_ts", async () => {
    const { client, ws, ana, sales } = await setUp();
    const result = await client.chat.postEphemeral({ channel: sales.id, user: ana.id, text: "Only you can see this" });
    expect(result.message_ts).toMatch(/^\d+\.\d{6}$/);
    expect(ws.ephemerals(ana.id)).toMatchObject([{ channel: sales.id, user: ana.id, text: "Only you can see this", ts: result.message_ts }]);
    expect(ws.messages(sales.id)).toEqual([]);
  });

  it("reports user_not_in_channel for someone outside a private channel", async () => {
    const { client, ws, bo } = await setUp();
    const deals = ws.addChannel({ name: "deals", isPrivate: true, memberIds: [] });
    expect(await slackError(client.chat.postEphemeral({ channel: deals.id, user: bo.id, text: "x" }))).toBe("user_not_in_channel");
  });
});

describe("chat.update", () => {
  it("replaces the app's own message", async () => {
    const { client, ws, clock, sales } = await setUp();
    const posted = await client.chat.postMessage({ channel: sales.id, text: "Forecast: pending" });
    clock.advance(5_000);
    const updated = await client.chat.update({ channel: sales.id, ts: posted.ts!, text: "Forecast: submitted" });
    expect(updated).toMatchObject({ ok: true, channel: sales.id, ts: posted.ts, text: "Forecast: submitted" });
    expect(ws.messages(sales.id)).toMatchObject([{ ts: posted.ts, text: "Forecast: submitted", editedTs: `${START / 1000 + 5}.000000` }]);
  });

  it("reports message_not_found and cant_update_message", async () => {
    const { client, ws, ana, sales } = await setUp();
    expect(await slackError(client.chat.update({ channel: sales.id, ts: "1.000001", text: "x" }))).toBe("message_not_found");
    const human = ws.addMessage(sales.id, { user: ana.id, text: "hello" });
    expect(await slackError(client.chat.update({ channel: sales.id, ts: human.ts, text: "x" }))).toBe("cant_update_message");
  });
});

describe("views", () => {
  const modal = { type: "modal" as const, callback_id: "forecast_call", title: { type: "plain_text" as const, text: "Forecast" }, blocks: [] };

  it("views.open exchanges a minted trigger once, within three seconds", async () => {
    const { client, ws, clock, ana } = await setUp();
    const trigger = ws.createTriggerId(ana.id);
    const opened = await client.views.open({ trigger_id: trigger, view: modal });
    expect(opened.view).toMatchObject({ id: expect.stringMatching(/^V/), type: "modal", callback_id: "forecast_call" });
    expect(ws.views(ana.id)).toHaveLength(1);
    expect(await slackError(client.views.open({ trigger_id: trigger, view: modal }))).toBe("exchanged_trigger_id");
    const late = ws.createTriggerId(ana.id);
    clock.advance(3_001);
    expect(await slackError(client.views.open({ trigger_id: late, view: modal }))).toBe("expired_trigger_id");
    expect(await slackError(client.views.open({ trigger_id: "garbage", view: modal }))).toBe("invalid_trigger_id");
  });

  it("views.update checks the hash and hands out a new one", async () => {
    const { client, ws, ana } = await setUp();
    const opened = await client.views.open({ trigger_id: ws.createTriggerId(ana.id), view: modal });
    const updated = await client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: { ...modal, private_metadata: "step-2" } });
    expect(updated.view).toMatchObject({ id: opened.view!.id, private_metadata: "step-2" });
    expect(updated.view!.hash).not.toBe(opened.view!.hash);
    expect(await slackError(client.views.update({ view_id: opened.view!.id!, hash: opened.view!.hash!, view: modal }))).toBe("hash_conflict");
    expect(await slackError(client.views.update({ view_id: "V404", view: modal }))).toBe("not_found");
  });

  it("views.publish keeps one App Home per user", async () => {
    const { client, ws, ana } = await setUp();
    const home = { type: "home" as const, blocks: [{ type: "section", text: { type: "mrkdwn", text: "Attainment 64%" } }] };
    const first = await client.views.publish({ user_id: ana.id, view: home });
    const second = await client.views.publish({ user_id: ana.id, view: { ...home, blocks: [] } });
    expect(second.view!.id).toBe(first.view!.id);
    expect(ws.homeView(ana.id)?.payload).toMatchObject({ blocks: [] });
  });

  it("explains invalid arguments in response_metadata", async () => {
    const { client } = await setUp();
    try {
      await client.apiCall("views.open", { trigger_id: "1.2.abc" });
      throw new Error("expected a failure");
    } catch (error) {
      const platform = error as WebAPIPlatformError;
      expect(platform.data.error).toBe("invalid_arguments");
      expect(platform.data.response_metadata?.messages?.[0]).toContain("[ERROR]");
    }
  });
});

describe("conversations.history", () => {
  it("lists newest first and returns metadata only when asked", async () => {
    const { client, clock, sales } = await setUp();
    for (const [index, text] of ["first", "second", "third"].entries()) {
      await client.chat.postMessage({ channel: sales.id, text, metadata: { event_type: "digest", event_payload: { n: index } } });
      clock.advance(1_000);
    }
    const plain = await client.conversations.history({ channel: sales.id });
    expect(plain.messages?.map((message) => message.text)).toEqual(["third", "second", "first"]);
    expect(plain.messages?.[0]).not.toHaveProperty("metadata");
    const withMetadata = await client.conversations.history({ channel: sales.id, include_all_metadata: true });
    expect(withMetadata.messages?.[0]?.metadata).toEqual({ event_type: "digest", event_payload: { n: 2 } });
  });

  it("honours oldest, latest and inclusive", async () => {
    const { client, clock, sales } = await setUp();
    const ts: string[] = [];
    for (const text of ["a", "b", "c", "d"]) {
      ts.push((await client.chat.postMessage({ channel: sales.id, text })).ts!);
      clock.advance(1_000);
    }
    const window = await client.conversations.history({ channel: sales.id, oldest: ts[0], latest: ts[3] });
    expect(window.messages?.map((message) => message.text)).toEqual(["c", "b"]);
    const inclusive = await client.conversations.history({ channel: sales.id, oldest: ts[0], latest: ts[3], inclusive: true });
    expect(inclusive.messages?.map((message) => message.text)).toEqual(["d", "c", "b", "a"]);
  });

  it("pages with cursors until has_more is false", async () => {
    const { client, clock, sales } = await setUp();
    for (let n = 1; n <= 5; n += 1) {
      await client.chat.postMessage({ channel: sales.id, text: `m${n}` });
      clock.advance(10);
    }
    const first = await client.conversations.history({ channel: sales.id, limit: 2 });
    expect(first.has_more).toBe(true);
    const texts: string[] = [];
    for await (const page of client.paginate("conversations.history", { channel: sales.id, limit: 2 })) {
      const messages = (page as { messages?: Array<{ text: string }> }).messages ?? [];
      texts.push(...messages.map((message) => message.text));
    }
    expect(texts).toEqual(["m5", "m4", "m3", "m2", "m1"]);
    expect(await slackError(client.conversations.history({ channel: sales.id, cursor: "bm9wZQ==" }))).toBe("invalid_cursor");
  });

  it("reports not_in_channel and channel_not_found", async () => {
    const { client, leadership } = await setUp();
    expect(await slackError(client.conversations.history({ channel: leadership.id }))).toBe("not_in_channel");
    expect(await slackError(client.conversations.history({ channel: "C404" }))).toBe("channel_not_found");
  });
});

describe("workspace", () => {
  it("counts calls, forgets activity on reset and restores from a snapshot", async () => {
    const { client, ws, sales, ana } = await setUp();
    await client.chat.postMessage({ channel: sales.id, text: "hello" });
    await slackError(client.users.info({ user: "U404" }));
    expect(ws.calls()).toBe(2);
    expect(ws.calls("users.info")).toBe(1);
    expect(ws.callLog("users.info")[0]).toMatchObject({ ok: false, error: "user_not_found", httpStatus: 200 });

    const saved = ws.snapshot();
    ws.reset();
    expect(ws.messages(sales.id)).toEqual([]);
    expect(ws.calls()).toBe(0);
    expect(ws.user(ana.id)?.email).toBe("ana.ruiz@acme.test");

    const restored = createSlackStandIn({ initialState: saved, rateLimits: false });
    expect(restored.workspace.messages(sales.id).map((message) => message.text)).toEqual(["hello"]);
  });
});
