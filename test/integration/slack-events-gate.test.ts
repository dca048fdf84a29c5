// What reaches /slack/events from outside before any listener runs (issue 10, defects 6, 7, 9
// and 10): bodies Bolt cannot read, probes with other methods, replays and retries, timestamps
// from the future, a Slack user Slack itself does not know, a person deactivated between two
// commands, and /readyz while queries fail. All through the real HTTP receiver, with requests
// signed the way Slack signs them, on PGlite and (with TEST_DATABASE_URL) PostgreSQL.
import { Writable } from "node:stream";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createSlackRequestKeys } from "../../src/db/repositories/slack-request-keys.js";
import { createLogger } from "../../src/logger.js";
import { buildSlashCommandBody, signSlackRequest } from "../../src/slack-stand-in/index.js";
import { backends } from "../support/databases.js";
import { replyText, startBotUnderTest, TEST_PULSE_TOKEN_SECRET, TEST_SIGNING_SECRET, type BotUnderTest } from "../support/slack-bot.js";

const TODAY = "2026-11-26";
const clock = { now: () => new Date("2026-11-26T02:00:00.000Z") };
const REP = "weiming.tan@demo.salesops.test";
const OTHER_REP = "oliver.bennett@demo.salesops.test";

/** Every JSON line the app logs, kept for the test to read. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") lines.push(line);
      done();
    },
  });
  return { logger: createLogger("info", {}, { destination }), lines };
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

async function waitFor<T>(read: () => T | undefined, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`nothing within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const kind of backends) {
  describe(`/slack/events before any listener [${kind}]`, () => {
    let bot: BotUnderTest;
    const logs = capturedLogger();

    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock, logger: logs.logger });
    }, 120_000);
    afterAll(async () => {
      await bot?.close();
    });

    function logsSince(mark: number): string[] {
      return logs.lines.slice(mark);
    }

    async function count(sql: string, params: unknown[]): Promise<number> {
      const rows = await bot.testDatabase.db.withSession((session) => session.query<{ n: string }>(sql, params));
      return Number(rows[0]!.n);
    }

    async function slashCommand(email: string, command: string, text: string) {
      const userId = await bot.slackUserId(email);
      const responseUrl = bot.standIn.workspace.createResponseUrl("C0TESTCHAN", userId);
      const body = buildSlashCommandBody({
        command,
        text,
        userId,
        userName: email.split("@")[0]!,
        channelId: "C0TESTCHAN",
        teamId: bot.standIn.workspace.teamId,
        responseUrl: responseUrl.url,
        triggerId: `trigger.${Math.random()}`,
      });
      return { body, responseUrl };
    }

    it("answers a signed payload=null, JSON null and every other body Bolt cannot read with 400, and keeps serving", async () => {
      // Before: Bolt's receiver read `body.ssl_check` of null outside any catch; the rejection killed the process.
      const form = "application/x-www-form-urlencoded";
      const cases: Array<[string, string, number]> = [
        [form, "payload=null", 400],
        [form, "payload=%5B%5D", 400],
        [form, "payload=%22text%22", 400],
        [form, "payload=%7B%7D", 400],
        [form, "payload=not-json", 400],
        [form, `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions" }))}&payload=2`, 400],
        [form, "team_id=T1&user_id=U1", 400],
        ["application/json", "null", 400],
        ["application/json", "[]", 400],
        ["application/json", "{}", 400],
        ["application/json", "{not json", 400],
        ["text/plain", "hello", 415],
      ];
      for (const [contentType, body, status] of cases) {
        const response = await bot.post(body, { "content-type": contentType, ...signSlackRequest(TEST_SIGNING_SECRET, body, nowSeconds()) });
        expect(response.status, `${contentType} ${body}`).toBe(status);
      }
      expect(replyText(await bot.ask(REP, "/quota", ""))).toMatch(/RM/);
    });

    it("answers 50 GETs with 405 and no body, logs no header, and logs the refusals once", async () => {
      const mark = logs.lines.length;
      for (let i = 0; i < 50; i += 1) {
        const response = await fetch(`${bot.app.url}/slack/events`, {
          headers: { authorization: "Bearer xoxb-stolen-token-0123", cookie: "session=cookie-value-0123", "x-probe": String(i) },
        });
        expect(response.status).toBe(405);
        expect(response.headers.get("allow")).toBe("POST");
        expect(await response.text()).toBe("");
      }
      const written = logsSince(mark);
      const text = written.join("\n");
      // Before: 50 error lines, 660 kB, with the Authorization and Cookie headers in them.
      expect(text).not.toContain("stolen-token");
      expect(text).not.toContain("cookie-value");
      expect(text.length).toBeLessThan(1_000);
      expect(written.filter((line) => line.includes('"reason":"method_not_allowed"'))).toHaveLength(1);
      expect(written.some((line) => JSON.parse(line).level >= 50)).toBe(false);
    });

    it("logs 50 badly signed POSTs once, without their headers", async () => {
      const mark = logs.lines.length;
      const { body } = await slashCommand(REP, "/quota", "");
      for (let i = 0; i < 50; i += 1) {
        const response = await bot.post(body, { cookie: "session=cookie-value-4567", ...signSlackRequest("not-the-secret", body, nowSeconds()) });
        expect(response.status).toBe(401);
      }
      const text = logsSince(mark).join("\n");
      expect(text).not.toContain("cookie-value");
      expect(text).not.toContain("v0=");
      expect(logsSince(mark).filter((line) => line.includes('"reason":"bad_signature"'))).toHaveLength(1);
    });

    it("records an exact replay of a signed /forecast submit once, on this replica and on another", async () => {
      const rep = await bot.testDatabase.db.prisma.employee.findFirstOrThrow({ where: { tenantId: bot.tenantId, email: REP }, select: { id: true } });
      const callsSql = "SELECT count(*)::text AS n FROM forecast_call WHERE employee_id = $1::uuid";
      const before = await count(callsSql, [rep.id]);
      const { body, responseUrl } = await slashCommand(REP, "/forecast", "submit commit 5m best 6m");
      const headers = signSlackRequest(TEST_SIGNING_SECRET, body, nowSeconds());
      expect((await bot.post(body, headers)).status).toBe(200);
      const first = await waitFor(() => bot.standIn.workspace.responses(responseUrl.id)[0]);
      expect(JSON.stringify(first.body)).not.toContain("Nothing was submitted");
      expect(await count(callsSql, [rep.id])).toBe(before + 1);

      const replayed = await bot.post(body, headers);
      expect(replayed.status).toBe(200);
      expect(replayed.headers.get("x-slack-no-retry")).toBe("1");

      // A second replica on the same database: its memory has never seen the request; the table has.
      const replica = await startReplica(bot);
      try {
        const elsewhere = await fetch(`${replica.url}/slack/events`, {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
          body,
        });
        expect(elsewhere.status).toBe(200);
        expect(elsewhere.headers.get("x-slack-no-retry")).toBe("1");
      } finally {
        await replica.stop();
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await count(callsSql, [rep.id])).toBe(before + 1);
      expect(bot.standIn.workspace.responses(responseUrl.id)).toHaveLength(1);
    });

    it("refuses a timestamp more than five minutes ahead, and takes one within the window", async () => {
      const rep = await bot.testDatabase.db.prisma.employee.findFirstOrThrow({ where: { tenantId: bot.tenantId, email: REP }, select: { id: true } });
      const callsSql = "SELECT count(*)::text AS n FROM forecast_call WHERE employee_id = $1::uuid";
      const before = await count(callsSql, [rep.id]);
      const ahead = await slashCommand(REP, "/forecast", "submit commit 5.1m best 6.1m");
      // Before: valid until it had passed, i.e. replayable for 5 minutes plus however far ahead.
      expect((await bot.post(ahead.body, signSlackRequest(TEST_SIGNING_SECRET, ahead.body, nowSeconds() + 6 * 60))).status).toBe(401);
      const within = await slashCommand(REP, "/quota", "");
      expect((await bot.post(within.body, signSlackRequest(TEST_SIGNING_SECRET, within.body, nowSeconds() + 4 * 60))).status).toBe(200);
      await waitFor(() => (bot.standIn.workspace.responses(within.responseUrl.id).length > 0 ? true : undefined));
      expect(await count(callsSql, [rep.id])).toBe(before);
      expect(bot.standIn.workspace.responses(ahead.responseUrl.id)).toHaveLength(0);
    });

    it("acknowledges a Slack retry of an event it already took (X-Slack-Retry-Num) without taking it again", async () => {
      const event = JSON.stringify({
        type: "event_callback",
        team_id: bot.standIn.workspace.teamId,
        api_app_id: "A0STANDIN",
        event_id: `Ev${kind}0001`,
        event_time: nowSeconds(),
        event: { type: "app_home_opened", user: await bot.slackUserId(REP), channel: "D0TEST", tab: "home" },
      });
      const first = await bot.post(event, { "content-type": "application/json", ...signSlackRequest(TEST_SIGNING_SECRET, event, nowSeconds()) });
      expect(first.headers.get("x-slack-no-retry")).toBeNull();
      // Slack signs a retry afresh: another timestamp, another signature, the same event id.
      const retry = await bot.post(event, {
        "content-type": "application/json",
        "x-slack-retry-num": "1",
        "x-slack-retry-reason": "http_timeout",
        ...signSlackRequest(TEST_SIGNING_SECRET, event, nowSeconds() + 1),
      });
      expect(retry.status).toBe(200);
      expect(retry.headers.get("x-slack-no-retry")).toBe("1");
      expect(await count("SELECT count(*)::text AS n FROM slack_request_key WHERE key = $1", [`event:${bot.standIn.workspace.teamId}:Ev${kind}0001`])).toBe(1);
    });

    it("tells a Slack user whom Slack's users.info does not know that they are not set up, logged at info", async () => {
      const mark = logs.lines.length;
      const responseUrl = bot.standIn.workspace.createResponseUrl("C0TESTCHAN", "U0GHOST001");
      const body = buildSlashCommandBody({
        command: "/quota",
        text: "",
        userId: "U0GHOST001",
        userName: "ghost",
        channelId: "C0TESTCHAN",
        teamId: bot.standIn.workspace.teamId,
        responseUrl: responseUrl.url,
        triggerId: "trigger.ghost",
      });
      expect((await bot.post(body, signSlackRequest(TEST_SIGNING_SECRET, body, nowSeconds()))).status).toBe(200);
      const post = await waitFor(() => bot.standIn.workspace.responses(responseUrl.id)[0]);
      // Before: "I can't get to the numbers right now", and an error with users.info's stack.
      expect((post.body as { text: string }).text).toMatch(/can't find you in your sales organisation/i);
      const written = logsSince(mark).map((line) => JSON.parse(line) as { level: number; msg: string; reason?: string });
      expect(written.some((line) => line.level >= 50)).toBe(false);
      expect(written).toContainEqual(expect.objectContaining({ level: 30, reason: "unknown_to_slack", msg: "Slack user is not set up in the organisation; told so" }));
    });

    it("refuses a person at their first command after they are deactivated, and answers again once reactivated", async () => {
      expect(replyText(await bot.ask(OTHER_REP, "/quota", ""))).toMatch(/RM/);
      const { db } = bot.testDatabase;
      await db.withSession((session) => session.query("UPDATE employee SET active = false WHERE email = $1", [OTHER_REP]));
      try {
        // Before: the resolved identity was cached for ten minutes per process.
        expect(replyText(await bot.ask(OTHER_REP, "/quota", ""))).toMatch(/can't find you in your sales organisation/i);
      } finally {
        await db.withSession((session) => session.query("UPDATE employee SET active = true WHERE email = $1", [OTHER_REP]));
      }
      expect(replyText(await bot.ask(OTHER_REP, "/quota", ""))).toMatch(/RM/);
    });

    it("/readyz says 503 while the application's queries fail, though the migrations table answers", async () => {
      expect((await fetch(`${bot.app.url}/readyz`)).status).toBe(200);
      const { db } = bot.testDatabase;
      await db.withSession((session) => session.exec("ALTER TABLE tenant RENAME TO tenant_away"));
      try {
        // Before: 200, from the migrations table alone.
        const response = await fetch(`${bot.app.url}/readyz`);
        expect(response.status).toBe(503);
        expect(await response.json()).toMatchObject({ ok: false, database: "unreachable" });
      } finally {
        await db.withSession((session) => session.exec("ALTER TABLE tenant_away RENAME TO tenant"));
      }
      expect((await fetch(`${bot.app.url}/readyz`)).status).toBe(200);
      expect((await fetch(`${bot.app.url}/readyz`, { method: "POST" })).status).toBe(405);
    });

    it("purges request keys once they have expired, and keeps those that have not", async () => {
      const keys = createSlackRequestKeys(bot.testDatabase.db.prisma);
      const at = new Date("2026-11-26T02:00:00.000Z");
      expect(await keys.claim(`test:${kind}:old`, new Date(at.getTime() - 1))).toBe(true);
      expect(await keys.claim(`test:${kind}:young`, new Date(at.getTime() + 60_000))).toBe(true);
      expect(await keys.claim(`test:${kind}:young`, new Date(at.getTime() + 60_000))).toBe(false);
      await keys.purgeExpired(at);
      const left = await bot.testDatabase.db.withSession((session) =>
        session.query<{ key: string }>("SELECT key FROM slack_request_key WHERE key LIKE $1 ORDER BY key", [`test:${kind}:%`]),
      );
      expect(left.map((row) => row.key)).toEqual([`test:${kind}:young`]);
    });
  });
}

describe.runIf(backends.includes("postgres"))("/readyz while a lock holds every query [postgres]", () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBotUnderTest("postgres", { today: TODAY, clock });
  }, 120_000);
  afterAll(async () => {
    await bot?.close();
  });

  it("answers 503 within its timeout while tenant is locked, and 200 once it is released", async () => {
    const admin = new pg.Client({ connectionString: bot.testDatabase.url });
    await admin.connect();
    try {
      await admin.query("BEGIN");
      await admin.query("LOCK TABLE tenant IN ACCESS EXCLUSIVE MODE");
      const started = Date.now();
      const response = await fetch(`${bot.app.url}/readyz`);
      expect(response.status).toBe(503);
      expect(Date.now() - started).toBeLessThan(5_000);
      await admin.query("ROLLBACK");
    } finally {
      await admin.end();
    }
    expect((await fetch(`${bot.app.url}/readyz`)).status).toBe(200);
  });
});

/** Another app process on the bot's database: a second replica, with its own memory. */
async function startReplica(bot: BotUnderTest): Promise<RunningApp> {
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    DEMO_SEED: "never",
    JOBS: "off",
    SLACK_BOT_TOKEN: bot.standIn.botToken,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: bot.standIn.url,
    PULSE_TOKEN_SECRET: TEST_PULSE_TOKEN_SECRET,
  });
  // Stopping it must leave the shared database open for the bot.
  const shared = { ...bot.testDatabase.db, close: async () => {} };
  return startApp({ config, database: shared, clock });
}
