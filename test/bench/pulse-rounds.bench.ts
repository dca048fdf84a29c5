// The issue's round-planning benchmark: a tenant of 10,000 people spread over nine time zones
// (half-hour and quarter-hour zones, both ends of the date line), one survey for everyone; the
// scheduler tick plans its round — audience, each person's send instant, then ONE transaction
// writing the round, 10,000 recipients and 10,000 `pulse_invite` deliveries in bulk. Target:
// under 10 s. Also timed: the same tick again (nothing to do), the last-day reminders to the
// ~7,000 who have not answered, and closing the round with its results post.
//
// A fresh database per run: PostgreSQL (BENCH_DATABASE_URL server, or the local default) and
// PGlite (a directory under the OS temp dir, as `npm start` keeps it). `--quick`: 1,000 people.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { openSurveyRound } from "../../src/core/pulse/open-survey-round.js";
import { planSurveyRound } from "../../src/core/pulse/plan-survey-round.js";
import { resolveAudience } from "../../src/core/pulse/resolve-audience.js";
import { surveyFromTemplate } from "../../src/core/pulse/survey-templates.js";
import { parseScheduleSpec } from "../../src/core/schedules/parse-schedule-spec.js";
import { type Database, type DatabaseKind, openDatabase } from "../../src/db/database.js";
import { applyMigrations } from "../../src/db/migrator.js";
import { createPulseStore } from "../../src/db/repositories/pulse-surveys.js";
import { insertColumns } from "../../src/db/seed/bulk-insert.js";
import { slackIdFromKey } from "../../src/db/seed/ids.js";
import { EMPLOYEE_COLUMNS, workingDaysLiteral } from "../../src/db/seed/tables.js";
import { runPulseRounds } from "../../src/jobs/pulse-rounds.js";
import { createLogger } from "../../src/logger.js";
import { adminUrl, postgresAvailable } from "./lib/bench-database.js";
import { sourceFingerprint } from "./lib/source-fingerprint.js";
import { loadAverage, ms, summarize, type LatencySummary } from "./lib/stats.js";
import type { BenchOptions, BenchResult, BenchTable } from "./lib/types.js";

export const name = "pulse-rounds";
export const description = "A pulse round for 10,000 people in nine zones planned and its invitations enqueued in one transaction (target < 10 s); rerun, reminders, closing";

const TARGET_MS = 10_000;
const FULL_PEOPLE = 10_000;
const QUICK_PEOPLE = 1_000;
/** Share of people per zone, in percent (sums to 100). */
const ZONES: ReadonlyArray<readonly [string, number]> = [
  ["Asia/Kuala_Lumpur", 35],
  ["Asia/Kolkata", 12],
  ["Asia/Kathmandu", 3],
  ["Europe/London", 20],
  ["America/New_York", 15],
  ["America/Chicago", 5],
  ["Australia/Sydney", 6],
  ["Pacific/Kiritimati", 2],
  ["Pacific/Pago_Pago", 2],
];
// Monday 10 Aug 2026 09:00 local: the first zone (Kiritimati, UTC+14) reaches it Sun 9 Aug 19:00Z;
// the tick plans from an hour before. The last zone (Pago Pago, UTC−11) gets it Mon 20:00Z.
const PLANNING = new Date("2026-08-09T18:00:00Z");
// Open 5 days after the last send: closes Sat 15 Aug 20:00Z; the last-day reminders are due Fri 14 Aug 20:00Z for everyone.
const LAST_DAY = new Date("2026-08-14T20:00:00Z");
const CLOSING = new Date("2026-08-15T20:00:00Z");
const logger = createLogger("silent");

interface Phase {
  /** What one tick spent, end to end (ms). */
  tick: LatencySummary;
  samples: number[];
}

interface BackendResult {
  kind: DatabaseKind;
  people: number;
  invited: number;
  deliveries: number;
  seedMs: number;
  plan: Phase;
  /** One planning, in parts: reading people/opt-outs/absences, the pure planning, the one write transaction. */
  parts: { readMs: number; pureMs: number; writeMs: number };
  rerunMs: number;
  reminders: { count: number; ms: number };
  close: { ms: number; posts: number };
  loadBefore: string;
  loadAfter: string;
}

