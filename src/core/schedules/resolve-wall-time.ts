import { assertTimeZone } from "./assert-time-zone.js";

/**
 * Local wall time <-> UTC instants in an IANA zone, with the DST rules schedules use:
 * - a wall time that does not exist (spring-forward gap) resolves to the first instant after
 *   the gap (02:30 in New York on 2026-03-08 -> 03:00 EDT = 07:00Z);
 * - a wall time that exists twice (autumn-back overlap) resolves to its FIRST occurrence.
 * Days are counted as epoch days (days since 1970-01-01) of the local calendar.
 */

export const MS_PER_MINUTE = 60_000;
export const MS_PER_DAY = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    assertTimeZone(timeZone);
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of local time from UTC at an instant, in ms (Kuala Lumpur +28_800_000). */
export function offsetAt(timeZone: string, epochMs: number): number {
  const wholeSecond = epochMs - (((epochMs % 1000) + 1000) % 1000);
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(wholeSecond)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const wall = Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
  return wall - wholeSecond;
}

/** The local calendar day (epoch day) an instant falls on. */
export function localEpochDayOf(timeZone: string, epochMs: number): number {
  return Math.floor((epochMs + offsetAt(timeZone, epochMs)) / MS_PER_DAY);
}

/** The UTC instant (ms) of a local wall time given as local epoch-day milliseconds, by the rules above. */
export function instantOfWallTime(timeZone: string, wallMs: number): number {
  const before = offsetAt(timeZone, wallMs - MS_PER_DAY);
  const after = offsetAt(timeZone, wallMs + MS_PER_DAY);
  const candidates: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wallMs - offset;
    if (offsetAt(timeZone, instant) === offset) candidates.push(instant);
  }
  if (candidates.length > 0) return Math.min(...candidates);
  // In the gap: the offset grows from `before` to `after` somewhere in [wall - after, wall - before];
  // find the transition to the second.
  let low = wallMs - after;
  let high = wallMs - before;
  const lowOffset = offsetAt(timeZone, low);
  while (high - low > 1000) {
    const middle = low + Math.floor((high - low) / 2000) * 1000;
    if (offsetAt(timeZone, middle) === lowOffset) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * Resolves wall times of one local day. When the offset is the same a day either side (no
 * transition near this day; tzdata never has two within three days) a wall time is a plain
 * subtraction; otherwise each one goes through `instantOfWallTime`.
 */
export function wallTimeResolverFor(timeZone: string, epochDay: number): (minuteOfDay: number) => number {
  const midnight = epochDay * MS_PER_DAY;
  const offset = offsetAt(timeZone, midnight - MS_PER_DAY);
  if (offsetAt(timeZone, midnight + 2 * MS_PER_DAY) === offset) {
    return (minuteOfDay) => midnight + minuteOfDay * MS_PER_MINUTE - offset;
  }
  return (minuteOfDay) => instantOfWallTime(timeZone, midnight + minuteOfDay * MS_PER_MINUTE);
}
