// The acceptance test for anonymity by construction: after several people answer a pulse
// survey through Slack, the database is inspected the way a curious DBA would, and nothing in it
// leads from an answer to a person — no such column, no such value, and the "has answered" rows
// written by transactions other than the ones that wrote the answers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases.js";
import { answerInDm, commentInDm, createAnswerableRound, enqueueInvites, surveyMessageOf } from "../support/pulse-answering.js";
import { startBotUnderTest, type BotUnderTest } from "../support/slack-bot.js";

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
  pulse_response: ["answered_on", "attainment_band", "complete", "id", "round_id", "team_id", "tenant_id", "token_hash"],
  pulse_answer: ["choice_id", "question_id", "response_id", "score", "text"],
};
const PERSONAL_COLUMN = /employee|slack|user|person|email|message|channel|^ts$|_ts$|_at$|time|created|updated|recipient|delivery/;

for (const kind of backends) {
  describe(`no answer can be linked to a person [${kind}]`, () => {
    let bot: BotUnderTest;
    let roundId: string;
    const invited: Array<{ email: string; employeeId: string; slackUserId: string; teamId: string | null }> = [];

    async function sql<T = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<T[]> {
      return bot.testDatabase.db.withSession((session) => session.query(text, params)) as Promise<T[]>;
    }

    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock: { now: () => NOW } });
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

    it("stored one response per person who answered, complete exactly for those who answered every required question", async () => {
      const responses = await bot.testDatabase.db.prisma.pulseResponse.findMany({ where: { roundId }, select: { complete: true, teamId: true, attainmentBand: true } });
      expect(responses).toHaveLength(6);
      expect(responses.filter((response) => response.complete)).toHaveLength(5);
      expect(await bot.testDatabase.db.prisma.pulseAnswer.count()).toBe(4 * 5 + 1 + 2);
      const recipients = await bot.testDatabase.db.prisma.pulseRecipient.findMany({ where: { roundId }, select: { employeeId: true, answered: true } });
      const charlotte = invited.find((person) => person.email.startsWith("charlotte"))!;
      expect(recipients.filter((recipient) => recipient.answered).map((recipient) => recipient.employeeId).sort()).toEqual(
        invited.filter((person) => person !== charlotte).map((person) => person.employeeId).sort(),
      );
      // The only cuts: the team, and a band for sales roles (the admin has none).
      expect(new Set(responses.map((response) => response.teamId))).toEqual(new Set(invited.map((person) => person.teamId)));
      expect(responses.filter((response) => response.attainmentBand === null)).toHaveLength(1);
    });

    it("has no column in the answer tables that could name a person, a chat account, a message or a moment", async () => {
      const columns = await sql<{ table_name: string; column_name: string; data_type: string }>(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_schema = current_schema() AND table_name IN ('pulse_response', 'pulse_answer') ORDER BY table_name, column_name`,
      );
      for (const [table, allowed] of Object.entries(ALLOWED_COLUMNS)) {
        expect(columns.filter((column) => column.table_name === table).map((column) => column.column_name)).toEqual(allowed);
      }
      expect(columns.filter((column) => PERSONAL_COLUMN.test(column.column_name))).toEqual([]);
      // The day is a date: no time of day to line up with a message's timestamp.
      expect(columns.find((column) => column.column_name === "answered_on")?.data_type).toBe("date");
      expect(columns.filter((column) => /timestamp|time/.test(column.data_type))).toEqual([]);
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
        `SELECT row_to_json(r)::text AS row FROM pulse_response r UNION ALL SELECT row_to_json(a)::text FROM pulse_answer a`,
      );
      expect(rows).toHaveLength(6 + 23);
      const values = rows.flatMap((entry) => Object.values(JSON.parse(entry.row) as Record<string, unknown>)).filter((value) => value !== null).map(String);
      for (const value of values) {
        for (const secret of forbidden) {
          if (value.includes(secret)) throw new Error(`pulse row value ${JSON.stringify(value)} contains ${JSON.stringify(secret)}`);
        }
      }
      // The day only, never the instant (02:00 UTC on 1 Dec is 10:00 that day in Kuala Lumpur).
      const days = await sql<{ day: string }>(`SELECT DISTINCT answered_on::text AS day FROM pulse_response`);
      expect(days).toEqual([{ day: "2026-12-01" }]);
    });

    it("wrote who has answered in other transactions than the answers themselves", async () => {
      const answeredRows = await sql<{ xmin: string }>(`SELECT xmin::text AS xmin FROM pulse_recipient WHERE round_id = $1::uuid AND answered`, [roundId]);
      const responseRows = await sql<{ xmin: string }>(`SELECT xmin::text AS xmin FROM pulse_response WHERE round_id = $1::uuid`, [roundId]);
      const answerRows = await sql<{ xmin: string }>(`SELECT a.xmin::text AS xmin FROM pulse_answer a JOIN pulse_response r ON r.id = a.response_id WHERE r.round_id = $1::uuid`, [roundId]);
      expect(answeredRows).toHaveLength(5);
      const answerTransactions = new Set([...responseRows, ...answerRows].map((row) => row.xmin));
      for (const row of answeredRows) expect(answerTransactions.has(row.xmin)).toBe(false);
    });
  });
}
