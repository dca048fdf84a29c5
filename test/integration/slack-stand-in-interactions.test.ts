// The stand-in's interactions: a click on a stored message's button or select, and the
// submission of an open modal, built as Slack builds them, signed, and POSTed to an app — here a
// plain HTTP server that checks the signature the way Bolt does and records what arrived.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { verifySlackRequest } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackStandIn, InteractionError, LOCAL_CONTROL_PREFIX, type SlackStandIn } from "../../src/slack-stand-in/index.js";

const SIGNING_SECRET = "interactions-signing-secret-0123456789";

interface Received {
  payload: Record<string, unknown>;
}

let app: http.Server;
let appUrl: string;
let standIn: SlackStandIn;
const received: Received[] = [];
/** What the app answers to the next request (an acknowledgement body). */
let nextAck = "";
let userId: string;
let outsiderId: string;
let channelId: string;
let messageTs: string;

async function webApi(method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = await fetch(`${standIn.url}${method}`, {
    method: "POST",
    headers: { authorization: `Bearer ${standIn.botToken}`, "content-type": "application/json" },
    body: JSON.stringify(args),
  });
  return (await response.json()) as Record<string, unknown>;
}

const CONTROL_SECRET = "interactions-test-control-secret";

async function control(path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers = { authorization: `Bearer ${CONTROL_SECRET}`, "content-type": "application/json" };
  const response = await fetch(`${standIn.origin}${LOCAL_CONTROL_PREFIX}${path}`, body === undefined ? { headers } : { method: "POST", headers, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const BLOCKS = [
  { type: "section", text: { type: "mrkdwn", text: "*1. How was your week?*" } },
  {
    type: "actions",
    block_id: "row-1",
    elements: [
      { type: "button", action_id: "answer:good", text: { type: "plain_text", text: "Good" }, value: "good", style: "primary" },
      { type: "button", action_id: "answer:hard", text: { type: "plain_text", text: "Hard" }, value: "hard" },
    ],
  },
  {
    type: "actions",
    block_id: "row-2",
    elements: [
      {
        type: "static_select",
        action_id: "answer:select",
        placeholder: { type: "plain_text", text: "Choose" },
        options: [
          { text: { type: "plain_text", text: "CRM" }, value: "crm" },
          { text: { type: "plain_text", text: "Quoting" }, value: "quotes" },
        ],
      },
    ],
  },
];

beforeAll(async () => {
  app = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    request.on("end", () => {
      try {
        verifySlackRequest({
          signingSecret: SIGNING_SECRET,
          body,
          headers: { "x-slack-signature": String(request.headers["x-slack-signature"]), "x-slack-request-timestamp": Number(request.headers["x-slack-request-timestamp"]) },
        });
      } catch {
        response.writeHead(401).end("invalid signature");
        return;
      }
      expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
      received.push({ payload: JSON.parse(new URLSearchParams(body).get("payload")!) as Record<string, unknown> });
      response.writeHead(200, nextAck ? { "content-type": "application/json" } : {}).end(nextAck);
    });
  });
  await new Promise<void>((resolve) => app.listen(0, "127.0.0.1", resolve));
  appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/slack/events`;
  standIn = createSlackStandIn({ rateLimits: false, localControl: { secret: CONTROL_SECRET } });
  await standIn.start();
  userId = standIn.workspace.addUser({ name: "ana", email: "ana@example.test" }).id;
  outsiderId = standIn.workspace.addUser({ name: "ben", email: "ben@example.test" }).id;
  const posted = await webApi("chat.postMessage", { channel: userId, text: "Survey", blocks: BLOCKS });
  channelId = String(posted.channel);
  messageTs = String(posted.ts);
});

afterAll(async () => {
  await standIn?.stop();
  app?.closeAllConnections();
  await new Promise<void>((resolve) => app.close(() => resolve()));
});

beforeEach(() => {
  received.length = 0;
  nextAck = "";
  standIn.setInteractionTarget({ eventsUrl: appUrl, signingSecret: SIGNING_SECRET });
});

describe("clicking a stored message", () => {
  it("sends a signed block_actions payload naming the user, the message, the button and a fresh response_url", async () => {
    const outcome = await standIn.click({ user: userId, channel: channelId, ts: messageTs, blockId: "row-1", actionId: "answer:hard" });
    expect(outcome).toMatchObject({ status: 200, body: "" });
    expect(outcome.ackMs).toBeGreaterThan(0);
    const { payload } = received[0]!;
    expect(payload).toMatchObject({
      type: "block_actions",
      user: { id: userId, username: "ana", team_id: standIn.workspace.teamId },
      team: { id: standIn.workspace.teamId },
      container: { type: "message", message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
      channel: { id: channelId, name: "directmessage" },
      message: { ts: messageTs, blocks: BLOCKS },
      actions: [{ type: "button", action_id: "answer:hard", block_id: "row-1", value: "hard", text: { text: "Hard" } }],
    });
    expect(String(payload.trigger_id)).toBe(outcome.triggerId);
    // The response_url replaces the clicked message, as Slack's does.
    await fetch(String(payload.response_url), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ replace_original: true, text: "Thanks" }) });
    expect(standIn.workspace.messages(channelId).find((message) => message.ts === messageTs)).toMatchObject({ text: "Thanks" });
    expect(standIn.workspace.responses(outcome.responseUrlId)).toHaveLength(1);
    await webApi("chat.update", { channel: channelId, ts: messageTs, text: "Survey", blocks: BLOCKS });
  });

  it("reports the option picked in a select", async () => {
    await standIn.click({ user: userId, channel: channelId, ts: messageTs, blockId: "row-2", actionId: "answer:select", selectedValue: "quotes" });
    expect((received[0]!.payload.actions as unknown[])[0]).toMatchObject({
      type: "static_select",
      action_id: "answer:select",
      selected_option: { value: "quotes", text: { text: "Quoting" } },
    });
  });

  it("refuses what Slack could not send, before sending anything", async () => {
    const refused = async (input: Parameters<SlackStandIn["click"]>[0]) => {
      const error = await standIn.click(input).then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(InteractionError);
      return (error as InteractionError).code;
    };
    expect(await refused({ user: userId, channel: channelId, ts: "1.000001", blockId: "row-1", actionId: "answer:good" })).toBe("message_not_found");
    expect(await refused({ user: userId, channel: channelId, ts: messageTs, blockId: "row-1", actionId: "answer:meh" })).toBe("element_not_found");
    expect(await refused({ user: userId, channel: channelId, ts: messageTs, blockId: "row-2", actionId: "answer:select", selectedValue: "fax" })).toBe("element_not_found");
    expect(await refused({ user: "U0NOBODY", channel: channelId, ts: messageTs, blockId: "row-1", actionId: "answer:good" })).toBe("user_not_found");
    standIn.setInteractionTarget(undefined);
    expect(await refused({ user: userId, channel: channelId, ts: messageTs, blockId: "row-1", actionId: "answer:good" })).toBe("no_app");
    expect(received).toEqual([]);
  });
});

describe("submitting a modal", () => {
  async function openModal(): Promise<string> {
    const trigger = standIn.workspace.createTriggerId(userId);
    const opened = await webApi("views.open", {
      trigger_id: trigger,
      view: {
        type: "modal",
        callback_id: "comment",
        private_metadata: "round-1",
        title: { type: "plain_text", text: "Your comment" },
        blocks: [{ type: "input", block_id: "text-block", label: { type: "plain_text", text: "Anything else?" }, element: { type: "plain_text_input", action_id: "text", multiline: true } }],
      },
    });
    return String((opened.view as { id: string }).id);
  }

  it("sends the typed values in the view's state and closes the modal on an empty acknowledgement", async () => {
    const viewId = await openModal();
    const outcome = await standIn.submitView({ user: userId, viewId, values: { "text-block": { text: "More demos" } } });
    expect(outcome.status).toBe(200);
    expect(received[0]!.payload).toMatchObject({
      type: "view_submission",
      user: { id: userId },
      view: { id: viewId, callback_id: "comment", private_metadata: "round-1", state: { values: { "text-block": { text: { type: "plain_text_input", value: "More demos" } } } } },
    });
    expect(standIn.workspace.views(userId).find((view) => view.id === viewId)?.closedAt).toBeDefined();
    await expect(standIn.submitView({ user: userId, viewId, values: {} })).rejects.toMatchObject({ code: "view_not_found" });
  });

  it("keeps the modal open when the app answers with errors, and refuses an input it does not have or someone else's modal", async () => {
    const viewId = await openModal();
    nextAck = JSON.stringify({ response_action: "errors", errors: { "text-block": "Too short" } });
    await standIn.submitView({ user: userId, viewId, values: { "text-block": { text: "x" } } });
    expect(standIn.workspace.views(userId).find((view) => view.id === viewId)?.closedAt).toBeUndefined();
    await expect(standIn.submitView({ user: userId, viewId, values: { other: { text: "x" } } })).rejects.toMatchObject({ code: "input_not_found" });
    await expect(standIn.submitView({ user: outsiderId, viewId, values: {} })).rejects.toMatchObject({ code: "view_not_found" });
  });
});

describe("the control API", () => {
  it("clicks, lists open modals and private replies, and says why it cannot", async () => {
    const clicked = await control("interactions/click", { user: userId, channel: channelId, ts: messageTs, blockId: "row-1", actionId: "answer:good" });
    expect(clicked).toMatchObject({ status: 200, body: { ok: true, status: 200 } });
    expect(received).toHaveLength(1);
    expect(await control("interactions/click", { user: userId })).toMatchObject({ status: 400, body: { ok: false, error: "invalid_arguments" } });
    expect(await control("interactions/click", { user: userId, channel: channelId, ts: messageTs, blockId: "row-9", actionId: "x" })).toMatchObject({
      status: 404,
      body: { ok: false, error: "element_not_found" },
    });
    const trigger = standIn.workspace.createTriggerId(userId);
    await webApi("views.open", { trigger_id: trigger, view: { type: "modal", callback_id: "c", title: { type: "plain_text", text: "Form" }, blocks: [] } });
    const views = await control(`views?user=${userId}`);
    expect((views.body.views as Array<{ title: string; callbackId: string }>).at(-1)).toMatchObject({ title: "Form", callbackId: "c" });
    await webApi("chat.postEphemeral", { channel: channelId, user: userId, text: "Only you" });
    const ephemerals = await control(`ephemerals?user=${userId}&after=0`);
    expect(ephemerals.body).toMatchObject({ ok: true, total: 1, ephemerals: [{ text: "Only you" }] });
    standIn.setInteractionTarget({ eventsUrl: "http://127.0.0.1:9/slack/events", signingSecret: SIGNING_SECRET });
    expect(await control("interactions/click", { user: userId, channel: channelId, ts: messageTs, blockId: "row-1", actionId: "answer:good" })).toMatchObject({
      status: 502,
      body: { ok: false, error: "app_unreachable" },
    });
  });
});