async function scratchDatabase(kind: DatabaseKind): Promise<{ db: Database; drop(): Promise<void> }> {
  if (kind === "pglite") {
    const dir = await mkdtemp(path.join(tmpdir(), "salesops-bench-pulse-"));
    const db = await openDatabase({ dataDir: dir });
    return { db, drop: () => rm(dir, { recursive: true, force: true }) };
  }
  const dbName = "salesops_bench_pulse_rounds";
  const admin = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${dbName}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${dbName}`;
  const db = await openDatabase({ databaseUrl: url.toString(), maxConnections: 5 });
  return {
    db,
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).finally(() => client.end());
    },
  };
}

/** The tenant, its people over the zones (1 % opted out, 1 % away that Monday), and the survey. */
async function seed(db: Database, people: number): Promise<{ tenantId: string; surveyId: string }> {
  await applyMigrations(db);
  const tenant = await db.prisma.tenant.create({ data: { name: `Pulse bench ${people}`, currency: "MYR", timeZone: "Asia/Kuala_Lumpur" }, select: { id: true } });
  const tenantId = tenant.id;
  const createdAt = new Date("2026-01-05T00:00:00Z");
  const rows: unknown[][] = [];
  let index = 0;
  for (const [zone, percent] of ZONES) {
    const count = Math.round((people * percent) / 100);
    for (let n = 0; n < count && index < people; n += 1, index += 1) {
      rows.push([
        randomUUID(), tenantId, `person.${index}@pulse.bench`, `Person ${index}`, null, index === 0 ? "admin" : "rep", null, null, zone,
        index % 5 === 0 ? "ms" : "en", null, true, 540, 1050, workingDaysLiteral([1, 2, 3, 4, 5]), slackIdFromKey("U", `${tenantId}:${index}`),
        createdAt, createdAt,
      ]);
    }
  }
  await db.withSession(async (session) => {
    for (let offset = 0; offset < rows.length; offset += 5_000) {
      const slice = rows.slice(offset, offset + 5_000);
      await insertColumns(session, "employee", EMPLOYEE_COLUMNS, EMPLOYEE_COLUMNS.map((_, column) => slice.map((row) => row[column])));
    }
  });
  const ids = rows.map((row) => row[0] as string);
  await db.prisma.pulseOptOut.createMany({ data: ids.filter((_, n) => n % 100 === 1).map((employeeId) => ({ tenantId, employeeId })) });
  await db.prisma.outOfOffice.createMany({
    data: ids.filter((_, n) => n % 100 === 2).map((employeeId) => ({ tenantId, employeeId, startsOn: new Date("2026-08-08T00:00:00Z"), endsOn: new Date("2026-08-12T00:00:00Z") })),
  });
  const spec = parseScheduleSpec("weekly Mon 09:00");
  const survey = await db.prisma.pulseSurvey.create({
    data: {
      tenantId, name: "Bench eNPS", templateId: "enps", definition: surveyFromTemplate("enps", "en") as never, ownerId: ids[0]!,
      audience: { kind: "everyone" }, cron: spec.cron, preset: spec.preset, timeZone: "Asia/Kuala_Lumpur", openDays: 5, createdAt, updatedAt: createdAt,
    },
    select: { id: true },
  });
  for (const table of ["employee", "pulse_opt_out", "out_of_office"]) await db.withSession((session) => session.exec(`ANALYZE "${table}"`));
  return { tenantId, surveyId: survey.id };
}

async function forgetRounds(db: Database, surveyId: string): Promise<void> {
  await db.prisma.delivery.deleteMany({ where: { kind: { in: ["pulse_invite", "pulse_reminder", "pulse_results"] } } });
  await db.prisma.pulseRound.deleteMany({ where: { surveyId } });
}

async function runBackend(kind: DatabaseKind, people: number, repetitions: number, log: (message: string) => void): Promise<BackendResult> {
  const scratch = await scratchDatabase(kind);
  const { db } = scratch;
  try {
    const seedStarted = performance.now();
    const { tenantId, surveyId } = await seed(db, people);
    const seedMs = performance.now() - seedStarted;
    log(`${kind}: seeded ${people} people in ${(seedMs / 1000).toFixed(1)} s`);
    const loadBefore = loadAverage();

    // The tick as the scheduler runs it: plan + enqueue, from a survey with no round yet.
    const samples: number[] = [];
    let invited = 0;
    for (let repetition = 1; repetition <= repetitions; repetition += 1) {
      await forgetRounds(db, surveyId);
      const started = performance.now();
      const report = await runPulseRounds({ db, now: PLANNING, logger });
      samples.push(performance.now() - started);
      invited = report.planned[0]?.invited ?? 0;
      log(`${kind}: tick ${repetition}/${repetitions}: ${ms(samples.at(-1))} ms, ${invited} invited`);
    }
    const deliveries = await db.prisma.delivery.count({ where: { kind: "pulse_invite" } });
    const rerunStarted = performance.now();
    const rerun = await runPulseRounds({ db, now: PLANNING, logger });
    const rerunMs = performance.now() - rerunStarted;
    if (rerun.planned.length !== 0 || (await db.prisma.delivery.count({ where: { kind: "pulse_invite" } })) !== deliveries) throw new Error("a rerun planned again");

    // The same planning in parts (a fresh round again).
    await forgetRounds(db, surveyId);
    const store = createPulseStore(db.prisma);
    const readStarted = performance.now();
    const [tenant, everyone, optedOut, absences] = await Promise.all([store.tenant(tenantId), store.people(tenantId), store.optedOut(tenantId), store.absences(tenantId, "2026-08-10")]);
    const readMs = performance.now() - readStarted;
    const pureStarted = performance.now();
    const audience = resolveAudience({ audience: { kind: "everyone" }, people: everyone, optedOut, absences, opensOn: "2026-08-10" });
    planSurveyRound({ when: { opensOn: "2026-08-10", minuteOfDay: 540 }, referenceTimeZone: "Asia/Kuala_Lumpur", recipients: audience.recipients, openDays: 5, now: PLANNING });
    const pureMs = performance.now() - pureStarted;
    const survey = (await store.surveys(tenantId))[0]!;
    const writeStarted = performance.now();
    await openSurveyRound({ store, tenant: tenant!, survey, when: { opensOn: "2026-08-10", minuteOfDay: 540 }, now: PLANNING, people: everyone });
    const openMs = performance.now() - writeStarted;
    // openSurveyRound reads opt-outs and absences again and plans again: take those out.
    const writeMs = Math.max(0, openMs - pureMs);

    // Invitations sent, 30 % answered, then the last day: everyone else is reminded at once.
    await db.prisma.$executeRaw`UPDATE delivery SET status = 'sent', message_channel = 'D' || substr(recipient, 2), message_ts = '1786000000.000100' WHERE kind = 'pulse_invite'`;
    await db.prisma.$executeRaw`UPDATE pulse_recipient SET answered = true WHERE abs(hashtext(employee_id::text)) % 10 < 3`;
    const remindStarted = performance.now();
    const reminded = await runPulseRounds({ db, now: LAST_DAY, logger });
    const remindMs = performance.now() - remindStarted;
    const closeStarted = performance.now();
    const closed = await runPulseRounds({ db, now: CLOSING, logger });
    const closeMs = performance.now() - closeStarted;
    const posts = await db.prisma.delivery.count({ where: { kind: "pulse_results" } });
    if (closed.closed !== 1 || posts !== 1) throw new Error(`closing: ${closed.closed} rounds, ${posts} posts`);
    return {
      kind,
      people,
      invited,
      deliveries,
      seedMs,
      plan: { tick: summarize(samples, TARGET_MS), samples: samples.map((sample) => Math.round(sample)) },
      parts: { readMs, pureMs, writeMs },
      rerunMs,
      reminders: { count: reminded.reminders, ms: remindMs },
      close: { ms: closeMs, posts },
      loadBefore,
      loadAfter: loadAverage(),
    };
  } finally {
    await db.close().catch(() => {});
    await scratch.drop().catch(() => {});
  }
}

function tablesFor(results: readonly BackendResult[]): BenchTable[] {
  return [
    {
      title: "One tick planning a round and enqueueing its invitations (ms)",
      columns: ["backend", "people", "invited", "invites queued", "runs", "min", "p50", "max", "target", "met", "load before", "load after"],
      rows: results.map((result) => [
        result.kind, result.people, result.invited, result.deliveries, result.plan.tick.count, ms(result.plan.tick.min), ms(result.plan.tick.p50), ms(result.plan.tick.max),
        `< ${TARGET_MS / 1000} s`, result.plan.tick.max < TARGET_MS ? "yes" : "NO", result.loadBefore, result.loadAfter,
      ]),
      notes: [
        "invited: people minus 1 % opted out and 1 % out of office that Monday; one pulse_recipient row and one pulse_invite delivery each, in one transaction.",
        "Load averages: 1, 5, 15 min (2 shared cores).",
      ],
    },
    {
      title: "Where one planning goes, and the rest of the round (ms)",
      columns: ["backend", "read people, opt-outs, absences", "audience + instants (pure)", "write transaction", "rerun tick", "reminders", "reminder ms", "close + post"],
      rows: results.map((result) => [
        result.kind, ms(result.parts.readMs), ms(result.parts.pureMs), ms(result.parts.writeMs), ms(result.rerunMs), result.reminders.count, ms(result.reminders.ms), ms(result.close.ms),
      ]),
      notes: ["reminders: the last-day slot (the same instant in every zone) after 30 % answered: everyone else at once, each a pulse_reminder delivery with the invitation's channel."],
    },
  ];
}

export async function run(options: BenchOptions): Promise<BenchResult> {
  const people = options.quick ? QUICK_PEOPLE : FULL_PEOPLE;
  const repetitions = options.requests ?? (options.quick ? 1 : 3);
  const kinds: DatabaseKind[] = [];
  if (!options.backends || options.backends.includes("postgres")) {
    const available = await postgresAvailable();
    if (available.ok) kinds.push("postgres");
    else options.log(`PostgreSQL not available (${available.reason}); PGlite only`);
  }
  if (!options.backends || options.backends.includes("pglite")) kinds.push("pglite");
  const results: BackendResult[] = [];
  for (const kind of kinds) results.push(await runBackend(kind, people, repetitions, options.log));
  return {
    name,
    tables: tablesFor(results),
    notes: [`Seeding (not measured): ${results.map((result) => `${result.kind} ${(result.seedMs / 1000).toFixed(1)} s`).join(", ")}.`],
    data: { results, source: sourceFingerprint() },
  };
}
