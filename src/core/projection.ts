import { addDays, daysBetween } from "./dates.js";
import { AppError } from "./errors.js";
import { stateFromSnapshot } from "./forecast.js";
import type { Period } from "./period-spec.js";
import { dateAtOffset, isInPeriod } from "./periods.js";
import { closedWonIn } from "./quota.js";
import type { ForecastCategory, OpportunityState, PipelineSnapshotRow } from "./types.js";

/**
 * Projection of a period's final closed-won, learned from the tenant's own snapshot history.
 *
 * Question asked of the history: "an open deal, in stage S (category C), expected to close
 * within H days — did it win within H days?", where H = calendar days from today to period end.
 * - Observations: every snapshot row of an open, non-Omitted deal taken on day d with
 *   d + H <= asOf (its outcome window has fully passed) and close date <= d + H. A deal seen in
 *   several weekly snapshots gives several observations; each is a fair sample of "a deal in
 *   that state with H days to go".
 * - Success: the deal's latest known state (as of asOf) is won, with a close date <= d + H.
 *   Only rows dated <= asOf are read, so a back-test never sees the future.
 * - Fallback with smoothing (empirical Bayes, `priorStrength` k pseudo-deals, default 5):
 *     overall  = wins / n                                   (null with no observations)
 *     category = (wins_C + k·overall)  / (n_C + k)
 *     stage    = (wins_S + k·category) / (n_S + k)
 *   so a stage seen twice leans on its category, a category never seen is the overall rate,
 *   and with no history at all the deal's own CRM probability is used. `basis` says which was
 *   the most specific level with observations.
 * - Deals projected (`isProjectedDeal`): open, not Omitted, and either closing in the period or,
 *   while the period is under way (start <= today <= end), overdue — close date before the period
 *   start, still open: it can still close this period, and the history prices it. A period that
 *   has not started projects only its own deals (a deal closing before it would close before
 *   it); one that has ended projects nothing open.
 * - Projection = closed-won so far in the period + Σ amount × P(win), rounded half-up once.
 * - The back-test (`backtestProjection`) replays this same function in past periods, with the
 *   deals as the snapshots then showed them (overdue ones included by the same rule).
 */

export const DEFAULT_PRIOR_STRENGTH = 5;

export interface WinCount {
  wins: number;
  observations: number;
}

export interface WinRateModel {
  /** ISO date the model knows history up to, inclusive. */
  asOf: string;
  /** Calendar days from asOf to the period end. */
  horizonDays: number;
  priorStrength: number;
  overall: WinCount;
  byCategory: ReadonlyMap<ForecastCategory, WinCount>;
  byStage: ReadonlyMap<string, WinCount>;
}

function bump(map: Map<string, WinCount>, key: string, won: boolean): void {
  let count = map.get(key);
  if (!count) {
    count = { wins: 0, observations: 0 };
    map.set(key, count);
  }
  count.observations++;
  if (won) count.wins++;
}

/** Latest row per opportunity among rows dated on or before `asOf`. */
function latestRows(history: readonly PipelineSnapshotRow[], asOf: string | null): Map<string, PipelineSnapshotRow> {
  const latest = new Map<string, PipelineSnapshotRow>();
  for (const row of history) {
    if (asOf !== null && row.snapshotDate > asOf) continue;
    const current = latest.get(row.opportunityId);
    if (!current || row.snapshotDate > current.snapshotDate) latest.set(row.opportunityId, row);
  }
  return latest;
}

/**
 * Counts, from snapshots dated <= `asOf`, how often open deals won within `horizonDays`, by
 * overall, forecast category and stage (see the module comment for what counts).
 */
export function learnWinRates(
  history: readonly PipelineSnapshotRow[],
  asOf: string,
  horizonDays: number,
  priorStrength = DEFAULT_PRIOR_STRENGTH,
): WinRateModel {
  if (!Number.isInteger(horizonDays) || horizonDays < 0) throw new AppError("invalid_input", "The horizon must be 0 days or more.");
  if (!(priorStrength >= 0)) throw new AppError("invalid_input", "The prior strength must be 0 or more.");
  const winDate = new Map<string, string>();
  for (const [id, row] of latestRows(history, asOf)) if (row.isClosed && row.isWon) winDate.set(id, row.closeDate);

  const lastObservable = addDays(asOf, -horizonDays);
  const overall: WinCount = { wins: 0, observations: 0 };
  const byCategory = new Map<string, WinCount>();
  const byStage = new Map<string, WinCount>();
  for (const row of history) {
    if (row.isClosed || row.forecastCategory === "Omitted" || row.snapshotDate > lastObservable) continue;
    const horizonEnd = addDays(row.snapshotDate, horizonDays);
    if (row.closeDate > horizonEnd) continue;
    const won = winDate.get(row.opportunityId);
    const success = won !== undefined && won <= horizonEnd;
    overall.observations++;
    if (success) overall.wins++;
    bump(byCategory, row.forecastCategory, success);
    bump(byStage, row.stage, success);
  }
  return {
    asOf,
    horizonDays,
    priorStrength,
    overall,
    byCategory: byCategory as Map<ForecastCategory, WinCount>,
    byStage,
  };
}

