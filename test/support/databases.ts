// Test databases on both backends: an in-memory PGlite always, and a fresh PostgreSQL database
// per suite when TEST_DATABASE_URL is set (CI sets it; there a server that does not answer fails
// the run instead of skipping the tier).
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";
import { type Database, type DatabaseKind, openDatabase } from "../../src/db/database.js";
import { applyMigrations } from "../../src/db/migrator.js";

export const postgresUrl = process.env.TEST_DATABASE_URL || undefined;
export const runningInCi = process.env.CI === "true";

/** The backends this run covers. */
export const backends: DatabaseKind[] = postgresUrl ? ["pglite", "postgres"] : ["pglite"];

export interface TestDatabase {
  readonly kind: DatabaseKind;
  readonly db: Database;
  /** Connection URL of the PostgreSQL database (postgres only), e.g. for child processes. */
  readonly url: string | undefined;
  dispose(): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** Creates an empty PostgreSQL database on the TEST_DATABASE_URL server; returns its URL and a dropper. */
export async function createScratchPostgresDatabase(prefix = "t"): Promise<{ url: string; drop(): Promise<void> }> {
  if (!postgresUrl) throw new Error("TEST_DATABASE_URL is not set");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: postgresUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `TEST_DATABASE_URL is set but the PostgreSQL server does not answer (${(error as Error).message}); ` +
        "the PostgreSQL tier fails rather than skips.",
    );
  }
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  return {
    url: withDatabaseName(postgresUrl, name),
    async drop() {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function createTestDatabase(kind: DatabaseKind, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const migrate = options.migrate ?? true;
  if (kind === "pglite") {
    const db = await openDatabase({});
    if (migrate) await applyMigrations(db);
    return { kind, db, url: undefined, dispose: () => db.close() };
  }
  const scratch = await createScratchPostgresDatabase();
  const db = await openDatabase({ databaseUrl: scratch.url, maxConnections: 5 });
  if (migrate) await applyMigrations(db);
  return {
    kind,
    db,
    url: scratch.url,
    async dispose() {
      await db.close();
      await scratch.drop();
    },
  };
}

/**
 * Runs `body` once per backend, each with its own freshly migrated database.
 * `body` receives a getter because the database exists only once `beforeAll` has run.
 */
export function describeEachBackend(title: string, body: (context: { kind: DatabaseKind; db: () => Database }) => void): void {
  for (const kind of backends) {
    describe(`${title} [${kind}]`, () => {
      let testDatabase: TestDatabase | undefined;
      beforeAll(async () => {
        testDatabase = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await testDatabase?.dispose();
      });
      body({
        kind,
        db: () => {
          if (!testDatabase) throw new Error("test database not ready");
          return testDatabase.db;
        },
      });
    });
  }
}
