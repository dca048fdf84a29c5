import { addDays, epochDayOf, firstOfMonth, yearMonthOf, daysBetween, earlierOf } from "./dates.js";
import { AppError } from "./errors.js";
import type { Period, PeriodSpec } from "./period-spec.js";

/**
 * A tenant's fiscal calendar. A fiscal year starts on the first day of its start month
 * (1 = January) and is named by the calendar year it ENDS in: with an April start, FY2027 is
 * 2026-04-01 .. 2027-03-31; with a January start, FY2026 is calendar 2026. Quarters and halves
 * count from the start month. Every date here is an ISO `YYYY-MM-DD` calendar date in the
 * asker's own time zone (see `localDateOf`).
 */

export type PeriodKind = Period["kind"];

const MONTHS_IN: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };
const MONTH_LABELS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function assertStartMonth(fiscalYearStartMonth: number): void {
  if (!Number.isInteger(fiscalYearStartMonth) || fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
    throw new AppError("invalid_input", "The fiscal year start month must be a whole number from 1 to 12.", {
      field: "fiscalYearStartMonth",
    });
  }
}

/** The fiscal year (named by the calendar year it ends in) that contains `date`. */
export function fiscalYearOf(date: string, fiscalYearStartMonth: number): number {
  assertStartMonth(fiscalYearStartMonth);
  const { year, month } = yearMonthOf(date);
  const startYear = month >= fiscalYearStartMonth ? year : year - 1;
  return fiscalYearStartMonth === 1 ? startYear : startYear + 1;
}

/** First calendar day of fiscal year `fiscalYear`. */
export function fiscalYearStartDate(fiscalYear: number, fiscalYearStartMonth: number): string {
  assertStartMonth(fiscalYearStartMonth);
  const startYear = fiscalYearStartMonth === 1 ? fiscalYear : fiscalYear - 1;
  return firstOfMonth(startYear, fiscalYearStartMonth);
}

/**
 * The `index`-th (1-based) period of `kind` in fiscal year `fiscalYear`: month 1-12 counted
 * from the start month, quarter 1-4, half 1-2, year 1. Out-of-range indexes roll into the
 * neighbouring fiscal years (quarter 0 is the previous year's Q4), which relative periods use.
 */
export function fiscalPeriod(kind: PeriodKind, fiscalYear: number, index: number, fiscalYearStartMonth: number): Period {
  const length = MONTHS_IN[kind];
  const perYear = 12 / length;
  const yearShift = Math.floor((index - 1) / perYear);
  const fy = fiscalYear + yearShift;
  const i = index - yearShift * perYear;
  const { year, month } = yearMonthOf(fiscalYearStartDate(fy, fiscalYearStartMonth));
  const start = firstOfMonth(year, month, (i - 1) * length);
  const end = addDays(firstOfMonth(year, month, i * length), -1);
  return { start, end, kind, fiscalYear: fy, label: labelOf(kind, fy, i, start) };
}

function labelOf(kind: PeriodKind, fiscalYear: number, index: number, start: string): string {
  switch (kind) {
    case "quarter":
      return `Q${index} FY${fiscalYear}`;
    case "half":
      return `H${index} FY${fiscalYear}`;
    case "year":
      return `FY${fiscalYear}`;
    case "month": {
      const { year, month } = yearMonthOf(start);
      return `${MONTH_LABELS[month - 1]} ${year}`;
    }
  }
}

/** Which period of `kind` (1-based within its fiscal year) contains `date`. */
function indexOf(kind: PeriodKind, date: string, fiscalYearStartMonth: number): { fiscalYear: number; index: number } {
  const fiscalYear = fiscalYearOf(date, fiscalYearStartMonth);
  const { month } = yearMonthOf(date);
  const fiscalMonth = ((month - fiscalYearStartMonth + 12) % 12) + 1;
  return { fiscalYear, index: Math.ceil(fiscalMonth / MONTHS_IN[kind]) };
}

/** The fiscal month, quarter, half or year that contains `date`. */
export function periodContaining(kind: PeriodKind, date: string, fiscalYearStartMonth: number): Period {
  const { fiscalYear, index } = indexOf(kind, date, fiscalYearStartMonth);
  return fiscalPeriod(kind, fiscalYear, index, fiscalYearStartMonth);
}

/** The fiscal quarter containing `today` (the asker's local ISO date). */
export function currentQuarter(today: string, fiscalYearStartMonth: number): Period {
  return periodContaining("quarter", today, fiscalYearStartMonth);
}

/**
 * Resolves what the asker named to calendar dates, given their local `today`.
 * - relative: the month/quarter/half/year containing today, shifted by `offset` (−1 = last).
 * - quarter/half without a fiscal year: that quarter/half of the fiscal year containing today,
 *   even when it is already past.
 * - month without a calendar year: the occurrence of that calendar month inside the fiscal
 *   year containing today (with an April start, "March" asked in May 2026 is March 2027), the
 *   same rule as quarters.
 */
