// What /readyz asks the database: a real read of an application table and a real write, the way
// requests use it (through Prisma and its adapter), each bounded by a short timeout. Reading the
// migrations table alone said "ready" while every query of the application failed (a table
// locked, renamed or unwritable, a full disk, a pool that hands out no connection).
import type { Database } from "./database.js";

const READINESS_KEY = "readyz";

export class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`the database did not answer within ${ms} ms`);
    this.name = "ProbeTimeout";
  }
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new ProbeTimeout(ms)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** Resolves when the database reads and writes within `timeoutMs`; rejects with the reason otherwise. */
export async function probeDatabase(db: Database, timeoutMs: number, now: Date = new Date()): Promise<void> {
  const probe = db.prisma.$transaction(async (tx) => {
    // PostgreSQL stops the statements itself, so a probe stuck behind a lock gives its connection back.
    if (db.kind === "postgres") await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
    await tx.tenant.findFirst({ select: { id: true } });
    await tx.slackRequestKey.upsert({
      where: { key: READINESS_KEY },
      create: { key: READINESS_KEY, expiresAt: now },
      update: { expiresAt: now },
    });
  });
  // Nobody waits for a probe that timed out; its own failure later is not an unhandled rejection.
  probe.catch(() => {});
  await withTimeout(probe, timeoutMs);
}
