// Anonymity against a database administrator (issue 10, defect 3), end to end: after several
// people answer a pulse survey through Slack, the database is inspected the way a curious DBA
// with the app's secret would. Each response is stored only sealed with a key of its
// respondent's token — which exists only in their own Slack message —, so it cannot be read
// without that token; results are kept as counts per team and band and as comments with their
// team; nothing leads from a stored value to a person; the "has answered" flags are written by
// other transactions; and when the round closes, the sealed responses are deleted, bands too
// small are merged away and the flags are cleared. README "What the survey promises, and to
// whom" cites these tests by name.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPulseTokens } from "../../src/security/pulse-tokens.js";
import { backends } from "../support/databases.js";
import { answerInDm, commentInDm, createAnswerableRound, enqueueInvites, surveyMessageOf, talliesOf } from "../support/pulse-answering.js";
import { startBotUnderTest, TEST_PULSE_TOKEN_SECRET, type BotUnderTest } from "../support/slack-bot.js";

const TODAY = "2026-12-01";
const NOW = new Date("2026-12-01T02:00:00.000Z");
const CLOSES_AT = new Date("2026-12-04T09:00:00.000Z");
const DOMAIN = "demo.salesops.test";
/** Who answers what (rows 1-4 are required, 5 is the optional comment). */
const ANSWERS: Record<string, Array<[number, string]>> = {
  [`weiming.tan@${DOMAIN}`]: [[1, "9"], [2, "4"], [3, "good"], [4, "crm"]],
  [`ahmad.faizal@${DOMAIN}`]: [[1, "6"], [2, "2"], [3, "hard"], [4, "quotes"]],
  [`oliver.bennett@${DOMAIN}`]: [[1, "10"], [2, "5"], [3, "good"], [4, "none"]],
  [`charlotte.hughes@${DOMAIN}`]: [[1, "3"]],
  [`meiling.wong@${DOMAIN}`]: [[1, "8"], [2, "3"], [3, "mixed"], [4, "reports"]],
  [`kevin.tan@${DOMAIN}`]: [[1, "7"], [2, "4"], [3, "good"], [4, "email"]],
};
const COMMENTS: Record<string, string> = {
  [`weiming.tan@${DOMAIN}`]: "Quarter-end crunch is heavy",
  [`oliver.bennett@${DOMAIN}`]: "Great onboarding this month",
};
const ALLOWED_COLUMNS = {
  pulse_comment: ["id", "question_id", "round_id", "team_key", "text"],
  pulse_response: ["id", "round_id", "sealed", "tenant_id", "token_hash"],
  pulse_tally: ["band_key", "count", "question_id", "round_id", "team_key", "value"],
};
const PERSONAL_COLUMN = /employee|slack|user|person|email|message|channel|^ts$|_ts$|_at$|time|created|updated|recipient|delivery/;

