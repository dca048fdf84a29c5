// The large tenant a benchmark runs on, kept between runs: a PostgreSQL database named after the
// tenant's size on the BENCH_DATABASE_URL server, or a PGlite directory under the OS temp dir.
// A completed seed leaves a marker in the tenant's settings (size, seed date, row counts); a
// later run finds it and skips the minutes of seeding. Anything else there is rebuilt.
import { tmpdir } from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { calendarDateIn, type Clock } from "../../../src/clock.js";
import { type Database, type DatabaseKind, openDatabase } from "../../../src/db/database.js";
import { applyMigrations } from "../../../src/db/migrator.js";
import { PrismaClient } from "../../../src/db/generated/client.js";
import { LARGE_TABLES, seedLargeTenant } from "../../../src/db/seed/large-tenant.js";
import type { SqlRunner } from "./bare-sql.js";
import { type CapturedStatement, recordingAdapterFactory } from "./recording-adapter.js";
import type { BenchOptions } from "./types.js";

export const DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres";
/** The large tenant's own time zone; its seed date is a calendar date there. */
export const TENANT_TIME_ZONE = "Asia/Kuala_Lumpur";
/** Bump when the seed changes in a way that makes older bench databases unfit. */
const MARKER_VERSION = 1;

export interface TenantSize {
  reps: number;
  opportunities: number;
}

export interface BenchMarker {
  version: number;
  reps: number;
  opportunities: number;
  /** The seed's calendar date (YYYY-MM-DD in the tenant's time zone). */
  today: string;
  seededAt: string;
  seedMs: number;
  counts: Record<string, number>;
  /**
   * When the bulk tables were last vacuumed and analysed (the seed does it since it learned to;
   * a database seeded before gets it once here, as autovacuum would in production).
   */
  vacuumedAt?: string;
}

export interface BenchDatabase {
  kind: DatabaseKind;
  db: Database;
  /** Where it lives: a database URL without credentials, or a directory. */
  location: string;
  /** Connection URL (PostgreSQL only), for a separate client. */
  url: string | undefined;
  tenantId: string;
  marker: BenchMarker;
  /** True when this run seeded it. */
  seededNow: boolean;
}

export function tenantNameFor(size: TenantSize): string {
  return `Bench ${size.reps} reps ${size.opportunities} opportunities`;
}

export function adminUrl(): string {
  return process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL;
}

function databaseUrl(admin: string, name: string): string {
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

function withoutCredentials(url: string): string {
  const parsed = new URL(url);
  parsed.password = "";
  return parsed.toString();
}

/**
 * Runs `run` on each backend asked for (both by default) and collects what completed. PostgreSQL
 * is skipped, with a note, when its server does not answer (an error if it was asked for by
 * name); a backend that fails is noted and the others still run, so one out-of-memory does not
 * lose the other's figures. Throws when none completed.
 */
export async function runEachBackend<T>(
  options: Pick<BenchOptions, "backends" | "log">,
  run: (kind: DatabaseKind) => Promise<T>,
): Promise<{ results: T[]; skipped: string[] }> {
  const wanted = (options.backends ?? ["postgres", "pglite"]) as DatabaseKind[];
  const results: T[] = [];
  const skipped: string[] = [];
  for (const kind of wanted) {
    if (kind === "postgres") {
      const available = await postgresAvailable();
      if (!available.ok) {
        if (options.backends?.includes("postgres")) throw new Error(`PostgreSQL does not answer: ${available.reason}`);
        skipped.push(`[postgres] skipped: the server at BENCH_DATABASE_URL does not answer (${available.reason}).`);
        options.log(skipped[skipped.length - 1]!);
        continue;
      }
    }
    try {
      results.push(await run(kind));
    } catch (error) {
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      skipped.push(`[${kind}] FAILED: ${message.split("\n").slice(0, 4).join(" / ")}`);
      options.log(`[${kind}] failed: ${message}`);
    }
  }
  if (results.length === 0) throw new Error(`no backend completed:\n${skipped.join("\n")}`);
  return { results, skipped };
}

/** Whether the PostgreSQL server answers; the reason when it does not. */
export async function postgresAvailable(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  } finally {
    await client.end().catch(() => {});
  }
}

async function ensurePostgresDatabase(name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    const found = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return databaseUrl(adminUrl(), name);
}

async function readMarker(db: Database, tenantName: string): Promise<{ tenantId: string; marker: BenchMarker | null } | null> {
  const rows = await db.withSession((session) =>
    session.query<{ id: string; bench: BenchMarker | null }>(`SELECT "id"::text AS id, "settings"->'bench' AS bench FROM "tenant" WHERE "name" = $1`, [tenantName]),
  );
  const row = rows[0];
  return row ? { tenantId: row.id, marker: row.bench ?? null } : null;
}

async function writeMarker(db: Database, tenantId: string, marker: BenchMarker): Promise<void> {
  await db.withSession((session) =>
    session.query(`UPDATE "tenant" SET "settings" = "settings" || jsonb_build_object('bench', $2::jsonb) WHERE "id" = $1::uuid`, [
      tenantId,
      JSON.stringify(marker),
    ]),
  );
}

function markerFits(marker: BenchMarker | null, size: TenantSize): marker is BenchMarker {
  return (
    marker !== null &&
    marker.version === MARKER_VERSION &&
    marker.reps === size.reps &&
    marker.opportunities === size.opportunities &&
    typeof marker.today === "string" &&
    (marker.counts.opportunity ?? 0) === size.opportunities
  );
}

/**
 * Opens (creating, migrating and seeding when needed) the bench database of this size. The
 * caller owns the returned `db` and closes it (an app started on it closes it on stop).
 */
