// Calendar arithmetic for the generators on whole days since 1970-01-01 ("epoch days"): fast
// enough for half a million deals and free of the machine's time zone.

import { epochDayOf, isoWeekday as coreIsoWeekday, yearMonthOf } from "../../core/dates.js";
import { fiscalPeriod, fiscalYearOf, periodContaining } from "../../core/periods.js";

const MS_PER_DAY = 86_400_000;
/** Parses `YYYY-MM-DD` (a real calendar date) to an epoch day; throws otherwise. */
export function parseIsoDate(text: string): number {
  try {
    return epochDayOf(text);
  } catch {
    throw new Error(`expected a date as YYYY-MM-DD, got ${JSON.stringify(text)}`);
  }
}

const isoCache = new Map<number, string>();

export function isoDate(epochDay: number): string {
  let text = isoCache.get(epochDay);
  if (text === undefined) {
    text = new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
    isoCache.set(epochDay, text);
  }
  return text;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(epochDay: number): number {
  return coreIsoWeekday(isoDate(epochDay));
}

/** The `count` most recent Mondays on or before `epochDay`, oldest first. */
export function lastMondays(epochDay: number, count: number): number[] {
  const latest = epochDay - (isoWeekday(epochDay) - 1);
  return Array.from({ length: count }, (_, index) => latest - 7 * (count - 1 - index));
}

export interface FiscalQuarter {
  /** Inclusive epoch days. */
  start: number;
  end: number;
  /** Named by the calendar year the fiscal year ends in. */
  fiscalYear: number;
  quarter: 1 | 2 | 3 | 4;
}

/**
 * The fiscal quarter containing `epochDay`, shifted by `offset` quarters (-1 = the previous
 * one). `fiscalYearStartMonth` is 1-12. The fiscal calendar is src/core's, so that seeded
 * quotas always line up with the periods the bot answers about.
 */
export function fiscalQuarter(epochDay: number, fiscalYearStartMonth: number, offset = 0): FiscalQuarter {
  const containing = periodContaining("quarter", isoDate(epochDay), fiscalYearStartMonth);
  const { fiscalYear, index } = quarterIndex(containing.start, fiscalYearStartMonth);
  const shifted = fiscalPeriod("quarter", fiscalYear, index + offset, fiscalYearStartMonth);
  return {
    start: epochDayOf(shifted.start),
    end: epochDayOf(shifted.end),
    fiscalYear: shifted.fiscalYear,
    quarter: quarterIndex(shifted.start, fiscalYearStartMonth).index as 1 | 2 | 3 | 4,
  };
}

function quarterIndex(quarterStart: string, fiscalYearStartMonth: number): { fiscalYear: number; index: number } {
  const { month } = yearMonthOf(quarterStart);
  return {
    fiscalYear: fiscalYearOf(quarterStart, fiscalYearStartMonth),
    index: Math.floor(((month - fiscalYearStartMonth + 12) % 12) / 3) + 1,
  };
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, number>();

/** Minutes to add to UTC to get local time in `timeZone` around noon of `epochDay`. */
function utcOffsetMinutes(timeZone: string, epochDay: number): number {
  const cacheKey = `${timeZone}|${epochDay}`;
  const cached = offsetCache.get(cacheKey);
  if (cached !== undefined) return cached;
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const instant = epochDay * MS_PER_DAY + 12 * 3_600_000;
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = Number(part.value);
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  const offset = Math.round((local - instant) / 60_000);
  offsetCache.set(cacheKey, offset);
  return offset;
}

/**
 * The UTC instant (ms) of local wall time `minuteOfDay` on `epochDay` in `timeZone`. Uses the
 * offset in force at local noon, which is exact for office hours (DST switches happen at night).
 */
export function zonedInstant(epochDay: number, minuteOfDay: number, timeZone: string): number {
  return epochDay * MS_PER_DAY + minuteOfDay * 60_000 - utcOffsetMinutes(timeZone, epochDay) * 60_000;
}

export function isoInstant(ms: number): string {
  return new Date(ms).toISOString();
}
