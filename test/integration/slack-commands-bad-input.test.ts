// Forged and stale requests, strangers, odd text and a database that goes away, all through
// Bolt's real HTTP receiver with requests signed the way Slack signs them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSlashCommandBody, signSlackRequest } from "../../src/slack-stand-in/index.js";
import { backends } from "../support/databases.js";
import { replyText, startBotUnderTest, TEST_SIGNING_SECRET, type BotUnderTest } from "../support/slack-bot.js";
import pg from "pg";

const TODAY = "2026-11-26";
const clock = { now: () => new Date("2026-11-26T02:00:00.000Z") };
const rep = "weiming.tan@demo.salesops.test";
const otherRep = "oliver.bennett@demo.salesops.test";

for (const kind of backends) {
  describe(`slash commands with bad input [${kind}]`, () => {
    let bot: BotUnderTest;
    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock });
    });
    afterAll(async () => {
      await bot?.close();
    });

    async function signedBody(text: string, userId: string) {
      const responseUrl = bot.standIn.workspace.createResponseUrl("C0TESTCHAN", userId);
      const body = buildSlashCommandBody({
        command: "/quota",
        text,
        userId,
        userName: "someone",
        channelId: "C0TESTCHAN",
        teamId: bot.standIn.workspace.teamId,
        responseUrl: responseUrl.url,
        triggerId: "trigger.1",
      });
      return { body, responseUrl };
    }

    it("refuses a forged signature with 401 and runs nothing", async () => {
      const { body, responseUrl } = await signedBody("", await bot.slackUserId(rep));
      const response = await bot.post(body, signSlackRequest("not-the-secret", body, Math.floor(Date.now() / 1000)));
      expect(response.status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bot.standIn.workspace.responses(responseUrl.id)).toHaveLength(0);
    });

    it("refuses a stale signature (older than five minutes) with 401", async () => {
      const { body, responseUrl } = await signedBody("", await bot.slackUserId(rep));
      const response = await bot.post(body, signSlackRequest(TEST_SIGNING_SECRET, body, Math.floor(Date.now() / 1000) - 6 * 60));
      expect(response.status).toBe(401);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(bot.standIn.workspace.responses(responseUrl.id)).toHaveLength(0);
    });

    it("refuses a body altered after signing", async () => {
      const { body } = await signedBody("", await bot.slackUserId(rep));
      const headers = signSlackRequest(TEST_SIGNING_SECRET, body, Math.floor(Date.now() / 1000));
      const response = await bot.post(body.replace("text=", "text=leaderboard"), headers);
      expect(response.status).toBe(401);
    });

    it("tells someone who is not in the organisation so, clearly", async () => {
      const stranger = bot.standIn.workspace.addUser({ name: "visitor", realName: "A Visitor", email: "visitor@elsewhere.test" });
      const { body, responseUrl } = await signedBody("", stranger.id);
      const response = await bot.post(body, signSlackRequest(TEST_SIGNING_SECRET, body, Math.floor(Date.now() / 1000)));
      expect(response.status).toBe(200);
      const deadline = Date.now() + 10_000;
      while (bot.standIn.workspace.responses(responseUrl.id).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      const payload = bot.standIn.workspace.responses(responseUrl.id)[0]!.body as { text: string; response_type: string };
      expect(payload.response_type).toBe("ephemeral");
      expect(payload.text).toMatch(/can't find you in your sales organisation/i);
    });

    it("refuses a rep asking about another rep without revealing anything", async () => {
      const otherId = await bot.slackUserId(otherRep);
      const aboutOther = replyText(await bot.ask(rep, "/quota", `<@${otherId}|oliver.bennett>`));
      const aboutNobody = replyText(await bot.ask(rep, "/quota", "@no.such.person"));
      expect(aboutOther).toBe(aboutNobody);
      expect(aboutOther).not.toContain("Oliver");
      expect(aboutOther).not.toMatch(/RM/);
      const forecastAboutOther = replyText(await bot.ask(rep, "/forecast", `<@${otherId}|oliver.bennett>`));
      expect(forecastAboutOther).not.toContain("Oliver");
      expect(forecastAboutOther).not.toMatch(/RM/);
    });

    it.each([
      ["unknown words", "please sing me a song"],
      ["4 kB of text", "x".repeat(4096)],
      ["emoji", "🚀🚀🚀 :tada: 💸"],
      ["quotes", `"what" 'if' "\`"`],
      ["SQL-looking input", "'; DROP TABLE employee; --"],
    ])("answers %s with a short, friendly reply and keeps working", async (_label, text) => {
      for (const command of ["/quota", "/forecast"]) {
        const reply = await bot.ask(rep, command, text);
        expect(reply.responseType).toBe("ephemeral");
        expect(reply.blocks.length).toBeGreaterThan(0);
        expect(replyText(reply)).not.toMatch(/error:|stack|at \w+ \(|undefined|NaN/i);
      }
      expect(await bot.testDatabase.db.prisma.employee.count()).toBeGreaterThan(25);
    });
  });
}

describe.runIf(backends.includes("postgres"))("slash commands while the database is down [postgres]", () => {
  let bot: BotUnderTest;
  beforeAll(async () => {
    bot = await startBotUnderTest("postgres", { today: TODAY, clock });
  });
  afterAll(async () => {
    await bot?.close();
  });

  it("says to try again in a moment, stays up, and answers once the database is back", async () => {
    expect(replyText(await bot.ask(rep, "/quota", ""))).toMatch(/RM/);
    const databaseName = new URL(bot.testDatabase.url!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`ALTER DATABASE "${databaseName}" ALLOW_CONNECTIONS false`);
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [databaseName]);
      const whileDown = replyText(await bot.ask(rep, "/quota", ""));
      expect(whileDown).toMatch(/try again in a moment/i);
      expect((await fetch(`${bot.app.url}/healthz`)).status).toBe(200);
      expect((await fetch(`${bot.app.url}/readyz`)).status).toBe(503);
    } finally {
      await admin.query(`ALTER DATABASE "${databaseName}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
    expect(replyText(await bot.ask(rep, "/quota", ""))).toMatch(/RM/);
    expect((await fetch(`${bot.app.url}/readyz`)).status).toBe(200);
  });
});
