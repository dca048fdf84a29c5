// Opens the one database the process uses: embedded PGlite (files under DATA_DIR) or PostgreSQL
// (DATABASE_URL). Everything above src/db sees the same `Database`, whatever the backend.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { z } from "zod";
import { DataDirError, describeError, preparePrivateDirectory } from "./data-dir.js";
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
 * When the process `pid` started, in clock ticks since boot (field 22 of /proc/<pid>/stat), or
 * undefined where there is no /proc (then only the pid is compared). With the pid, it names one
 * process for the life of the machine: a pid reused by another process has another start time.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces or parentheses itself.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19];
  } catch {
    return undefined;
  }
}

function bootId(): string | undefined {
  try {
    return readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return undefined;
  }
}

/** What the lock file holds: the owner's pid, and what tells that pid's process from a later one. */
const lockFileSchema = z.object({
  pid: z.number().int().positive(),
  startTime: z.string().optional(),
  bootId: z.string().optional(),
});
type LockOwner = z.infer<typeof lockFileSchema>;

/** The lock's owner as recorded; a file of the old format (the pid alone) gives only the pid. */
function readLockOwner(lockFile: string): LockOwner | undefined {
  let text: string;
  try {
    text = readFileSync(lockFile, "utf8");
  } catch {
    return undefined;
  }
  try {
    const parsed = lockFileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // not JSON: the old format, or a torn write
  }
  const pid = Number.parseInt(text, 10);
  return Number.isInteger(pid) && pid > 0 && String(pid) === text.trim() ? { pid } : undefined;
}

/** Whether the recorded owner is a process alive now: same boot, same pid, same start time. */
function ownerIsAlive(owner: LockOwner): boolean {
  if (owner.bootId !== undefined && owner.bootId !== bootId()) return false;
  if (!isRunning(owner.pid)) return false;
  if (owner.startTime === undefined) return true;
  const current = processStartTime(owner.pid);
  return current === undefined || current === owner.startTime;
}

export function currentLockOwner(): LockOwner {
  const startTime = processStartTime(process.pid);
  const boot = bootId();
  return { pid: process.pid, ...(startTime !== undefined ? { startTime } : {}), ...(boot !== undefined ? { bootId: boot } : {}) };
}

/**
 * PGlite is one process's database: a second process opening the same files would corrupt them.
 * A lock file names the owner (pid, its start time and the boot); one left by a process that died
 * (SIGKILL) is taken over, even when its pid now belongs to another process.
 */
function lockEmbeddedDatabase(directory: string): () => void {
  const lockFile = `${directory}.lock`;
  const me = currentLockOwner();
  const mine = JSON.stringify(me);
  for (let attempt = 0; ; attempt += 1) {
    try {
      // Exclusive create: of two processes starting at once, one gets the lock.
      writeFileSync(lockFile, mine, { flag: "wx", mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new DataDirError(`DATA_DIR: cannot write the embedded database's lock file ${lockFile}: ${describeError(error)}`);
      }
    }
    const owner = readLockOwner(lockFile);
    const ownedByMe = owner !== undefined && owner.pid === process.pid && (owner.startTime === undefined || owner.startTime === me.startTime);
    if (attempt > 0 || (owner !== undefined && !ownedByMe && ownerIsAlive(owner))) {
      throw new DatabaseInUseError(
        `The embedded database in ${directory} is in use by another process (pid ${owner?.pid ?? "unknown"}). ` +
          "Stop it first (the bot's own commands work meanwhile: npm run chat), or use DATABASE_URL to share a PostgreSQL database. " +
          `If no such process is running, delete ${lockFile}.`,
      );
    }
    // Stale (its process is gone, or the pid is another process's now): take it over.
    rmSync(lockFile, { force: true });
  }
  return () => {
    // Only our own lock: never one another process took over meanwhile.
    if (readLockOwner(lockFile)?.pid === process.pid) rmSync(lockFile, { force: true });
  };
}

async function openPglite(dataDir: string | undefined): Promise<Database> {
  let directory: string | undefined;
  let unlock = () => {};
  if (dataDir !== undefined) {
    directory = path.join(preparePrivateDirectory(dataDir).path, "pglite");
    try {
      mkdirSync(directory, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new DataDirError(`DATA_DIR: cannot create the embedded database's directory ${directory}: ${describeError(error)}`);
    }
    unlock = lockEmbeddedDatabase(directory);
  }
  const client = directory ? new PGlite(directory) : new PGlite();
  try {
    await client.waitReady;
  } catch (error) {
    unlock();
    // PGlite's file system throws plain objects ({ name: "ErrnoError", errno }): give them words.
    if (error instanceof Error) throw error;
    throw new DataDirError(`The embedded database in ${directory ?? "memory"} could not start: ${describeError(error)}`);
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
