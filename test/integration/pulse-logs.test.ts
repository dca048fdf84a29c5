// Issue 10, defect 4: at LOG_LEVEL=debug Bolt logged the bodies of views.open and chat.update —
// the survey DM's channel, its answer token, the answers and the comments — linking people to
// what they answered. A whole survey runs here with the app logging at `trace` (invitations sent,
// answers clicked, a comment written and edited, the round closed, the closed DMs and the results
// post sent), through Bolt's real HTTP receiver with signed requests, and every captured log line
// is scanned for the tokens, the answers' texts and the comments. On PGlite, and on PostgreSQL
// when TEST_DATABASE_URL is set.
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { backends } from "../support/databases.js";
import { answerInDm, commentInDm, createAnswerableRound, enqueueInvites, surveyMessageOf } from "../support/pulse-answering.js";
import { startBotUnderTest, type BotUnderTest } from "../support/slack-bot.js";

const TODAY = "2026-12-01";
const NOW = new Date("2026-12-01T02:00:00.000Z");
const CLOSES_AT = new Date("2026-12-04T09:00:00.000Z");
const PEOPLE = ["weiming.tan", "ahmad.faizal", "nurul.izzati", "priya.nair", "jiahui.lim"].map((name) => `${name}@demo.salesops.test`);
const OWNER = "kevin.tan@demo.salesops.test";
const COMMENTS = ["Zebra-striped pipeline reviews, please", "Quarterly offsite in Penang would help", "Edited: the CRM sync loses notes"];

for (const kind of backends) {
  describe(`pulse survey logs at trace [${kind}]`, () => {
    const lines: string[] = [];
    let bot: BotUnderTest;
    let now = NOW;
    const tokens: string[] = [];

    beforeAll(async () => {
      const destination = new Writable({
        write(chunk: Buffer, _encoding, done) {
          for (const line of chunk.toString("utf8").split("\n")) if (line.trim() !== "") lines.push(line);
          done();
        },
      });
      bot = await startBotUnderTest(kind, { today: TODAY, clock: { now: () => now }, logger: createLogger("trace", {}, { destination }) });
      const db = bot.testDatabase.db;
      const rows = await db.prisma.employee.findMany({
        where: { tenantId: bot.tenantId, email: { in: [...PEOPLE, OWNER] } },
        select: { id: true, email: true, slackUserId: true, timeZone: true, locale: true },
      });
      const invited = rows.filter((row) => row.email !== OWNER);
      const { roundId } = await createAnswerableRound(db, {
        tenantId: bot.tenantId,
        ownerId: rows.find((row) => row.email === OWNER)!.id,
        name: "Logged pulse",
        opensOn: TODAY,
        firstSendAt: NOW,
        closesAt: CLOSES_AT,
        recipients: invited.map((row) => ({ employeeId: row.id, timeZone: row.timeZone })),
      });
      await enqueueInvites(db, bot.tenantId, roundId, invited.map((row) => ({ employeeId: row.id, slackUserId: row.slackUserId!, locale: row.locale as "en" | "ms" })));
      await bot.app.jobs!.drain();
      const users = invited.map((row) => row.slackUserId!);
      for (const user of users) tokens.push(String((surveyMessageOf(bot.standIn, user).blocks.find((block) => block["type"] === "actions")!)["block_id"]).split("/")[4]!);
      // Everyone answers every question; three write comments, one edits theirs.
      for (const [index, user] of users.entries()) {
        await answerInDm(bot.standIn, user, 1, String(10 - index));
        await answerInDm(bot.standIn, user, 2, "4");
        await answerInDm(bot.standIn, user, 3, "mixed");
        await answerInDm(bot.standIn, user, 4, "quotes");
      }
      await commentInDm(bot.standIn, users[0]!, 5, COMMENTS[0]!);
      await commentInDm(bot.standIn, users[1]!, 5, COMMENTS[1]!);
      await commentInDm(bot.standIn, users[1]!, 5, COMMENTS[2]!);
      now = CLOSES_AT;
      await bot.app.jobs!.tick();
      // The owner's results post and closed DMs share channels with the pacing clock: let it run.
      const ticking = setInterval(() => {
        now = new Date(now.getTime() + 1_000);
      }, 20);
      try {
        await bot.app.jobs!.drain();
      } finally {
        clearInterval(ticking);
      }
    }, 180_000);

    afterAll(async () => {
      await bot?.close();
    });

    it("logged the run at trace, Bolt's and the Web API client's debug lines included", () => {
      expect(lines.length).toBeGreaterThan(50);
      expect(lines.some((line) => line.includes('"level":10') || line.includes('"level":20'))).toBe(true);
      expect(lines.some((line) => line.includes('"component":"bolt"'))).toBe(true);
      expect(lines.some((line) => line.includes("pulse round closed"))).toBe(true);
    });

    it("never logs a token, an answer's text or a comment", () => {
      const log = lines.join("\n");
      expect(tokens).toHaveLength(5);
      for (const token of tokens) {
        expect(log).not.toContain(token);
        expect(log).not.toContain(token.split(".")[0]!);
        expect(log).not.toContain(token.split(".")[1]!);
      }
      for (const comment of COMMENTS) expect(log).not.toContain(comment.slice(0, 18));
      // The answers as their private confirmations name them, and the block ids and values that carry them.
      for (const text of ["Your answer", "Jawapan anda", "your answer to", "your comment on", "Quoting", "Mixed", "Agree", "quotes", "mixed", "pulse_answer/", "private_metadata"]) {
        expect(log, text).not.toContain(text);
      }
    });
  });
}
