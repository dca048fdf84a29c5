// Composition root: wires configuration, the database, the HTTP server, the Slack adapter (or
// local mode's stand-in), the scheduler and the delivery worker. `main.ts` runs it as a process; tests start it in-process.
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { type Clock, calendarDateIn, systemClock } from "./clock.js";
import { type Config, ConfigError, slackCredentialsProblem } from "./config.js";
import { type Database, openDatabase } from "./db/database.js";
import { applyMigrations, migrationStatus } from "./db/migrator.js";
import { withCaches } from "./db/repositories/cached-sales-data.js";
import { createPulseAnswerStore } from "./db/repositories/pulse-responses.js";
import { createPulseStore } from "./db/repositories/pulse-surveys.js";
import { createIdentityRepository, createSalesData } from "./db/repositories/sales-data.js";
import { createScheduleStore } from "./db/repositories/schedules.js";
import { createSlackRequestKeys } from "./db/repositories/slack-request-keys.js";
import { probeDatabase, withTimeout } from "./db/readiness-probe.js";
import { allTenantIds } from "./db/repositories/tenants.js";
import { ensureDemoTenant } from "./db/seed/demo-tenant.js";
import { type RunningHttpServer, startHttpServer } from "./http/server.js";
import { deliveryHealth } from "./jobs/delivery-health.js";
import { builtInRenderers } from "./jobs/delivery-renderers.js";
import { type DeliveryWorker, startDeliveryWorker } from "./jobs/delivery-worker.js";
import { ensureDefaultDigestSchedules } from "./jobs/ensure-default-schedules.js";
import { renderForecastDigestDelivery } from "./jobs/render/forecast-digest.js";
import { createPrivateDigestCharts } from "./jobs/private-digest-charts.js";
import { createPulseInviteRenderer } from "./jobs/render/pulse-invite.js";
import { createPulseReminderRenderer } from "./jobs/render/pulse-reminder.js";
import { createPulseResultsRenderer } from "./jobs/render/pulse-results.js";
import { createPulseClosedRenderer } from "./jobs/render/pulse-closed.js";
import { type Scheduler, startScheduler } from "./jobs/scheduler.js";
import { type LocalSlack, startLocalSlack } from "./local/local-slack.js";
import { createLogger, type Logger } from "./logger.js";
import { PULSE_TOKEN_SECRET_NAME, pulseTokenSource } from "./security/pulse-tokens.js";
import { readOrCreateAppSecret } from "./db/repositories/app-secrets.js";
import { createSlackAdapter, SLACK_EVENTS_PATH, type SlackAdapter } from "./slack/app.js";
import { createSlackChatPort } from "./slack/chat-port.js";
import { SlackIdentityResolver } from "./slack/identity.js";

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
  /** The scheduler and delivery worker (absent with JOBS=off), for tests: one tick now, and wait until the outbox is sent. */
  readonly jobs?: { tick(): Promise<unknown>; drain(): Promise<void> };
  /** Stops taking work, finishes what is in flight, closes the database. Idempotent. */
  stop(): Promise<void>;
}

/**
 * On PGlite, the share of the time recording pulse answers may take while clicks keep arriving
 * (test/bench/pulse-answers.bench.ts: at 1,000 clicks/s, sharing it evenly left acknowledgements
 * 10-26 s late).
 */
const PGLITE_ANSWER_SHARE = 0.25;

