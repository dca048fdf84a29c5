// Public holidays of the demo's three offices: Malaysia (Kuala Lumpur), England & Wales, and the
// United States (federal), as days off actually observed (a holiday moved off a weekend is listed
// on the day it is taken). Used by the demo seed; pure, by year.
import { isoDate, isoWeekday, parseIsoDate } from "./calendar.js";

export interface PublicHoliday {
  /** ISO date of the day off. */
  date: string;
  name: string;
}

const day = (year: number, month: number, dayOfMonth: number): number =>
  parseIsoDate(`${year}-${String(month).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`);

/** The `n`-th (1-based) ISO weekday (1 = Monday) of a month; n = -1 is the last one. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = day(year, month, 1);
    return first + ((weekday - isoWeekday(first) + 7) % 7) + (n - 1) * 7;
  }
  const next = month === 12 ? day(year + 1, 1, 1) : day(year, month + 1, 1);
  const last = next - 1;
  return last - ((isoWeekday(last) - weekday + 7) % 7);
}

/** Western Easter Sunday (the anonymous Gregorian algorithm). */
export function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const dayOfMonth = ((h + l - 7 * m + 114) % 31) + 1;
  return day(year, month, dayOfMonth);
}

const isWeekend = (epochDay: number): boolean => isoWeekday(epochDay) >= 6;

/**
 * England & Wales bank holidays of `year`, by rule (exact for any year without a one-off
 * holiday such as a coronation or jubilee): New Year's Day, Good Friday, Easter Monday, the early
 * May and spring bank holidays, the summer bank holiday, Christmas and Boxing Day, each moved to
 * the next weekday when it falls on a weekend (Christmas and Boxing Day both, in turn).
 */
export function englandAndWalesBankHolidays(year: number): PublicHoliday[] {
  const holidays: Array<[number, string]> = [];
  let newYear = day(year, 1, 1);
  while (isWeekend(newYear)) newYear++;
  holidays.push([newYear, "New Year's Day"]);
  const easter = easterSunday(year);
  holidays.push([easter - 2, "Good Friday"], [easter + 1, "Easter Monday"]);
  holidays.push([nthWeekday(year, 5, 1, 1), "Early May bank holiday"]);
  holidays.push([nthWeekday(year, 5, 1, -1), "Spring bank holiday"]);
  holidays.push([nthWeekday(year, 8, 1, -1), "Summer bank holiday"]);
  const taken = new Set<number>();
  for (const [dayOfMonth, name] of [[25, "Christmas Day"], [26, "Boxing Day"]] as const) {
    let observed = day(year, 12, dayOfMonth);
    while (isWeekend(observed) || taken.has(observed)) observed++;
    taken.add(observed);
    holidays.push([observed, name]);
  }
  return holidays.map(([epochDay, name]) => ({ date: isoDate(epochDay), name }));
}

/**
 * United States federal holidays observed in calendar year `year` (5 U.S.C. 6103): a fixed-date
 * holiday on a Saturday is observed the Friday before, on a Sunday the Monday after. New Year's
 * Day of the following year, when it falls on a Saturday, is observed on 31 December of `year`.
 */
export function usFederalHolidays(year: number): PublicHoliday[] {
  const observed = (epochDay: number): number => (isoWeekday(epochDay) === 6 ? epochDay - 1 : isoWeekday(epochDay) === 7 ? epochDay + 1 : epochDay);
  const holidays: Array<[number, string]> = [
    [observed(day(year, 1, 1)), "New Year's Day"],
    [nthWeekday(year, 1, 1, 3), "Birthday of Martin Luther King, Jr."],
    [nthWeekday(year, 2, 1, 3), "Washington's Birthday"],
    [nthWeekday(year, 5, 1, -1), "Memorial Day"],
    [observed(day(year, 6, 19)), "Juneteenth National Independence Day"],
    [observed(day(year, 7, 4)), "Independence Day"],
    [nthWeekday(year, 9, 1, 1), "Labor Day"],
    [nthWeekday(year, 10, 1, 2), "Columbus Day"],
    [observed(day(year, 11, 11)), "Veterans Day"],
    [nthWeekday(year, 11, 4, 4), "Thanksgiving Day"],
    [observed(day(year, 12, 25)), "Christmas Day"],
    [observed(day(year + 1, 1, 1)), "New Year's Day"],
  ];
  return holidays
    .filter(([epochDay]) => isoDate(epochDay).startsWith(`${year}-`))
    .map(([epochDay, name]) => ({ date: isoDate(epochDay), name }));
}

/**
 * Malaysia's holidays that follow the lunar or Hindu calendars, as gazetted for Kuala Lumpur
 * (the day the holiday falls on; a Sunday one is replaced below). 2024-2026 are the gazetted
 * dates; 2027 is the provisional list (Islamic dates depend on the sighting of the moon and may
 * move by a day when the year's gazette is confirmed).
 */
