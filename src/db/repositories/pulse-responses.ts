// Anonymous pulse responses (sealed with the respondent's token), the tallies and comments
// results are computed from, and the separate "has answered" flag of a recipient: the only code
// that knows how they are stored. A response is found by the hash of its token, never by a
// person; the recipient flag is written in a transaction of its own so that no transaction id
// is shared between a person's row and their response.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { AnswerableRound, PulseAnswerStore, ResponseWrite, SaveResponseInput } from "../../core/pulse/pulse-answer-store.js";
import { validateSurvey } from "../../core/pulse/validate-survey.js";
import { Prisma, type PrismaClient } from "../generated/client.js";

type Client = PrismaClient | Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/** The round's sealed response with this token hash, or null. */
export async function sealedResponse(db: Client, roundId: string, tokenHash: string): Promise<Uint8Array | null> {
  if (!UUID.test(roundId)) return null;
  const row = await db.pulseResponse.findFirst({ where: { roundId, tokenHash }, select: { sealed: true } });
  return row ? new Uint8Array(row.sealed) : null;
}

const RETRY = Symbol("retry");

/** Adds tally changes and stores comments in `tx`; counts that reach 0 are removed. */
export async function writeTallies(tx: Prisma.TransactionClient, roundId: string, tally: ResponseWrite["tally"], comments: ResponseWrite["comments"]): Promise<void> {
  if (tally.length > 0) {
    await tx.$executeRaw`
      INSERT INTO pulse_tally (round_id, question_id, team_key, band_key, value, count)
      SELECT ${roundId}::uuid, u.question_id, u.team_key, u.band_key, u.value, sum(u.delta)::int
        FROM unnest(${tally.map((change) => change.questionId)}::text[], ${tally.map((change) => change.teamId ?? "")}::text[],
                    ${tally.map((change) => change.band ?? "")}::text[], ${tally.map((change) => change.value)}::text[],
                    ${tally.map((change) => change.delta)}::int[]) AS u(question_id, team_key, band_key, value, delta)
       GROUP BY 1, 2, 3, 4, 5
      ON CONFLICT (round_id, question_id, team_key, band_key, value) DO UPDATE SET count = pulse_tally.count + EXCLUDED.count`;
    await tx.$executeRaw`DELETE FROM pulse_tally WHERE round_id = ${roundId}::uuid AND count <= 0`;
  }
  if (comments.length > 0) {
    await tx.$executeRaw`
      INSERT INTO pulse_comment (id, round_id, question_id, team_key, text)
      SELECT u.id, ${roundId}::uuid, u.question_id, u.team_key, u.text
        FROM unnest(${comments.map((comment) => comment.id)}::uuid[], ${comments.map((comment) => comment.questionId)}::text[],
                    ${comments.map((comment) => comment.teamId ?? "")}::text[], ${comments.map((comment) => comment.text)}::text[])
             AS u(id, question_id, team_key, text)
      ON CONFLICT (id) DO UPDATE SET text = EXCLUDED.text`;
  }
}

/**
 * Saves one answer (see `PulseAnswerStore.saveResponse`): in one transaction, the round's row
 * share-locked while it is open — a close (which updates that row) waits for an answer being
 * saved, and an answer arriving after the close finds the round closed and writes nothing, so
 * closed results never change afterwards —, the response locked, `change` applied to it, and
 * the sealed response, tallies and comments written. A first answer racing another first
 * answer of the same person (a double click) is applied again over the one that won.
 */
export async function saveResponse(prisma: PrismaClient, input: SaveResponseInput): Promise<"saved" | "closed"> {
  const { tenantId, roundId, tokenHash } = input;
  for (let attempt = 0; ; attempt++) {
    const outcome = await prisma.$transaction(async (tx) => {
      const open = await tx.$queryRaw<unknown[]>`SELECT id FROM pulse_round WHERE id = ${roundId}::uuid AND status = 'open' FOR SHARE`;
      if (open.length === 0) return "closed" as const;
      const rows = await tx.$queryRaw<Array<{ id: string; sealed: Uint8Array }>>`
        SELECT id::text AS id, sealed FROM pulse_response WHERE token_hash = ${tokenHash} AND round_id = ${roundId}::uuid FOR UPDATE`;
      const existing = rows[0];
      const write = input.change(existing ? new Uint8Array(existing.sealed) : null);
      const sealed = Buffer.from(write.sealed);
      if (existing) {
        await tx.$executeRaw`UPDATE pulse_response SET sealed = ${sealed} WHERE id = ${existing.id}::uuid`;
      } else {
        const inserted = await tx.$executeRaw`
          INSERT INTO pulse_response (id, tenant_id, round_id, token_hash, sealed)
          VALUES (${randomUUID()}::uuid, ${tenantId}::uuid, ${roundId}::uuid, ${tokenHash}, ${sealed})
          ON CONFLICT (token_hash) DO NOTHING`;
        // Another first answer of this person got there first: apply this one over it.
        if (inserted === 0) return RETRY;
      }
      await writeTallies(tx, roundId, write.tally, write.comments);
      return "saved" as const;
    });
    if (outcome !== RETRY) return outcome;
    if (attempt >= 2) throw new Error(`pulse response of round ${roundId} could not be saved`);
  }
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
    sealedResponse: (roundId, tokenHash) => sealedResponse(prisma, roundId, tokenHash),
    saveResponse: (input) => saveResponse(prisma, input),
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
