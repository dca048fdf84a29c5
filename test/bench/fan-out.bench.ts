// The issue's fan-out benchmark: 500 channel digests and 10,000 DMs through the Slack stand-in at
// Slack's documented limits, sent by 3 replicas (child processes running the delivery worker) on
// one PostgreSQL, one of them killed with SIGKILL once a third of the messages are out. Reported:
// the wall time against the least time the limits allow (target ratio <= 1.2), duplicates (0)
// and losses (0), rows/s, 429s and reconciliations.
//
// Run: fresh scratch database → seed a tenant with one team per digest channel → the stand-in
// (in this process, so it outlives the kill) with those channels and the DM recipients → a weekly
// digest schedule for all teams fired by the real scheduler tick (composes every team's digest
// and writes the rows with the slot) → the announcement rows → 3 replicas started and idle →
// "go" (the clock starts: every row is queued) → kill at a third → queue empty and a grace
// period → survivors stopped → count per recipient.
//
// The bench runner's command line has no room for this bench's own options, so they are read
// from the environment (see OPTIONS_HELP).
import { z } from "zod";
import { type Database, openDatabase } from "../../src/db/database.js";
import { applyMigrations } from "../../src/db/migrator.js";
import { deliveryStats } from "../../src/db/repositories/deliveries.js";
import { createLogger } from "../../src/logger.js";
import { createSlackStandIn, type SlackStandIn } from "../../src/slack-stand-in/index.js";
import { postgresAvailable } from "./lib/bench-database.js";
import { callsByMethod, type MethodCalls, type RecipientTally, type StoredLedger, tallyRecipients, watchStoredMessages } from "./lib/fanout-ledger.js";
import { type BucketFloor, bucketFloors, type FanOutLimits, minimumSeconds } from "./lib/fanout-minimum.js";
import { type Replica, startReplica } from "./lib/fanout-processes.js";
import {
  createScratchDatabase,
  enqueueAnnouncements,
  type FanOutTenant,
  type FiredDigest,
  fireWeeklyDigest,
  furnishWorkspace,
  type ScratchDatabase,
  seedFanOutTenant,
} from "./lib/fanout-setup.js";
import { type ReplicaTally, sumTallies } from "./lib/fanout-tally.js";
import { sourceFingerprint } from "./lib/source-fingerprint.js";
import { loadAverage } from "./lib/stats.js";
import type { BenchOptions, BenchResult, BenchTable } from "./lib/types.js";

export const name = "fan-out";
export const description =
  "500 channel digests + 10,000 DMs through the stand-in at Slack's limits, 3 replicas on PostgreSQL, one SIGKILLed mid-run: time vs the limits' minimum, duplicates, losses";

const REPLICAS = 3;
const KILL_AT_FRACTION = 1 / 3;
const TARGET_RATIO = 1.2;
/** Deals per rep in the seeded tenant (the 2,000-rep bench tenant has 250): enough for real digests, quick to seed. */
const OPPORTUNITIES_PER_REP = 25;
/** The queue must stay empty this long before recipients are counted: a late duplicate would show. */
const GRACE_MS = 10_000;
const SAMPLE_MS = 1_000;
/** Slack: chat.postMessage 1 per second per channel, "short bursts >1 allowed" (the stand-in's default burst 3). */
const PER_CHANNEL_PER_SECOND = 1;
const PER_CHANNEL_BURST = 3;

const OPTIONS_HELP =
  "BENCH_FANOUT_SCALE (multiplies every limit; full default 1, quick 0.25), BENCH_FANOUT_WORKSPACE_PER_MINUTE (a workspace-wide chat.postMessage cap; default none), " +
  "BENCH_FANOUT_DMS / BENCH_FANOUT_CHANNELS (sizes), BENCH_FANOUT_LEASE_MS (the worker's lease; full default the app's 60 s, quick 15 s), BENCH_FANOUT_TIMEOUT_S";

