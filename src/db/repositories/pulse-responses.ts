// Anonymous pulse responses and their answers, and the separate "has answered" flag of a
// recipient: the only code that knows how they are stored. A response is found by the hash of
// its token, never by a person; the recipient flag is written in a transaction of its own so
// that no transaction id is shared between a person's row and their response.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { AnswerableRound, PulseAnswerStore, SaveAnswerInput, SavedAnswers, StoredAnswer } from "../../core/pulse/pulse-answer-store.js";
import { validateSurvey } from "../../core/pulse/validate-survey.js";
import { Prisma, type PrismaClient } from "../generated/client.js";

type Client = PrismaClient | Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const answerRow = z.object({
  question_id: z.string(),
  score: z.coerce.number().int().nullable(),
  choice_id: z.string().nullable(),
  text: z.string().nullable(),
});

function toAnswer(row: unknown): StoredAnswer {
  const parsed = answerRow.parse(row);
  return { questionId: parsed.question_id, score: parsed.score, choiceId: parsed.choice_id, text: parsed.text };
}

/** The tenant's round, its stored definition validated; null for an unknown (or malformed) id. */
export async function loadAnswerableRound(db: Client, tenantId: string, roundId: string): Promise<AnswerableRound | null> {
  if (!UUID.test(roundId) || !UUID.test(tenantId)) return null;
  const row = await db.pulseRound.findFirst({
    where: { id: roundId, tenantId },
    select: { id: true, tenantId: true, status: true, closesAt: true, closedAt: true, definition: true, threshold: true, commentThreshold: true },
  });
  if (!row) return null;
  return { ...row, definition: validateSurvey(row.definition) };
}

export async function isRoundRecipient(db: Client, roundId: string, employeeId: string): Promise<boolean> {
  if (!UUID.test(roundId) || !UUID.test(employeeId)) return false;
  const row = await db.pulseRecipient.findUnique({ where: { roundId_employeeId: { roundId, employeeId } }, select: { roundId: true } });
  return row !== null;
}

/** Every answer of the round's response with this token hash, or null when there is no such response. */
export async function responseAnswers(db: Client, roundId: string, tokenHash: string): Promise<StoredAnswer[] | null> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT r.id::text AS response_id, a.question_id, a.score, a.choice_id, a.text
      FROM pulse_response r
      LEFT JOIN pulse_answer a ON a.response_id = r.id
     WHERE r.token_hash = ${tokenHash} AND r.round_id = ${roundId}::uuid`;
  if (rows.length === 0) return null;
  return rows.filter((row) => (row as { question_id: unknown }).question_id !== null).map(toAnswer);
}

function answerColumns(answer: SaveAnswerInput["answer"]): { score: number | null; choiceId: string | null; text: string | null } {
  switch (answer.kind) {
    case "enps":
    case "agreement":
      return { score: answer.value, choiceId: null, text: null };
    case "single_choice":
      return { score: null, choiceId: answer.value, text: null };
    case "free_text":
      return { score: null, choiceId: null, text: answer.value };
  }
}

/**
 * Saves one answer: creates the response when `newResponse` is given and none has the token yet,
 * and stores the answer over the question's earlier one, in one statement (so in one
 * transaction); then marks the response complete when every required question is answered.
 * Returns every answer; null, with nothing written, when there is no response and `newResponse`
 * is null.
 *
 * `complete` only ever turns true (answers are replaced, never removed), and is decided by a
 * statement that starts after the answer is committed: of two answers to one response saved at
 * once, the later decision sees both, and a stale "not yet" never overwrites a "complete".
 */
export async function saveResponseAnswer(db: Client, input: SaveAnswerInput): Promise<SavedAnswers | "closed" | null> {
  const { tenantId, roundId, tokenHash, newResponse } = input;
  const { score, choiceId, text } = answerColumns(input.answer);
  const questionId = input.answer.questionId;
  // Every write goes through the round's row, share-locked while it is open: a close (which
  // updates that row) waits for an answer being saved, and an answer arriving after the close
  // finds the round closed and writes nothing — so closed results never change afterwards.
  const openRound = Prisma.sql`SELECT id FROM pulse_round WHERE id = ${roundId}::uuid AND status = 'open' FOR SHARE`;
  const created = newResponse
    ? Prisma.sql`
        INSERT INTO pulse_response (id, tenant_id, round_id, token_hash, team_id, attainment_band, answered_on, complete)
        SELECT ${randomUUID()}::uuid, ${tenantId}::uuid, ${roundId}::uuid, ${tokenHash}, ${newResponse.teamId}::uuid,
               ${newResponse.attainmentBand}, ${newResponse.answeredOn}::date, false
          FROM open_round
        ON CONFLICT (token_hash) DO NOTHING
        RETURNING id`
    : Prisma.sql`SELECT NULL::uuid AS id WHERE false`;
  let responseId: string | undefined;
  let roundOpen = true;
  // Twice at most: a first answer racing another first answer of the same person (a double
  // click) finds the response only once the other one's insert is committed.
  for (let attempt = 0; attempt < 2 && responseId === undefined && roundOpen; attempt++) {
    const saved = await db.$queryRaw<Array<{ response_id: string | null; open: boolean }>>`
      WITH open_round AS (${openRound}),
      created AS (${created}),
      response AS (
        SELECT id FROM created
        UNION ALL
        SELECT r.id FROM pulse_response r, open_round WHERE r.token_hash = ${tokenHash} AND r.round_id = ${roundId}::uuid
      ),
      saved AS (
        INSERT INTO pulse_answer (response_id, question_id, score, choice_id, text)
        SELECT id, ${questionId}, ${score}::smallint, ${choiceId}, ${text} FROM response LIMIT 1
        ON CONFLICT (response_id, question_id)
          DO UPDATE SET score = EXCLUDED.score, choice_id = EXCLUDED.choice_id, text = EXCLUDED.text
        RETURNING response_id::text
      )
      SELECT (SELECT response_id FROM saved) AS response_id, EXISTS (SELECT 1 FROM open_round) AS open`;
    responseId = saved[0]?.response_id ?? undefined;
    roundOpen = saved[0]?.open ?? false;
    if (!newResponse) break;
  }
  if (!roundOpen) return "closed";
  if (responseId === undefined) return null;
  const required = [...input.requiredQuestionIds];
  const rows = await db.$queryRaw<unknown[]>`
    WITH flagged AS (
      UPDATE pulse_response SET complete = true
       WHERE id = ${responseId}::uuid AND NOT complete
         AND (SELECT count(*) FROM pulse_answer WHERE response_id = ${responseId}::uuid AND question_id = ANY(${required}::text[])) = ${required.length}
    )
    SELECT question_id, score, choice_id, text FROM pulse_answer WHERE response_id = ${responseId}::uuid`;
  const answers = rows.map(toAnswer);
  const answered = new Set(answers.map((answer) => answer.questionId));
  return { answers, complete: required.every((id) => answered.has(id)) };
}

/** Sets the recipient's flag (one statement, its own transaction); a no-op once set. */
export async function markRecipientAnswered(db: Client, roundId: string, employeeId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE pulse_recipient SET answered = true
     WHERE round_id = ${roundId}::uuid AND employee_id = ${employeeId}::uuid AND NOT answered`;
}