export function resolvePeriod(spec: PeriodSpec, today: string, fiscalYearStartMonth: number): Period {
  assertStartMonth(fiscalYearStartMonth);
  epochDayOf(today);
  switch (spec.kind) {
    case "relative": {
      if (!Number.isInteger(spec.offset)) throw new AppError("invalid_input", "A period offset must be a whole number.");
      const { fiscalYear, index } = indexOf(spec.unit, today, fiscalYearStartMonth);
      return fiscalPeriod(spec.unit, fiscalYear, index + spec.offset, fiscalYearStartMonth);
    }
    case "quarter":
      return fiscalPeriod("quarter", spec.fiscalYear ?? fiscalYearOf(today, fiscalYearStartMonth), spec.quarter, fiscalYearStartMonth);
    case "half":
      return fiscalPeriod("half", spec.fiscalYear ?? fiscalYearOf(today, fiscalYearStartMonth), spec.half, fiscalYearStartMonth);
    case "year":
      return fiscalPeriod("year", spec.fiscalYear, 1, fiscalYearStartMonth);
    case "month": {
      if (!Number.isInteger(spec.month) || spec.month < 1 || spec.month > 12) {
        throw new AppError("invalid_input", "A month must be from 1 to 12.", { field: "month" });
      }
      if (spec.calendarYear !== undefined) {
        return periodContaining("month", firstOfMonth(spec.calendarYear, spec.month), fiscalYearStartMonth);
      }
      const fiscalYear = fiscalYearOf(today, fiscalYearStartMonth);
      const fiscalMonth = ((spec.month - fiscalYearStartMonth + 12) % 12) + 1;
      return fiscalPeriod("month", fiscalYear, fiscalMonth, fiscalYearStartMonth);
    }
  }
}

/** The `count` fiscal quarters just before the quarter containing `period.start`, oldest first. */
export function quartersBefore(period: Pick<Period, "start">, count: number, fiscalYearStartMonth: number): Period[] {
  const { fiscalYear, index } = indexOf("quarter", period.start, fiscalYearStartMonth);
  const quarters: Period[] = [];
  for (let back = count; back >= 1; back--) quarters.push(fiscalPeriod("quarter", fiscalYear, index - back, fiscalYearStartMonth));
  return quarters;
}

/** Whether the ISO date `date` lies in the period (both ends inclusive). */
export function isInPeriod(date: string, period: Pick<Period, "start" | "end">): boolean {
  return date >= period.start && date <= period.end;
}

/** Calendar days from the period's start to `date` (0 on the first day). */
export function dayOffsetInPeriod(period: Pick<Period, "start">, date: string): number {
  return daysBetween(period.start, date);
}

/** The date `offset` days into `period`, clamped to its last day (to replay "the same point" of a past period). */
export function dateAtOffset(period: Pick<Period, "start" | "end">, offset: number): string {
  return earlierOf(addDays(period.start, Math.max(0, offset)), period.end);
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date (ISO `YYYY-MM-DD`) an instant falls on in an IANA time zone. Period edges
 * are the asker's: 2026-03-31T20:00Z is already 1 April in Kuala Lumpur but still 31 March in
 * New York. Throws `invalid_input` for an unknown zone.
 */
export function localDateOf(instant: Date, timeZone: string): string {
  if (Number.isNaN(instant.getTime())) throw new AppError("invalid_input", "The instant is not a valid time.");
  let formatter = dateFormatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    } catch {
      throw new AppError("invalid_input", `"${timeZone}" is not a known time zone.`, { timeZone });
    }
    dateFormatters.set(timeZone, formatter);
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = part.value;
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/**
 * Working days (Monday to Friday) from `start` to `end`, both inclusive, less any `holidays`
 * (ISO dates) that fall on a weekday inside the range. 0 when `end` is before `start`.
 */
export function countWorkingDays(start: string, end: string, holidays: Iterable<string> = []): number {
  const first = epochDayOf(start);
  const last = epochDayOf(end);
  if (last < first) return 0;
  const total = last - first + 1;
  // Whole weeks hold five working days each; only the remainder needs walking.
  let days = Math.floor(total / 7) * 5;
  const remainderStart = first + Math.floor(total / 7) * 7;
  for (let day = remainderStart; day <= last; day++) {
    if (isWeekdayEpoch(day)) days++;
  }
  const seen = new Set<number>();
  for (const holiday of holidays) {
    const day = epochDayOf(holiday);
    if (day >= first && day <= last && isWeekdayEpoch(day) && !seen.has(day)) {
      seen.add(day);
      days--;
    }
  }
  return days;
}

function isWeekdayEpoch(epochDay: number): boolean {
  const isoWeekday = ((((epochDay + 3) % 7) + 7) % 7) + 1;
  return isoWeekday <= 5;
}
