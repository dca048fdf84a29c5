// The port through which the schedule admin use cases read and write schedules. `src/db`
// implements it with Prisma (`createScheduleStore`); tests implement it by hand. Plain data only;
// instants are UTC `Date`s, dates ISO `YYYY-MM-DD`.
import type { Locale } from "./i18n/locale.js";
import type { TenantSettings } from "./tenant-settings.js";
import type { EmployeeRole, LeaderboardVisibility } from "./types.js";
import type { ScheduleKind, ScheduleSpec } from "./schedules/schedule-spec.js";

/** Who a schedule is for: one team's channel, or every team that has one. */
export type ScheduleTarget = { kind: "team"; teamId: string } | { kind: "allTeams" };

/** How a handled slot went (the `outcome` of a `schedule_slot` row). */
export type SlotOutcome = "fired" | "late" | "skipped";

export interface StoredSchedule {
  id: string;
  kind: ScheduleKind;
  name: string;
  spec: ScheduleSpec;
  timeZone: string;
  target: ScheduleTarget;
  enabled: boolean;
  /** The latest slot actually handled, or null when none has been yet. */
  lastSlot: { slotAt: Date; outcome: SlotOutcome } | null;
  createdAt: Date;
}

export interface ScheduleTenant {
  id: string;
  name: string;
  timeZone: string;
  locale: Locale;
  /** What the leaderboard shows (the digests' leaderboard section follows it). */
  leaderboardVisibility: LeaderboardVisibility;
}

export interface ScheduleActor {
  id: string;
  name: string;
  role: EmployeeRole;
  active: boolean;
}

export interface ScheduleTeam {
  id: string;
  name: string;
  timeZone: string;
  /** Whether it has a channel a digest can go to. */
  hasChannel: boolean;
}

export interface NewSchedule {
  kind: ScheduleKind;
  name: string;
  spec: ScheduleSpec;
  timeZone: string;
  target: ScheduleTarget;
}

/** Only the fields given change. */
export interface ScheduleChanges {
  spec?: ScheduleSpec;
  timeZone?: string;
  target?: ScheduleTarget;
  enabled?: boolean;
}

export interface ScheduleStore {
  tenant(tenantId: string): Promise<ScheduleTenant | null>;
  employee(tenantId: string, employeeId: string): Promise<ScheduleActor | null>;
  /** Every team of the tenant (any order). */
  teams(tenantId: string): Promise<ScheduleTeam[]>;
  /** Every schedule of the tenant (any order). */
  schedules(tenantId: string): Promise<StoredSchedule[]>;
  /**
   * Saves a new schedule; it counts its slots from `now` (no catch-up on earlier ones).
   * "duplicate" when the tenant already has a schedule of that name.
   */
  create(tenantId: string, schedule: NewSchedule, now: Date): Promise<StoredSchedule | "duplicate">;
  /**
   * Changes a schedule of the tenant. A new timing, or a resume, counts slots from `now`, so
   * no slot before the change fires late. Null when there is no such schedule.
   */
  update(tenantId: string, scheduleId: string, changes: ScheduleChanges, now: Date): Promise<StoredSchedule | null>;
  /**
   * Deletes a schedule of the tenant and the record of its slots: no slot of it fires again.
   * Deliveries it already queued are left as they are (they still go out); `pendingDeliveries`
   * says how many of them were not sent yet. Null when there is no such schedule.
   */
  delete(tenantId: string, scheduleId: string): Promise<{ pendingDeliveries: number } | null>;
  /** The tenant's settings, parsed by src/core/tenant-settings.ts. */
  settings(tenantId: string): Promise<TenantSettings>;
  /**
   * Applies `change` to the tenant's current settings and saves the result, atomically (two
   * admins saving at once both keep theirs); returns what was saved.
   */
  updateSettings(tenantId: string, change: (current: TenantSettings) => TenantSettings): Promise<TenantSettings>;
}
