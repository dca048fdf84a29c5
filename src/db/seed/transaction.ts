// One transaction on one connection for a whole seed, so a seed is all or nothing.
import type { Database, SqlSession } from "../database.js";

/** Arbitrary fixed key for pg_advisory_xact_lock: every seeding transaction queues on it. */
export const SEED_LOCK_KEY = 0x5eed_0001;

// PGlite is a single connection shared by the whole process, so two transactions in one
// process must not interleave; queue them per Database object.
const queues = new WeakMap<Database, Promise<unknown>>();

/**
 * Runs `work` inside BEGIN … COMMIT on one session, holding the seed advisory lock; rolls back
 * and rethrows on any error.
 */
export async function inSeedTransaction<T>(db: Database, work: (session: SqlSession) => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous
    .catch(() => {})
    .then(() =>
      db.withSession(async (session) => {
        await session.query("BEGIN");
        try {
          await session.query("SELECT pg_advisory_xact_lock($1::bigint)", [SEED_LOCK_KEY]);
          const result = await work(session);
          await session.query("COMMIT");
          return result;
        } catch (error) {
          await session.query("ROLLBACK").catch(() => {});
          throw error;
        }
      }),
    );
  queues.set(db, run);
  return run;
}
