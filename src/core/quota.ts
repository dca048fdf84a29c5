import { addDays, earlierOf, laterOf } from "./dates.js";
import { AppError } from "./errors.js";
import { assertMinorUnits, ratioOrNull, scaleMinor, toMinorNumber, divideRoundHalfUp } from "./money.js";
import type { Period } from "./period-spec.js";
import { countWorkingDays, currentQuarter, isInPeriod, quartersBefore } from "./periods.js";
import type { OpportunityState } from "./types.js";

/**
 * `/quota`: where one person stands against their quota for one period.
 *
 * Rules chosen here (each is tested in test/unit/quota.test.ts):
 * - Effective quota = full quota × ramp % × pro-ration, rounded half-up once to minor units.
 *   Pro-ration for someone who starts inside the period = working days from their start date to
 *   the period end ÷ working days of the whole period (both inclusive, Mon-Fri less holidays).
 *   Starting after the period ends gives an effective quota of 0 (attainment then is null).
 * - Pace counts TODAY AS ELAPSED: asking on a working day assumes that day's selling is done
 *   or nearly so, and the first day of a quarter then has a pace instead of a division by 0.
 *   Elapsed share = working days from (later of period start, start date) through today ÷
 *   working days from that same day to the period end. Pace = attainment ÷ elapsed share
 *   (1.0 = on track). Before the person's span begins, pace is null.
 * - Per remaining week = gap ÷ max(1, remaining working days after today ÷ 5).
 * - Trailing win rate = won amount ÷ (won + lost amount) of deals closed in the four fiscal
 *   quarters before the quarter containing today. Amount-weighted, because coverage is a ratio
 *   of amounts. Whole quarters so that the current, half-played quarter (where quick wins
 *   close first) does not flatter it. No closed deals (or only zero amounts) gives null.
 * - Coverage = open pipeline closing in the period (not Omitted) ÷ gap; null once the gap is 0.
 *   Needed coverage = 1 ÷ trailing win rate; null when the win rate is null or 0.
 */

export interface QuotaTarget {
  /** Full (unramped) quota, minor units. */
  amountMinor: number;
  currency: string;
  /** Whole percent of the full quota that applies (100 = fully ramped). */
  rampPercent: number;
}

export interface EffectiveQuota {
  /** Minor units, after ramp and pro-ration, rounded half-up. */
  effectiveQuotaMinor: number;
  /** Fraction of the full quota that applies while ramping (0.5 = 50 %). */
  rampFraction: number;
  /** Fraction of the period the person is in seat, by working days (1 = whole period). */
  proRationFraction: number;
  /** First day the person counts in the period (later of period start and start date). */
  countsFrom: string;
}

/**
 * The quota that applies to a person for a period: full × ramp % × (working days from their
 * start date to period end ÷ working days of the period). Minor units, half-up.
 */
export function effectiveQuota(
  target: QuotaTarget,
  period: Pick<Period, "start" | "end">,
  startDate: string | null = null,
  holidays: readonly string[] = [],
): EffectiveQuota {
  assertMinorUnits(target.amountMinor, "quota");
  if (!Number.isInteger(target.rampPercent) || target.rampPercent < 0 || target.rampPercent > 100) {
    throw new AppError("invalid_input", "The ramp percentage must be a whole number from 0 to 100.", { field: "rampPercent" });
  }
  const countsFrom = startDate ? laterOf(startDate, period.start) : period.start;
  const periodDays = countWorkingDays(period.start, period.end, holidays);
  const inSeatDays = countWorkingDays(countsFrom, period.end, holidays);
  // A period with no working days at all (a holiday-only month) is not pro-rated.
  const numerator = periodDays === 0 ? 1 : inSeatDays;
  const denominator = periodDays === 0 ? 1 : periodDays;
  const effectiveQuotaMinor = toMinorNumber(
    divideRoundHalfUp(BigInt(target.amountMinor) * BigInt(target.rampPercent) * BigInt(numerator), 100n * BigInt(denominator)),
  );
  return {
    effectiveQuotaMinor,
    rampFraction: target.rampPercent / 100,
    proRationFraction: numerator / denominator,
    countsFrom,
  };
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
  quota: QuotaTarget;
  /** The person's first day, ISO date; null/absent when they were in seat all period. */
  startDate?: string | null;
  /** The person's opportunities: those of the period and the closed ones of the last year. */
  opportunities: readonly OpportunityState[];
  fiscalYearStartMonth: number;
  /** ISO dates that are not working days. */
  holidays?: readonly string[];
}

/** Everything a `/quota` reply shows. Money in minor units of `currency`; ratios are fractions. */
export interface QuotaStanding {
  period: Period;
  currency: string;
  today: string;
  fullQuotaMinor: number;
  rampFraction: number;
  proRationFraction: number;
  effectiveQuotaMinor: number;
  closedWonMinor: number;
  /** closed-won ÷ effective quota (1 = 100 %); null when the effective quota is 0. */
  attainment: number | null;
  /** What is still missing to reach quota, never negative. */
  gapMinor: number;
  /** How far past quota, never negative. */
  overAttainmentMinor: number;
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
  /** gap ÷ remainingWeeks, minor units, half-up; 0 once quota is met. */
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
  const eq = effectiveQuota(quota, period, input.startDate ?? null, holidays);
  const closedWonMinor = closedWonIn(opportunities, period);
  const openPipelineMinor = openPipelineIn(opportunities, period);

  const effective = eq.effectiveQuotaMinor;
  const gapMinor = Math.max(0, effective - closedWonMinor);
  const overAttainmentMinor = Math.max(0, closedWonMinor - effective);
  const attainment = ratioOrNull(closedWonMinor, effective);

  const workingDaysTotal = countWorkingDays(eq.countsFrom, period.end, holidays);
  const workingDaysElapsed = countWorkingDays(eq.countsFrom, earlierOf(today, period.end), holidays);
  const workingDaysRemaining = workingDaysTotal - workingDaysElapsed;
  const elapsedShare = workingDaysTotal === 0 ? (today >= period.end ? 1 : 0) : workingDaysElapsed / workingDaysTotal;
  const pace = attainment === null || elapsedShare === 0 ? null : attainment / elapsedShare;
  const expectedToDateMinor =
    workingDaysTotal === 0 ? (elapsedShare === 1 ? effective : 0) : scaleMinor(effective, workingDaysElapsed, workingDaysTotal);

  // Remaining weeks in fifths of a week (= working days), floored at one week.
  const remainingDaysForWeeks = Math.max(5, countWorkingDays(laterOf(addDays(today, 1), eq.countsFrom), period.end, holidays));
  const remainingWeeks = remainingDaysForWeeks / 5;
  const neededPerWeekMinor = scaleMinor(gapMinor, 5, remainingDaysForWeeks);

  const winRate = trailingWinRate(opportunities, today, input.fiscalYearStartMonth);
  return {
    period,
    currency: quota.currency,
    today,
    fullQuotaMinor: quota.amountMinor,
    rampFraction: eq.rampFraction,
    proRationFraction: eq.proRationFraction,
    effectiveQuotaMinor: effective,
    closedWonMinor,
    attainment,
    gapMinor,
    overAttainmentMinor,
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