export async function startApp(options: StartAppOptions): Promise<RunningApp> {
  const { config } = options;
  // No Slack credentials outside local mode: refuse, rather than guess local mode on a database
  // whose tenants may be connected to a real workspace.
  const credentialsProblem = slackCredentialsProblem(config);
  if (credentialsProblem) throw new ConfigError(credentialsProblem);
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? createLogger(config.logLevel);

  const db =
    options.database ??
    (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.databaseUrl ? undefined : config.dataDir }));
  logger.info({ database: db.kind, dataDir: db.kind === "pglite" ? config.dataDir : undefined }, "database opened");

  let http: RunningHttpServer | undefined;
  let localSlack: LocalSlack | undefined;
  let slack: SlackAdapter | undefined;
  let worker: DeliveryWorker | undefined;
  let scheduler: Scheduler | undefined;
  // Names this process on the leases and slots it takes.
  const replicaId = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  try {
    const report = await applyMigrations(db, { log: (message) => logger.info(message) });
    logger.info({ applied: report.applied.length, alreadyApplied: report.alreadyApplied }, "migrations up to date");

    const demoMode = config.demoSeed === "auto" && !config.localMode ? "never" : config.demoSeed;
    const seeded = await ensureDemoTenant(db, calendarDateIn(clock.now(), config.defaultTimeZone), demoMode);
    if (seeded) logger.info({ tenantId: seeded.tenantId, counts: seeded.counts }, "demo organisation created");

    http = await startHttpServer({
      host: config.host,
      port: config.port,
      logger,
      readiness: () => checkReadiness(db, config.jobs, clock),
    });

    // Local mode: no Slack credentials, so the bot talks to the project's own Slack stand-in.
    if (config.localMode) {
      localSlack = await startLocalSlack({ dataDir: config.dataDir, db, logger, signingSecret: config.slack.signingSecret });
      await localSlack.setBotUrl(http.url);
      logger.info(
        { slackApiUrl: localSlack.apiUrl },
        "no Slack credentials (SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET): running in local mode against the Slack stand-in; try `npm run chat -- --people`",
      );
    }
    const data = withCaches(createSalesData(db.prisma));
    // Answer tokens of pulse surveys: their secret is read (or generated, in the database) on first use.
    const pulseAnswers = {
      store: createPulseAnswerStore(db.prisma),
      tokens: pulseTokenSource({ secret: config.pulseTokenSecret, loadGenerated: () => readOrCreateAppSecret(db.prisma, PULSE_TOKEN_SECRET_NAME) }),
      // PGlite's queries run on this thread: during a burst of clicks, keep most of it for acknowledging them.
      busyShare: db.kind === "pglite" ? PGLITE_ANSWER_SHARE : 1,
    };
    slack = createSlackAdapter({
      botToken: localSlack?.botToken ?? config.slack.botToken!,
      signingSecret: localSlack?.signingSecret ?? config.slack.signingSecret!,
      appToken: localSlack ? undefined : config.slack.appToken,
      apiUrl: localSlack?.apiUrl ?? config.slack.apiUrl,
      logger,
      requestKeys: createSlackRequestKeys(db.prisma),
      deps: {
        data,
        schedules: createScheduleStore(db.prisma),
        digestCharts: createPrivateDigestCharts(db),
        identity: new SlackIdentityResolver(createIdentityRepository(db.prisma), () => clock.now().getTime(), logger.child({ component: "identity" })),
        clock,
        defaultLocale: config.defaultLocale,
        logger,
        pulseAnswers,
        pulseSurveys: createPulseStore(db.prisma),
      },
    });
    if (slack.requestListener) http.addRoute(SLACK_EVENTS_PATH, slack.requestListener);
    await slack.start();

    if (config.jobs) {
      const created = await ensureDefaultDigestSchedules(db, await allTenantIds(db.prisma), clock.now());
      if (created > 0) logger.info({ created }, "default weekly digest schedules created");
      const chat = createSlackChatPort({
        botToken: localSlack?.botToken ?? config.slack.botToken!,
        apiUrl: localSlack?.apiUrl ?? config.slack.apiUrl,
      });
      worker = startDeliveryWorker({
        db,
        chat,
        renderers: {
          ...builtInRenderers,
          forecast_digest: (payload) => renderForecastDigestDelivery(payload),
          pulse_invite: createPulseInviteRenderer({ ...pulseAnswers, data, clock }),
          pulse_reminder: createPulseReminderRenderer({ db, clock }),
          pulse_results: createPulseResultsRenderer({ db }),
          pulse_closed: createPulseClosedRenderer({ db, clock }),
        },
        owner: replicaId,
        logger: logger.child({ component: "delivery-worker" }),
        clock,
      });
      const deliveryWorker = worker;
      scheduler = startScheduler({
        db,
        data,
        owner: replicaId,
        logger: logger.child({ component: "scheduler" }),
        clock,
        onEnqueued: () => deliveryWorker.wakeUp(),
      });
    }
    logger.info({ url: http.url, slack: slack.requestListener ? "http" : "socket-mode" }, "listening");
  } catch (error) {
    await scheduler?.stop().catch(() => {});
    await worker?.stop().catch(() => {});
    await slack?.stop().catch(() => {});
    await http?.close(0);
    await localSlack?.stop().catch(() => {});
    await db.close().catch(() => {});
    throw error;
  }

  const server = http;
  const slackAdapter = slack;
  const jobs = { scheduler, worker };
  let stopping: Promise<void> | undefined;
  return {
    url: server.url,
    port: server.port,
    db,
    logger,
    ...(scheduler && worker ? { jobs: { tick: () => scheduler!.tick(), drain: () => worker!.drain() } } : {}),
    stop() {
      stopping ??= (async () => {
        // Stop taking work first (ticks, claims), then finish what is in flight.
        await jobs.scheduler?.stop();
        await jobs.worker?.stop();
        await slackAdapter.stop();
        await server.close(config.shutdownTimeoutMs);
        await localSlack?.stop();
        await db.close();
        logger.info("stopped");
      })();
      return stopping;
    },
  };
}

/** Each of /readyz's questions to the database gets this long (an orchestrator probes every few seconds). */
const READINESS_TIMEOUT_MS = 2_000;

async function checkReadiness(db: Database, jobs: boolean, clock: Clock) {
  try {
    const status = await withTimeout(migrationStatus(db), READINESS_TIMEOUT_MS);
    const migrated = status.pending.length === 0 && status.failed.length === 0;
    // Then a real read and write: the migrations table alone answered while every other query failed.
    if (migrated) await probeDatabase(db, READINESS_TIMEOUT_MS, clock.now());
    const ready = migrated;
    const deliveries = jobs && ready ? await withTimeout(deliveryHealth(db), READINESS_TIMEOUT_MS) : undefined;
    return {
      ready,
      details: {
        database: "ok",
        database_kind: db.kind,
        pending_migrations: status.pending,
        failed_migrations: status.failed,
        ...deliveries,
      },
    };
  } catch (error) {
    // One line of the reason: Prisma's messages run to the query and its arguments.
    const reason = (error instanceof Error ? error.message : String(error)).trim().split("\n").pop()!.trim().slice(0, 200);
    return { ready: false, details: { database: "unreachable", error: reason } };
  }
}