export interface PulseAnswerStoreOptions {
  /**
   * How long a round's row may be served from memory, milliseconds (default 5 s). Its definition
   * never changes, and saving an answer checks the round is still open in the database, so a
   * stale copy costs nothing but a refusal worded a moment later.
   */
  roundTtlMs?: number;
  now?: () => number;
}

const ROUND_CACHE_MAX = 1_000;
const INVITED_CACHE_MAX = 100_000;

/** The PulseAnswerStore port on Prisma. A save never shares a transaction with `markAnswered`. */
export function createPulseAnswerStore(prisma: PrismaClient, options: PulseAnswerStoreOptions = {}): PulseAnswerStore {
  const ttlMs = options.roundTtlMs ?? 5_000;
  const now = options.now ?? Date.now;
  const rounds = new Map<string, { value: Promise<AnswerableRound | null>; expires: number }>();
  // An invitation is never withdrawn: once seen, a person's later clicks need not ask again.
  const invited = new Set<string>();
  const marked = new Set<string>();
  return {
    round(tenantId, roundId) {
      const key = `${tenantId}:${roundId}`;
      const hit = rounds.get(key);
      if (hit && hit.expires > now()) return hit.value;
      if (rounds.size >= ROUND_CACHE_MAX) rounds.delete(rounds.keys().next().value!);
      const value = loadAnswerableRound(prisma, tenantId, roundId);
      rounds.set(key, { value, expires: now() + ttlMs });
      value.catch(() => rounds.delete(key));
      return value;
    },
    async isInvited(roundId, employeeId) {
      const key = `${roundId}:${employeeId}`;
      if (invited.has(key)) return true;
      const found = await isRoundRecipient(prisma, roundId, employeeId);
      if (found) {
        if (invited.size >= INVITED_CACHE_MAX) invited.delete(invited.values().next().value!);
        invited.add(key);
      }
      return found;
    },
    answers: (roundId, tokenHash) => responseAnswers(prisma, roundId, tokenHash),
    saveAnswer: (input) => saveResponseAnswer(prisma, input),
    async markAnswered(roundId, employeeId) {
      // Answered stays answered: later changes to a complete response need not write again.
      const key = `${roundId}:${employeeId}`;
      if (marked.has(key)) return;
      await markRecipientAnswered(prisma, roundId, employeeId);
      if (marked.size >= INVITED_CACHE_MAX) marked.delete(marked.values().next().value!);
      marked.add(key);
    },
  };
}
