// `/forecast history`: someone's forecast calls over time, per period, against what closed.
import { rollUpMembers } from "../forecast.js";
import { answerText } from "../i18n/answers.js";
import type { Period } from "../period-spec.js";
import { periodContaining } from "../periods.js";
import { closedWonIn } from "../quota.js";
import type { Reply, ReplyBlock } from "../reply.js";
import type { Person } from "../sales-data.js";
import type { ForecastCall, OpportunityState } from "../types.js";
import type { QuestionContext } from "./question-context.js";
import { labelOf, money, textReply } from "./reply-parts.js";

/** How many periods the history shows, newest first. */
export const MAX_HISTORY_PERIODS = 8;

/** One period's calls against what closed in it (minor units). */
export interface CallRecord {
  periodStart: string;
  periodEnd: string;
  /** The latest call for the period, and how many were made. */
  latest: ForecastCall;
  calls: number;
  /** Closed won in the period so far (all of it once the period has ended). */
  closedMinor: number;
  /** Whether the period ended before `today`. */
  ended: boolean;
  /** latest commit − closed, minor units (positive = the commit was too high). */
  errorMinor: number;
  /** error ÷ closed, a fraction; null when nothing closed or the period runs on. */
  error: number | null;
  /** commit ≤ closed ≤ best case: what closed landed inside the range called. */
  landedInRange: boolean;
}

export interface CallHistory {
  /** Newest period first. */
  periods: CallRecord[];
  /** Over ended periods with closed deals: mean |error| and mean signed error (fractions), null with none. */
  meanAbsoluteError: number | null;
  bias: number | null;
  scoredPeriods: number;
  /** Ended periods whose closed landed inside the call's range. */
  landedInRange: number;
}

/**
 * Scores calls against what closed: per period (exact start and end) the latest call and how
 * many there were, closed won in it from `deals` (the deals or summaries of whoever the calls
 * answer for), the commit's error; over ended periods with something closed, MAPE and bias.
 */
export function scoreCalls(calls: readonly ForecastCall[], deals: readonly OpportunityState[], today: string): CallHistory {
  const byPeriod = new Map<string, { latest: ForecastCall; calls: number }>();
  for (const call of calls) {
    const key = `${call.periodStart}:${call.periodEnd}`;
    const seen = byPeriod.get(key);
    if (seen === undefined) byPeriod.set(key, { latest: call, calls: 1 });
    else {
      seen.calls++;
      if (call.submittedAt.getTime() >= seen.latest.submittedAt.getTime()) seen.latest = call;
    }
  }
  const periods: CallRecord[] = [...byPeriod.values()].map(({ latest, calls: count }) => {
    const period = { start: latest.periodStart, end: latest.periodEnd };
    const closedMinor = closedWonIn(deals, period);
    const ended = period.end < today;
    const errorMinor = latest.commitMinor - closedMinor;
    return {
      periodStart: period.start,
      periodEnd: period.end,
      latest,
      calls: count,
      closedMinor,
      ended,
      errorMinor,
      error: ended && closedMinor > 0 ? errorMinor / closedMinor : null,
      landedInRange: ended && latest.commitMinor <= closedMinor && closedMinor <= latest.bestCaseMinor,
    };
  });
  periods.sort((a, b) => b.periodEnd.localeCompare(a.periodEnd) || b.periodStart.localeCompare(a.periodStart));
  const scored = periods.filter((record) => record.error !== null);
  const mean = (values: number[]): number | null => (values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length);
  return {
    periods,
    meanAbsoluteError: mean(scored.map((record) => Math.abs(record.error!))),
    bias: mean(scored.map((record) => record.error!)),
    scoredPeriods: scored.length,
    landedInRange: periods.filter((record) => record.landedInRange).length,
  };
}

/** The fiscal month, quarter, half or year the dates are exactly, if any. */
function fiscalPeriodOf(context: QuestionContext, start: string, end: string): Period | null {
  for (const kind of ["quarter", "month", "half", "year"] as const) {
    const candidate = periodContaining(kind, start, context.tenant.fiscalYearStartMonth);
    if (candidate.start === start && candidate.end === end) return candidate;
  }
  return null;
}

/**
 * `/forecast history` for `person` (the asker, or someone they may see): their calls per period
 * against closed won — their own deals, or their team's when people report to them (the figure a
 * manager's call is about, as their `/forecast` shows it).
 */
export async function answerForecastHistory(context: QuestionContext, person: Person): Promise<Reply> {
  const { data, tenantId, locale } = context;
  const own = person.id === context.asker.id;
  const calls = await data.forecastCallHistory(tenantId, [person.id]);
  if (calls.length === 0) return textReply(answerText(locale, "history.none", { name: own ? null : person.name, command: context.command }));
  let start = calls[0]!.periodStart;
  let end = calls[0]!.periodEnd;
  for (const call of calls) {
    if (call.periodStart < start) start = call.periodStart;
    if (call.periodEnd > end) end = call.periodEnd;
  }
  const members = rollUpMembers(context.org, person.id);
  const deals = await data.dealSummaries(tenantId, members, { start, end });
  const history = scoreCalls(calls, deals, context.today);
  const shown = history.periods.slice(0, MAX_HISTORY_PERIODS);
  const headingText = own
    ? answerText(locale, "heading.forecast.history.own")
    : answerText(locale, "heading.forecast.history.person", { name: person.name });
  const items = shown.map((record) => {
    const fiscal = fiscalPeriodOf(context, record.periodStart, record.periodEnd);
    return answerText(locale, "history.line", {
      period: fiscal === null ? `${record.periodStart} – ${record.periodEnd}` : labelOf(context, fiscal),
      commit: money(context, record.latest.commitMinor),
      bestCase: money(context, record.latest.bestCaseMinor),
      closed: money(context, record.closedMinor),
      ended: record.ended,
      error: record.error,
      errorAmount: money(context, record.errorMinor),
      calls: record.calls,
    });
  });
  const blocks: ReplyBlock[] = [
    { kind: "heading", text: headingText },
    { kind: "list", items, moreCount: history.periods.length - shown.length },
    {
      kind: "context",
      text: answerText(locale, "history.summary", {
        periods: history.scoredPeriods,
        meanAbsoluteError: history.meanAbsoluteError,
        bias: history.bias,
        bestCaseCovered: history.landedInRange,
      }),
    },
  ];
  return { summary: `${headingText}: ${items[0] ?? ""}`, blocks };
}
