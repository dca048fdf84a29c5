// `/forecast method`: the projection's model as it answered today, described from the model
// object itself, and how far off that same estimator was when replayed in past quarters.
import { answerText } from "../i18n/answers.js";
import { currentQuarter, dateAtOffset, dayOffsetInPeriod, quartersBefore } from "../periods.js";
import type { Period } from "../period-spec.js";
import { backtestProjection, replayPoint, winRateModelFromCounts, type Backtest, type WinRateModel } from "../projection.js";
import { closedWonIn } from "../quota.js";
import type { Reply, ReplyBlock } from "../reply.js";
import type { QuestionContext } from "./question-context.js";
import { projectionModel } from "./forecast-figures.js";
import { labelOf, money } from "./reply-parts.js";

/** How many past quarters `/forecast method` replays at most. */
export const METHOD_QUARTERS = 4;

/** Rates listed per level, most observed first. */
const MAX_RATE_LINES = 8;

/**
 * The past quarters a back-test can replay as of `offset` days into them: ended by the latest
 * snapshot, with a snapshot taken on or before the replay date. Earliest first.
 */
export function replayableQuarters(
  current: Pick<Period, "start">,
  offset: number,
  fiscalYearStartMonth: number,
  earliestSnapshot: string | null,
  latestSnapshot: string | null,
): Period[] {
  if (earliestSnapshot === null || latestSnapshot === null) return [];
  return quartersBefore(current, METHOD_QUARTERS, fiscalYearStartMonth).filter(
    (quarter) => quarter.end <= latestSnapshot && dateAtOffset(quarter, offset) >= earliestSnapshot,
  );
}

/**
 * The model's description blocks: what it is (written from its own counts, horizon, date and
 * smoothing strength, or the CRM-probability fallback when it has no observations), and the
 * raw won-within-horizon counts per forecast category and stage it learned.
 */
export function describeModel(context: QuestionContext, model: WinRateModel): ReplyBlock[] {
  const { locale } = context;
  if (model.overall.observations === 0) {
    return [{ kind: "text", text: answerText(locale, "method.crmOnly", { asOf: model.asOf, horizonDays: model.horizonDays }) }];
  }
  const blocks: ReplyBlock[] = [
    {
      kind: "text",
      text: answerText(locale, "method.model", {
        asOf: model.asOf,
        horizonDays: model.horizonDays,
        observations: model.overall.observations,
        wins: model.overall.wins,
        priorStrength: model.priorStrength,
      }),
    },
  ];
  const byCount = <K extends string>(entries: Iterable<[K, { wins: number; observations: number }]>) =>
    [...entries].sort((a, b) => b[1].observations - a[1].observations || a[0].localeCompare(b[0]));
  const categories = byCount(model.byCategory.entries());
  const stages = byCount(model.byStage.entries());
  const items = [
    ...categories.slice(0, MAX_RATE_LINES).map(([name, count]) =>
      answerText(locale, "method.rateLine", { level: "category", name, wins: count.wins, observations: count.observations }),
    ),
    ...stages.slice(0, MAX_RATE_LINES).map(([name, count]) =>
      answerText(locale, "method.rateLine", { level: "stage", name, wins: count.wins, observations: count.observations }),
    ),
  ];
  const left = Math.max(0, categories.length - MAX_RATE_LINES) + Math.max(0, stages.length - MAX_RATE_LINES);
  blocks.push({ kind: "list", title: answerText(locale, "method.rateTitle", { horizonDays: model.horizonDays }), items, moreCount: left });
  return blocks;
}

/**
 * `/forecast method`: the model the current quarter's projection uses today, described from the
 * model object, and the back-test — the same `projectPeriodClose` replayed in each past quarter
 * the snapshots cover, as of the same day of the quarter as today, with the model built the way
 * today's is (the data source's win-rate counts as of that day) and the deals as the snapshots
 * then showed them, overdue ones included — with its error per quarter, MAPE and bias.
 */
export async function explainForecastMethod(context: QuestionContext): Promise<Reply> {
  const { locale, tenant, today, data, tenantId } = context;
  const current = currentQuarter(today, tenant.fiscalYearStartMonth);
  const [model, history] = await Promise.all([projectionModel(context, current), data.snapshotHistory(tenantId, today)]);
  let earliest: string | null = null;
  let latest: string | null = null;
  for (const row of history) {
    if (earliest === null || row.snapshotDate < earliest) earliest = row.snapshotDate;
    if (latest === null || row.snapshotDate > latest) latest = row.snapshotDate;
  }
  const offset = dayOffsetInPeriod(current, today);
  const quarters = replayableQuarters(current, offset, tenant.fiscalYearStartMonth, earliest, latest);
  let backtest: Backtest | null = null;
  if (quarters.length > 0) {
    // The models the answer would have used on each replay day, from the same counts query.
    const models = new Map<string, WinRateModel>();
    // What finally closed, from the live deals of everyone (snapshots miss a deal won after the
    // last snapshot of its quarter).
    const [closed] = await Promise.all([
      data.dealSummaries(
        tenantId,
        context.people.map((person) => person.id),
        { start: quarters[0]!.start, end: quarters.at(-1)!.end },
      ),
      ...quarters.map(async (quarter) => {
        const { asOf, horizonDays } = replayPoint(quarter, offset);
        const counts = await data.winRateCounts(tenantId, asOf, horizonDays);
        models.set(`${asOf}:${horizonDays}`, winRateModelFromCounts(counts, asOf, horizonDays));
      }),
    ]);
    backtest = backtestProjection(history, quarters, offset, {
      modelAt: (asOf, horizonDays) => models.get(`${asOf}:${horizonDays}`),
      actualMinor: (period) => closedWonIn(closed, period),
    });
  }

  const headingText = answerText(locale, "heading.forecast.method");
  const blocks: ReplyBlock[] = [{ kind: "heading", text: headingText }, ...describeModel(context, model)];
  const replayed = (backtest?.quarters ?? []).map((result, i) => ({ result, period: quarters[i]! })).filter(({ result }) => result.projectedMinor !== null);
  if (replayed.length === 0) {
    blocks.push({ kind: "text", text: answerText(locale, "method.notScored", { earliest, latest }) });
    return { summary: headingText, blocks };
  }
  if (backtest!.meanAbsolutePercentageError !== null && backtest!.bias !== null) {
    const scored = replayed.filter(({ result }) => result.absolutePercentageError !== null).length;
    blocks.push({
      kind: "text",
      text: answerText(locale, "method.accuracy", { quarters: scored, meanAbsoluteError: backtest!.meanAbsolutePercentageError, bias: backtest!.bias }),
    });
  }
  blocks.push({
    kind: "list",
    items: replayed.map(({ result, period }) =>
      answerText(locale, "method.quarterLine", {
        period: labelOf(context, period),
        projected: money(context, result.projectedMinor ?? 0),
        actual: money(context, result.actualMinor),
        error: result.signedPercentageError,
        overdueDeals: result.overdueDeals,
      }),
    ),
    moreCount: 0,
  });
  blocks.push({ kind: "context", text: answerText(locale, "method.asOf", { days: offset }) });
  return { summary: headingText, blocks };
}