for (const kind of backends) {
  describe(`no answer can be linked to a person [${kind}]`, () => {
    let bot: BotUnderTest;
    let roundId: string;
    let now = NOW;
    const invited: Array<{ email: string; employeeId: string; slackUserId: string; teamId: string | null }> = [];

    async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
      return bot.testDatabase.db.withSession((session) => session.query(text, params)) as Promise<T[]>;
    }

    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock: { now: () => now } });
      const db = bot.testDatabase.db;
      for (const email of Object.keys(ANSWERS)) {
        const row = await db.prisma.employee.findFirstOrThrow({ where: { tenantId: bot.tenantId, email }, select: { id: true, slackUserId: true, teamId: true, timeZone: true, locale: true } });
        invited.push({ email, employeeId: row.id, slackUserId: row.slackUserId!, teamId: row.teamId });
      }
      const owner = invited.find((person) => person.email.startsWith("kevin.tan"))!;
      ({ roundId } = await createAnswerableRound(db, {
        tenantId: bot.tenantId,
        ownerId: owner.employeeId,
        name: "Anonymity check",
        opensOn: TODAY,
        firstSendAt: NOW,
        closesAt: CLOSES_AT,
        recipients: invited.map((person) => ({ employeeId: person.employeeId, timeZone: "Asia/Kuala_Lumpur" })),
      }));
      await enqueueInvites(db, bot.tenantId, roundId, invited.map((person) => ({ ...person, locale: "en" as const })));
      await bot.app.jobs!.drain();
      for (const person of invited) {
        for (const [row, answer] of ANSWERS[person.email]!) await answerInDm(bot.standIn, person.slackUserId, row, answer);
        const comment = COMMENTS[person.email];
        if (comment) await commentInDm(bot.standIn, person.slackUserId, 5, comment);
      }
    }, 180_000);

    afterAll(async () => {
      await bot?.close();
    });

    const tokenOf = (slackUserId: string) =>
      String((surveyMessageOf(bot.standIn, slackUserId).blocks.find((block) => block.type === "actions") as { block_id: string }).block_id).split("/")[4]!;

    it("stores each response only sealed with a key of its respondent's token: only that token opens it", async () => {
      const responses = await bot.testDatabase.db.prisma.pulseResponse.findMany({ where: { roundId }, select: { tokenHash: true, sealed: true } });
      expect(responses).toHaveLength(6);
      const tokens = createPulseTokens(TEST_PULSE_TOKEN_SECRET);
      for (const person of invited) {
        const token = tokens.verify(roundId, tokenOf(person.slackUserId), person.slackUserId)!;
        const own = responses.find((response) => response.tokenHash === token.tokenHash)!;
        // The owner's token opens their response: their answers, team and band are inside it.
        const opened = JSON.parse(token.open(own.sealed)!) as { answers: Array<{ questionId: string }>; teamId: string | null };
        expect(opened.answers.map((answer) => answer.questionId).sort()).toEqual(ANSWERS[person.email]!.map(([row]) => ["enps", "workload", "mood", "tool"][row - 1]!).concat(COMMENTS[person.email] ? ["comment"] : []).sort());
        expect(opened.teamId).toBe(person.teamId);
        // Anyone else's token — and so the app's secret alone, which only checks tokens — opens nothing.
        for (const other of responses.filter((response) => response !== own)) expect(token.open(other.sealed)).toBeNull();
        // In the clear the row shows no answer, comment, team or band.
        const clear = Buffer.from(own.sealed).toString("latin1");
        for (const text of [...Object.values(COMMENTS), "enps", "workload", "crm", "quotes", person.teamId ?? "no team", "below 50", "100 %"]) expect(clear).not.toContain(text);
      }
    });

    it("keeps for results only counts per team and band, and comments with their team: a partial response counts nowhere", async () => {
      const tallies = await talliesOf(bot.testDatabase.db, roundId);
      const counted = Object.entries(tallies).filter(([key]) => key.startsWith(":")).reduce((sum, [, count]) => sum + count, 0);
      // Charlotte answered the eNPS question only: five people answered, and hers is in no count.
      expect(counted).toBe(5);
      const enps = Object.entries(tallies).filter(([key]) => key.startsWith("enps:")).flatMap(([key, count]) => Array<number>(count).fill(Number(key.split(":").at(-1))));
      expect(enps.sort((a, b) => a - b)).toEqual([6, 7, 8, 9, 10]);
      const comments = await bot.testDatabase.db.prisma.pulseComment.findMany({ where: { roundId }, select: { text: true, teamKey: true } });
      expect(comments.map((comment) => comment.text).sort()).toEqual(Object.values(COMMENTS).sort());
      const recipients = await bot.testDatabase.db.prisma.pulseRecipient.findMany({ where: { roundId }, select: { employeeId: true, answered: true } });
      const charlotte = invited.find((person) => person.email.startsWith("charlotte"))!;
      expect(recipients.filter((recipient) => recipient.answered).map((recipient) => recipient.employeeId).sort()).toEqual(
        invited.filter((person) => person !== charlotte).map((person) => person.employeeId).sort(),
      );
    });

    it("has no column in the answer tables that could name a person, a chat account, a message or a moment", async () => {
      const columns = await sql<{ table_name: string; column_name: string; data_type: string }>(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name IN ('pulse_response', 'pulse_tally', 'pulse_comment') ORDER BY table_name, column_name`,
      );
      for (const [table, allowed] of Object.entries(ALLOWED_COLUMNS)) {
        expect(columns.filter((column) => column.table_name === table).map((column) => column.column_name)).toEqual(allowed);
      }
      expect(columns.filter((column) => PERSONAL_COLUMN.test(column.column_name))).toEqual([]);
      // No date or time at all: nothing to line up with a message's timestamp.
      expect(columns.filter((column) => /timestamp|time|date/.test(column.data_type))).toEqual([]);
      // And the list of who answered has nothing that leads to a response.
      const recipientColumns = await sql<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'pulse_recipient' ORDER BY column_name`,
      );
      expect(recipientColumns.map((column) => column.column_name)).toEqual(["answered", "employee_id", "reminders_sent", "round_id", "send_at", "tenant_id", "time_zone"]);
    });

    it("holds no value, in any column of the answer tables, that is or contains an employee id, a Slack id, an e-mail, a message ts or a token", async () => {
      const db = bot.testDatabase.db;
      const employees = await db.prisma.employee.findMany({ where: { tenantId: bot.tenantId }, select: { id: true, email: true, slackUserId: true, name: true } });
      const deliveries = await db.prisma.delivery.findMany({ select: { id: true, messageTs: true, messageChannel: true } });
      const snapshot = bot.standIn.workspace.snapshot();
      const messages = Object.values(snapshot.messages).flat();
      const tokens = invited.map((person) => {
        const blockId = String((surveyMessageOf(bot.standIn, person.slackUserId).blocks.find((block) => block.type === "actions") as { block_id: string }).block_id);
        return blockId.split("/")[4]!;
      });
      const forbidden = [
        ...employees.flatMap((employee) => [employee.id, employee.email, employee.name, ...(employee.slackUserId ? [employee.slackUserId] : [])]),
        ...deliveries.flatMap((delivery) => [delivery.id, ...(delivery.messageTs ? [delivery.messageTs] : []), ...(delivery.messageChannel ? [delivery.messageChannel] : [])]),
        ...messages.flatMap((message) => [message.ts, message.channel, ...(message.editedTs ? [message.editedTs] : [])]),
        ...Object.keys(snapshot.views),
        ...tokens,
        ...tokens.map((token) => token.split(".")[0]!),
      ];
      expect(forbidden.length).toBeGreaterThan(100);
      const rows = await sql<{ row: string }>(
        `SELECT row_to_json(r)::text AS row FROM pulse_response r UNION ALL SELECT row_to_json(t)::text FROM pulse_tally t UNION ALL SELECT row_to_json(c)::text FROM pulse_comment c`,
      );
      expect(rows.length).toBeGreaterThan(6 + 5 + 2);
      const values = rows.flatMap((entry) => Object.values(JSON.parse(entry.row) as Record<string, unknown>)).filter((value) => value !== null).map(String);
      for (const value of values) {
        for (const secret of forbidden) {
          if (value.includes(secret)) throw new Error(`pulse row value ${JSON.stringify(value)} contains ${JSON.stringify(secret)}`);
        }
      }
    });

    it("wrote who has answered in other transactions than the answers themselves", async () => {
      const answeredRows = await sql<{ xmin: string }>(`SELECT xmin::text AS xmin FROM pulse_recipient WHERE round_id = $1::uuid AND answered`, [roundId]);
      const written = await sql<{ xmin: string }>(
        `SELECT xmin::text AS xmin FROM pulse_response WHERE round_id = $1::uuid
         UNION ALL SELECT xmin::text FROM pulse_tally WHERE round_id = $1::uuid
         UNION ALL SELECT xmin::text FROM pulse_comment WHERE round_id = $1::uuid`,
        [roundId],
      );
      expect(answeredRows).toHaveLength(5);
      const answerTransactions = new Set(written.map((row) => row.xmin));
      for (const row of answeredRows) expect(answerTransactions.has(row.xmin)).toBe(false);
    });

    it("keeps, once the round closes, only the results: responses deleted, small bands merged, who answered forgotten", async () => {
      const before = await bot.testDatabase.db.prisma.pulseTally.aggregate({ where: { roundId, questionId: "" }, _sum: { count: true } });
      now = CLOSES_AT;
      await bot.app.jobs!.tick();
      const prisma = bot.testDatabase.db.prisma;
      expect(await prisma.pulseRound.findUniqueOrThrow({ where: { id: roundId }, select: { status: true } })).toEqual({ status: "closed" });
      expect(await prisma.pulseResponse.count({ where: { roundId } })).toBe(0);
      expect(await prisma.pulseRecipient.count({ where: { roundId, answered: true } })).toBe(0);
      // Same people counted; every team × band cell left holds at least the threshold (5), or has no band.
      const cells = await prisma.pulseTally.findMany({ where: { roundId, questionId: "" }, select: { teamKey: true, bandKey: true, count: true } });
      expect(cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(before._sum.count);
      for (const cell of cells) expect(cell.bandKey === "" || cell.count >= 5, JSON.stringify(cell)).toBe(true);
      // And the results read from them: five answered, eNPS of 6, 7, 8, 9, 10 -> (2 promoters − 1 detractor) / 5 = +20.
      const owner = invited.find((person) => person.email.startsWith("kevin.tan"))!;
      const reply = await bot.ask(owner.email, "/pulse", "results Anonymity check");
      expect(JSON.stringify(reply)).toContain("eNPS +20");
    });
  });
}
