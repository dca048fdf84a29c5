/**
 * When a survey's rounds open, per person. A survey's schedule (a `ScheduleSpec`: presets
 * weekly, every 2 weeks, monthly, quarterly, or cron) is read in the survey's own zone to
 * decide each round's local DATE; every recipient then receives it on that date at the
 * schedule's local wall time in THEIR OWN zone (a 09:00 survey reaches Kuala Lumpur at 09:00
 * +08:00 and London at 09:00 London time). DST follows the schedules' rules
 * (`resolve-wall-time.ts`): a wall time in a spring-forward gap is sent at the first minute
 * after the gap, one in an autumn overlap at its first occurrence.
 *
 * Rules documented here, relied on by the jobs and tests:
 * - Planning ahead. Zones run from UTC−12 to UTC+14, so the first person can receive a round
 *   up to 14 h before the date's wall time in UTC. A date is due for planning once `now` is
 *   within `leadMs` (default 1 h) of that earliest possible instant; each delivery carries its
 *   person's instant as `notBefore`, so the worker sends it on time.
 * - Closing. A round closes `openDays` × 24 h after the LAST recipient's send instant (or
 *   after `now`, when late or started by hand), so everyone has at least that long to answer.
 * - Catch-up (in the spirit of `schedules/decide-catch-up.ts`). A round planned after its first
 *   send instant (the app was down) is still sent if less than 24 h late: people whose instant
 *   has passed get it at once, the others on time. A round 24 h late or more is skipped (and
 *   recorded as such), never sent days late; the next date is planned as usual.
 */
import { dateOfEpochDay, epochDayOf } from "../dates.js";
import { AppError } from "../errors.js";
import { latestOccurrences } from "../schedules/list-occurrences.js";
import { parseCronExpression } from "../schedules/parse-cron-expression.js";
import { localEpochDayOf, MS_PER_DAY, MS_PER_MINUTE, wallTimeResolverFor } from "../schedules/resolve-wall-time.js";
import type { ScheduleSpec } from "../schedules/schedule-spec.js";

const HOUR = 60 * MS_PER_MINUTE;
/** The furthest any zone is ahead of UTC (Pacific/Kiritimati, UTC+14). */
export const MAX_ZONE_AHEAD_MS = 14 * HOUR;
/** The furthest any zone is behind UTC (UTC−12). */
export const MAX_ZONE_BEHIND_MS = 12 * HOUR;
/** Default: plan a round an hour before anyone anywhere could receive it. */
export const DEFAULT_PLANNING_LEAD_MS = HOUR;
/** A round less than this late is still sent; at or beyond it, it is skipped. */
export const ROUND_LATE_LIMIT_MS = 24 * HOUR;
/** Open days an admin may choose. */
export const MIN_OPEN_DAYS = 1;
export const MAX_OPEN_DAYS = 14;
/** Dates looked at per survey and tick at most (a long downtime does not return hundreds). */
const MAX_DUE_DATES = 20;

/** A survey's schedule: the spec read in the survey's own (reference) zone. */
export interface RoundSchedule {
  readonly spec: ScheduleSpec;
  readonly timeZone: string;
}

/** One date on which a round opens. */
export interface RoundDate {
  /** Local date, `YYYY-MM-DD`. */
  readonly opensOn: string;
  /** The schedule's wall time, minutes after local midnight (its first time of day). */
  readonly minuteOfDay: number;
  /** The schedule's own occurrence on that date, in its reference zone (UTC). */
  readonly referenceSlot: Date;
  /** From when it may be planned: `leadMs` before the earliest instant any zone reaches it (UTC). */
  readonly planFrom: Date;
}

export interface DueRoundDatesOptions {
  readonly schedule: RoundSchedule;
  /** Occurrences at or before this instant are never planned: the survey's creation, last edit or resume (UTC). */
  readonly countFrom: Date;
  /** The latest round's local date; only later dates are due. */
  readonly lastOpensOn: string | null;
  readonly now: Date;
  readonly leadMs?: number;
}

/** The first wall time of day a cron names, minutes after midnight. */
export function scheduleMinuteOfDay(spec: ScheduleSpec): number {
  const plan = parseCronExpression(spec.cron);
  return plan.hours[0]! * 60 + plan.minutes[0]!;
}

/**
 * The dates due for planning at `now`, oldest first: those whose reference occurrence is after
 * `countFrom`, whose date is after `lastOpensOn`, and whose `planFrom` has come (see the top
 * of this file). A cron firing several times a day gives one date (its first time).
 */
export function dueRoundDates(options: DueRoundDatesOptions): RoundDate[] {
  const { schedule, now } = options;
  const leadMs = options.leadMs ?? DEFAULT_PLANNING_LEAD_MS;
  const minuteOfDay = scheduleMinuteOfDay(schedule.spec);
  // Far enough ahead to see a date whose earliest zone starts before its reference zone does.
  const horizon = new Date(now.getTime() + MAX_ZONE_AHEAD_MS + MAX_ZONE_BEHIND_MS + leadMs + HOUR);
  const anchor = schedule.spec.anchorDate ? { anchorDate: schedule.spec.anchorDate } : {};
  const lastDay = options.lastOpensOn === null ? Number.NEGATIVE_INFINITY : epochDayOf(options.lastOpensOn);
  // Occurrences dated on or before the last round are never due: start the scan just before it
  // (a local date's occurrences lie within a day and a half of its UTC midnight).
  const after = new Date(Math.max(options.countFrom.getTime(), (lastDay - 1) * MS_PER_DAY));
  const dates: RoundDate[] = [];
  const seen = new Set<number>();
  for (const slot of latestOccurrences(schedule.spec, schedule.timeZone, after, horizon, MAX_DUE_DATES * 4, anchor)) {
    const day = localEpochDayOf(schedule.timeZone, slot.getTime());
    if (day <= lastDay || seen.has(day)) continue;
    seen.add(day);
    const planFrom = new Date(day * MS_PER_DAY + minuteOfDay * MS_PER_MINUTE - MAX_ZONE_AHEAD_MS - leadMs);
    if (planFrom.getTime() > now.getTime()) continue;
    dates.push({ opensOn: dateOfEpochDay(day), minuteOfDay, referenceSlot: slot, planFrom });
  }
  return dates.slice(-MAX_DUE_DATES);
}