/**
 * The observation counts `learnWinRates` gathers, as plain data: what a data source may compute
 * next to the data (e.g. one grouped SQL query over millions of snapshot rows) and hand over.
 * It must follow the same rule as `learnWinRates`; the repository's test holds it to that.
 */
export interface WinRateCounts {
  overall: WinCount;
  byCategory: ReadonlyArray<{ category: ForecastCategory } & WinCount>;
  byStage: ReadonlyArray<{ stage: string } & WinCount>;
}

/** The horizon a projection of `period` uses as of `today`: calendar days left, never negative. */
export function projectionHorizonDays(today: string, period: Pick<Period, "end">): number {
  return Math.max(0, daysBetween(today, period.end));
}

/** A model from counts gathered elsewhere (see WinRateCounts). */
export function winRateModelFromCounts(
  counts: WinRateCounts,
  asOf: string,
  horizonDays: number,
  priorStrength = DEFAULT_PRIOR_STRENGTH,
): WinRateModel {
  return {
    asOf,
    horizonDays,
    priorStrength,
    overall: { wins: counts.overall.wins, observations: counts.overall.observations },
    byCategory: new Map(counts.byCategory.map((c) => [c.category, { wins: c.wins, observations: c.observations }])),
    byStage: new Map(counts.byStage.map((c) => [c.stage, { wins: c.wins, observations: c.observations }])),
  };
}

export type ProbabilityBasis = "stage" | "category" | "overall" | "crmProbability";

export interface WinProbability {
  /** Fraction 0-1. */
  probability: number;
  basis: ProbabilityBasis;
  /** Observations at the basis level. */
  sampleSize: number;
}

/**
 * P(win within the model's horizon) for a deal in `stage` / `category`, a fraction, with the
 * stage -> category -> overall -> CRM probability fallback (`crmProbabilityPercent`, whole percent).
 */
export function winProbability(
  model: WinRateModel,
  stage: string,
  category: ForecastCategory,
  crmProbabilityPercent: number,
): WinProbability {
  const { overall, priorStrength: k } = model;
  if (overall.observations === 0) {
    return { probability: Math.min(1, Math.max(0, crmProbabilityPercent / 100)), basis: "crmProbability", sampleSize: 0 };
  }
  const overallRate = overall.wins / overall.observations;
  const cat = model.byCategory.get(category) ?? { wins: 0, observations: 0 };
  const catRate = cat.observations + k === 0 ? overallRate : (cat.wins + k * overallRate) / (cat.observations + k);
  const st = model.byStage.get(stage) ?? { wins: 0, observations: 0 };
  const stageRate = st.observations + k === 0 ? catRate : (st.wins + k * catRate) / (st.observations + k);
  if (st.observations > 0) return { probability: stageRate, basis: "stage", sampleSize: st.observations };
  if (cat.observations > 0) return { probability: catRate, basis: "category", sampleSize: cat.observations };
  return { probability: overallRate, basis: "overall", sampleSize: overall.observations };
}

export interface ProjectedDeal extends WinProbability {
  opportunityId: string;
  amountMinor: number;
  /** Close date before the period start (an overdue deal the projection still counts). */
  overdue: boolean;
  /** amount × probability, minor units, unrounded (the total rounds once). */
  expectedMinor: number;
}

export interface Projection {
  period: Pick<Period, "start" | "end">;
  asOf: string;
  horizonDays: number;
  /** Closed-won so far in the period, minor units. */
  closedMinor: number;
  /** Σ amount × P(win) of the open deals, minor units, half-up. */
  expectedFromOpenMinor: number;
  /** closed + expected from open, minor units. */
  projectedMinor: number;
  /** Σ amount × P(win) of the overdue deals among them (already in expectedFromOpen), minor units, half-up. */
  expectedFromOverdueMinor: number;
  deals: ProjectedDeal[];
  model: WinRateModel;
}

