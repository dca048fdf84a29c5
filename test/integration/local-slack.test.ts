// Local mode's Slack workspace (seeded from the database, secrets kept in DATA_DIR, state kept
// across restarts, the /_local/ control API) and the chat CLI that talks to a bot through it.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { verifySlackRequest } from "@slack/bolt";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BOT_NOT_RUNNING, formatMessageTime, runChat, USAGE } from "../../src/cli/chat.js";
import { type LocalSlack, localSlackUserId, startLocalSlack } from "../../src/local/local-slack.js";
import { createLogger } from "../../src/logger.js";
import { createTestDatabase, type TestDatabase } from "../support/databases.js";

const logger = createLogger("silent");
const ANA_SLACK_ID = "U0ANA00001";
const APAC_CHANNEL = "C0APAC0001";

let testDatabase: TestDatabase;
let tenantId: string;
let benId: string;
const running: LocalSlack[] = [];
const servers: http.Server[] = [];
const dataDirs: string[] = [];

beforeAll(async () => {
  testDatabase = await createTestDatabase("pglite");
  const prisma = testDatabase.db.prisma;
  const tenant = await prisma.tenant.create({
    data: { name: "Tiny Sdn Bhd", currency: "MYR", timeZone: "Asia/Kuala_Lumpur", isDemo: true },
  });
  tenantId = tenant.id;
  const team = await prisma.team.create({
    data: { tenantId, name: "APAC Enterprise", timeZone: "Asia/Kuala_Lumpur", slackChannelId: APAC_CHANNEL },
  });
  await prisma.employee.create({
    data: {
      tenantId,
      email: "ana.ruiz@tiny.test",
      name: "Ana Ruiz",
      title: "Sales Manager",
      role: "manager",
      teamId: team.id,
      timeZone: "Asia/Kuala_Lumpur",
      locale: "ms",
      slackUserId: ANA_SLACK_ID,
    },
  });
  const ben = await prisma.employee.create({
    data: { tenantId, email: "ben.lee@tiny.test", name: "Ben Lee", role: "rep", teamId: team.id, timeZone: "Europe/London", locale: "en", active: false },
  });
  benId = ben.id;
});

afterAll(async () => {
  await testDatabase?.dispose();
});

afterEach(async () => {
  for (const local of running.splice(0)) await local.stop();
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  for (const dir of dataDirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function newDataDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "local-slack-"));
  dataDirs.push(dir);
  return path.join(dir, "data");
}

async function start(dataDir: string, extra: { signingSecret?: string; botUrl?: string; clock?: () => number } = {}): Promise<LocalSlack> {
  const local = await startLocalSlack({ dataDir, db: testDatabase.db, logger, ...extra });
  running.push(local);
  return local;
}

async function readLocalFile(dataDir: string): Promise<Record<string, string>> {
  return JSON.parse(await readFile(path.join(dataDir, "local-slack.json"), "utf8")) as Record<string, string>;
}

function webApi(local: LocalSlack, method: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  return fetch(`${local.apiUrl}${method}`, {
    method: "POST",
    headers: { authorization: `Bearer ${local.botToken}`, "content-type": "application/json" },
    body: JSON.stringify(args),
  }).then((response) => response.json() as Promise<Record<string, unknown>>);
}