const environment = z.object({
  BENCH_FANOUT_SCALE: z.coerce.number().positive().optional(),
  BENCH_FANOUT_WORKSPACE_PER_MINUTE: z.coerce.number().int().positive().optional(),
  BENCH_FANOUT_DMS: z.coerce.number().int().min(0).optional(),
  BENCH_FANOUT_CHANNELS: z.coerce.number().int().min(1).optional(),
  BENCH_FANOUT_LEASE_MS: z.coerce.number().int().min(1_000).optional(),
  BENCH_FANOUT_TIMEOUT_S: z.coerce.number().int().positive().optional(),
});

interface Settings {
  dms: number;
  channels: number;
  scale: number;
  workspacePerMinute: number | undefined;
  /** undefined: the worker's own default (as the app runs it). */
  leaseMs: number | undefined;
  timeoutS: number | undefined;
}

function settingsFor(quick: boolean): Settings {
  const parsed = environment.safeParse(process.env);
  if (!parsed.success) throw new Error(`fan-out options: ${parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")} (${OPTIONS_HELP})`);
  const env = parsed.data;
  return {
    dms: env.BENCH_FANOUT_DMS ?? (quick ? 1_000 : 10_000),
    channels: env.BENCH_FANOUT_CHANNELS ?? (quick ? 50 : 500),
    scale: env.BENCH_FANOUT_SCALE ?? (quick ? 0.25 : 1),
    workspacePerMinute: env.BENCH_FANOUT_WORKSPACE_PER_MINUTE,
    leaseMs: env.BENCH_FANOUT_LEASE_MS ?? (quick ? 15_000 : undefined),
    timeoutS: env.BENCH_FANOUT_TIMEOUT_S,
  };
}

interface Sample {
  /** Seconds since "go". */
  t: number;
  stored: number;
  /** Digests stored (messages in channels). */
  digests: number;
  pending: number;
  due: number;
  sending: number;
  load: string;
}

interface KillRecord {
  replica: string;
  /** Seconds since "go". */
  at: number;
  storedAtKill: number;
  load: string;
  /** Rows the dead replica held (status sending, its lease), and how many of those were in Slack already. */
  orphans: number;
  orphansAlreadyInSlack: number;
  orphanKinds: Record<string, number>;
}

interface ReplicaReport {
  name: string;
  fate: string;
  tally: ReplicaTally | undefined;
  logCounts: Record<string, number>;
  logTail: string[];
}

