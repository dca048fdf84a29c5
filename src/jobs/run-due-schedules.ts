// One scheduler tick: for every enabled schedule, the slots that came due since the last one
// handled are decided (fire, late, skip — the catch-up rule of its kind) and recorded; a slot
// that fires writes one delivery per recipient in the same transaction that records the slot,
// so a crash leaves either both or neither, and a second replica's attempt collides.
import { catchUpDecision, missedSlots, type ScheduleSpec } from "../core/schedules/index.js";
import type { SalesData } from "../core/sales-data.js";
import { composeForecastDigest } from "../core/use-cases/compose-forecast-digest.js";
import type { Database } from "../db/database.js";
import { enqueueDeliveries, type JsonValue, type NewDelivery } from "../db/repositories/deliveries.js";
import { claimSlot, enabledSchedules, type ScheduleRecord, scheduleDeliveryKeyPrefix, teamsWithChannels } from "../db/repositories/schedules.js";
import { tenantSettingsOf } from "../db/repositories/tenants.js";
import { digestDetailFor } from "../core/tenant-settings.js";
import type { Logger } from "../logger.js";
import { z } from "zod";

export interface RunDueSchedulesOptions {
  db: Database;
  data: SalesData;
  /** This replica's name, recorded on the slots it handles. */
  owner: string;
  now: Date;
  logger: Logger;
}

export interface HandledSlot {
  scheduleId: string;
  slotAt: Date;
  outcome: "fired" | "late" | "skipped";
  deliveries: number;
}

const digestTargetSchema = z.union([z.object({ teamId: z.string().uuid() }), z.object({ allTeams: z.literal(true) })]);

function specOf(schedule: ScheduleRecord): ScheduleSpec {
  return { cron: schedule.cron, preset: schedule.preset, everyWeeks: schedule.everyWeeks, anchorDate: schedule.anchorDate };
}

export async function runDueSchedules(options: RunDueSchedulesOptions): Promise<HandledSlot[]> {
  const handled: HandledSlot[] = [];
  for (const schedule of await enabledSchedules(options.db.prisma)) {
    try {
      const slots = missedSlots(specOf(schedule), schedule.timeZone, schedule.lastSlotAt, schedule.createdAt, options.now, {
        ...(schedule.anchorDate ? { anchorDate: schedule.anchorDate } : {}),
      });
      for (const slotAt of slots) handled.push(await handleSlot(options, schedule, slotAt));
    } catch (error) {
      // One broken schedule must not stop the others; it is retried at the next tick.
      options.logger.error({ err: error, scheduleId: schedule.id, schedule: schedule.name }, "schedule tick failed");
    }
  }
  return handled.filter((slot) => slot.deliveries >= 0);
}

async function handleSlot(options: RunDueSchedulesOptions, schedule: ScheduleRecord, slotAt: Date): Promise<HandledSlot> {
  const { db, logger, owner } = options;
  const decision = catchUpDecision(schedule.kind, slotAt, options.now);
  const base = { scheduleId: schedule.id, tenantId: schedule.tenantId, slotAt, handledBy: owner };
  if (decision.action === "skip") {
    const claimed = await db.prisma.$transaction((tx) => claimSlot(tx, { ...base, outcome: "skipped", note: decision.reason }));
    if (claimed) logger.warn({ scheduleId: schedule.id, schedule: schedule.name, slotAt, reason: decision.reason }, "missed schedule slot skipped");
    return { scheduleId: schedule.id, slotAt, outcome: "skipped", deliveries: claimed ? 0 : -1 };
  }
  const lateBy = decision.action === "late" ? { ms: decision.lateByMs } : undefined;
  // Composed before the transaction (reads only); written with the slot record, atomically.
  const rows = await deliveriesFor(options, schedule, slotAt, lateBy);
  const outcome = lateBy ? "late" : "fired";
  const enqueued = await db.prisma.$transaction(async (tx) => {
    const claimed = await claimSlot(tx, { ...base, outcome, note: lateBy ? `late by ${Math.round(lateBy.ms / 60_000)} min` : null });
    if (!claimed) return -1;
    return enqueueDeliveries(tx, rows);
  });
  if (enqueued >= 0) logger.info({ scheduleId: schedule.id, schedule: schedule.name, slotAt, outcome, deliveries: enqueued }, "schedule slot fired");
  return { scheduleId: schedule.id, slotAt, outcome, deliveries: enqueued };
}

async function deliveriesFor(
  options: RunDueSchedulesOptions,
  schedule: ScheduleRecord,
  slotAt: Date,
  lateBy: { ms: number } | undefined,
): Promise<NewDelivery[]> {
  switch (schedule.kind) {
    case "forecast_digest": {
      const target = digestTargetSchema.parse(schedule.target);
      const teams = (await teamsWithChannels(options.db.prisma, schedule.tenantId)).filter(
        (team) => "allTeams" in target || team.id === target.teamId,
      );
      // Read at each slot: a detail an admin changed applies from the next digest on.
      const settings = (await tenantSettingsOf(options.db.prisma, schedule.tenantId)) ?? {};
      const rows: NewDelivery[] = [];
      for (const team of teams) {
        const digest = await composeForecastDigest({
          data: options.data,
          tenantId: schedule.tenantId,
          teamId: team.id,
          now: options.now,
          detail: digestDetailFor(settings, team.id).detail,
          // lastSlotAt as read at the start of the tick: the previous slot handled, or when the
          // schedule (or its timing) began counting — a previous slot before that sent nothing.
          schedule: { spec: specOf(schedule), timeZone: schedule.timeZone, slotAt, ...(schedule.lastSlotAt ? { countsFrom: schedule.lastSlotAt } : {}) },
          ...(lateBy ? { lateBy } : {}),
        });
        rows.push({
          tenantId: schedule.tenantId,
          kind: "forecast_digest",
          idempotencyKey: `${scheduleDeliveryKeyPrefix("forecast_digest", schedule.id)}${slotAt.toISOString()}:${team.id}`,
          recipient: team.slackChannelId!,
          payload: JSON.parse(JSON.stringify(digest)) as JsonValue,
        });
      }
      return rows;
    }
  }
}
