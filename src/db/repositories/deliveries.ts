// The delivery outbox (see the `Delivery` model): rows are written in the transaction of the state
// they announce, claimed by workers with FOR UPDATE SKIP LOCKED under a lease, and finished by the
// lease's owner only. Every instant that replicas must agree on comes from the database's now().
import { z } from "zod";
import { Prisma, type PrismaClient } from "../generated/client.js";

type Client = PrismaClient | Prisma.TransactionClient;

/** Anything JSON can hold; a delivery's payload is stored as jsonb. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface NewDelivery {
  tenantId: string;
  /** Says how the payload is rendered (a key of the worker's renderer registry). */
  kind: string;
  /** Deterministic per recipient and occurrence, e.g. `forecast_digest:<schedule>:<slot>:<channel>`. */
  idempotencyKey: string;
  /** A channel id, or a user id for a DM. */
  recipient: string;
  payload: JsonValue;
  /** Not before this instant (UTC); default: now. */
  notBefore?: Date;
  /** Default "slack". */
  platform?: string;
}

export interface ClaimedDelivery {
  id: string;
  tenantId: string;
  kind: string;
  recipient: string;
  payload: unknown;
  /** Claims so far, this one included (1 = nobody tried before). */
  attempts: number;
  createdAt: Date;
  leaseExpiresAt: Date;
}

export interface ClaimOptions {
  /** Who holds the lease: the replica's id. */
  owner: string;
  limit: number;
  /** Lease length in milliseconds. */
  leaseMs: number;
  /** Only rows for this platform (e.g. "slack"); default: any. */
  platform?: string;
  /** Instead of the database's now() (tests that pin time). */
  now?: Date;
}

/** When a rescheduled row becomes due again. */
export type RetryAt = Date | { delayMs: number };

export interface DeliveryStats {
  /** Waiting rows, due or not (backoff, Retry-After). */
  pending: number;
  /** Pending rows whose time has come. */
  due: number;
  /** Claimed by a worker right now (or by one that died, until its lease expires). */
  sending: number;
  /** Age in milliseconds of the oldest row not yet sent or failed; null when there is none. */
  oldestPendingAgeMs: number | null;
  sentLastHour?: number;
  failed: number;
  /** Failed rows by the platform's reason (channel_not_found, gave_up, render_failed, ...). */
  failedByReason: Record<string, number>;
}

export interface FailedDelivery {
  id: string;
  tenantId: string;
  kind: string;
  recipient: string;
  reason: string;
  lastError: string | null;
  attempts: number;
  /** When the row was queued (UTC). */
  createdAt: Date;
  /** When it was given up on (UTC); null for rows failed before the column existed. */
  failedAt: Date | null;
}

/**
 * Inserts the rows, skipping those whose idempotency key exists already (a second replica's
 * insert collides instead of duplicating). Returns how many rows are new. One INSERT … SELECT
 * FROM unnest(…) statement, each column one array parameter, so that thousands of rows (a survey
 * round's invitations) stay one statement with seven parameters.
 */
export async function enqueueDeliveries(tx: Client, rows: readonly NewDelivery[]): Promise<number> {
  if (rows.length === 0) return 0;
  return tx.$executeRaw`
    INSERT INTO delivery (id, tenant_id, kind, idempotency_key, platform, recipient, payload, not_before)
    SELECT gen_random_uuid(), u.tenant_id, u.kind, u.idempotency_key, u.platform, u.recipient, u.payload::jsonb, COALESCE(u.not_before, now())
      FROM unnest(${rows.map((row) => row.tenantId)}::uuid[], ${rows.map((row) => row.kind)}::text[],
                  ${rows.map((row) => row.idempotencyKey)}::text[], ${rows.map((row) => row.platform ?? "slack")}::text[],
                  ${rows.map((row) => row.recipient)}::text[], ${rows.map((row) => JSON.stringify(row.payload))}::text[],
                  ${rows.map((row) => row.notBefore?.toISOString() ?? null)}::timestamptz[])
           AS u(tenant_id, kind, idempotency_key, platform, recipient, payload, not_before)
    ON CONFLICT (idempotency_key) DO NOTHING`;
}

