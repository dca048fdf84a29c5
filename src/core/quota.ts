import { addDays, daysBetween, earlierOf, laterOf } from "./dates.js";
import { AppError } from "./errors.js";
import { assertMinorUnits, divideRoundHalfUp, ratioOrNull, scaleMinor, toMinorNumber } from "./money.js";
import type { Period } from "./period-spec.js";
import { countWorkingDays, currentQuarter, isInPeriod, quartersBefore } from "./periods.js";
import type { OpportunityState, QuotaRecord } from "./types.js";

/**
 * `/quota`: where one person stands against their quota for one period.
 *
 * Rules chosen here (each is tested in test/unit/quota.test.ts):
 * - The period's quota follows THE QUOTA RULE (`quotaForPeriod` below): the person's quota rows
 *   that overlap the period, each worth amount × ramp % for its own dates, a row that only partly
 *   overlaps pro-rated by working days (Mon-Fri less the person's holidays). The person's start
 *   date never scales the quota (sales ops expresses a mid-period start by ramp % or dates).
 * - Pace counts TODAY AS ELAPSED: asking on a working day assumes that day's selling is done
 *   or nearly so, and the first day of a quarter then has a pace instead of a division by 0.
 *   Elapsed share = working days from (later of period start, start date) through today ÷
 *   working days from that same day to the period end. Pace = attainment ÷ elapsed share
 *   (1.0 = on track). Before the person's span begins, pace is null.
 * - Per remaining week = gap ÷ max(1, remaining working days after today ÷ 5); 0 once the
 *   period has ended (an ended period shows its final result, nothing "needed").
 * - Trailing win rate = won amount ÷ (won + lost amount) of deals closed in the four fiscal
 *   quarters before the quarter containing today. Amount-weighted, because coverage is a ratio
 *   of amounts. Whole quarters so that the current, half-played quarter (where quick wins
 *   close first) does not flatter it. No closed deals (or only zero amounts) gives null.
 * - Coverage = open pipeline closing in the period (not Omitted) ÷ gap; null once the gap is 0.
 *   Needed coverage = 1 ÷ trailing win rate; null when the win rate is null or 0.
 */

/** One quota row's part of an asked period (see `quotaForPeriod`). */
export interface QuotaShare {
  row: QuotaRecord;
  /** Working days of the row's own dates that fall inside the asked period. */
  shareWorkingDays: number;
  /** Working days of the row's own dates. */
  rowWorkingDays: number;
  /** The row's part of the period's quota, minor units, half-up. */
  quotaMinor: number;
}

export interface PeriodQuota {
  /** Σ of the rows' parts, minor units. */
  quotaMinor: number;
  /** Whether any row only partly overlaps the period (its part is pro-rated by working days). */
  proRated: boolean;
  /** The rows that overlap the period, earliest first. */
  rows: QuotaShare[];
}

/**
 * THE QUOTA RULE, the one place it is computed: a person's quota for a period P is the sum over
 * their quota rows R that overlap P of round_half_up(amount × ramp % × workingDays(R ∩ P) ÷
 * workingDays(R)), minor units. A row wholly inside P counts wholly (no rounding); a row that
 * only partly overlaps is pro-rated by working days (Mon-Fri less `holidays`, the person's
 * calendar). Nothing else adjusts it: a mid-period start is expressed by the row's ramp % or
 * dates, never by the person's start date. No overlapping row gives 0 with no rows (the caller
 * says "no quota"). A row with no working day at all (a holiday-only row) is shared by calendar days.
 *
 * `rows` are one person's (rows of other periods are ignored); `holidays` are ISO dates.
 */
export function quotaForPeriod(rows: readonly QuotaRecord[], period: { start: string; end: string }, holidays: readonly string[]): PeriodQuota {
  const shares: QuotaShare[] = [];
  let total = 0;
  let proRated = false;
  const sorted = [...rows].sort((a, b) => a.periodStart.localeCompare(b.periodStart));
  for (const row of sorted) {
    if (row.periodEnd < period.start || row.periodStart > period.end) continue;
    assertMinorUnits(row.amountMinor, "quota");
    assertRamp(row.rampPercent);
    const from = laterOf(row.periodStart, period.start);
    const to = earlierOf(row.periodEnd, period.end);
    const whole = from === row.periodStart && to === row.periodEnd;
    let shareWorkingDays = countWorkingDays(from, to, holidays);
    let rowWorkingDays = countWorkingDays(row.periodStart, row.periodEnd, holidays);
    if (rowWorkingDays === 0) {
      shareWorkingDays = daysBetween(from, to) + 1;
      rowWorkingDays = daysBetween(row.periodStart, row.periodEnd) + 1;
    }
    if (!whole) proRated = true;
    const numerator = whole ? 1n : BigInt(shareWorkingDays);
    const denominator = whole ? 1n : BigInt(rowWorkingDays);
    const quotaMinor = toMinorNumber(divideRoundHalfUp(BigInt(row.amountMinor) * BigInt(row.rampPercent) * numerator, 100n * denominator));
    total += quotaMinor;
    shares.push({ row, shareWorkingDays: whole ? rowWorkingDays : shareWorkingDays, rowWorkingDays, quotaMinor });
  }
  return { quotaMinor: total, proRated, rows: shares };
}

