// Composition root: wires configuration, the database, the HTTP server and (in later layers)
// the chat adapters and schedulers. `main.ts` runs it as a process; tests start it in-process.
import type { Config } from "./config.js";
import { type Clock, calendarDateIn, systemClock } from "./clock.js";
import { type Database, openDatabase } from "./db/database.js";
import { applyMigrations, migrationStatus } from "./db/migrator.js";
import { ensureDemoTenant } from "./db/seed/demo-tenant.js";
import { type RunningHttpServer, startHttpServer } from "./http/server.js";
import { createLogger, type Logger } from "./logger.js";

export interface StartAppOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Use this database instead of opening one from the config (tests). */
  database?: Database;
}

export interface RunningApp {
  readonly url: string;
  readonly port: number;
  readonly db: Database;
  readonly logger: Logger;
  /** Stops taking work, finishes what is in flight, closes the database. Idempotent. */
  stop(): Promise<void>;
}

export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);

  const db =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir }));
  logger.info({ database: db.kind, dataDir: db.kind === "pglite" ? config.dataDir : undefined }, "database opened");

  let http: RunningHttpServer | undefined;
  try {
    const report = await applyMigrations(db, { log: (message) => logger.info(message) });
    logger.info({ applied: report.applied.length, alreadyApplied: report.alreadyApplied }, "migrations up to date");

    const demoMode = config.demoSeed === "auto" && !config.localMode ? "never" : config.demoSeed;
    const seeded = await ensureDemoTenant(db, calendarDateIn(clock.now(), config.defaultTimeZone), demoMode);
    if (seeded) logger.info({ tenantId: seeded.tenantId, counts: seeded.counts }, "demo organisation created");

    if (config.localMode) {
      logger.info("no Slack credentials (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET): running in local mode");
    }

    http = await startHttpServer({
      host: config.host,
      port: config.port,
      logger,
      readiness: () => checkReadiness(db),
    });
    logger.info({ url: http.url }, "listening");
  } catch (error) {
    await http?.close(0);
    await db.close().catch(() => {});
    throw error;
  }

  const server = http;
  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    db,
    logger,
    stop() {
      stopping ??= (async () => {
        await server.close(config.shutdownTimeoutMs);
        await db.close();
        logger.info("stopped");
      })();
      return stopping;
    },
  };
}

async function checkReadiness(db: Database) {
  try {
    const status = await withTimeout(migrationStatus(db), 3_000);
    const ready = status.pending.length === 0 && status.failed.length === 0;
    return {
      ready,
      details: { database: "ok", database_kind: db.kind, pending_migrations: status.pending, failed_migrations: status.failed },
    };
  } catch (error) {
    return { ready: false, details: { database: "unreachable", error: error instanceof Error ? error.message : String(error) } };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
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
