// Quotas of some people for a period by THE QUOTA RULE (src/core/quota.ts `quotaForPeriod`),
// with each person's holidays: what `/quota`, `/quota team`, the leaderboard and the digest read.
import { addDays, earlierOf, laterOf } from "../dates.js";
import { quotaForPeriod, type PeriodQuota } from "../quota.js";
import type { DateRange, HolidayCalendars, SalesData } from "../sales-data.js";
import type { QuotaRecord } from "../types.js";

export interface PeriodQuotas {
  /** Employee id → their quota for the period; absent when no quota row of theirs overlaps it. */
  quotas: Map<string, PeriodQuota>;
  /** The rows read (every row of these people overlapping the period). */
  records: QuotaRecord[];
  /** The holiday dates (ISO) of a person's calendar inside `holidayRange`. */
  holidaysOf(employeeId: string): readonly string[];
  /** The dates `holidaysOf` covers: the period, its rows' dates and whatever else was asked. */
  holidayRange: DateRange;
}

/** The ISO holiday dates of one subject (person or team) out of a port answer. */
export function holidayDatesOf(calendars: HolidayCalendars, subjectId: string): readonly string[] {
  const calendarId = calendars.calendarOf.get(subjectId) ?? null;
  return calendarId === null ? [] : (calendars.holidays.get(calendarId) ?? []).map((holiday) => holiday.date);
}

function span(ranges: readonly DateRange[]): DateRange {
  let start = ranges[0]!.start;
  let end = ranges[0]!.end;
  for (const range of ranges) {
    start = earlierOf(start, range.start);
    end = laterOf(end, range.end);
  }
  return { start, end };
}

/**
 * Reads the quota rows of `employeeIds` overlapping `period` and their holidays, and applies
 * THE QUOTA RULE per person. Holidays are read for the period widened by a year each way at
 * the same time (rows are quarters, halves or years), and again only if a row reaches further.
 * `alsoCover` widens the holiday range (a plan period, the trailing win-rate window).
 */
export async function loadPeriodQuotas(
  data: SalesData,
  tenantId: string,
  employeeIds: readonly string[],
  period: DateRange,
  alsoCover: readonly DateRange[] = [],
): Promise<PeriodQuotas> {
  const guess = span([{ start: addDays(period.start, -366), end: addDays(period.end, 366) }, ...alsoCover]);
  const [records, first] = await Promise.all([
    data.quotas(tenantId, employeeIds, period),
    data.holidays(tenantId, { employeeIds }, guess),
  ]);
  const needed = span([guess, ...records.map((row) => ({ start: row.periodStart, end: row.periodEnd }))]);
  const calendars = needed.start === guess.start && needed.end === guess.end ? first : await data.holidays(tenantId, { employeeIds }, needed);
  const dates = new Map<string, readonly string[]>();
  const holidaysOf = (id: string): readonly string[] => {
    let list = dates.get(id);
    if (list === undefined) {
      list = holidayDatesOf(calendars, id);
      dates.set(id, list);
    }
    return list;
  };
  const byPerson = new Map<string, QuotaRecord[]>();
  for (const record of records) {
    const list = byPerson.get(record.employeeId);
    if (list) list.push(record);
    else byPerson.set(record.employeeId, [record]);
  }
  const quotas = new Map<string, PeriodQuota>();
  for (const [id, rows] of byPerson) {
    const quota = quotaForPeriod(rows, period, holidaysOf(id));
    if (quota.rows.length > 0) quotas.set(id, quota);
  }
  return { quotas, records, holidaysOf, holidayRange: needed };
}

/**
 * The quotas a team answer needs and no more: those of `heads` (the team's root and its lines)
 * and, only for a head without a quota row of their own, of their direct reports, and so on down
 * (THE QUOTA RULE 3-4 reads a report's quota only where the person above has none). A team of
 * thousands reads a dozen people's rows in one or two round trips instead of everyone's.
 * `directReportsOf` gives a person's direct reports inside the team.
 */
export async function loadTeamHeadQuotas(
  data: SalesData,
  tenantId: string,
  heads: readonly string[],
  directReportsOf: (employeeId: string) => readonly string[],
  period: DateRange,
): Promise<Map<string, PeriodQuota>> {
  const quotas = new Map<string, PeriodQuota>();
  const seen = new Set<string>(heads);
  let wanted = [...heads];
  while (wanted.length > 0) {
    const loaded = await loadPeriodQuotas(data, tenantId, wanted, period);
    for (const [id, quota] of loaded.quotas) quotas.set(id, quota);
    const next: string[] = [];
    for (const id of wanted) {
      if (loaded.quotas.has(id)) continue;
      for (const report of directReportsOf(id)) {
        if (seen.has(report)) continue;
        seen.add(report);
        next.push(report);
      }
    }
    wanted = next;
  }
  return quotas;
}