export async function openBenchDatabase(kind: DatabaseKind, size: TenantSize, log: (message: string) => void): Promise<BenchDatabase> {
  const tenantName = tenantNameFor(size);
  let db: Database;
  let location: string;
  let url: string | undefined;
  if (kind === "postgres") {
    const name = `salesops_bench_${size.reps}_${size.opportunities}`;
    url = await ensurePostgresDatabase(name);
    location = withoutCredentials(url);
    db = await openDatabase({ databaseUrl: url, maxConnections: 10 });
  } else {
    location = path.join(tmpdir(), `salesops-bench-pglite-${size.reps}-${size.opportunities}`);
    db = await openDatabase({ dataDir: location });
  }
  try {
    await applyMigrations(db);
    const existing = await readMarker(db, tenantName);
    if (existing && markerFits(existing.marker, size)) {
      log(`${kind}: reusing ${location} (seeded ${existing.marker.seededAt} for ${existing.marker.today}, ${size.reps} reps, ${size.opportunities} opportunities)`);
      let marker = existing.marker;
      if (!marker.vacuumedAt) {
        const started = performance.now();
        for (const table of LARGE_TABLES) await db.withSession((session) => session.exec(`VACUUM (ANALYZE) "${table}"`));
        marker = { ...marker, vacuumedAt: new Date().toISOString() };
        await writeMarker(db, existing.tenantId, marker);
        log(`${kind}: vacuumed and analysed ${LARGE_TABLES.join(", ")} in ${((performance.now() - started) / 1000).toFixed(1)} s (seeded before the seed did it)`);
      }
      return { kind, db, location, url, tenantId: existing.tenantId, marker, seededNow: false };
    }
    const today = calendarDateIn(new Date(), TENANT_TIME_ZONE);
    log(`${kind}: seeding ${size.reps} reps and ${size.opportunities} opportunities into ${location} (today ${today}) …`);
    let lastReport = 0;
    const report = await seedLargeTenant(db, {
      reps: size.reps,
      opportunities: size.opportunities,
      today,
      tenantName,
      replace: true,
      onProgress(progress) {
        if (progress.elapsedMs - lastReport < 15_000 && progress.phase === "opportunities") return;
        lastReport = progress.elapsedMs;
        log(`${kind}:   ${progress.phase}: ${progress.opportunitiesWritten}/${progress.opportunitiesTotal} opportunities, ${progress.snapshotsWritten} snapshot rows, ${(progress.elapsedMs / 1000).toFixed(0)} s`);
      },
    });
    const marker: BenchMarker = {
      version: MARKER_VERSION,
      reps: size.reps,
      opportunities: size.opportunities,
      today,
      seededAt: new Date().toISOString(),
      seedMs: Math.round(report.elapsedMs),
      counts: report.counts,
      vacuumedAt: new Date().toISOString(),
    };
    await writeMarker(db, report.tenantId, marker);
    log(`${kind}: seeded in ${(report.elapsedMs / 1000).toFixed(1)} s: ${Object.entries(report.counts).map(([table, count]) => `${table} ${count}`).join(", ")}`);
    return { kind, db, location, url, tenantId: report.tenantId, marker, seededNow: true };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

/**
 * The system clock moved by whole days so that it reads the seed date (in the tenant's time
 * zone) today: a database seeded yesterday is asked about the same quarter, deals and
 * snapshots as on the day it was built. Time of day runs on.
 */
export function clockOnSeedDate(seedToday: string): { clock: Clock; offsetDays: number } {
  const todayThere = calendarDateIn(new Date(), TENANT_TIME_ZONE);
  const offsetMs = Date.parse(`${seedToday}T00:00:00Z`) - Date.parse(`${todayThere}T00:00:00Z`);
  return { clock: { now: () => new Date(Date.now() + offsetMs) }, offsetDays: Math.round(offsetMs / 86_400_000) };
}

/**
 * A second, recording Prisma client on the bench database for the profile: every statement the
 * repository sends is captured (see recording-adapter.ts), and `runner` runs SQL directly on the
 * same server (a pg client) or the same PGlite instance. For PGlite the bench database must be
 * closed first: one process opens a PGlite directory once at a time.
 */
export interface ProfileConnection {
  prisma: PrismaClient;
  runner: SqlRunner;
  statements: CapturedStatement[];
  close(): Promise<void>;
}

export async function openProfileConnection(bench: Pick<BenchDatabase, "kind" | "url" | "location">): Promise<ProfileConnection> {
  const statements: CapturedStatement[] = [];
  if (bench.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: bench.url, max: 10 });
    pool.on("error", () => {});
    const prisma = new PrismaClient({ adapter: recordingAdapterFactory(new PrismaPg(pool), statements) });
    const client = new pg.Client({ connectionString: bench.url });
    await client.connect();
    return {
      prisma,
      statements,
      runner: { query: async (sql, params) => (await client.query(sql, params as unknown[])).rows },
      async close() {
        await prisma.$disconnect();
        await client.end().catch(() => {});
        await pool.end().catch(() => {});
      },
    };
  }
  // The directory openDatabase({ dataDir }) uses.
  const client = new PGlite(path.resolve(bench.location, "pglite"));
  await client.waitReady;
  const prisma = new PrismaClient({ adapter: recordingAdapterFactory(new PrismaPGlite(client), statements) });
  return {
    prisma,
    statements,
    runner: { query: async (sql, params) => (await client.query(sql, params as unknown[])).rows },
    async close() {
      await prisma.$disconnect();
      if (!client.closed) await client.close();
    },
  };
}

/** Opens the bench database again after a profile closed it (PGlite). */
export async function reopenBenchDatabase(bench: BenchDatabase): Promise<Database> {
  return bench.kind === "postgres" ? openDatabase({ databaseUrl: bench.url, maxConnections: 10 }) : openDatabase({ dataDir: bench.location });
}
