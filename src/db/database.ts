// Opens the one database the process uses: embedded PGlite (files under DATA_DIR) or PostgreSQL
// (DATABASE_URL). Everything above src/db sees the same `Database`, whatever the backend.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client.js";

export type DatabaseKind = "pglite" | "postgres";

/**
 * Plain SQL on one connection, for the migrator (session advisory locks) and bulk loaders.
 * Values come back as the driver parses them.
 */
export interface SqlSession {
  query<Row extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<Row[]>;
  /** Runs a multi-statement script (no parameters). */
  exec(script: string): Promise<void>;
}

export interface Database {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  /** Borrows one connection for the duration of `work` (a pool client, or PGlite itself). */
  withSession<T>(work: (session: SqlSession) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** PostgreSQL URL; when absent the embedded PGlite is used. */
  databaseUrl?: string | undefined;
  /** Directory for PGlite's files; `undefined` with no URL means in memory (tests). */
  dataDir?: string | undefined;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.maxConnections ?? 10);
  return openPglite(options.dataDir);
}

async function openPostgres(databaseUrl: string, maxConnections: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: maxConnections });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    async withSession(work) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await work({
          async query(sql, params) {
            const result = await client.query(sql, params as unknown[] | undefined);
            return result.rows;
          },
          async exec(script) {
            await client.query(script);
          },
        });
      } catch (error) {
        broken = error instanceof Error ? error : new Error(String(error));
        throw error;
      } finally {
        // A session that failed mid-way may hold locks or an open transaction: discard it.
        client.release(broken);
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

export class DatabaseInUseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DatabaseInUseError";
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite is one process's database: a second process opening the same files would corrupt them.
 * A lock file names the owner; one left by a process that died (SIGKILL) is taken over.
 */
function lockEmbeddedDatabase(directory: string): () => void {
  const lockFile = `${directory}.lock`;
  let owner: number | undefined;
  try {
    owner = Number.parseInt(readFileSync(lockFile, "utf8"), 10);
  } catch {
    owner = undefined;
  }
  if (owner !== undefined && Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
    throw new DatabaseInUseError(
      `The embedded database in ${directory} is in use by another process (pid ${owner}). ` +
        "Stop it first (the bot's own commands work meanwhile: npm run chat), or use DATABASE_URL to share a PostgreSQL database.",
    );
  }
  writeFileSync(lockFile, String(process.pid));
  return () => rmSync(lockFile, { force: true });
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let directory: string | undefined;
  let unlock = () => {};
  if (dataDir !== undefined) {
    directory = path.resolve(dataDir, "pglite");
    mkdirSync(directory, { recursive: true });
    unlock = lockEmbeddedDatabase(directory);
  }
  const client = directory ? new PGlite(directory) : new PGlite();
  try {
    await client.waitReady;
  } catch (error) {
    unlock();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(client) });
  const session: SqlSession = {
    async query(sql, params) {
      const result = await client.query(sql, params as unknown[] | undefined);
      return result.rows as never[];
    },
    async exec(script) {
      await client.exec(script);
    },
  };
  return {
    kind: "pglite",
    prisma,
    // PGlite is a single connection; it serialises statements itself.
    withSession: (work) => work(session),
    async close() {
      await prisma.$disconnect();
      if (!client.closed) await client.close();
      unlock();
    },
  };
}
