// Applies the committed Prisma migration folders at start-up, recording them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, so that either tool can take over
// from the other: same table, same checksum (lowercase hex sha256 of migration.sql), same
// advisory lock key, and a failed migration blocks further deploys until it is resolved.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Database, SqlSession } from "./database.js";

/** The key Prisma Migrate takes with pg_advisory_lock; sharing it serialises us with the CLI. */
const PRISMA_MIGRATE_LOCK_KEY = 72707369;

export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../prisma/migrations", import.meta.url));

export interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
  warnings: string[];
}

export class MigrationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MigrationError";
  }
}

interface AppliedRow {
  id: string;
  checksum: string;
  migration_name: string;
  finished_at: Date | string | null;
  rolled_back_at: Date | string | null;
  logs: string | null;
}

export function checksumOf(sql: string | Buffer): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** Reads `prisma/migrations/<name>/migration.sql`, ordered by folder name as Prisma does. */
export function readLocalMigrations(migrationsDir: string = DEFAULT_MIGRATIONS_DIR): LocalMigration[] {
  if (!existsSync(migrationsDir)) return [];
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .flatMap((name) => {
      const file = path.join(migrationsDir, name, "migration.sql");
      if (!existsSync(file)) return [];
      const bytes = readFileSync(file);
      return [{ name, sql: bytes.toString("utf8"), checksum: checksumOf(bytes) }];
    });
}

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
);`;

async function appliedRows(session: SqlSession): Promise<AppliedRow[]> {
  return session.query<AppliedRow & Record<string, unknown>>(
    `SELECT id, checksum, migration_name, finished_at, rolled_back_at, logs
       FROM "_prisma_migrations" ORDER BY started_at, migration_name`,
  );
}

function assertNoFailedMigration(rows: AppliedRow[]): void {
  const failed = rows.find((row) => row.finished_at === null && row.rolled_back_at === null);
  if (failed) {
    const firstLog = (failed.logs ?? "").split("\n").find((line) => line.trim() !== "") ?? "no log";
    throw new MigrationError(
      `migration ${failed.migration_name} failed earlier (${firstLog}); it is not retried automatically. ` +
        `Fix the database, then mark it with \`prisma migrate resolve --rolled-back ${failed.migration_name}\` ` +
        `(or --applied) and start again.`,
    );
  }
}

/**
 * Applies every pending migration, in order, each in its own transaction. Replicas starting at
 * once queue on the advisory lock; the second finds nothing left to do.
 */
export async function applyMigrations(
  db: Database,
  options: { migrationsDir?: string; log?: (message: string) => void } = {},
): Promise<MigrationReport> {
  const local = readLocalMigrations(options.migrationsDir);
  const log = options.log ?? (() => {});
  return db.withSession(async (session) => {
    await session.query("SELECT pg_advisory_lock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    try {
      await session.exec(CREATE_MIGRATIONS_TABLE);
      const rows = await appliedRows(session);
      assertNoFailedMigration(rows);

      const warnings: string[] = [];
      const done = new Map<string, AppliedRow>();
      for (const row of rows) if (row.rolled_back_at === null) done.set(row.migration_name, row);
      const localNames = new Set(local.map((migration) => migration.name));
      for (const name of done.keys()) {
        if (!localNames.has(name)) warnings.push(`migration ${name} is applied but missing from ${options.migrationsDir ?? "prisma/migrations"}`);
      }

      const applied: string[] = [];
      for (const migration of local) {
        const existing = done.get(migration.name);
        if (existing) {
          if (existing.checksum !== migration.checksum) {
            warnings.push(`migration ${migration.name} was modified after it was applied (checksum differs)`);
          }
          continue;
        }
        await applyOne(session, migration);
        applied.push(migration.name);
        log(`applied migration ${migration.name}`);
      }
      for (const warning of warnings) log(`warning: ${warning}`);
      return { applied, alreadyApplied: local.length - applied.length, warnings };
    } finally {
      await session.query("SELECT pg_advisory_unlock($1)", [PRISMA_MIGRATE_LOCK_KEY]);
    }
  });
}

async function applyOne(session: SqlSession, migration: LocalMigration): Promise<void> {
  const id = randomUUID();
  await session.query(
    `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, migration.checksum, migration.name],
  );
  try {
    // One transaction per migration: a failure leaves nothing of it half-applied.
    await session.exec(`BEGIN;\n${migration.sql}\n;COMMIT;`);
  } catch (error) {
    await session.exec("ROLLBACK").catch(() => {});
    const message = error instanceof Error ? error.message : String(error);
    await session.query(`UPDATE "_prisma_migrations" SET logs = $2 WHERE id = $1`, [id, message]);
    throw new MigrationError(`migration ${migration.name} failed: ${message}`);
  }
  await session.query(
    `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
    [id],
  );
}

export interface MigrationStatus {
  pending: string[];
  failed: string[];
}

/** For readiness: which local migrations are not (successfully) applied. */
export async function migrationStatus(db: Database, migrationsDir?: string): Promise<MigrationStatus> {
  const local = readLocalMigrations(migrationsDir);
  return db.withSession(async (session) => {
    const exists = await session.query<{ present: boolean }>(
      `SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS present`,
    );
    if (!exists[0]?.present) return { pending: local.map((m) => m.name), failed: [] };
    const rows = await appliedRows(session);
    const finished = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
    const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name);
    return { pending: local.filter((m) => !finished.has(m.name)).map((m) => m.name), failed };
  });
}
