// What `/forecast` answers for one person and for a team share: the figure fields and the
// week-over-week change.
import { answerText } from "../i18n/answers.js";
import { formatMoney } from "../i18n/format.js";
import type { Locale } from "../i18n/locale.js";
import { t } from "../i18n/messages.js";
import type { DealMove, ForecastTotals } from "../forecast.js";
import { addDays } from "../dates.js";
import { currentQuarter } from "../periods.js";
import type { OpportunityState } from "../types.js";
import type { ReplyBlock } from "../reply.js";
import type { Period } from "../period-spec.js";
import { projectionHorizonDays, winRateModelFromCounts, type WinRateModel } from "../projection.js";
import { cutList } from "../reply.js";
import type { QuestionContext } from "./question-context.js";
import { money } from "./reply-parts.js";

/** Moves worth naming in a person's own change list, in this order (see `forecastChange`). */
const NAMED_MOVES = new Set<DealMove["kind"]>(["won", "lost", "pushed", "pulledIn", "new"]);
const MAX_MOVES = 5;

/** The newest snapshot taken on or before a week ago (the asker's today − 7 days), or null. */
export async function lastWeeksSnapshotDate(context: QuestionContext): Promise<string | null> {
  const [date] = await context.data.snapshotDates(context.tenantId, addDays(context.today, -7), 1);
  return date ?? null;
}

/**
 * The first close date for which last week's snapshot still holds closed deals: the start of
 * the fiscal quarter it was taken in. Snapshots keep every open deal, but a closed deal only
 * through the quarter its close date falls in (so quarter-to-date wins show), so a deal that
 * closed in an earlier quarter is missing from the snapshot without being new or just won.
 */
export function snapshotKeepsClosedFrom(context: QuestionContext, snapshotDate: string): string {
  return currentQuarter(snapshotDate, context.tenant.fiscalYearStartMonth).start;
}

/**
 * Last week's deals as the change should compare them: the snapshot, plus the live deals that
 * had already closed before the snapshot's quarter and that it therefore left out, carried over
 * unchanged. A deal the snapshot still shows (an overdue one, open then) is compared as usual.
 */
export function withEarlierClosedDeals<T extends OpportunityState>(snapshot: readonly T[], live: readonly T[], keptFrom: string): T[] {
  const present = new Set(snapshot.map((deal) => deal.id));
  return [...snapshot, ...live.filter((deal) => deal.isClosed && deal.closeDate < keptFrom && !present.has(deal.id))];
}

/**
 * The projection's win-rate model for this period as of today. The counts come from the data
 * source (one grouped query, however long the history), the model from src/core.
 */
export async function projectionModel(context: QuestionContext, period: Pick<Period, "end">): Promise<WinRateModel> {
  const horizonDays = projectionHorizonDays(context.today, period);
  const counts = await context.data.winRateCounts(context.tenantId, context.today, horizonDays);
  return winRateModelFromCounts(counts, context.today, horizonDays);
}

/** Closed, Commit, Best case, Pipeline, Weighted pipeline and Projection, formatted. */
export function figureFields(context: QuestionContext, totals: ForecastTotals, projectedMinor: number): Array<{ label: string; value: string }> {
  return forecastFigureFields(context.locale, context.tenant.currency, { ...totals, projectedMinor });
}

/** The same six fields from the figures alone (the weekly digest adds its own after them); minor units of `currency`. */
export function forecastFigureFields(
  locale: Locale,
  currency: string,
  figures: Pick<ForecastTotals, "closedMinor" | "commitMinor" | "bestCaseMinor" | "pipelineMinor" | "weightedPipelineMinor"> & { projectedMinor: number },
): Array<{ label: string; value: string }> {
  const m = (minor: number): string => formatMoney(minor, currency, locale);
  return [
    { label: answerText(locale, "label.closed"), value: m(figures.closedMinor) },
    { label: t(locale, "label.commit"), value: m(figures.commitMinor) },
    { label: t(locale, "label.bestCase"), value: m(figures.bestCaseMinor) },
    { label: t(locale, "label.pipeline"), value: m(figures.pipelineMinor) },
    { label: t(locale, "label.weightedPipeline"), value: m(figures.weightedPipelineMinor) },
    { label: t(locale, "label.projection"), value: m(figures.projectedMinor) },
  ];
}

/** "Change since 5 Aug 2026: closed +RM 20K · …" and, for one person, the deals that moved. */
export function changeBlocks(
  context: QuestionContext,
  snapshotDate: string | null,
  before: ForecastTotals | null,
  after: ForecastTotals,
  moves?: readonly DealMove[],
): ReplyBlock[] {
  const { locale } = context;
  if (snapshotDate === null || before === null) return [{ kind: "text", text: answerText(locale, "change.noSnapshot") }];
  const blocks: ReplyBlock[] = [
    {
      kind: "text",
      text: answerText(locale, "change.since", {
        date: snapshotDate,
        currency: context.tenant.currency,
        delta: {
          closedMinor: after.closedMinor - before.closedMinor,
          commitMinor: after.commitMinor - before.commitMinor,
          bestCaseMinor: after.bestCaseMinor - before.bestCaseMinor,
          pipelineMinor: after.pipelineMinor - before.pipelineMinor,
        },
      }),
    },
  ];
  if (moves === undefined) return blocks;
  const named = moves.filter((move) => NAMED_MOVES.has(move.kind)).map((move) => moveLine(context, move));
  if (named.length === 0) return [...blocks, { kind: "context", text: answerText(locale, "change.noMoves") }];
  const list = cutList(named, MAX_MOVES);
  return [...blocks, { kind: "list", items: list.items, moreCount: list.moreCount }];
}

function moveLine(context: QuestionContext, move: DealMove): string {
  const { locale } = context;
  const name = move.name ?? move.accountName ?? move.opportunityId;
  const amount = money(context, move.amountAfterMinor ?? move.amountBeforeMinor ?? 0);
  const closeDate = move.closeDateAfter ?? move.closeDateBefore ?? "";
  switch (move.kind) {
    case "won":
      return answerText(locale, "move.won", { name, amount });
    case "lost":
      return answerText(locale, "move.lost", { name, amount });
    case "pushed":
      return answerText(locale, "move.pushed", { name, amount, closeDate });
    case "pulledIn":
      return answerText(locale, "move.pulledIn", { name, amount, closeDate });
    default:
      return answerText(locale, "move.new", { name, amount });
  }
}
