import { epochDayOf } from "../dates.js";
import { AppError } from "../errors.js";
import { parseCronExpression, type CronPlan } from "./parse-cron-expression.js";
import { localEpochDayOf, MS_PER_DAY, wallTimeResolverFor } from "./resolve-wall-time.js";
import type { ScheduleSpec } from "./schedule-spec.js";

/**
 * Occurrences of a schedule as UTC instants. The spec is evaluated in the local wall time of
 * its zone, day by day: a candidate day is tested against month, day-of-month/day-of-week
 * (OR when both are restricted, as cron does), the `D#k`/`DL` extensions and the every-N-weeks
 * parity; only then are its hours × minutes resolved to instants (see `resolve-wall-time.ts`
 * for the DST gap and overlap rules). Two wall times that land on the same instant (both in
 * one gap) fire once.
 */

export interface OccurrenceOptions {
  /** Monday of week 0 for `everyWeeks` > 1 when the spec carries none (ISO date). */
  anchorDate?: string;
}

/** `nextOccurrence` / `previousOccurrence` give up after this many days (the leap day recurs within 8 years). */
const SEARCH_HORIZON_DAYS = 11 * 366;

const plans = new Map<string, CronPlan>();

function planOf(cron: string): CronPlan {
  let plan = plans.get(cron);
  if (plan === undefined) {
    plan = parseCronExpression(cron);
    if (plans.size > 1000) plans.clear();
    plans.set(cron, plan);
  }
  return plan;
}

interface DayMatcher {
  plan: CronPlan;
  matches(epochDay: number): boolean;
  /** Minutes of the local day the spec fires at, ascending. */
  minutesOfDay: readonly number[];
}

