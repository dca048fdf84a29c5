// Schedules and the slots they fired: the only code that knows how they are stored.
import { z } from "zod";
import { isLocale } from "../../core/i18n/locale.js";
import type { ScheduleStore, ScheduleTarget, StoredSchedule } from "../../core/schedule-store.js";
import { Prisma, type PrismaClient } from "../generated/client.js";
import { dateValue, isoDate } from "./sales-data.js";
import { tenantSettingsOf, updateTenantSettings } from "./tenants.js";

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

function newScheduleData(input: ScheduleInput, now: Date) {
  return {
    ...input,
    anchorDate: input.anchorDate ? dateValue(input.anchorDate) : null,
    // A new schedule starts from now: it does not "catch up" on slots before it existed.
    lastSlotAt: now,
    createdAt: now,
  };
}

export async function createSchedule(prisma: Client, input: ScheduleInput, now: Date): Promise<ScheduleRecord> {
  const row = await prisma.schedule.create({ data: newScheduleData(input, now), select: scheduleSelect });
  return toRecord(row);
}

/** Creates schedules unless one of the same name exists; returns how many were new. */
export async function createDefaultSchedules(prisma: Client, inputs: readonly ScheduleInput[], now: Date): Promise<number> {
  if (inputs.length === 0) return 0;
  const result = await prisma.schedule.createMany({ data: inputs.map((input) => newScheduleData(input, now)), skipDuplicates: true });
  return result.count;
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
      ...(anchorDate === undefined ? {} : { anchorDate: anchorDate ? dateValue(anchorDate) : null }),
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

// ---- The ScheduleStore port (src/core/schedule-store.ts) for the admin use cases ----------------

const targetSchema = z.union([z.object({ teamId: z.string().uuid() }), z.object({ allTeams: z.literal(true) })]);
const outcomeSchema = z.enum(["fired", "late", "skipped"]);

function targetOf(stored: unknown, scheduleName: string): ScheduleTarget {
  const parsed = targetSchema.safeParse(stored);
  if (!parsed.success) throw new Error(`schedule "${scheduleName}" has a target that is neither { teamId } nor { allTeams: true }`);
  return "teamId" in parsed.data ? { kind: "team", teamId: parsed.data.teamId } : { kind: "allTeams" };
}

function targetJson(target: ScheduleTarget): Prisma.InputJsonValue {
  return target.kind === "team" ? { teamId: target.teamId } : { allTeams: true };
}

/** The latest handled slot of each schedule (UTC), by schedule id; one query. */
export async function lastSlotsOf(prisma: Client, scheduleIds: readonly string[]): Promise<Map<string, { slotAt: Date; outcome: string }>> {
  if (scheduleIds.length === 0) return new Map();
  const rows = await prisma.$queryRaw<Array<{ schedule_id: string; slot_at: Date; outcome: string }>>`
    SELECT DISTINCT ON (schedule_id) schedule_id::text AS schedule_id, slot_at, outcome
      FROM schedule_slot
     WHERE schedule_id = ANY(${[...scheduleIds]}::uuid[])
     ORDER BY schedule_id, slot_at DESC`;
  return new Map(rows.map((row) => [row.schedule_id, { slotAt: new Date(row.slot_at), outcome: row.outcome }]));
}

function storedOf(record: ScheduleRecord, lastSlot: { slotAt: Date; outcome: string } | undefined): StoredSchedule {
  return {
    id: record.id,
    kind: record.kind,
    name: record.name,
    spec: { cron: record.cron, preset: record.preset, everyWeeks: record.everyWeeks, anchorDate: record.anchorDate },
    timeZone: record.timeZone,
    target: targetOf(record.target, record.name),
    enabled: record.enabled,
    lastSlot: lastSlot ? { slotAt: lastSlot.slotAt, outcome: outcomeSchema.parse(lastSlot.outcome) } : null,
    createdAt: record.createdAt,
  };
}

async function withLastSlot(prisma: Client, record: ScheduleRecord): Promise<StoredSchedule> {
  return storedOf(record, (await lastSlotsOf(prisma, [record.id])).get(record.id));
}

/** The admin use cases' view of schedules, teams and the acting employee, scoped by tenant. */
export function createScheduleStore(prisma: Client): ScheduleStore {
  return {
    async tenant(tenantId) {
      const row = await prisma.tenant.findUnique({
        where: { id: tenantId },
        select: { id: true, name: true, timeZone: true, locale: true, leaderboardVisibility: true },
      });
      return row ? { ...row, locale: isLocale(row.locale) ? row.locale : "en" } : null;
    },
    async employee(tenantId, employeeId) {
      return prisma.employee.findFirst({ where: { id: employeeId, tenantId }, select: { id: true, name: true, role: true, active: true } });
    },
    async teams(tenantId) {
      const rows = await prisma.team.findMany({
        where: { tenantId },
        select: { id: true, name: true, timeZone: true, slackChannelId: true },
        orderBy: { name: "asc" },
      });
      return rows.map((row) => ({ id: row.id, name: row.name, timeZone: row.timeZone, hasChannel: row.slackChannelId !== null }));
    },
    async schedules(tenantId) {
      const records = await schedulesOf(prisma, tenantId);
      const lastSlots = await lastSlotsOf(prisma, records.map((record) => record.id));
      return records.map((record) => storedOf(record, lastSlots.get(record.id)));
    },
    async create(tenantId, schedule, now) {
      try {
        const record = await createSchedule(
          prisma,
          {
            tenantId,
            kind: schedule.kind,
            name: schedule.name,
            cron: schedule.spec.cron,
            preset: schedule.spec.preset,
            everyWeeks: schedule.spec.everyWeeks,
            anchorDate: schedule.spec.anchorDate,
            timeZone: schedule.timeZone,
            target: targetJson(schedule.target),
          },
          now,
        );
        return storedOf(record, undefined);
      } catch (error) {
        // Another admin saved the same name between our check and this insert.
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
        throw error;
      }
    },
    async update(tenantId, scheduleId, changes, now) {
      const owned = await prisma.schedule.findFirst({ where: { id: scheduleId, tenantId }, select: { id: true } });
      if (!owned) return null;
      const { spec, target, ...rest } = changes;
      const record = await updateSchedule(
        prisma,
        scheduleId,
        {
          ...rest,
          ...(spec ? { cron: spec.cron, preset: spec.preset, everyWeeks: spec.everyWeeks, anchorDate: spec.anchorDate } : {}),
          ...(target ? { target: targetJson(target) } : {}),
        },
        now,
      );
      return withLastSlot(prisma, record);
    },
    async delete(tenantId, scheduleId) {
      return deleteSchedule(prisma, tenantId, scheduleId);
    },
    async settings(tenantId) {
      return (await tenantSettingsOf(prisma, tenantId)) ?? {};
    },
    async updateSettings(tenantId, change) {
      const saved = await updateTenantSettings(prisma, tenantId, change);
      if (saved === null) throw new Error(`tenant ${tenantId} does not exist`);
      return saved;
    },
  };
}

/**
 * The idempotency-key prefix of the deliveries a schedule's slots write (run-due-schedules.ts:
 * `forecast_digest:<schedule id>:<slot>:<team>`), the only link from a delivery to its schedule.
 */
export function scheduleDeliveryKeyPrefix(kind: ScheduleKind, scheduleId: string): string {
  return `${kind}:${scheduleId}:`;
}

/**
 * Deletes a schedule of the tenant; its `schedule_slot` rows go with it (ON DELETE CASCADE). A
 * slot being fired at this moment cannot commit its deliveries after this (its slot row would
 * have no schedule), so the schedule sends nothing more. Deliveries already queued stay queued
 * and go out (their slot fired before the delete); the count of those not sent yet is returned.
 */
export async function deleteSchedule(prisma: Client, tenantId: string, scheduleId: string): Promise<{ pendingDeliveries: number } | null> {
  const row = await prisma.schedule.findFirst({ where: { id: scheduleId, tenantId }, select: { id: true, kind: true } });
  if (!row) return null;
  const deleted = await prisma.schedule.deleteMany({ where: { id: scheduleId, tenantId } });
  if (deleted.count === 0) return null;
  const pendingDeliveries = await prisma.delivery.count({
    where: { tenantId, status: { in: ["pending", "sending"] }, idempotencyKey: { startsWith: scheduleDeliveryKeyPrefix(row.kind, row.id) } },
  });
  return { pendingDeliveries };
}

/** Tenants, for an operator tool to pick one by name or id. */
export async function tenantsForAdmin(prisma: Client): Promise<Array<{ id: string; name: string }>> {
  return prisma.tenant.findMany({ select: { id: true, name: true }, orderBy: { createdAt: "asc" } });
}

/** The tenant's first active admin (earliest added, then by e-mail), whom operator tools act as. */
export async function firstAdminOf(prisma: Client, tenantId: string): Promise<{ id: string; name: string; email: string; locale: string } | null> {
  return prisma.employee.findFirst({
    where: { tenantId, role: "admin", active: true },
    select: { id: true, name: true, email: true, locale: true },
    orderBy: [{ createdAt: "asc" }, { email: "asc" }],
  });
}