/** A recipient as planning needs them. */
export interface RoundRecipient {
  readonly id: string;
  readonly timeZone: string;
}

/** One person's delivery of a round. */
export interface PlannedSend {
  readonly recipientId: string;
  readonly timeZone: string;
  /** When their invitation goes out (UTC); the delivery's `notBefore`. */
  readonly sendAt: Date;
}

export type RoundDecision =
  /** Planned ahead of everyone's send instant. */
  | { readonly action: "on_time" }
  /** Planned after the first send instant (less than the late limit): some get it at once. */
  | { readonly action: "late"; readonly lateByMs: number }
  /** Too late to send: recorded as skipped, nobody is invited. */
  | { readonly action: "skip"; readonly lateByMs: number; readonly reason: string };

export interface RoundPlan {
  readonly opensOn: string;
  readonly decision: RoundDecision;
  /** In the order of the recipients given; empty when skipped. */
  readonly sends: readonly PlannedSend[];
  /** UTC; with nobody to send to, the wall time in the survey's zone. */
  readonly firstSendAt: Date;
  readonly lastSendAt: Date;
  readonly closesAt: Date;
}

export interface PlanSurveyRoundOptions {
  /** The date and wall time from `dueRoundDates`, or `{ startNow: true }` for a round an admin opens now. */
  readonly when: Pick<RoundDate, "opensOn" | "minuteOfDay"> | { readonly startNow: true };
  /** The survey's own zone: gives the date of a round started now, and the instants of an empty round. */
  readonly referenceTimeZone: string;
  readonly recipients: readonly RoundRecipient[];
  /** Whole days, 1-14. */
  readonly openDays: number;
  readonly now: Date;
}

function formatLate(ms: number): string {
  const minutes = Math.floor(ms / MS_PER_MINUTE);
  const hours = Math.floor(minutes / 60);
  return hours === 0 ? `${minutes} min` : minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

/**
 * Plans one round: each recipient's send instant, the first and last of them, and when the
 * round closes, with the catch-up decision for a round planned late (rules at the top of this
 * file). Throws `invalid_input` for open days outside 1-14, a malformed date or an unknown zone.
 */
export function planSurveyRound(options: PlanSurveyRoundOptions): RoundPlan {
  const { openDays, now, referenceTimeZone } = options;
  if (!Number.isInteger(openDays) || openDays < MIN_OPEN_DAYS || openDays > MAX_OPEN_DAYS) {
    throw new AppError("invalid_input", `openDays: a survey stays open ${MIN_OPEN_DAYS} to ${MAX_OPEN_DAYS} whole days; ${openDays} is not one.`, {
      field: "openDays",
    });
  }
  const openMs = openDays * MS_PER_DAY;
  if ("startNow" in options.when) {
    const opensOn = dateOfEpochDay(localEpochDayOf(referenceTimeZone, now.getTime()));
    const sends = options.recipients.map((recipient) => ({ recipientId: recipient.id, timeZone: recipient.timeZone, sendAt: now }));
    return { opensOn, decision: { action: "on_time" }, sends, firstSendAt: now, lastSendAt: now, closesAt: new Date(now.getTime() + openMs) };
  }
  const { opensOn, minuteOfDay } = options.when;
  const day = epochDayOf(opensOn);
  const resolvers = new Map<string, (minute: number) => number>();
  const instantIn = (timeZone: string): number => {
    let resolve = resolvers.get(timeZone);
    if (resolve === undefined) {
      resolve = wallTimeResolverFor(timeZone, day);
      resolvers.set(timeZone, resolve);
    }
    return resolve(minuteOfDay);
  };
  const sends = options.recipients.map((recipient) => ({
    recipientId: recipient.id,
    timeZone: recipient.timeZone,
    sendAt: new Date(instantIn(recipient.timeZone)),
  }));
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const send of sends) {
    first = Math.min(first, send.sendAt.getTime());
    last = Math.max(last, send.sendAt.getTime());
  }
  if (sends.length === 0) first = last = instantIn(referenceTimeZone);
  const lateByMs = now.getTime() - first;
  const closesAt = new Date(Math.max(last, now.getTime()) + openMs);
  const base = { opensOn, firstSendAt: new Date(first), lastSendAt: new Date(last), closesAt };
  if (lateByMs <= 0) return { ...base, decision: { action: "on_time" }, sends };
  if (lateByMs < ROUND_LATE_LIMIT_MS) return { ...base, decision: { action: "late", lateByMs }, sends };
  return {
    ...base,
    closesAt: new Date(last + openMs),
    decision: {
      action: "skip",
      lateByMs,
      reason: `The round of ${opensOn} was missed by ${formatLate(lateByMs)} (the app was not running); a round ${formatLate(ROUND_LATE_LIMIT_MS)} late or more is skipped.`,
    },
    sends: [],
  };
}