function matcherOf(spec: ScheduleSpec, options: OccurrenceOptions): DayMatcher {
  const plan = planOf(spec.cron);
  const everyWeeks = spec.everyWeeks;
  if (!Number.isInteger(everyWeeks) || everyWeeks < 1) {
    throw new AppError("invalid_input", `everyWeeks ${everyWeeks} must be a whole number of at least 1.`, { field: "everyWeeks" });
  }
  let anchorMonday = 0;
  if (everyWeeks > 1) {
    const anchor = options.anchorDate ?? spec.anchorDate;
    if (anchor === null || anchor === undefined) {
      throw new AppError("invalid_input", `A schedule every ${everyWeeks} weeks needs an anchor date (the Monday of its first week).`, {
        field: "anchorDate",
      });
    }
    const day = epochDayOf(anchor);
    anchorMonday = day - ((day + 3) % 7); // 1970-01-05 (epoch day 4) was a Monday
  }
  const minutesOfDay = plan.hours.flatMap((hour) => plan.minutes.map((minute) => hour * 60 + minute));
  const matches = (epochDay: number): boolean => {
    const date = new Date(epochDay * MS_PER_DAY);
    const month = date.getUTCMonth() + 1;
    if (!plan.months[month]) return false;
    const day = date.getUTCDate();
    const weekday = (((epochDay + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday (4)
    const daysInMonth = new Date(Date.UTC(date.getUTCFullYear(), month, 0)).getUTCDate();
    const byMonthDay = plan.daysOfMonth[day] === true;
    const byWeekday =
      plan.weekdays[weekday] === true ||
      plan.nthWeekdays.some(
        (rule) => rule.weekday === weekday && (rule.nth === "last" ? day + 7 > daysInMonth : Math.ceil(day / 7) === rule.nth),
      );
    // Vixie cron: both fields restricted -> either; one starting with "*" -> both ("*/10" included).
    const dayMatches = plan.dayOfMonthStar || plan.dayOfWeekStar ? byMonthDay && byWeekday : byMonthDay || byWeekday;
    if (!dayMatches) return false;
    if (everyWeeks === 1) return true;
    const week = Math.floor((epochDay - anchorMonday) / 7);
    return ((week % everyWeeks) + everyWeeks) % everyWeeks === 0;
  };
  return { plan, matches, minutesOfDay };
}

function checkInstant(instant: Date, name: string): number {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new AppError("invalid_input", `${name} is not a valid time.`, { field: name });
  return ms;
}

/** Instants (ms) strictly after `afterMs`, ascending, scanning local days up to `lastDay`. */
function* forward(matcher: DayMatcher, timeZone: string, afterMs: number, lastDay: number): Generator<number> {
  let previous = Number.NEGATIVE_INFINITY;
  // Start a day early: a wall time in a gap at the end of one day can resolve into the next.
  for (let day = localEpochDayOf(timeZone, afterMs) - 1; day <= lastDay; day += 1) {
    if (!matcher.matches(day)) continue;
    const resolve = wallTimeResolverFor(timeZone, day);
    for (const minuteOfDay of matcher.minutesOfDay) {
      const instant = resolve(minuteOfDay);
      if (instant > afterMs && instant !== previous) {
        previous = instant;
        yield instant;
      }
    }
  }
}

/** Instants (ms) at or before `atOrBeforeMs`, descending, scanning local days down to `firstDay`. */
function* backward(matcher: DayMatcher, timeZone: string, atOrBeforeMs: number, firstDay: number): Generator<number> {
  let previous = Number.POSITIVE_INFINITY;
  for (let day = localEpochDayOf(timeZone, atOrBeforeMs) + 1; day >= firstDay; day -= 1) {
    if (!matcher.matches(day)) continue;
    const resolve = wallTimeResolverFor(timeZone, day);
    for (let index = matcher.minutesOfDay.length - 1; index >= 0; index -= 1) {
      const instant = resolve(matcher.minutesOfDay[index] as number);
      if (instant <= atOrBeforeMs && instant !== previous) {
        previous = instant;
        yield instant;
      }
    }
  }
}

/** Occurrences (UTC) with `afterExclusive < t <= untilInclusive`, ascending. */
export function occurrencesBetween(
  spec: ScheduleSpec,
  timeZone: string,
  afterExclusive: Date,
  untilInclusive: Date,
  options: OccurrenceOptions = {},
): Date[] {
  const matcher = matcherOf(spec, options);
  const afterMs = checkInstant(afterExclusive, "afterExclusive");
  const untilMs = checkInstant(untilInclusive, "untilInclusive");
  const result: Date[] = [];
  if (untilMs <= afterMs) return result;
  for (const instant of forward(matcher, timeZone, afterMs, localEpochDayOf(timeZone, untilMs) + 1)) {
    if (instant > untilMs) break;
    result.push(new Date(instant));
  }
  return result;
}

/** The first occurrence strictly after `after` (UTC), or null if none within about 11 years. */
export function nextOccurrence(spec: ScheduleSpec, timeZone: string, after: Date, options: OccurrenceOptions = {}): Date | null {
  const afterMs = checkInstant(after, "after");
  const matcher = matcherOf(spec, options);
  const lastDay = localEpochDayOf(timeZone, afterMs) + SEARCH_HORIZON_DAYS;
  for (const instant of forward(matcher, timeZone, afterMs, lastDay)) return new Date(instant);
  return null;
}

/** The last occurrence at or before `atOrBefore` (UTC), or null if none within about 11 years. */
export function previousOccurrence(
  spec: ScheduleSpec,
  timeZone: string,
  atOrBefore: Date,
  options: OccurrenceOptions = {},
): Date | null {
  const atOrBeforeMs = checkInstant(atOrBefore, "atOrBefore");
  const matcher = matcherOf(spec, options);
  const firstDay = localEpochDayOf(timeZone, atOrBeforeMs) - SEARCH_HORIZON_DAYS;
  for (const instant of backward(matcher, timeZone, atOrBeforeMs, firstDay)) return new Date(instant);
  return null;
}

/**
 * The latest `limit` occurrences with `afterExclusive < t <= atOrBefore`, ascending — walked
 * backwards from `atOrBefore` so that a long dormant window costs at most `limit` slots.
 */
export function latestOccurrences(
  spec: ScheduleSpec,
  timeZone: string,
  afterExclusive: Date,
  atOrBefore: Date,
  limit: number,
  options: OccurrenceOptions = {},
): Date[] {
  const afterMs = checkInstant(afterExclusive, "afterExclusive");
  const atOrBeforeMs = checkInstant(atOrBefore, "atOrBefore");
  const matcher = matcherOf(spec, options);
  const result: Date[] = [];
  if (atOrBeforeMs <= afterMs || limit <= 0) return result;
  for (const instant of backward(matcher, timeZone, atOrBeforeMs, localEpochDayOf(timeZone, afterMs) - 1)) {
    if (instant <= afterMs || result.length >= limit) break;
    result.push(new Date(instant));
  }
  return result.reverse();
}
