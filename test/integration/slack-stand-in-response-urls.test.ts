// response_urls minted by the stand-in, posted to as Bolt's respond() does (JSON), with
// Slack's limit of five uses within thirty minutes.
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock, createSlackStandIn, type SlackStandIn } from "../../src/slack-stand-in/index.js";

let standIn: SlackStandIn | undefined;

afterEach(async () => {
  await standIn?.stop();
  standIn = undefined;
});

async function setUp() {
  const clock = createManualClock(Date.UTC(2025, 2, 3, 9, 0, 0));
  standIn = createSlackStandIn({ clock: clock.now });
  await standIn.start();
  const ws = standIn.workspace;
  const ana = ws.addUser({ name: "ana" });
  const sales = ws.addChannel({ name: "sales" });
  return { ws, clock, ana, sales };
}

function respond(url: string, body: Record<string, unknown>): Promise<Response> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

describe("response_url", () => {
  it("stores an ephemeral reply for the user who ran the command", async () => {
    const { ws, ana, sales } = await setUp();
    const minted = ws.createResponseUrl(sales.id, ana.id);
    expect(minted.url).toMatch(new RegExp(`^${standIn!.origin}/commands/${ws.teamId}/${minted.id}/`));
    const answer = await respond(minted.url, { text: "Your attainment is 72%" });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ ok: true });
    expect(ws.ephemerals(ana.id)).toMatchObject([{ channel: sales.id, text: "Your attainment is 72%", via: "response_url", responseUrlId: minted.id }]);
    expect(ws.responses(minted.id)).toMatchObject([{ accepted: true, body: { text: "Your attainment is 72%" } }]);
    expect(ws.messages(sales.id)).toEqual([]);
  });

  it("posts in_channel replies as channel messages", async () => {
    const { ws, ana, sales } = await setUp();
    const minted = ws.createResponseUrl(sales.id, ana.id);
    await respond(minted.url, { response_type: "in_channel", text: "Team attainment: 68%", blocks: [{ type: "divider" }] });
    expect(ws.messages(sales.id)).toMatchObject([{ text: "Team attainment: 68%", blocks: [{ type: "divider" }], via: "response_url" }]);
  });

  it("accepts five uses and refuses the sixth", async () => {
    const { ws, ana, sales } = await setUp();
    const minted = ws.createResponseUrl(sales.id, ana.id);
    for (let n = 1; n <= 5; n += 1) expect((await respond(minted.url, { text: `update ${n}` })).status).toBe(200);
    const sixth = await respond(minted.url, { text: "update 6" });
    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: "used_url" });
    expect(ws.responses(minted.id).map((post) => post.accepted)).toEqual([true, true, true, true, true, false]);
    expect(ws.ephemerals(ana.id)).toHaveLength(5);
  });

  it("expires thirty minutes after it was minted", async () => {
    const { ws, clock, ana, sales } = await setUp();
    const minted = ws.createResponseUrl(sales.id, ana.id);
    clock.advance(30 * 60_000);
    expect((await respond(minted.url, { text: "just in time" })).status).toBe(200);
    clock.advance(1);
    const late = await respond(minted.url, { text: "too late" });
    expect(late.status).toBe(404);
    expect(await late.json()).toEqual({ ok: false, error: "expired_url" });
  });

  it("replaces or deletes the message an interaction came from", async () => {
    const { ws, ana, sales } = await setUp();
    const original = ws.addMessage(sales.id, { user: ws.botUserId, text: "Submit your forecast" });
    const minted = ws.createResponseUrl(sales.id, ana.id, { originalMessageTs: original.ts });
    await respond(minted.url, { replace_original: true, text: "Forecast submitted" });
    expect(ws.messages(sales.id)).toMatchObject([{ ts: original.ts, text: "Forecast submitted" }]);
    await respond(minted.url, { delete_original: "true" });
    expect(ws.messages(sales.id)).toEqual([]);
  });

  it("marks the previous ephemeral replaced when a slash command reply is replaced", async () => {
    const { ws, ana, sales } = await setUp();
    const minted = ws.createResponseUrl(sales.id, ana.id);
    await respond(minted.url, { text: "Working on it…" });
    await respond(minted.url, { replace_original: true, text: "Done" });
    const [first, second] = ws.ephemerals(ana.id);
    expect(first).toMatchObject({ text: "Working on it…", replacedAt: expect.any(Number) });
    expect(second).toMatchObject({ text: "Done" });
    expect(second?.replacedAt).toBeUndefined();
  });

  it("refuses unknown URLs and malformed payloads", async () => {
    const { ws, ana, sales } = await setUp();
    const minted = ws.createResponseUrl(sales.id, ana.id);
    expect((await respond(`${minted.url}x`, { text: "x" })).status).toBe(404);
    const bad = await respond(minted.url, { response_type: "shout" });
    expect(bad.status).toBe(400);
    expect(ws.responses(minted.id)).toMatchObject([{ accepted: false, error: "invalid_payload" }]);
  });

  it("needs a started server to mint URLs", () => {
    const idle = createSlackStandIn();
    expect(() => idle.workspace.createResponseUrl("C1", "U1")).toThrow(/not started/);
  });
});