function assertRamp(rampPercent: number): void {
  if (!Number.isInteger(rampPercent) || rampPercent < 0 || rampPercent > 100) {
    throw new AppError("invalid_input", "The ramp percentage must be a whole number from 0 to 100.", { field: "rampPercent" });
  }
}

/** Closed-won amount credited in the period (won deals whose close date is in it), minor units. */
export function closedWonIn(opportunities: readonly OpportunityState[], period: Pick<Period, "start" | "end">): number {
  let total = 0;
  for (const o of opportunities) if (o.isClosed && o.isWon && isInPeriod(o.closeDate, period)) total += o.amountMinor;
  return total;
}

/** Open pipeline closing in the period, Omitted excluded, minor units. */
export function openPipelineIn(opportunities: readonly OpportunityState[], period: Pick<Period, "start" | "end">): number {
  let total = 0;
  for (const o of opportunities) {
    if (!o.isClosed && o.forecastCategory !== "Omitted" && isInPeriod(o.closeDate, period)) total += o.amountMinor;
  }
  return total;
}

export interface WinRate {
  /** won ÷ (won + lost), a fraction; null when nothing closed in the window. */
  winRate: number | null;
  wonMinor: number;
  lostMinor: number;
  closedDeals: number;
  /** ISO dates, inclusive. */
  windowStart: string;
  windowEnd: string;
}

/**
 * The dates (inclusive ISO) whose closed deals make the trailing win rate: the four fiscal
 * quarters before the quarter containing `today`. Load closed deals of this range with the
 * period's deals so that `quotaStanding` can price coverage.
 */
export function trailingWinRateWindow(today: string, fiscalYearStartMonth: number): { start: string; end: string } {
  const quarters = quartersBefore(currentQuarter(today, fiscalYearStartMonth), 4, fiscalYearStartMonth);
  return { start: quarters[0]!.start, end: quarters[3]!.end };
}

/**
 * Amount-weighted win rate of deals closed in the four fiscal quarters before the quarter
 * containing `today`: won ÷ (won + lost), a fraction; null with no closed history.
 */
export function trailingWinRate(
  opportunities: readonly OpportunityState[],
  today: string,
  fiscalYearStartMonth: number,
): WinRate {
  const window = trailingWinRateWindow(today, fiscalYearStartMonth);
  let wonMinor = 0;
  let lostMinor = 0;
  let closedDeals = 0;
  for (const o of opportunities) {
    if (!o.isClosed || !isInPeriod(o.closeDate, window)) continue;
    closedDeals++;
    if (o.isWon) wonMinor += o.amountMinor;
    else lostMinor += o.amountMinor;
  }
  return {
    winRate: ratioOrNull(wonMinor, wonMinor + lostMinor),
    wonMinor,
    lostMinor,
    closedDeals,
    windowStart: window.start,
    windowEnd: window.end,
  };
}

export interface QuotaStandingInput {
  period: Period;
  /** The asker's local ISO date. */
  today: string;
  /** The period's quota by THE QUOTA RULE (`quotaForPeriod` over the person's rows). */
  quota: PeriodQuota;
  /** ISO 4217 code of the quota and deals. */
  currency: string;
  /** The person's first day, ISO date; null/absent when they were in seat all period (pace only). */
  startDate?: string | null;
  /** The person's opportunities: those of the period and the closed ones of the last year. */
  opportunities: readonly OpportunityState[];
  fiscalYearStartMonth: number;
  /** ISO dates that are not working days (the person's holiday calendar). */
  holidays?: readonly string[];
}