export interface ProjectPeriodCloseInput {
  period: Pick<Period, "start" | "end">;
  /** The asker's local ISO date; history is read up to it, inclusive. */
  today: string;
  /** Current deals of the people in scope. */
  opportunities: readonly OpportunityState[];
  /** Either the snapshot history to learn from, or a model already learned for this `today` and period. */
  history?: readonly PipelineSnapshotRow[];
  model?: WinRateModel;
  priorStrength?: number;
}

/**
 * Whether the projection of `period` as of `today` counts this deal: open, not Omitted, and
 * closing in the period, or overdue (close date before the period start) while the period is
 * under way. Nothing open counts once the period has ended.
 */
export function isProjectedDeal(deal: OpportunityState, period: Pick<Period, "start" | "end">, today: string): boolean {
  if (deal.isClosed || deal.forecastCategory === "Omitted" || today > period.end || deal.closeDate > period.end) return false;
  return deal.closeDate >= period.start || today >= period.start;
}

/** Projects the period's final closed-won (minor units) from deals today and the tenant's history. */
export function projectPeriodClose(input: ProjectPeriodCloseInput): Projection {
  const { period, today } = input;
  const horizonDays = projectionHorizonDays(today, period);
  let model = input.model;
  if (model === undefined) {
    if (input.history === undefined) throw new AppError("internal", "A projection needs a history or a model.");
    model = learnWinRates(input.history, today, horizonDays, input.priorStrength ?? DEFAULT_PRIOR_STRENGTH);
  } else if (model.asOf !== today || model.horizonDays !== horizonDays) {
    throw new AppError("internal", "The win-rate model was learned for another day or horizon.");
  }
  const closedMinor = closedWonIn(input.opportunities, period);
  const deals: ProjectedDeal[] = [];
  let expected = 0;
  let expectedOverdue = 0;
  for (const deal of input.opportunities) {
    if (!isProjectedDeal(deal, period, today)) continue;
    const p = winProbability(model, deal.stageName, deal.forecastCategory, deal.probability);
    const expectedMinor = deal.amountMinor * p.probability;
    const overdue = deal.closeDate < period.start;
    expected += expectedMinor;
    if (overdue) expectedOverdue += expectedMinor;
    deals.push({ ...p, opportunityId: deal.id, amountMinor: deal.amountMinor, overdue, expectedMinor });
  }
  const expectedFromOpenMinor = Math.round(expected);
  return {
    period,
    asOf: today,
    horizonDays,
    closedMinor,
    expectedFromOpenMinor,
    projectedMinor: closedMinor + expectedFromOpenMinor,
    expectedFromOverdueMinor: Math.round(expectedOverdue),
    deals,
    model,
  };
}

export interface BacktestQuarter {
  period: Pick<Period, "start" | "end"> & Partial<Pick<Period, "label">>;
  /** The replayed "today": the same number of days into this period. */
  asOf: string;
  /** Calendar days from asOf to the period end (the horizon the replayed model used). */
  horizonDays: number;
  /** The last snapshot on or before asOf, whose deals were replayed; null when there was none. */
  snapshotDate: string | null;
  /** null when no snapshot existed by asOf (nothing to replay). */
  projectedMinor: number | null;
  /** How many overdue deals (close date before the period, still open then) the replay counted. */
  overdueDeals: number;
  /** Closed-won in the period, minor units: `BacktestOptions.actualMinor`, else per the latest snapshot of each deal. */
  actualMinor: number;
  /** projected − actual, minor units (positive = projection too high). */
  errorMinor: number | null;
  /** |error| ÷ actual, a fraction; null when actual is 0 or nothing was projected. */
  absolutePercentageError: number | null;
  /** error ÷ actual, a fraction (signed bias of this quarter). */
  signedPercentageError: number | null;
}

export interface Backtest {
  quarters: BacktestQuarter[];
  /** Mean of the quarters' absolute percentage errors (fraction); null when none could be scored. */
  meanAbsolutePercentageError: number | null;
  /** Mean of the signed percentage errors (fraction; > 0 = projections ran high). */
  bias: number | null;
}

/** Where a back-test replays a past period: `daysIntoPeriod` days after its start, and the horizon from there. */
export function replayPoint(period: Pick<Period, "start" | "end">, daysIntoPeriod: number): { asOf: string; horizonDays: number } {
  const asOf = dateAtOffset(period, daysIntoPeriod);
  return { asOf, horizonDays: projectionHorizonDays(asOf, period) };
}