/** A request to the control API, with the secret local-slack.json gives the chat CLI. */
function controlFetch(local: LocalSlack, url: string, init: RequestInit = {}): Promise<Response> {
  return fetch(url, { ...init, headers: { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${local.controlSecret}` } });
}

async function listen(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function readRaw(request: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function captureIo(dataDir: string, extra: { replyTimeoutMs?: number; timeZone?: string } = {}) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: { stdout: (line: string) => out.push(line), stderr: (line: string) => err.push(line), env: { DATA_DIR: dataDir }, ...extra },
  };
}

describe("startLocalSlack", () => {
  it("seeds the workspace from the demo tenant and stores the ids it assigns", async () => {
    const dataDir = await newDataDir();
    const local = await start(dataDir);
    const ws = local.workspace;

    const tenant = await testDatabase.db.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId } });
    expect(tenant.slackTeamId).toBe(local.teamId);
    expect(ws.teamId).toBe(local.teamId);

    expect(ws.user(ANA_SLACK_ID)).toMatchObject({ name: "ana.ruiz", realName: "Ana Ruiz", email: "ana.ruiz@tiny.test", tz: "Asia/Kuala_Lumpur", locale: "ms-MY", deleted: false });
    const ben = await testDatabase.db.prisma.employee.findUniqueOrThrow({ where: { id: benId } });
    expect(ben.slackUserId).toBe(localSlackUserId(tenantId, benId));
    expect(ws.user(ben.slackUserId!)).toMatchObject({ realName: "Ben Lee", tz: "Europe/London", locale: "en-US", deleted: true });
    expect(ws.channel(APAC_CHANNEL)).toMatchObject({ name: "apac-enterprise", botIsMember: true });

    // The Web API answers with the local bot token, as Bolt will call it.
    expect(await webApi(local, "users.lookupByEmail", { email: "Ana.Ruiz@tiny.test" })).toMatchObject({ ok: true, user: { id: ANA_SLACK_ID } });
    expect(await webApi(local, "auth.test", {})).toMatchObject({ ok: true, team_id: local.teamId });
  });

  it("generates the signing secret and bot token once, keeps them private, and reuses them", async () => {
    const dataDir = await newDataDir();
    const first = await start(dataDir);
    expect(first.signingSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(first.botToken).toMatch(/^xoxb-local-[0-9a-f]+$/);
    const file = await readLocalFile(dataDir);
    expect(file).toEqual({
      signingSecret: first.signingSecret,
      botToken: first.botToken,
      teamId: first.teamId,
      apiUrl: first.apiUrl,
      controlUrl: first.controlUrl,
      controlSecret: first.controlSecret,
    });
    expect((await stat(path.join(dataDir, "local-slack.json"))).mode & 0o777).toBe(0o600);
    await first.setBotUrl("http://0.0.0.0:3999/");
    expect((await readLocalFile(dataDir)).botUrl).toBe("http://127.0.0.1:3999");
    await first.stop();

    const second = await start(dataDir, { botUrl: "http://127.0.0.1:4000" });
    expect(second.signingSecret).toBe(first.signingSecret);
    expect(second.botToken).toBe(first.botToken);
    expect(await readLocalFile(dataDir)).toMatchObject({ apiUrl: second.apiUrl, botUrl: "http://127.0.0.1:4000" });

    await second.stop();
    const overridden = await start(dataDir, { signingSecret: "from-the-environment" });
    expect(overridden.signingSecret).toBe("from-the-environment");
    expect(overridden.botToken).toBe(first.botToken);
  });

  it("keeps posted messages across a stop and a start", async () => {
    const dataDir = await newDataDir();
    const first = await start(dataDir);
    const posted = await webApi(first, "chat.postMessage", { channel: APAC_CHANNEL, text: "Weekly digest: 68% of quota" });
    expect(posted).toMatchObject({ ok: true });
    const dm = await webApi(first, "chat.postMessage", { channel: ANA_SLACK_ID, text: "Your 1:1 is booked" });
    expect(dm).toMatchObject({ ok: true });
    await first.stop();

    const second = await start(dataDir);
    expect(second.apiUrl).not.toBe(first.apiUrl);
    expect(second.workspace.messages(APAC_CHANNEL)).toMatchObject([{ text: "Weekly digest: 68% of quota", ts: posted["ts"] }]);
    expect(second.workspace.dmMessagesFor(ANA_SLACK_ID)).toMatchObject([{ text: "Your 1:1 is booked" }]);
    // People are still there and still current: no duplicates, the same bot.
    expect(second.workspace.user(ANA_SLACK_ID)?.locale).toBe("ms-MY");
    expect(second.workspace.botUserId).toBe(first.workspace.botUserId);
    const history = await webApi(second, "conversations.history", { channel: APAC_CHANNEL });
    expect(history).toMatchObject({ ok: true, messages: [{ text: "Weekly digest: 68% of quota" }] });
  });

  it("serves the control API: users with their role and team, minted response URLs and what was posted to them", async () => {
    const dataDir = await newDataDir();
    const local = await start(dataDir);

    const users = (await (await controlFetch(local, `${local.controlUrl}users`)).json()) as { users: Array<Record<string, unknown>> };
    expect(users.users).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: ANA_SLACK_ID, email: "ana.ruiz@tiny.test", role: "manager", team: "APAC Enterprise", title: "Sales Manager" }),
        expect.objectContaining({ email: "ben.lee@tiny.test", role: "rep", deleted: true }),
      ]),
    );
    expect(users.users).toHaveLength(2);
    const missing = await controlFetch(local, `${local.controlUrl}users?email=nobody@tiny.test`);
    expect(missing.status).toBe(404);

    const mintResponse = await controlFetch(local, `${local.controlUrl}response-urls`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user: ANA_SLACK_ID }),
    });
    const minted = (await mintResponse.json()) as { id: string; url: string; channel: string; channelName: string; triggerId: string };
    expect(minted).toMatchObject({ channel: local.workspace.dmChannelFor(ANA_SLACK_ID), channelName: "directmessage" });
    expect(minted.url.startsWith(`${new URL(local.apiUrl).origin}/commands/`)).toBe(true);

    const postsUrl = `${local.controlUrl}response-urls/${minted.id}/posts`;
    expect(await (await controlFetch(local, `${postsUrl}?wait=0`)).json()).toEqual({ ok: true, posts: [], total: 0 });

    // A long poll waiting before the reply arrives gets it as soon as it is posted.
    const waiting = controlFetch(local, `${postsUrl}?wait=5000`).then((response) => response.json());
    await new Promise((resolve) => setTimeout(resolve, 100));
    const reply = { response_type: "ephemeral", text: "Attainment 72%", blocks: [{ type: "divider" }] };
    const answered = await fetch(minted.url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(reply) });
    expect(answered.status).toBe(200);
    expect(await waiting).toMatchObject({ ok: true, total: 1, posts: [{ accepted: true, body: reply }] });
    expect(await (await controlFetch(local, `${postsUrl}?after=1&wait=0`)).json()).toEqual({ ok: true, posts: [], total: 1 });

    expect((await controlFetch(local, `${local.controlUrl}response-urls/999/posts`)).status).toBe(404);
    const badMint = await controlFetch(local, `${local.controlUrl}response-urls`, { method: "POST", body: JSON.stringify({ user: "UNOBODY" }) });
    expect(await badMint.json()).toEqual({ ok: false, error: "user_not_found" });
  });
});

describe("chat CLI", () => {
  /** A stand-in for the bot: checks Slack's signature like Bolt, acks, then answers on the response_url. */
  async function fakeBot(signingSecret: string, received: Array<Record<string, string>>, options: { reply?: boolean } = {}): Promise<string> {
    return listen((request, response) => {
      void (async () => {
        const body = await readRaw(request);
        if (request.url !== "/slack/events") {
          response.writeHead(404).end();
          return;
        }
        try {
          verifySlackRequest({
            signingSecret,
            body,
            headers: {
              "x-slack-signature": String(request.headers["x-slack-signature"]),
              "x-slack-request-timestamp": Number(request.headers["x-slack-request-timestamp"]),
            },
          });
        } catch {
          response.writeHead(401).end("invalid signature");
          return;
        }
        const form = Object.fromEntries(new URLSearchParams(body));
        received.push(form);
        response.writeHead(200).end();
        if (options.reply === false) return;
        await fetch(form["response_url"]!, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            response_type: "ephemeral",
            text: "Your quota",
            blocks: [
              { type: "header", text: { type: "plain_text", text: "Quota, Q3" } },
              { type: "section", fields: [{ type: "mrkdwn", text: "*Attainment*\n72%" }, { type: "mrkdwn", text: "*If it closes*\n81% &amp; more" }] },
              { type: "context", elements: [{ type: "mrkdwn", text: `for ${form["text"]}` }] },
            ],
          }),
          // The stand-in saves the workspace before it answers: the test may have read the reply
          // and stopped it meanwhile.
        }).catch(() => {});
      })();
    });
  }

  it("signs a slash command as the person, posts it to the bot and prints the reply as text", async () => {
    const dataDir = await newDataDir();
    const local = await start(dataDir);
    const received: Array<Record<string, string>> = [];
    await local.setBotUrl(await fakeBot(local.signingSecret, received));

    const { io, out, err } = captureIo(dataDir);
    const code = await runChat(["--as", "Ana.Ruiz@tiny.test", "/quota what if 40k"], io);
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      command: "/quota",
      text: "what if 40k",
      user_id: ANA_SLACK_ID,
      user_name: "ana.ruiz",
      team_id: local.teamId,
      channel_id: local.workspace.dmChannelFor(ANA_SLACK_ID),
    });
    expect(out.join("\n")).toBe(["QUOTA, Q3", "=========", "Attainment:   72%", "If it closes: 81% & more", "  for what if 40k"].join("\n"));
    // Slack would show it to Ana only.
    expect(local.workspace.ephemerals(ANA_SLACK_ID)).toMatchObject([{ text: "Your quota", via: "response_url" }]);
  });

  it("lists the people with role, team and e-mail", async () => {
    const dataDir = await newDataDir();
    await start(dataDir);
    const { io, out } = captureIo(dataDir);
    expect(await runChat(["--people"], io)).toBe(0);
    expect(out[0]).toMatch(/^NAME\s+ROLE\s+TEAM\s+E-MAIL$/);
    expect(out.slice(1)).toEqual([
      expect.stringMatching(/^Ana Ruiz\s+manager\s+APAC Enterprise\s+ana\.ruiz@tiny\.test$/),
      expect.stringMatching(/^Ben Lee \(inactive\)\s+rep\s+APAC Enterprise\s+ben\.lee@tiny\.test$/),
      "",
      "CHANNEL           TEAM             MESSAGES",
      "#apac-enterprise  APAC Enterprise  0",
      'Read one: npm run chat -- --channel "APAC Enterprise"',
    ]);
  });

  it("says the bot is not running when nothing answers at its address", async () => {
    const dataDir = await newDataDir();
    const local = await start(dataDir);
    const closedUrl = await listen(() => {});
    const server = servers.pop()!;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await local.setBotUrl(closedUrl);

    const { io, err } = captureIo(dataDir);
    expect(await runChat(["--as", "ana.ruiz@tiny.test", "/quota"], io)).toBe(1);
    expect(err).toEqual([BOT_NOT_RUNNING]);

    // And when the whole local workspace is gone (the bot's process stopped).
    await local.stop();
    const again = captureIo(dataDir);
    expect(await runChat(["--as", "ana.ruiz@tiny.test", "/quota"], again.io)).toBe(1);
    expect(again.err).toEqual([BOT_NOT_RUNNING]);
  });

  it("reports a bot that accepts the command but never replies, and an unknown e-mail", async () => {
    const dataDir = await newDataDir();
    const local = await start(dataDir);
    await local.setBotUrl(await fakeBot(local.signingSecret, [], { reply: false }));

    const silent = captureIo(dataDir, { replyTimeoutMs: 200 });
    expect(await runChat(["--as", "ana.ruiz@tiny.test", "/forecast"], silent.io)).toBe(1);
    expect(silent.err.join("\n")).toMatch(/accepted \/forecast but sent no reply/);

    const stranger = captureIo(dataDir);
    expect(await runChat(["--as", "nobody@tiny.test", "/quota"], stranger.io)).toBe(1);
    expect(stranger.err.join("\n")).toMatch(/No one with the e-mail nobody@tiny\.test/);
  });

  it("reports a signature the bot refuses", async () => {
    const dataDir = await newDataDir();
    const local = await start(dataDir);
    await local.setBotUrl(await fakeBot("another-secret", []));
    const { io, err } = captureIo(dataDir);
    expect(await runChat(["--as", "ana.ruiz@tiny.test", "/quota"], io)).toBe(1);
    expect(err.join("\n")).toMatch(/refused the request's signature/);
  });

  it.each([
    [[]],
    [["--as", "ana.ruiz@tiny.test"]],
    [["--as", "ana.ruiz@tiny.test", "quota without a slash"]],
    [["/quota"]],
    [["--people", "--as", "ana.ruiz@tiny.test"]],
    [["--bogus"]],
    [["--channel", "APAC Enterprise", "--dm", "ana.ruiz@tiny.test"]],
    [["--channel", "APAC Enterprise", "/quota"]],
    [["--channel", "APAC Enterprise", "--last", "0"]],
    [["--channel", "APAC Enterprise", "--last", "two"]],
    [["--dm", "ana.ruiz"]],
    [["--people", "--last", "3"]],
    [["--channel", " "]],
  ])("exits 2 with the usage lines for bad usage: %j", async (argv) => {
    const { io, err } = captureIo(await newDataDir());
    expect(await runChat(argv, io)).toBe(2);
    expect(err.slice(-USAGE.split("\n").length).join("\n")).toBe(USAGE);
  });

  it("tells where it looked when there is no local workspace", async () => {
    const dataDir = await newDataDir();
    const { io, err } = captureIo(dataDir);
    expect(await runChat(["--people"], io)).toBe(1);
    expect(err.join("\n")).toContain(path.join(dataDir, "local-slack.json"));
    expect(err.join("\n")).toContain("npm start");
  });
});

describe("reading a channel or a DM", () => {
  // Monday 10 Aug 2026, 00:00:30 UTC = 08:00:30 in Kuala Lumpur (UTC+8) = 01:00:30 in London (BST, UTC+1).
  const PINNED = Date.parse("2026-08-10T00:00:30Z");
  const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);

  /** Uploads `bytes` as a private file the way the ChatPort does; returns its id. */
  async function uploadPrivately(local: LocalSlack, bytes: Buffer, filename: string, title: string): Promise<string> {
    const target = (await webApi(local, "files.getUploadURLExternal", { filename, length: bytes.length })) as { upload_url: string; file_id: string };
    const uploaded = await fetch(target.upload_url, { method: "POST", headers: { "content-type": "application/octet-stream" }, body: new Uint8Array(bytes) });
    expect(uploaded.status).toBe(200);
    expect(await webApi(local, "files.completeUploadExternal", { files: JSON.stringify([{ id: target.file_id, title }]) })).toMatchObject({ ok: true });
    return target.file_id;
  }

  it("formats a message's ts in the viewer's zone", () => {
    // 1786320030 s = 2026-08-10T00:00:30Z.
    expect(formatMessageTime("1786320030.000001", "Asia/Kuala_Lumpur")).toBe("Mon, 10 Aug 2026, 08:00 GMT+8");
    expect(formatMessageTime("1786320030.000001", "Europe/London")).toBe("Mon, 10 Aug 2026, 01:00 BST");
    expect(formatMessageTime("1786320030.000001", "UTC")).toBe("Mon, 10 Aug 2026, 00:00 UTC");
  });

  it("prints a channel's latest messages with a header each, newest last, and saves the chart an image block shows", async () => {
    const dataDir = await newDataDir();
    const local = await start(dataDir, { clock: () => PINNED });
    expect(Date.parse("2026-08-10T00:00:30Z") / 1000).toBe(1786320030);
    local.workspace.addMessage(APAC_CHANNEL, { user: ANA_SLACK_ID, text: "Morning all" });
    expect(await webApi(local, "chat.postMessage", { channel: APAC_CHANNEL, text: "first digest" })).toMatchObject({ ok: true });
    const fileId = await uploadPrivately(local, PNG, "forecast-trend.png", "APAC Enterprise — Q3 FY2026: forecast against quota");
    const posted = await webApi(local, "chat.postMessage", {
      channel: APAC_CHANNEL,
      text: "Weekly forecast",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "Weekly forecast — APAC Enterprise" } },
        { type: "section", fields: [{ type: "mrkdwn", text: "*Closed*\nRM 1,000.00" }] },
        { type: "image", slack_file: { id: fileId }, alt_text: "closed rising", title: { type: "plain_text", text: "APAC Enterprise — Q3 FY2026: forecast against quota" } },
      ],
    });
    expect(posted).toMatchObject({ ok: true });

    const { io, out, err } = captureIo(dataDir, { timeZone: "Asia/Kuala_Lumpur" });
    expect(await runChat(["--channel", "APAC Enterprise", "--last", "2"], io)).toBe(0);
    expect(err).toEqual([]);
    const saved = path.join(dataDir, "local-files", `${fileId}.png`);
    expect(out).toEqual([
      "#apac-enterprise (APAC Enterprise) — the last 2 of 3 messages, newest last",
      "",
      "── SalesOps (app) · Mon, 10 Aug 2026, 08:00 GMT+8 ──",
      "first digest",
      "",
      "── SalesOps (app) · Mon, 10 Aug 2026, 08:00 GMT+8 ──",
      "WEEKLY FORECAST — APAC ENTERPRISE",
      "=================================",
      "Closed: RM 1,000.00",
      `[image: APAC Enterprise — Q3 FY2026: forecast against quota — saved to ${saved}]`,
    ]);
    expect((await readFile(saved)).equals(PNG)).toBe(true);

    // The channel by its name or id, and a person's message under their own name.
    const byName = captureIo(dataDir, { timeZone: "Europe/London" });
    expect(await runChat(["--channel", "#apac-enterprise", "--last", "1"], byName.io)).toBe(0);
    expect(byName.out[2]).toBe("── SalesOps (app) · Mon, 10 Aug 2026, 01:00 BST ──");
    const all = captureIo(dataDir, { timeZone: "UTC" });
    expect(await runChat(["--channel", APAC_CHANNEL], all.io)).toBe(0);
    expect(all.out.slice(0, 4)).toEqual(["#apac-enterprise (APAC Enterprise) — 3 messages, newest last", "", "── Ana Ruiz · Mon, 10 Aug 2026, 00:00 UTC ──", "Morning all"]);
  });

  it("prints the bot's DM with a person, and says when it has not written to them", async () => {
    const dataDir = await newDataDir();
    const local = await start(dataDir, { clock: () => PINNED });
    const none = captureIo(dataDir);
    expect(await runChat(["--dm", "Ana.Ruiz@tiny.test"], none.io)).toBe(0);
    expect(none.out).toEqual(["SalesOps has not written to Ana Ruiz yet."]);
    // Reading never opens the DM.
    expect(local.workspace.dmChannelFor(ANA_SLACK_ID)).toBeUndefined();

    expect(await webApi(local, "chat.postMessage", { channel: ANA_SLACK_ID, text: "Your 1:1 with *Wong* is booked" })).toMatchObject({ ok: true });
    const { io, out } = captureIo(dataDir, { timeZone: "Asia/Kuala_Lumpur" });
    expect(await runChat(["--dm", "ana.ruiz@tiny.test"], io)).toBe(0);
    expect(out).toEqual(["Direct messages with Ana Ruiz — 1 message, newest last", "", "── SalesOps (app) · Mon, 10 Aug 2026, 08:00 GMT+8 ──", "Your 1:1 with Wong is booked"]);

    const stranger = captureIo(dataDir);
    expect(await runChat(["--dm", "nobody@tiny.test"], stranger.io)).toBe(1);
    expect(stranger.err).toEqual(["No one with the e-mail nobody@tiny.test in the local Slack workspace. See who is: npm run chat -- --people"]);
  });

  it("names the channels there are for an unknown one, says when a file is gone, and when the bot is not running", async () => {
    const dataDir = await newDataDir();
    const local = await start(dataDir);
    const unknown = captureIo(dataDir);
    expect(await runChat(["--channel", "EMEA"], unknown.io)).toBe(1);
    expect(unknown.err).toEqual(['No channel "EMEA" in the local Slack workspace. Channels: #apac-enterprise (APAC Enterprise).']);

    // An image block pointing at a file the workspace does not have.
    expect(
      await webApi(local, "chat.postMessage", {
        channel: APAC_CHANNEL,
        text: "chart",
        blocks: [{ type: "image", slack_file: { id: "F0MISSING" }, alt_text: "chart", title: { type: "plain_text", text: "Trend" } }],
      }),
    ).toMatchObject({ ok: true });
    const missing = captureIo(dataDir);
    expect(await runChat(["--channel", "apac enterprise"], missing.io)).toBe(0);
    expect(missing.out.at(-1)).toBe("[image: Trend — not available (file_not_found)]");

    await local.stop();
    const stopped = captureIo(dataDir);
    expect(await runChat(["--channel", "APAC Enterprise"], stopped.io)).toBe(1);
    expect(stopped.err).toEqual([BOT_NOT_RUNNING]);
  });

  it("serves channels, messages and file bytes on the control API", async () => {
    const dataDir = await newDataDir();
    const local = await start(dataDir, { clock: () => PINNED });
    const fileId = await uploadPrivately(local, PNG, "chart.png", "Trend");
    const channels = (await (await controlFetch(local, `${local.controlUrl}channels`)).json()) as Record<string, unknown>;
    expect(channels).toEqual({
      ok: true,
      bot: { userId: local.workspace.botUserId, name: "SalesOps" },
      channels: [{ id: APAC_CHANNEL, name: "apac-enterprise", team: "APAC Enterprise", isPrivate: false, isArchived: false, messageCount: 0 }],
    });

    const file = await controlFetch(local, `${local.controlUrl}files/${fileId}`);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    expect(await (await controlFetch(local, `${local.controlUrl}files/F0NOPE`)).json()).toEqual({ ok: false, error: "file_not_found" });
    const pending = (await webApi(local, "files.getUploadURLExternal", { filename: "later.png", length: 3 })) as { file_id: string };
    expect(await (await controlFetch(local, `${local.controlUrl}files/${pending.file_id}`)).json()).toEqual({ ok: false, error: "file_not_uploaded" });

    for (const text of ["one", "two", "three"]) await webApi(local, "chat.postMessage", { channel: APAC_CHANNEL, text });
    const latest = (await (await controlFetch(local, `${local.controlUrl}messages?channel=apac-enterprise&limit=2`)).json()) as Record<string, unknown>;
    expect(latest).toMatchObject({
      ok: true,
      conversation: { id: APAC_CHANNEL, name: "apac-enterprise", isIm: false },
      total: 3,
      messages: [
        { text: "two", byBot: true, userName: "SalesOps" },
        { text: "three", byBot: true, userName: "SalesOps" },
      ],
    });
    expect((await controlFetch(local, `${local.controlUrl}messages?channel=C0NOPE`)).status).toBe(404);
    expect((await controlFetch(local, `${local.controlUrl}messages?user=U0NOPE`)).status).toBe(404);
    expect((await controlFetch(local, `${local.controlUrl}messages?channel=${APAC_CHANNEL}&user=${ANA_SLACK_ID}`)).status).toBe(400);
    expect((await controlFetch(local, `${local.controlUrl}messages?channel=${APAC_CHANNEL}&limit=0`)).status).toBe(400);
  });
});