interface FanOutRun {
  settings: Settings;
  scratch: string;
  tenant: Omit<FanOutTenant, "teams"> & { teams: number };
  digest: { scheduleId: string; cron: string; slotAt: string; tickAt: string; outcome: string; deliveries: number; tickMs: number };
  announcementsEnqueued: number;
  enqueueMs: number;
  total: number;
  wallSeconds: number | null;
  firstMessageSeconds: number | null;
  minimum: { seconds: number; bucket: string | null; floors: BucketFloor[] };
  ratio: number | null;
  timedOut: boolean;
  queueEmptyAtSeconds: number | null;
  recipients: RecipientTally;
  rows: Array<{ kind: string; status: string; rows: number; reclaimed: number; maxAttempts: number }>;
  failedByReason: Record<string, number>;
  calls: MethodCalls[];
  kill: KillRecord | null;
  replicas: ReplicaReport[];
  samples: Sample[];
  load: { atGo: string; atEnd: string };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => Math.round(ms) / 1000;

function limitsOf(settings: Settings): FanOutLimits {
  return { scale: settings.scale, perChannelPerSecond: PER_CHANNEL_PER_SECOND, perChannelBurst: PER_CHANNEL_BURST, workspacePerMinute: settings.workspacePerMinute };
}

function startStandIn(settings: Settings): SlackStandIn {
  return createSlackStandIn({
    teamId: "T0FANOUT",
    teamName: "Fan-out Sales",
    rateLimits: {
      scale: settings.scale,
      postMessage: {
        perChannelPerSecond: PER_CHANNEL_PER_SECOND,
        burst: PER_CHANNEL_BURST,
        ...(settings.workspacePerMinute === undefined ? {} : { workspacePerMinute: settings.workspacePerMinute }),
      },
    },
  });
}

async function kill(replica: Replica, db: Database, ledger: StoredLedger, t0: number): Promise<KillRecord> {
  replica.child.kill("SIGKILL");
  const at = performance.now() - t0;
  const storedAtKill = ledger.count();
  const load = loadAverage();
  await replica.exited;
  const orphans = await db.prisma.delivery.findMany({
    where: { status: "sending", leaseOwner: { startsWith: `${replica.name}/` } },
    select: { id: true, kind: true },
  });
  const orphanKinds: Record<string, number> = {};
  for (const orphan of orphans) orphanKinds[orphan.kind] = (orphanKinds[orphan.kind] ?? 0) + 1;
  return {
    replica: replica.name,
    at: seconds(at),
    storedAtKill,
    load,
    orphans: orphans.length,
    orphansAlreadyInSlack: orphans.filter((orphan) => ledger.has(orphan.id)).length,
    orphanKinds,
  };
}

async function rowsByKindAndStatus(db: Database): Promise<FanOutRun["rows"]> {
  const rows = await db.withSession((session) =>
    session.query<{ kind: string; status: string; rows: number; reclaimed: number; max_attempts: number }>(
      `SELECT kind, status::text AS status, count(*)::int AS rows, count(*) FILTER (WHERE attempts > 1)::int AS reclaimed, max(attempts)::int AS max_attempts
         FROM delivery GROUP BY kind, status ORDER BY kind, status`,
    ),
  );
  return rows.map((row) => ({ kind: row.kind, status: row.status, rows: row.rows, reclaimed: row.reclaimed, maxAttempts: row.max_attempts }));
}

async function expectedRecipients(db: Database): Promise<Map<string, string>> {
  const rows = await db.prisma.delivery.findMany({ select: { id: true, recipient: true } });
  const expected = new Map<string, string>();
  for (const row of rows) {
    if (expected.has(row.recipient)) throw new Error(`two rows queued for ${row.recipient}: the fan-out should have one per recipient`);
    expected.set(row.recipient, row.id);
  }
  return expected;
}

async function runFanOut(settings: Settings, log: (message: string) => void): Promise<FanOutRun> {
  const scratch: ScratchDatabase = await createScratchDatabase("fanout_bench");
  let db: Database | undefined;
  let standIn: SlackStandIn | undefined;
  const replicas: Replica[] = [];
  try {
    log(`scratch database ${scratch.name}; ${settings.channels} digest channels, ${settings.dms} DMs, ${REPLICAS} replicas, limits × ${settings.scale} (load ${loadAverage()})`);
    db = await openDatabase({ databaseUrl: scratch.url, maxConnections: 10 });
    await applyMigrations(db);

    log(`seeding ${settings.channels * 9} reps in ${settings.channels} teams, ${OPPORTUNITIES_PER_REP} deals each …`);
    const tenant = await seedFanOutTenant(db, settings.channels, OPPORTUNITIES_PER_REP, log);
    log(`  seeded in ${(tenant.seedMs / 1000).toFixed(1)} s (today ${tenant.today})`);

    standIn = startStandIn(settings);
    await standIn.start();
    const people = furnishWorkspace(standIn.workspace, tenant.teams, settings.dms);
    const ledger = watchStoredMessages(standIn.workspace);

    log(`firing the weekly digest schedule for all ${settings.channels} teams (one scheduler tick composes every digest) …`);
    const fired: FiredDigest = await fireWeeklyDigest(db, tenant, createLogger("error", { component: "fan-out-bench" }));
    const slot = fired.handled[0];
    if (fired.handled.length !== 1 || !slot || slot.deliveries !== settings.channels) {
      throw new Error(`the digest tick should fire once with ${settings.channels} deliveries; it handled ${JSON.stringify(fired.handled)}`);
    }
    log(`  ${slot.outcome}: ${slot.deliveries} digests composed and queued in ${(fired.tickMs / 1000).toFixed(1)} s`);
    const enqueueStarted = performance.now();
    const announcementsEnqueued = await enqueueAnnouncements(db, tenant.tenantId, people, `fanout-${scratch.name}`);
    const enqueueMs = performance.now() - enqueueStarted;
    log(`  ${announcementsEnqueued} announcement DMs queued in ${(enqueueMs / 1000).toFixed(1)} s`);
    const expected = await expectedRecipients(db);
    const total = expected.size;

    const env: Record<string, string> = {
      DATABASE_URL: scratch.url,
      SLACK_API_URL: standIn.url,
      SLACK_BOT_TOKEN: standIn.botToken,
      ...(settings.leaseMs === undefined ? {} : { LEASE_MS: String(settings.leaseMs) }),
    };
    for (let index = 1; index <= REPLICAS; index++) replicas.push(startReplica(`replica-${index}`, env));
    await Promise.all(replicas.map((replica) => replica.waitFor("ready", 180_000)));

    const floors = bucketFloors({ messagesPerChannel: 1, messages: total, uploads: settings.channels }, limitsOf(settings));
    const minimum = minimumSeconds(floors);
    const timeoutMs = (settings.timeoutS ?? Math.max(600, Math.ceil(4 * minimum.seconds) + 120)) * 1000;
    log(`${REPLICAS} replicas ready; minimum ${minimum.seconds.toFixed(1)} s (${minimum.bucket ?? "no bucket binds"}); go (timeout ${timeoutMs / 1000} s, load ${loadAverage()})`);

    // --- the measured part -------------------------------------------------------------------
    const loadAtGo = loadAverage();
    const t0 = performance.now();
    for (const replica of replicas) replica.send("go");
    const victim = replicas[0]!;
    const killTarget = Math.ceil(total * KILL_AT_FRACTION);
    let killing: Promise<KillRecord> | undefined;
    void ledger.reached(killTarget).then(() => {
      if (performance.now() - t0 < timeoutMs) killing = kill(victim, db!, ledger, t0);
    });

    const samples: Sample[] = [];
    let emptySince: number | undefined;
    let queueEmptyAt: number | undefined;
    let timedOut = false;
    let lastLog = t0;
    for (;;) {
      await sleep(SAMPLE_MS);
      const now = performance.now();
      const stats = await deliveryStats(db.prisma);
      samples.push({ t: seconds(now - t0), stored: ledger.count(), digests: ledger.channelCount(), pending: stats.pending, due: stats.due, sending: stats.sending, load: loadAverage() });
      if (now - lastLog >= 15_000) {
        lastLog = now;
        log(`  ${seconds(now - t0).toFixed(0)} s: ${ledger.count()}/${total} stored, ${stats.pending} pending (${stats.due} due), ${stats.sending} sending, ${stats.failed} failed (load ${loadAverage()})`);
      }
      const busy = stats.pending + stats.sending;
      if (busy === 0) {
        emptySince ??= now;
        queueEmptyAt ??= now;
        if (now - emptySince >= GRACE_MS && (killing !== undefined || ledger.count() < killTarget)) break;
      } else {
        emptySince = undefined;
        queueEmptyAt = undefined;
      }
      if (now - t0 > timeoutMs) {
        timedOut = true;
        log(`  timed out after ${timeoutMs / 1000} s with ${busy} rows unfinished`);
        break;
      }
    }
    const killRecord = killing ? await killing : null;
    const loadAtEnd = loadAverage();

    // --- stop the survivors as a shutdown would, then count --------------------------------------
    const fates = new Map<string, string>();
    if (killRecord) fates.set(victim.name, `SIGKILL at ${killRecord.at.toFixed(1)} s`);
    await Promise.all(
      replicas
        .filter((replica) => !fates.has(replica.name))
        .map(async (replica) => {
          replica.send("stop");
          const exit = await Promise.race([replica.exited, sleep(60_000).then(() => "no exit within 60 s")]);
          fates.set(replica.name, `stopped (exit ${exit})`);
        }),
    );
    const recipients = tallyRecipients(standIn.workspace, expected);
    const stats = await deliveryStats(db.prisma);
    const wallMs = ledger.count() > 0 ? ledger.lastAt() - t0 : Number.NaN;
    return {
      settings,
      scratch: scratch.name,
      tenant: { tenantId: tenant.tenantId, today: tenant.today, reps: tenant.reps, opportunities: tenant.opportunities, teams: tenant.teams.length, seedMs: Math.round(tenant.seedMs), counts: tenant.counts },
      digest: {
        scheduleId: fired.scheduleId,
        cron: fired.cron,
        slotAt: fired.slotAt.toISOString(),
        tickAt: fired.tickAt.toISOString(),
        outcome: slot.outcome,
        deliveries: slot.deliveries,
        tickMs: Math.round(fired.tickMs),
      },
      announcementsEnqueued,
      enqueueMs: Math.round(enqueueMs),
      total,
      wallSeconds: Number.isNaN(wallMs) ? null : seconds(wallMs),
      firstMessageSeconds: ledger.count() > 0 ? seconds(ledger.firstAt() - t0) : null,
      minimum: { ...minimum, floors },
      ratio: Number.isNaN(wallMs) || minimum.seconds === 0 ? null : wallMs / 1000 / minimum.seconds,
      timedOut,
      queueEmptyAtSeconds: queueEmptyAt === undefined ? null : seconds(queueEmptyAt - t0),
      recipients,
      rows: await rowsByKindAndStatus(db),
      failedByReason: stats.failedByReason,
      calls: callsByMethod(standIn.workspace),
      kill: killRecord,
      replicas: replicas.map((replica) => ({
        name: replica.name,
        fate: fates.get(replica.name) ?? "?",
        tally: replica.lastTally(),
        logCounts: replica.logCounts(),
        logTail: replica.logTail(),
      })),
      samples,
      load: { atGo: loadAtGo, atEnd: loadAtEnd },
    };
  } finally {
    for (const replica of replicas) if (replica.child.exitCode === null && replica.child.signalCode === null) replica.child.kill("SIGKILL");
    await Promise.all(replicas.map((replica) => replica.exited));
    await standIn?.stop().catch(() => {});
    await db?.close().catch(() => {});
    await scratch.drop().catch((error: unknown) => log(`could not drop ${scratch.name}: ${(error as Error).message}`));
  }
}

// ---------------------------------------------------------------------------------------------

function fixed(value: number | null, digits = 1): string {
  return value === null || Number.isNaN(value) ? "–" : value.toFixed(digits);
}

function rateLimitedTotal(calls: readonly MethodCalls[]): number {
  return calls.reduce((sum, call) => sum + call.rateLimited, 0);
}

function summaryTable(run: FanOutRun): BenchTable {
  const reclaimed = run.rows.reduce((sum, row) => sum + row.reclaimed, 0);
  const sent = run.rows.filter((row) => row.status === "sent").reduce((sum, row) => sum + row.rows, 0);
  const failed = run.rows.filter((row) => row.status === "failed").reduce((sum, row) => sum + row.rows, 0);
  const r = run.recipients;
  const all = sumTallies(run.replicas.flatMap((replica) => (replica.tally ? [replica.tally] : [])));
  const digestRenders = all.renders["forecast_digest"] ?? { count: 0, ms: 0 };
  const dmsDone = run.samples.find((sample) => sample.stored - sample.digests >= run.settings.dms);
  // The best 10-second stretch of the sampled counts: what the replicas sustain when nothing holds them back.
  let peak = 0;
  for (const [index, sample] of run.samples.entries()) {
    const later = run.samples.slice(index + 1).find((candidate) => candidate.t - sample.t >= 10);
    if (later) peak = Math.max(peak, (later.stored - sample.stored) / (later.t - sample.t));
  }
  return {
    title: `Fan-out: ${run.settings.channels} digests + ${run.settings.dms} DMs, ${REPLICAS} replicas on PostgreSQL, one SIGKILLed at a third (limits × ${run.settings.scale})`,
    columns: ["measure", "value", "target"],
    rows: [
      ["recipients (channels + DMs)", r.recipients, ""],
      ["wall time, go → last message stored (s)", fixed(run.wallSeconds), ""],
      ["minimum the limits allow (s)", fixed(run.minimum.seconds), run.minimum.bucket ?? "no bucket binds"],
      ["ratio wall / minimum", run.ratio === null ? "–" : `${run.ratio.toFixed(2)}×`, `<= ${TARGET_RATIO}`],
      ["messages stored per second (all / wall)", run.wallSeconds ? fixed(r.recipients / run.wallSeconds) : "–", ""],
      ["messages stored per second, best 10 s", fixed(peak), ""],
      ["first message after go (s)", fixed(run.firstMessageSeconds, 2), ""],
      ["queue empty after (s)", fixed(run.queueEmptyAtSeconds), ""],
      ["recipients with exactly one message", r.exactlyOne, r.recipients],
      ["duplicates (recipients with > 1)", r.duplicated, 0],
      ["losses (recipients with 0)", r.missing, 0],
      ["misdelivered / stray messages", `${r.misdelivered} / ${r.strays}`, "0 / 0"],
      ["rows sent / failed", `${sent} / ${failed}`, `${r.recipients} / 0`],
      ["all DMs stored by (s, sampled each second)", dmsDone ? dmsDone.t.toFixed(0) : "–", ""],
      [
        "digest renders (chart drawn) / digests; their CPU (s)",
        `${digestRenders.count} / ${run.settings.channels}; ${(digestRenders.ms / 1000).toFixed(0)}`,
        "a render is thrown away when its upload is refused",
      ],
      ["reconciliations (rows claimed again after a claim that may have sent: attempts > 1)", reclaimed, ""],
      ["429 answers (all methods)", rateLimitedTotal(run.calls), ""],
      ["load at go / kill / end", `${run.load.atGo} | ${run.kill?.load ?? "–"} | ${run.load.atEnd}`, ""],
    ],
    notes: [
      run.timedOut ? `TIMED OUT: rows were still unfinished after the timeout; losses count what had not arrived by then.` : `Counted ${GRACE_MS / 1000} s after the queue was last seen empty (no pending or sending row).`,
    ],
  };
}

function floorsTable(run: FanOutRun): BenchTable {
  return {
    title: "The minimum: per rate-limit bucket, (calls − burst) ÷ rate; the slowest bucket is the floor",
    columns: ["bucket", "calls", "burst", "per minute", "floor (s)", "limit"],
    rows: run.minimum.floors.map((floor) => [floor.bucket, floor.calls, floor.burst, fixed(floor.perMinute), fixed(floor.seconds), floor.source]),
    notes: [
      "Each digest is one files.getUploadURLExternal + one files.completeUploadExternal (its chart) and one chat.postMessage; each DM one chat.postMessage.",
      "Every recipient gets one message, so no per-channel bucket runs dry. Reconciliation lookups (conversations.open/history) after the kill are extra work, not in the minimum.",
    ],
  };
}

function callsTable(run: FanOutRun): BenchTable {
  return {
    title: "Stand-in calls by method",
    columns: ["method", "calls", "ok", "429", "other failures"],
    rows: run.calls.map((call) => [call.method, call.calls, call.ok, call.rateLimited, call.failed]),
  };
}

function replicasTable(run: FanOutRun): BenchTable {
  return {
    title: "Replicas (each its own process running startDeliveryWorker with the app's settings)",
    columns: ["replica", "fate", "sent", "429 by method", "lookups found/not/failed", "digest renders (avg ms)", "DM renders", "warnings"],
    rows: run.replicas.map((replica) => {
      const tally = replica.tally;
      const digest = tally?.renders["forecast_digest"];
      return [
        replica.name,
        replica.fate,
        tally?.sent ?? "–",
        tally ? Object.entries(tally.rateLimited).map(([method, count]) => `${method} ${count}`).join(", ") || "0" : "–",
        tally ? `${tally.lookupsFound}/${tally.lookupsNotFound}/${tally.lookupsFailed}` : "–",
        digest ? `${digest.count} (${(digest.ms / digest.count).toFixed(0)})` : "0",
        tally?.renders["announcement"]?.count ?? 0,
        Object.entries(replica.logCounts).map(([message, count]) => `${count}× ${message}`).join("; ") || "none",
      ];
    }),
    notes: ["A killed replica's figures are from its last progress line (printed every second) before the kill."],
  };
}

function rowsTable(run: FanOutRun): BenchTable {
  return {
    title: "Delivery rows at the end",
    columns: ["kind", "status", "rows", "attempts > 1", "max attempts"],
    rows: run.rows.map((row) => [row.kind, row.status, row.rows, row.reclaimed, row.maxAttempts]),
  };
}

function timelineTable(run: FanOutRun): BenchTable {
  const picked: Sample[] = [];
  let next = 0;
  for (const sample of run.samples) {
    if (sample.t >= next) {
      picked.push(sample);
      next = sample.t + Math.max(10, Math.ceil((run.samples.at(-1)?.t ?? 0) / 20));
    }
  }
  const last = run.samples.at(-1);
  if (last && picked.at(-1) !== last) picked.push(last);
  // The most digests the upload buckets let through by time t: burst at once, then the refill rate.
  const upload = run.minimum.floors.find((floor) => floor.bucket === "files.getUploadURLExternal");
  const allowed = (t: number) => (upload ? Math.min(run.settings.channels, Math.floor(upload.burst + (upload.perMinute / 60) * t)) : run.settings.channels);
  return {
    title: "Timeline (seconds after go)",
    columns: ["t (s)", "stored", "digests stored", "digests the upload limit allows by then", "pending", "due", "sending", "load"],
    rows: picked.map((sample) => [sample.t.toFixed(0), sample.stored, sample.digests, allowed(sample.t), sample.pending, sample.due, sample.sending, sample.load]),
  };
}

function setupTable(run: FanOutRun): BenchTable {
  return {
    title: "Set-up (not in the wall time)",
    columns: ["step", "seconds", "detail"],
    rows: [
      ["seed tenant", fixed(run.tenant.seedMs / 1000), `${run.tenant.reps} reps in ${run.tenant.teams} teams, ${run.tenant.opportunities} deals, seed date ${run.tenant.today}`],
      [
        "digest schedule tick",
        fixed(run.digest.tickMs / 1000),
        `cron "${run.digest.cron}" Asia/Kuala_Lumpur, slot ${run.digest.slotAt}, tick ${run.digest.tickAt}: ${run.digest.outcome}, ${run.digest.deliveries} digests composed (${fixed(run.digest.tickMs / run.digest.deliveries, 0)} ms each) and queued with the slot`,
      ],
      ["announcement rows", fixed(run.enqueueMs / 1000), `${run.announcementsEnqueued} rows in batches of 2,000`],
    ],
  };
}

function notesFor(run: FanOutRun): string[] {
  const notes: string[] = [];
  const limits = run.settings;
  notes.push(
    `Limits (stand-in, × scale ${limits.scale}${limits.scale === 1 ? ", i.e. Slack's documented numbers" : ""}): chat.postMessage ${PER_CHANNEL_PER_SECOND}/s per channel with a burst of ${PER_CHANNEL_BURST}; ` +
      `files.getUploadURLExternal and files.completeUploadExternal Tier 4 (100/min); conversations.history and conversations.open Tier 3 (50/min); ` +
      (limits.workspacePerMinute === undefined
        ? "no workspace-wide chat.postMessage cap (Slack says it keeps one but publishes no number)."
        : `a workspace-wide chat.postMessage cap of ${limits.workspacePerMinute}/min (chosen: Slack publishes no number).`),
  );
  notes.push(`Minimum = ${fixed(run.minimum.seconds)} s from ${run.minimum.bucket ?? "no bucket (everything fits in the bursts: the ratio is undefined)"}; buckets start full, as the stand-in's do.`);
  notes.push(
    `Worker settings: the app's (concurrency 4, batch 10, lease ${limits.leaseMs === undefined ? "60 s" : `${limits.leaseMs / 1000} s (BENCH_FANOUT_LEASE_MS or quick)`}, poll 1 s, 1 message per channel per second); ` +
      `chat port timeout 20 s. Replicas start idle and get "go" once all ${run.total} rows are queued: the wall time is the send phase.`,
  );
  if (run.kill) {
    notes.push(
      `Killed ${run.kill.replica} (SIGKILL) at ${run.kill.at.toFixed(1)} s with ${run.kill.storedAtKill} messages stored; it left ${run.kill.orphans} rows leased ` +
        `(${Object.entries(run.kill.orphanKinds).map(([kind, count]) => `${count} ${kind}`).join(", ") || "none"}), ${run.kill.orphansAlreadyInSlack} of them already in Slack; ` +
        `they return to the queue when the lease expires.`,
    );
  } else notes.push("No replica was killed (the run ended or timed out before a third of the messages were out).");
  const r = run.recipients;
  const verdict = [
    run.ratio === null ? "ratio undefined" : `ratio ${run.ratio.toFixed(2)} ${run.ratio <= TARGET_RATIO ? "meets" : "MISSES"} the <= ${TARGET_RATIO} target`,
    `${r.duplicated} duplicates ${r.duplicated === 0 ? "(target 0 met)" : "(target 0 MISSED)"}`,
    `${r.missing} losses ${r.missing === 0 ? "(target 0 met)" : "(target 0 MISSED)"}`,
  ];
  notes.push(`Verdict: ${verdict.join("; ")}.`);
  if (Object.keys(run.failedByReason).length > 0) notes.push(`Failed rows by reason: ${JSON.stringify(run.failedByReason)}.`);
  for (const example of r.examples) notes.push(`  ${example}`);
  for (const replica of run.replicas) for (const line of replica.logTail.slice(-3)) notes.push(`  ${replica.name} log: ${line.slice(0, 300)}`);
  notes.push(`Options (environment): ${OPTIONS_HELP}.`);
  return notes;
}

export async function run(options: BenchOptions): Promise<BenchResult> {
  if (options.backends && !options.backends.includes("postgres")) {
    return { name, tables: [], notes: ["skipped: the fan-out needs PostgreSQL (replicas in separate processes share one database)."], data: null };
  }
  const available = await postgresAvailable();
  if (!available.ok) throw new Error(`the fan-out needs PostgreSQL at BENCH_DATABASE_URL (or the local default): ${available.reason}`);
  const settings = settingsFor(options.quick);
  const result = await runFanOut(settings, options.log);
  return {
    name,
    tables: [summaryTable(result), floorsTable(result), callsTable(result), replicasTable(result), rowsTable(result), timelineTable(result), setupTable(result)],
    notes: notesFor(result),
    data: { ...result, source: sourceFingerprint() },
  };
}
