// Small factories for pulse round tests: the results of anonymous responses written straight into
// pulse_tally / pulse_comment (results tests do not depend on how answering stores them),
// invitations marked as sent, recipients marked as answered, and people looked up by e-mail.
import { randomBytes, randomUUID } from "node:crypto";
import type { Database } from "../../src/db/database.js";

export async function employeeIdOf(db: Database, tenantId: string, email: string): Promise<string> {
  return (await db.prisma.employee.findFirstOrThrow({ where: { tenantId, email }, select: { id: true } })).id;
}

export async function teamIdOf(db: Database, tenantId: string, name: string): Promise<string> {
  return (await db.prisma.team.findFirstOrThrow({ where: { tenantId, name }, select: { id: true } })).id;
}

export interface ResponseInput {
  teamId: string | null;
  band?: string | null;
  /** Question id -> score (number), choice id or comment (string). */
  answers: Record<string, number | string>;
  /** Choice questions: which ids hold choices rather than comments. */
  choiceQuestions?: readonly string[];
  answeredOn?: string;
  /** False: a partial response (a required question unanswered), which counts nowhere. Default true. */
  complete?: boolean;
}

/**
 * Writes the results of anonymous responses of a round, one per entry, as answering leaves them:
 * a counted (complete) response adds to the tallies and comments; a partial one (`complete:
 * false`) is only a sealed row, in no tally. Returns the comment ids (none for partial ones).
 */
export async function insertResponses(db: Database, tenantId: string, roundId: string, responses: readonly ResponseInput[]): Promise<string[]> {
  const ids: string[] = [];
  for (const response of responses) {
    if (response.complete === false) {
      await db.prisma.pulseResponse.create({ data: { tenantId, roundId, tokenHash: `test-${randomUUID()}`, sealed: randomBytes(64) } });
      continue;
    }
    const team = response.teamId ?? "";
    const band = response.band ?? "";
    const add = (questionId: string, value: string) => db.prisma.$executeRaw`
      INSERT INTO pulse_tally (round_id, question_id, team_key, band_key, value, count)
      VALUES (${roundId}::uuid, ${questionId}, ${team}, ${band}, ${value}, 1)
      ON CONFLICT (round_id, question_id, team_key, band_key, value) DO UPDATE SET count = pulse_tally.count + 1`;
    await add("", "");
    for (const [questionId, value] of Object.entries(response.answers)) {
      if (typeof value === "number" || response.choiceQuestions?.includes(questionId)) {
        await add(questionId, String(value));
      } else {
        const id = randomUUID();
        ids.push(id);
        await db.prisma.pulseComment.create({ data: { id, roundId, questionId, teamKey: team, text: value } });
      }
    }
  }
  return ids;
}

/** As the delivery worker records a sent invitation: status sent, the DM channel and a ts. */
export async function markInvitesSent(db: Database, roundId: string): Promise<number> {
  return db.prisma.$executeRaw`
    UPDATE delivery SET status = 'sent', message_channel = 'D' || upper(substr(md5(recipient), 1, 9)),
           message_ts = '1786000000.' || lpad((row_number)::text, 6, '0'), sent_at = now()
      FROM (SELECT id AS row_id, row_number() OVER (ORDER BY idempotency_key) AS row_number FROM delivery
             WHERE kind = 'pulse_invite' AND payload->>'roundId' = ${roundId}) numbered
     WHERE delivery.id = numbered.row_id`;
}

export async function markAnswered(db: Database, roundId: string, employeeIds: readonly string[]): Promise<void> {
  await db.prisma.pulseRecipient.updateMany({ where: { roundId, employeeId: { in: [...employeeIds] } }, data: { answered: true } });
}

export async function deliveriesOf(db: Database, kind: string, roundId: string) {
  return db.prisma.delivery.findMany({
    where: { kind, payload: { path: ["roundId"], equals: roundId } },
    select: { idempotencyKey: true, recipient: true, payload: true, notBefore: true, status: true, lastError: true },
    orderBy: { idempotencyKey: "asc" },
  });
}
