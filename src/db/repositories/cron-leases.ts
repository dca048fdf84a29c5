// node-cron's RunCoordinator backed by the database: of the replicas whose clocks tick the same
// slot, the first to take the lease for `<task>:<slot>` runs it; the others are "not elected".
// The lease outlives the run (until it expires) so that a replica arriving late for the same
// slot is refused too.
import type { RunCoordinator } from "node-cron";
import type { PrismaClient } from "../generated/client.js";

export function createDatabaseRunCoordinator(prisma: PrismaClient, owner: string): RunCoordinator {
  return {
    async shouldRun(key: string, ttlMs: number): Promise<boolean> {
      const rows = await prisma.$queryRaw<Array<{ owner: string }>>`
        INSERT INTO cron_lease (key, owner, expires_at)
        VALUES (${key}, ${owner}, now() + ${ttlMs}::int * interval '1 millisecond')
        ON CONFLICT (key) DO UPDATE SET owner = EXCLUDED.owner, expires_at = EXCLUDED.expires_at
          WHERE cron_lease.expires_at < now()
        RETURNING owner`;
      return rows.length === 1 && rows[0]!.owner === owner;
    },
  };
}

/** Forgets leases that expired more than a day ago (they only matter around their slot). */
export async function pruneCronLeases(prisma: PrismaClient): Promise<number> {
  return prisma.$executeRaw`DELETE FROM cron_lease WHERE expires_at < now() - interval '1 day'`;
}