const MALAYSIA_LUNAR: Readonly<Record<number, ReadonlyArray<readonly [string, string]>>> = {
  2024: [
    ["02-10", "Chinese New Year"], ["02-11", "Chinese New Year (second day)"], ["04-10", "Hari Raya Aidilfitri"],
    ["04-11", "Hari Raya Aidilfitri (second day)"], ["05-22", "Wesak Day"], ["06-17", "Hari Raya Haji"],
    ["07-07", "Awal Muharram"], ["09-16", "Maulidur Rasul"], ["10-31", "Deepavali"],
  ],
  2025: [
    ["01-29", "Chinese New Year"], ["01-30", "Chinese New Year (second day)"], ["03-31", "Hari Raya Aidilfitri"],
    ["04-01", "Hari Raya Aidilfitri (second day)"], ["05-12", "Wesak Day"], ["06-07", "Hari Raya Haji"],
    ["06-27", "Awal Muharram"], ["09-05", "Maulidur Rasul"], ["10-20", "Deepavali"],
  ],
  2026: [
    ["02-17", "Chinese New Year"], ["02-18", "Chinese New Year (second day)"], ["03-21", "Hari Raya Aidilfitri"],
    ["03-22", "Hari Raya Aidilfitri (second day)"], ["05-27", "Hari Raya Haji"], ["05-31", "Wesak Day"],
    ["06-17", "Awal Muharram"], ["08-25", "Maulidur Rasul"], ["11-08", "Deepavali"],
  ],
  2027: [
    ["02-06", "Chinese New Year"], ["02-07", "Chinese New Year (second day)"], ["03-10", "Hari Raya Aidilfitri"],
    ["03-11", "Hari Raya Aidilfitri (second day)"], ["05-17", "Hari Raya Haji"], ["05-20", "Wesak Day"],
    ["06-06", "Awal Muharram"], ["08-15", "Maulidur Rasul"], ["10-28", "Deepavali"],
  ],
};

/** The years for which Malaysia's lunar-calendar holidays are known here. */
export const MALAYSIA_LUNAR_YEARS: readonly number[] = Object.keys(MALAYSIA_LUNAR).map(Number);

/**
 * Federal public holidays of Malaysia observed in Kuala Lumpur in `year`: New Year's Day,
 * Chinese New Year (two days), Labour Day, Wesak, the Agong's birthday (first Monday of June),
 * Hari Raya Aidilfitri (two days), Hari Raya Haji, Awal Muharram, Merdeka, Malaysia Day,
 * Maulidur Rasul, Deepavali and Christmas. A holiday on a Sunday, or two on one day, gives a
 * replacement holiday on the next working day that is not already one (KL keeps a
 * Saturday-Sunday weekend; a Saturday holiday is not replaced).
 *
 * LIMITATION: the lunar and Hindu-calendar holidays are known for MALAYSIA_LUNAR_YEARS only; in
 * any other year only the fixed-date ones (and their replacements) are returned, so working days
 * there count a few holidays too many. Add the year's gazetted dates to MALAYSIA_LUNAR.
 */
export function malaysiaPublicHolidays(year: number): PublicHoliday[] {
  const holidays: Array<[number, string]> = [
    [day(year, 1, 1), "New Year's Day"],
    [day(year, 5, 1), "Labour Day"],
    [nthWeekday(year, 6, 1, 1), "Agong's Birthday"],
    [day(year, 8, 31), "Merdeka Day"],
    [day(year, 9, 16), "Malaysia Day"],
    [day(year, 12, 25), "Christmas Day"],
  ];
  for (const [monthDay, name] of MALAYSIA_LUNAR[year] ?? []) holidays.push([parseIsoDate(`${year}-${monthDay}`), name]);
  holidays.sort((a, b) => a[0] - b[0]);
  const days = new Set<number>();
  const result: Array<[number, string]> = [];
  const replace: Array<[number, string]> = [];
  for (const [epochDay, name] of holidays) {
    if (isoWeekday(epochDay) === 7 || days.has(epochDay)) replace.push([epochDay, name]);
    days.add(epochDay);
    result.push([epochDay, name]);
  }
  const taken = new Set(days);
  for (const [epochDay, name] of replace) {
    let observed = epochDay + 1;
    while (isWeekend(observed) || taken.has(observed)) observed++;
    taken.add(observed);
    result.push([observed, `${name} (replacement holiday)`]);
  }
  // One row per date: two holidays on one day share it (the replacement is the second's).
  const byDate = new Map<string, string>();
  for (const [epochDay, name] of result.sort((a, b) => a[0] - b[0])) {
    const date = isoDate(epochDay);
    byDate.set(date, byDate.has(date) ? `${byDate.get(date)}; ${name}` : name);
  }
  return [...byDate].map(([date, name]) => ({ date, name }));
}
