import { AppError } from "./errors.js";

/**
 * Arithmetic on calendar dates held as ISO `YYYY-MM-DD` strings. A calendar date has no time
 * zone; the arithmetic runs on UTC midnights only so that the machine's zone and DST never
 * shift a day. Instants become calendar dates through `localDateOf` in `periods.ts`.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01 of an ISO date; throws `invalid_input` on a malformed or impossible date. */
export function epochDayOf(date: string): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new AppError("invalid_input", `"${date}" is not a date (expected YYYY-MM-DD).`, { date });
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new AppError("invalid_input", `"${date}" is not a date in the calendar.`, { date });
  }
  return Math.round(ms / MS_PER_DAY);
}

/** The ISO date `epochDay` days after 1970-01-01. */
export function dateOfEpochDay(epochDay: number): string {
  return new Date(epochDay * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The ISO date `days` calendar days after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  return dateOfEpochDay(epochDayOf(date) + days);
}

/** Calendar days from `from` to `to` (`to - from`; negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return epochDayOf(to) - epochDayOf(from);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  // 1970-01-01 was a Thursday (ISO 4).
  return ((((epochDayOf(date) + 3) % 7) + 7) % 7) + 1;
}

/** First day of the month `months` months after the month of (year, month 1-12). */
export function firstOfMonth(year: number, month: number, months = 0): string {
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-01`;
}

/** Year and month (1-12) of an ISO date. */
export function yearMonthOf(date: string): { year: number; month: number } {
  epochDayOf(date);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)) };
}

/** The later of two ISO dates. */
export function laterOf(a: string, b: string): string {
  return a >= b ? a : b;
}

/** The earlier of two ISO dates. */
export function earlierOf(a: string, b: string): string {
  return a <= b ? a : b;
}
