// What `/forecast` answers for one person and for a team share: the figure fields and the
// week-over-week change.
import { answerText } from "../i18n/answers.js";
import { formatMoney } from "../i18n/format.js";
import type { Locale } from "../i18n/locale.js";
import { t } from "../i18n/messages.js";
import type { DealMove, ForecastTotals } from "../forecast.js";
import { addDays } from "../dates.js";
import { currentQuarter, periodContaining } from "../periods.js";
import type { Opportunity, OpportunityState } from "../types.js";
import type { ReplyBlock } from "../reply.js";
import type { Period } from "../period-spec.js";
import { projectionHorizonDays, winRateModelFromCounts, type WinRateModel } from "../projection.js";
import type { PeriodQuota } from "../quota.js";
import { cutList } from "../reply.js";
import type { OwnerGroups, SalesData } from "../sales-data.js";
import type { QuestionContext } from "./question-context.js";
import { loadPeriodQuotas } from "./period-quotas.js";
import { accountToShow, labelOf, money } from "./reply-parts.js";

/** How many overdue deals a forecast names (the rest are counted). */
export const MAX_OVERDUE_LISTED = 5;

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

/**
 * Each person's quota for the period by the quota rule (`loadPeriodQuotas`, the loader `/quota`
 * uses: every row overlapping the period, a partly overlapping one pro-rated by the working days
 * of their holiday calendar). People without a row overlapping the period are absent.
 */
export async function periodQuotas(context: QuestionContext, employeeIds: readonly string[], period: Pick<Period, "start" | "end">): Promise<Map<string, PeriodQuota>> {
  if (employeeIds.length === 0) return new Map();
  return (await loadPeriodQuotas(context.data, context.tenantId, employeeIds, { start: period.start, end: period.end })).quotas;
}

/** A quota row's name: its fiscal month, quarter, half or year when it is exactly one, else its dates. */
function rowLabel(context: QuestionContext, range: { start: string; end: string }): string {
  for (const kind of ["month", "quarter", "half", "year"] as const) {
    const candidate = periodContaining(kind, range.start, context.tenant.fiscalYearStartMonth);
    if (candidate.start === range.start && candidate.end === range.end) return labelOf(context, candidate);
  }
  return `${range.start} – ${range.end}`;
}

/** "Pro-rated: 21 of 64 working days of the Q4 FY2026 quota", per row only partly inside the period (the words `/quota` uses). */
export function proRatedBlocks(context: QuestionContext, quota: PeriodQuota): ReplyBlock[] {
  if (!quota.proRated) return [];
  return quota.rows
    .filter((share) => share.shareWorkingDays !== share.rowWorkingDays)
    .map((share) => ({
      kind: "context" as const,
      text: answerText(context.locale, "quota.proRated", {
        days: share.shareWorkingDays,
        rowDays: share.rowWorkingDays,
        row: rowLabel(context, { start: share.row.periodStart, end: share.row.periodEnd }),
      }),
    }));
}

/** The open deals overdue for a period: the largest, and all of them summed (exact for totals and the projection). */
export interface OverdueDeals {
  /** The largest ones (at most MAX_OVERDUE_LISTED), largest first. */
  largest: Opportunity[];
  /** All of them, summed like `dealSummaries`; synthetic ids. */
  summaries: OpportunityState[];
  /** How many, and their amount in all (minor units). */
  count: number;
  amountMinor: number;
}

const NO_OVERDUE: OverdueDeals = { largest: [], summaries: [], count: 0, amountMinor: 0 };

/** The earliest close date an overdue deal is looked for from (a month's first day, so that summaries are read). */
const EARLIEST_CLOSE_DATE = "1900-01-01";

/**
 * The open deals overdue for the period (close date before its start, still open, not Omitted),
 * read only while the period is under way on `today`: that is when the projection counts them.
 * Totals from `dealSummaries` of the months before the period (pre-summed, however large the
 * team); the largest named deals, only when there are any. The digest can call this with its
 * own data source and date, so that its projection is the one `/forecast team` shows.
 */
export async function loadOverdueDeals(
  data: SalesData,
  tenantId: string,
  today: string,
  ownerIds: readonly string[],
  period: Pick<Period, "start" | "end">,
  groups?: OwnerGroups,
): Promise<OverdueDeals> {
  if (!(period.start <= today && today <= period.end) || ownerIds.length === 0) return NO_OVERDUE;
  const before = await data.dealSummaries(tenantId, ownerIds, { start: EARLIEST_CLOSE_DATE, end: addDays(period.start, -1) }, groups);
  const summaries = before.filter((group) => !group.isClosed && group.forecastCategory !== "Omitted");
  if (summaries.length === 0) return NO_OVERDUE;
  let count = 0;
  let amountMinor = 0;
  for (const group of summaries) {
    count += group.dealCount ?? 1;
    amountMinor += group.amountMinor;
  }
  const largest = await data.largestOverdueDeals(tenantId, ownerIds, period.start, MAX_OVERDUE_LISTED);
  return { largest, summaries, count, amountMinor };
}

/** `loadOverdueDeals` for a question, as of the asker's today. */
export function overdueFor(
  context: QuestionContext,
  ownerIds: readonly string[],
  period: Pick<Period, "start" | "end">,
  groups?: OwnerGroups,
): Promise<OverdueDeals> {
  return loadOverdueDeals(context.data, context.tenantId, context.today, ownerIds, period, groups);
}

/**
 * "Overdue — 2 open deals (RM 120,000) were due before this period and still count in the
 * projection", with the largest named: name, amount, original close date. Nothing when none.
 */
export function overdueBlocks(context: QuestionContext, overdue: OverdueDeals, expectedMinor: number): ReplyBlock[] {
  if (overdue.count === 0) return [];
  const { locale } = context;
  return [
    {
      kind: "list",
      title: answerText(locale, "forecast.overdue.title", {
        count: overdue.count,
        amount: money(context, overdue.amountMinor),
        expected: money(context, expectedMinor),
      }),
      items: overdue.largest.map((deal) =>
        answerText(locale, "forecast.overdue.line", {
          name: deal.name,
          account: accountToShow(deal),
          amount: money(context, deal.amountMinor),
          closeDate: deal.closeDate,
        }),
      ),
      moreCount: Math.max(0, overdue.count - overdue.largest.length),
    },
  ];
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