export interface BacktestOptions {
  priorStrength?: number;
  /**
   * The model the answer itself would have used on that day (e.g. built from the data source's
   * `winRateCounts` for asOf and horizon, as `/forecast` builds it today). Absent or undefined
   * for a replay: learned from `history` with `learnWinRates`, the same rule.
   */
  modelAt?: (asOf: string, horizonDays: number) => WinRateModel | undefined;
  /**
   * What finally closed won in a past period, minor units, from the live deals (the truth).
   * Absent: from the latest snapshot row of each deal, which misses a deal won after the last
   * snapshot of its quarter (snapshots drop closed deals after their quarter).
   */
  actualMinor?: (period: Pick<Period, "start" | "end">) => number;
}

/**
 * The deals as they stood on `asOf`: each deal's latest snapshot row dated on or before it,
 * except open deals missing from the last snapshot on or before it (gone from the CRM by then).
 * Closed deals stay (a snapshot drops them after their quarter; they cannot have changed).
 */
export function dealsAsOf(history: readonly PipelineSnapshotRow[], asOf: string): { snapshotDate: string | null; deals: OpportunityState[] } {
  const then = latestRows(history, asOf);
  let snapshotDate: string | null = null;
  for (const row of then.values()) if (snapshotDate === null || row.snapshotDate > snapshotDate) snapshotDate = row.snapshotDate;
  const deals: OpportunityState[] = [];
  for (const row of then.values()) {
    if (!row.isClosed && row.snapshotDate !== snapshotDate) continue;
    deals.push(stateFromSnapshot(row));
  }
  return { snapshotDate, deals };
}

/**
 * Replays `projectPeriodClose` — the function that answers `/forecast` — in each past period as
 * of `daysIntoPeriod` days after its start (0 = first day; use `dayOffsetInPeriod(current,
 * today)` for "the same point as now"), with the deals as the snapshots showed them then
 * (`dealsAsOf`: overdue open deals included by the same rule as today's answer) and history cut
 * at that date, and scores it against what finally closed. Past periods should have ended before
 * the last snapshot.
 */
export function backtestProjection(
  history: readonly PipelineSnapshotRow[],
  pastPeriods: readonly (Pick<Period, "start" | "end"> & Partial<Pick<Period, "label">>)[],
  daysIntoPeriod: number,
  options: BacktestOptions | number = {},
): Backtest {
  const { priorStrength = DEFAULT_PRIOR_STRENGTH, modelAt, actualMinor: actualOf } = typeof options === "number" ? { priorStrength: options } : options;
  const final = latestRows(history, null);
  const quarters: BacktestQuarter[] = pastPeriods.map((period) => {
    const { asOf, horizonDays } = replayPoint(period, daysIntoPeriod);
    let actualMinor = 0;
    if (actualOf !== undefined) actualMinor = actualOf(period);
    else {
      for (const row of final.values()) {
        if (row.isClosed && row.isWon && isInPeriod(row.closeDate, period)) actualMinor += row.amountMinor;
      }
    }
    const { snapshotDate, deals: opportunities } = dealsAsOf(history, asOf);
    if (snapshotDate === null) {
      return {
        period, asOf, horizonDays, snapshotDate, projectedMinor: null, overdueDeals: 0, actualMinor,
        errorMinor: null, absolutePercentageError: null, signedPercentageError: null,
      };
    }
    const model = modelAt?.(asOf, horizonDays) ?? learnWinRates(history, asOf, horizonDays, priorStrength);
    const projection = projectPeriodClose({ period, today: asOf, opportunities, model });
    const errorMinor = projection.projectedMinor - actualMinor;
    return {
      period,
      asOf,
      horizonDays,
      snapshotDate,
      projectedMinor: projection.projectedMinor,
      overdueDeals: projection.deals.filter((deal) => deal.overdue).length,
      actualMinor,
      errorMinor,
      absolutePercentageError: actualMinor === 0 ? null : Math.abs(errorMinor) / actualMinor,
      signedPercentageError: actualMinor === 0 ? null : errorMinor / actualMinor,
    };
  });
  const scored = quarters.filter((q) => q.absolutePercentageError !== null);
  const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
  return {
    quarters,
    meanAbsolutePercentageError: mean(scored.map((q) => q.absolutePercentageError!)),
    bias: mean(scored.map((q) => q.signedPercentageError!)),
  };
}