const claimedRow = z.object({
  id: z.string(),
  tenant_id: z.string(),
  kind: z.string(),
  recipient: z.string(),
  payload: z.unknown(),
  attempts: z.coerce.number().int(),
  created_at: z.coerce.date(),
  lease_expires_at: z.coerce.date(),
});

function nowSql(now: Date | undefined): Prisma.Sql {
  return now ? Prisma.sql`${now.toISOString()}::timestamptz` : Prisma.sql`now()`;
}

function intervalMs(ms: number): Prisma.Sql {
  return Prisma.sql`make_interval(secs => ${Math.max(0, ms) / 1000}::double precision)`;
}

/**
 * Claims up to `limit` due rows in one statement: pending rows whose `notBefore` has passed, and
 * rows whose lease expired (their worker died). Skips rows another worker is claiming right now.
 */
export async function claimDeliveries(db: Client, options: ClaimOptions): Promise<ClaimedDelivery[]> {
  if (options.limit <= 0) return [];
  const now = nowSql(options.now);
  const platform = options.platform === undefined ? Prisma.empty : Prisma.sql`AND platform = ${options.platform}`;
  const rows = await db.$queryRaw<unknown[]>`
    UPDATE delivery
       SET status = 'sending',
           lease_owner = ${options.owner},
           lease_expires_at = ${now} + ${intervalMs(options.leaseMs)},
           attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM delivery
        WHERE ((status = 'pending' AND not_before <= ${now})
            OR (status = 'sending' AND lease_expires_at < ${now}))
          ${platform}
        ORDER BY not_before
        LIMIT ${options.limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, tenant_id, kind, recipient, payload, attempts, created_at, lease_expires_at`;
  return rows
    .map((raw) => claimedRow.parse(raw))
    .map((row) => ({
      id: row.id,
      tenantId: row.tenant_id,
      kind: row.kind,
      recipient: row.recipient,
      payload: row.payload,
      attempts: row.attempts,
      createdAt: row.created_at,
      leaseExpiresAt: row.lease_expires_at,
    }))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

/** Records that the platform accepted the message. False when `owner` no longer holds the lease. */
export async function markSent(db: Client, id: string, owner: string, message: { channel: string; ts: string }): Promise<boolean> {
  const result = await db.$executeRaw`
    UPDATE delivery
       SET status = 'sent', message_channel = ${message.channel}, message_ts = ${message.ts}, sent_at = now(),
           lease_owner = NULL, lease_expires_at = NULL
     WHERE id = ${id}::uuid AND status = 'sending' AND lease_owner = ${owner}`;
  return result === 1;
}

/**
 * Records that a claimed row was deliberately not sent (its renderer said the message is no
 * longer wanted): done, with no message, `last_error` "skipped: <reason>". False when `owner`
 * no longer holds the lease.
 */
export async function markSkipped(db: Client, id: string, owner: string, reason: string): Promise<boolean> {
  const result = await db.$executeRaw`
    UPDATE delivery
       SET status = 'sent', message_channel = NULL, message_ts = NULL, sent_at = now(), last_error = ${`skipped: ${reason}`},
           lease_owner = NULL, lease_expires_at = NULL
     WHERE id = ${id}::uuid AND status = 'sending' AND lease_owner = ${owner}`;
  return result === 1;
}

/**
 * Puts a claimed row back in the queue, due at `retryAt` (a delay counts from the database's
 * now()). `countAttempt: false` gives the claim back to the attempt count: use it when nothing
 * was sent (a known Retry-After, pacing, a worker stopping), so that the count keeps meaning
 * "tries that may have reached the platform". False when `owner` no longer holds the lease.
 */
export async function reschedule(
  db: Client,
  id: string,
  owner: string,
  retryAt: RetryAt,
  lastError: string | null,
  options: { countAttempt?: boolean } = {},
): Promise<boolean> {
  const notBefore = retryAt instanceof Date ? Prisma.sql`${retryAt.toISOString()}::timestamptz` : Prisma.sql`now() + ${intervalMs(retryAt.delayMs)}`;
  const attempts = options.countAttempt === false ? Prisma.sql`GREATEST(attempts - 1, 0)` : Prisma.sql`attempts`;
  const result = await db.$executeRaw`
    UPDATE delivery
       SET status = 'pending', not_before = ${notBefore}, attempts = ${attempts},
           last_error = COALESCE(${lastError}, last_error), lease_owner = NULL, lease_expires_at = NULL
     WHERE id = ${id}::uuid AND status = 'sending' AND lease_owner = ${owner}`;
  return result === 1;
}

/** Records a failure that retrying cannot fix. False when `owner` no longer holds the lease. */
export async function markFailed(db: Client, id: string, owner: string, reason: string, message: string): Promise<boolean> {
  const result = await db.$executeRaw`
    UPDATE delivery
       SET status = 'failed', failure_reason = ${reason}, last_error = ${message}, failed_at = now(),
           lease_owner = NULL, lease_expires_at = NULL
     WHERE id = ${id}::uuid AND status = 'sending' AND lease_owner = ${owner}`;
  return result === 1;
}

const statsRow = z.object({
  pending: z.coerce.number(),
  due: z.coerce.number(),
  sending: z.coerce.number(),
  failed: z.coerce.number(),
  oldest_age_ms: z.coerce.number().nullable(),
});

const sentLastHourRow = z.object({ sent: z.coerce.number() });
const reasonRow = z.object({ reason: z.string().nullable(), count: z.coerce.number() });

/**
 * Queue depth, the oldest waiting row's age and failures by reason, across tenants (an operator's
 * view). `sentLastHour` scans the recent sent rows, so it is only computed when asked for.
 */
export async function deliveryStats(db: Client, options: { includeSentLastHour?: boolean } = {}): Promise<DeliveryStats> {
  const [totals] = await db.$queryRaw<unknown[]>`
    SELECT count(*) FILTER (WHERE status = 'pending')::int AS pending,
           count(*) FILTER (WHERE status = 'pending' AND not_before <= now())::int AS due,
           count(*) FILTER (WHERE status = 'sending')::int AS sending,
           count(*) FILTER (WHERE status = 'failed')::int AS failed,
           (extract(epoch FROM now() - min(created_at) FILTER (WHERE status IN ('pending', 'sending'))) * 1000)::float8 AS oldest_age_ms
      FROM delivery`;
  const stats = statsRow.parse(totals);
  const reasons = (
    await db.$queryRaw<unknown[]>`
      SELECT failure_reason AS reason, count(*)::int AS count FROM delivery
       WHERE status = 'failed' GROUP BY failure_reason ORDER BY failure_reason`
  ).map((raw) => reasonRow.parse(raw));
  const result: DeliveryStats = {
    pending: stats.pending,
    due: stats.due,
    sending: stats.sending,
    oldestPendingAgeMs: stats.oldest_age_ms === null ? null : Math.max(0, Math.round(stats.oldest_age_ms)),
    failed: stats.failed,
    failedByReason: Object.fromEntries(reasons.map((row) => [row.reason ?? "unknown", row.count])),
  };
  if (options.includeSentLastHour) {
    const [sent] = await db.$queryRaw<unknown[]>`
      SELECT count(*)::int AS sent FROM delivery WHERE status = 'sent' AND sent_at > now() - interval '1 hour'`;
    result.sentLastHour = sentLastHourRow.parse(sent).sent;
  }
  return result;
}

/** The most recent failures, newest first. */
export async function latestFailedDeliveries(db: Client, limit = 50): Promise<FailedDelivery[]> {
  const rows = await db.delivery.findMany({
    where: { status: "failed" },
    orderBy: [{ failedAt: { sort: "desc", nulls: "last" } }, { createdAt: "desc" }, { id: "asc" }],
    take: limit,
    select: { id: true, tenantId: true, kind: true, recipient: true, failureReason: true, lastError: true, attempts: true, createdAt: true, failedAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    tenantId: row.tenantId,
    kind: row.kind,
    recipient: row.recipient,
    reason: row.failureReason ?? "unknown",
    lastError: row.lastError,
    attempts: row.attempts,
    createdAt: row.createdAt,
    failedAt: row.failedAt,
  }));
}

/** Rows still to be sent (pending or sending), of one platform or all, for drains. */
export async function unfinishedDeliveryCount(db: Client, platform?: string): Promise<number> {
  return db.delivery.count({ where: { status: { in: ["pending", "sending"] }, ...(platform === undefined ? {} : { platform }) } });
}
