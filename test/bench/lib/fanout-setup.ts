// Everything a fan-out run stands on, built fresh per run: a scratch PostgreSQL database (dropped
// after), a large tenant seeded into it with one team (and one digest channel) per manager, the
// stand-in's directory of those channels and of the DM recipients, a weekly digest schedule for
// all teams fired through the real scheduler tick, and the announcement rows for the DMs.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { calendarDateIn } from "../../../src/clock.js";
import { isoWeekday } from "../../../src/core/dates.js";
import { parseScheduleSpec } from "../../../src/core/schedules/index.js";
import type { Database } from "../../../src/db/database.js";
import { withCaches } from "../../../src/db/repositories/cached-sales-data.js";
import { enqueueDeliveries, type NewDelivery } from "../../../src/db/repositories/deliveries.js";
import { createSalesData } from "../../../src/db/repositories/sales-data.js";
import { createSchedule, teamsWithChannels } from "../../../src/db/repositories/schedules.js";
import { parseIsoDate, zonedInstant } from "../../../src/db/seed/calendar.js";
import { seedLargeTenant } from "../../../src/db/seed/large-tenant.js";
import { type HandledSlot, runDueSchedules } from "../../../src/jobs/run-due-schedules.js";
import type { Logger } from "../../../src/logger.js";
import type { StandInWorkspace } from "../../../src/slack-stand-in/index.js";
import { adminUrl, TENANT_TIME_ZONE } from "./bench-database.js";

/** The seed gives every manager one team of nine reps: channels × 9 reps make that many teams. */
const REPS_PER_TEAM = 9;
const DAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export interface ScratchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A new, empty database on the BENCH_DATABASE_URL server. */
export async function createScratchDatabase(prefix: string): Promise<ScratchDatabase> {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5_000 });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface DigestTeam {
  id: string;
  name: string;
  channelId: string;
}

export interface FanOutTenant {
  tenantId: string;
  /** The seed's calendar date in the tenant's zone. */
  today: string;
  reps: number;
  opportunities: number;
  teams: DigestTeam[];
  seedMs: number;
  counts: Record<string, number>;
}

/** Seeds a tenant with exactly `channels` teams, each with its Slack channel. */
export async function seedFanOutTenant(db: Database, channels: number, opportunitiesPerRep: number, log: (message: string) => void): Promise<FanOutTenant> {
  const reps = channels * REPS_PER_TEAM;
  const opportunities = reps * opportunitiesPerRep;
  const today = calendarDateIn(new Date(), TENANT_TIME_ZONE);
  let lastReport = 0;
  const report = await seedLargeTenant(db, {
    reps,
    opportunities,
    today,
    tenantName: `Fan-out ${channels} teams`,
    onProgress(progress) {
      if (progress.elapsedMs - lastReport < 15_000 && progress.phase === "opportunities") return;
      lastReport = progress.elapsedMs;
      log(`  seed ${progress.phase}: ${progress.opportunitiesWritten}/${progress.opportunitiesTotal} opportunities, ${(progress.elapsedMs / 1000).toFixed(0)} s`);
    },
  });
  const teams = (await teamsWithChannels(db.prisma, report.tenantId)).map((team) => ({ id: team.id, name: team.name, channelId: team.slackChannelId! }));
  if (teams.length !== channels) throw new Error(`the seed made ${teams.length} teams with channels, not ${channels}`);
  return { tenantId: report.tenantId, today, reps, opportunities, teams, seedMs: report.elapsedMs, counts: report.counts };
}

/** The stand-in's directory: the teams' channels (the bot a member) and `dms` people; returns their user ids. */
export function furnishWorkspace(workspace: StandInWorkspace, teams: readonly DigestTeam[], dms: number): string[] {
  for (const team of teams) workspace.addChannel({ id: team.channelId, name: team.name.toLowerCase().replace(/[^a-z0-9]+/g, "-") });
  return Array.from({ length: dms }, (_, index) => workspace.addUser({ name: `fanout.person${index + 1}`, email: `person${index + 1}@fanout.test` }).id);
}

export interface FiredDigest {
  scheduleId: string;
  cron: string;
  /** The slot (UTC) and the tick's `now`. */
  slotAt: Date;
  tickAt: Date;
  handled: HandledSlot[];
  /** Wall time of the tick: composing every team's digest, then the slot and its rows in one transaction. */
  tickMs: number;
}

/**
 * A weekly digest for all teams, due at 08:00 (tenant time) on the seed date, created a minute
 * before its slot and fired by one scheduler tick 30 s after it — on time, so not marked late.
 */
export async function fireWeeklyDigest(db: Database, tenant: Pick<FanOutTenant, "tenantId" | "today">, logger: Logger): Promise<FiredDigest> {
  const day = parseIsoDate(tenant.today);
  const spec = parseScheduleSpec(`weekly ${DAY_NAMES[isoWeekday(tenant.today) - 1]} 08:00`);
  const slotAt = new Date(zonedInstant(day, 8 * 60, TENANT_TIME_ZONE));
  const schedule = await createSchedule(
    db.prisma,
    {
      tenantId: tenant.tenantId,
      kind: "forecast_digest",
      name: "Weekly forecast digest — all teams",
      cron: spec.cron,
      preset: spec.preset,
      everyWeeks: spec.everyWeeks,
      anchorDate: spec.anchorDate,
      timeZone: TENANT_TIME_ZONE,
      target: { allTeams: true },
    },
    new Date(slotAt.getTime() - 60_000),
  );
  const tickAt = new Date(slotAt.getTime() + 30_000);
  // The data port as src/app.ts builds it: the repository behind the per-process caches.
  const data = withCaches(createSalesData(db.prisma));
  const started = performance.now();
  const handled = await runDueSchedules({ db, data, owner: "fan-out-bench", now: tickAt, logger });
  return { scheduleId: schedule.id, cron: spec.cron, slotAt, tickAt, handled, tickMs: performance.now() - started };
}

/** One announcement DM per person, written in batches of `batch` rows; returns the rows written. */
export async function enqueueAnnouncements(db: Database, tenantId: string, userIds: readonly string[], occurrence: string, batch = 2_000): Promise<number> {
  let written = 0;
  for (let offset = 0; offset < userIds.length; offset += batch) {
    const rows: NewDelivery[] = userIds.slice(offset, offset + batch).map((userId) => ({
      tenantId,
      kind: "announcement",
      idempotencyKey: `announcement:${occurrence}:${userId}`,
      recipient: userId,
      payload: { text: `The Q-end pulse survey is open (${occurrence}): two minutes, five questions, anonymous.` },
    }));
    written += await db.prisma.$transaction((tx) => enqueueDeliveries(tx, rows));
  }
  return written;
}