/** Everything a `/quota` reply shows. Money in minor units of `currency`; ratios are fractions. */
export interface QuotaStanding {
  period: Period;
  currency: string;
  today: string;
  /** The period's quota (THE QUOTA RULE), minor units. */
  effectiveQuotaMinor: number;
  /** The quota rows it was made of, with their working-day shares. */
  quotaRows: QuotaShare[];
  /** Whether a row only partly overlapping the period was pro-rated. */
  proRated: boolean;
  /** Whether the period is over (today after its last day): the figures are final, nothing is "needed". */
  ended: boolean;
  closedWonMinor: number;
  /** closed-won ÷ effective quota (1 = 100 %); null when the effective quota is 0. */
  attainment: number | null;
  /** What is still missing to reach quota, never negative. */
  gapMinor: number;
  /** How far past quota, never negative. */
  overAttainmentMinor: number;
  /** First day the person counts in the period for pace (later of period start and start date). */
  countsFrom: string;
  /** Working days of the person's span in the period (from `countsFrom`). */
  workingDaysTotal: number;
  /** Working days elapsed, today included. */
  workingDaysElapsed: number;
  workingDaysRemaining: number;
  /** workingDaysElapsed ÷ workingDaysTotal, a fraction. */
  elapsedShare: number;
  /** attainment ÷ elapsedShare (1 = exactly on track); null before the span begins or without a quota. */
  pace: number | null;
  /** Effective quota × elapsed share: where an on-track person would be by today. */
  expectedToDateMinor: number;
  /** Weeks left for selling: max(1, remaining working days ÷ 5). */
  remainingWeeks: number;
  /** gap ÷ remainingWeeks, minor units, half-up; 0 once quota is met or the period has ended. */
  neededPerWeekMinor: number;
  openPipelineMinor: number;
  /** open pipeline ÷ gap; null once the gap is 0. */
  coverage: number | null;
  trailingWinRate: WinRate;
  /** 1 ÷ trailing win rate; null when the win rate is null or 0. */
  neededCoverage: number | null;
}

/** Computes a person's standing against quota in a period as of their local `today`. */
export function quotaStanding(input: QuotaStandingInput): QuotaStanding {
  const { period, today, quota, opportunities } = input;
  const holidays = input.holidays ?? [];
  const startDate = input.startDate ?? null;
  // Pace counts the person's in-seat working days only; the quota itself is never pro-rated by start date.
  const countsFrom = startDate ? laterOf(startDate, period.start) : period.start;
  const closedWonMinor = closedWonIn(opportunities, period);
  const openPipelineMinor = openPipelineIn(opportunities, period);
  const ended = today > period.end;

  const effective = quota.quotaMinor;
  const gapMinor = Math.max(0, effective - closedWonMinor);
  const overAttainmentMinor = Math.max(0, closedWonMinor - effective);
  const attainment = ratioOrNull(closedWonMinor, effective);

  const workingDaysTotal = countWorkingDays(countsFrom, period.end, holidays);
  const workingDaysElapsed = countWorkingDays(countsFrom, earlierOf(today, period.end), holidays);
  const workingDaysRemaining = workingDaysTotal - workingDaysElapsed;
  const elapsedShare = workingDaysTotal === 0 ? (today >= period.end ? 1 : 0) : workingDaysElapsed / workingDaysTotal;
  const pace = attainment === null || elapsedShare === 0 ? null : attainment / elapsedShare;
  const expectedToDateMinor =
    workingDaysTotal === 0 ? (elapsedShare === 1 ? effective : 0) : scaleMinor(effective, workingDaysElapsed, workingDaysTotal);

  // Remaining weeks in fifths of a week (= working days), floored at one week.
  const remainingDaysForWeeks = Math.max(5, countWorkingDays(laterOf(addDays(today, 1), countsFrom), period.end, holidays));
  const remainingWeeks = ended ? 0 : remainingDaysForWeeks / 5;
  const neededPerWeekMinor = ended ? 0 : scaleMinor(gapMinor, 5, remainingDaysForWeeks);

  const winRate = trailingWinRate(opportunities, today, input.fiscalYearStartMonth);
  return {
    period,
    currency: input.currency,
    today,
    effectiveQuotaMinor: effective,
    quotaRows: quota.rows,
    proRated: quota.proRated,
    ended,
    closedWonMinor,
    attainment,
    gapMinor,
    overAttainmentMinor,
    countsFrom,
    workingDaysTotal,
    workingDaysElapsed,
    workingDaysRemaining,
    elapsedShare,
    pace,
    expectedToDateMinor,
    remainingWeeks,
    neededPerWeekMinor,
    openPipelineMinor,
    coverage: gapMinor === 0 ? null : openPipelineMinor / gapMinor,
    trailingWinRate: winRate,
    neededCoverage: winRate.winRate === null || winRate.winRate === 0 ? null : 1 / winRate.winRate,
  };
}
