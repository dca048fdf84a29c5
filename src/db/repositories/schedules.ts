// Schedules and the slots they fired: the only code that knows how they are stored.
import type { Prisma, PrismaClient } from "../generated/client.js";
import { isoDate } from "./sales-data.js";

type Client = PrismaClient | Prisma.TransactionClient;

export type ScheduleKind = "forecast_digest";

/** A schedule as the planner and the admin tools read it. Instants are UTC `Date`s. */
export interface ScheduleRecord {
  id: string;
  tenantId: string;
  kind: ScheduleKind;
  name: string;
  cron: string;
  preset: string | null;
  everyWeeks: number;
  /** ISO date, for "every N weeks". */
  anchorDate: string | null;
  timeZone: string;
  target: unknown;
  enabled: boolean;
  lastSlotAt: Date | null;
  createdAt: Date;
}

const scheduleSelect = {
  id: true,
  tenantId: true,
  kind: true,
  name: true,
  cron: true,
  preset: true,
  everyWeeks: true,
  anchorDate: true,
  timeZone: true,
  target: true,
  enabled: true,
  lastSlotAt: true,
  createdAt: true,
} as const;

function toRecord(row: Prisma.ScheduleGetPayload<{ select: typeof scheduleSelect }>): ScheduleRecord {
  return { ...row, anchorDate: row.anchorDate ? isoDate(row.anchorDate) : null };
}

export async function enabledSchedules(prisma: Client): Promise<ScheduleRecord[]> {
  const rows = await prisma.schedule.findMany({ where: { enabled: true }, select: scheduleSelect, orderBy: { createdAt: "asc" } });
  return rows.map(toRecord);
}

export async function schedulesOf(prisma: Client, tenantId: string): Promise<ScheduleRecord[]> {
  const rows = await prisma.schedule.findMany({ where: { tenantId }, select: scheduleSelect, orderBy: { name: "asc" } });
  return rows.map(toRecord);
}

export async function scheduleByName(prisma: Client, tenantId: string, name: string): Promise<ScheduleRecord | null> {
  const row = await prisma.schedule.findUnique({ where: { tenantId_name: { tenantId, name } }, select: scheduleSelect });
  return row ? toRecord(row) : null;
}

export interface ScheduleInput {
  tenantId: string;
  kind: ScheduleKind;
  name: string;
  cron: string;
  preset: string | null;
  everyWeeks: number;
  anchorDate: string | null;
  timeZone: string;
  target: Prisma.InputJsonValue;
  enabled?: boolean;
}

export async function createSchedule(prisma: Client, input: ScheduleInput, now: Date): Promise<ScheduleRecord> {
  const row = await prisma.schedule.create({
    data: {
      ...input,
      anchorDate: input.anchorDate ? new Date(`${input.anchorDate}T00:00:00.000Z`) : null,
      // A new schedule starts from now: it does not "catch up" on slots before it existed.
      lastSlotAt: now,
      createdAt: now,
    },
    select: scheduleSelect,
  });
  return toRecord(row);
}

export async function updateSchedule(
  prisma: Client,
  id: string,
  change: Partial<Pick<ScheduleInput, "cron" | "preset" | "everyWeeks" | "anchorDate" | "timeZone" | "target" | "enabled" | "name">>,
  now: Date,
): Promise<ScheduleRecord> {
  const { anchorDate, ...rest } = change;
  const timingChanged = change.cron !== undefined || change.timeZone !== undefined || change.everyWeeks !== undefined;
  const row = await prisma.schedule.update({
    where: { id },
    data: {
      ...rest,
      ...(anchorDate === undefined ? {} : { anchorDate: anchorDate ? new Date(`${anchorDate}T00:00:00.000Z`) : null }),
      // New timing, or resumed after a pause: count slots from now, not from before the change.
      ...(timingChanged || change.enabled === true ? { lastSlotAt: now } : {}),
    },
    select: scheduleSelect,
  });
  return toRecord(row);
}

export type SlotOutcome = "fired" | "late" | "skipped";

/**
 * Records that `slotAt` of a schedule was handled, and moves the schedule's last slot forward.
 * False when another replica recorded it first — then the caller must not act on it.
 */
export async function claimSlot(
  tx: Prisma.TransactionClient,
  slot: { scheduleId: string; tenantId: string; slotAt: Date; outcome: SlotOutcome; note: string | null; handledBy: string },
): Promise<boolean> {
  const inserted = await tx.$executeRaw`
    INSERT INTO schedule_slot (schedule_id, slot_at, tenant_id, outcome, note, handled_by)
    VALUES (${slot.scheduleId}::uuid, ${slot.slotAt}, ${slot.tenantId}::uuid, ${slot.outcome}, ${slot.note}, ${slot.handledBy})
    ON CONFLICT (schedule_id, slot_at) DO NOTHING`;
  if (inserted === 0) return false;
  await tx.$executeRaw`
    UPDATE schedule SET last_slot_at = GREATEST(COALESCE(last_slot_at, ${slot.slotAt}), ${slot.slotAt})
     WHERE id = ${slot.scheduleId}::uuid`;
  return true;
}

export async function recentSlots(prisma: Client, scheduleId: string, limit: number) {
  return prisma.scheduleSlot.findMany({
    where: { scheduleId },
    orderBy: { slotAt: "desc" },
    take: limit,
    select: { slotAt: true, outcome: true, note: true, handledBy: true, handledAt: true },
  });
}

/** The teams of a tenant that have a channel for digests. */
export async function teamsWithChannels(prisma: Client, tenantId: string) {
  return prisma.team.findMany({
    where: { tenantId, slackChannelId: { not: null } },
    select: { id: true, name: true, slackChannelId: true, timeZone: true },
    orderBy: { name: "asc" },
  });
}
