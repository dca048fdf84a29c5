// The forecast digest of one team: the quarter's figures against quota, what changed since the
// previous digest of its schedule (or, asked for, since last week's snapshot), deals at risk, the
// top deals, the leaderboard as the tenant allows it, and the quarter's trend for the chart. At
// detail `totals` (a channel reps read) it names no deal and no one's amounts: totals and counts.
// A few grouped or bounded queries per team, so
// that a team of a 2,000-rep tenant composes in well under a second; every number is computed
// here from what the port returns. The result is plain JSON: the outbox stores it as the payload.
import { addDays } from "../dates.js";
import { AppError } from "../errors.js";
import { forecastChange, forecastTotals, type ForecastTotals } from "../forecast.js";
import { answerText } from "../i18n/answers.js";
import { digestText } from "../i18n/digests.js";
import { formatMoney, formatPercent } from "../i18n/format.js";
import type { Locale } from "../i18n/locale.js";
import type { Period } from "../period-spec.js";
import { currentQuarter, localDateOf } from "../periods.js";
import { projectionHorizonDays, projectPeriodClose, winRateModelFromCounts } from "../projection.js";
import { loadOverdueDeals } from "./forecast-figures.js";
import type { Reply, ReplyBlock } from "../reply.js";
import type { DealChange, SalesData, SnapshotSummary } from "../sales-data.js";
import { describeSchedule, scheduleCadence } from "../schedules/describe-schedule.js";
import { previousOccurrence } from "../schedules/list-occurrences.js";
import type { ScheduleSpec } from "../schedules/schedule-spec.js";
import { DEFAULT_DIGEST_DETAIL, type DigestDetail } from "../tenant-settings.js";
import type { Opportunity } from "../types.js";
import { forecastFigureFields } from "./forecast-figures.js";
import { periodLabel } from "./reply-parts.js";
import { loadPeriodQuotas } from "./period-quotas.js";
import { digestScope, digestTeamQuota } from "./digest-scope.js";
import {
  atRiskCriteria,
  atRiskCount,
  atRiskSection,
  AT_RISK_SHOWN,
  changeCounts,
  changeSections,
  leaderboardSection,
  topDealsSection,
  TOP_DEALS,
  type SectionContext,
} from "./digest-sections.js";

export interface ComposeForecastDigestOptions {
  data: SalesData;
  tenantId: string;
  teamId: string;
  /** The instant of composing (UTC); the team's "today" is the date it falls on in the team's zone. */
  now: Date;
  /** Set when the digest goes out after its slot: how late it is, milliseconds. */
  lateBy?: { ms: number };
  /** The language; default the tenant's (a team has none). `/forecast digest` passes the asker's. */
  locale?: Locale;
  /** How much it names (the channel's setting, see tenant-settings.ts); default `full`. */
  detail?: DigestDetail;
  /**
   * The schedule it goes out on and the slot it is for: the heading says how often it comes, and
   * what moved is counted since the previous slot. Absent (`/forecast digest`): since last week.
   */
  schedule?: {
    spec: ScheduleSpec;
    timeZone: string;
    slotAt: Date;
    /**
     * Since when the schedule counts slots as it is now (created, or its timing last changed;
     * UTC): a previous slot before it sent no digest, and the context line says so. Absent: it did.
     */
    countsFrom?: Date;
  };
}

/** The quarter's figures, minor units of the tenant currency; attainment a fraction (closed ÷ quota). */
export interface DigestFigures {
  closedMinor: number;
  commitMinor: number;
  bestCaseMinor: number;
  pipelineMinor: number;
  weightedPipelineMinor: number;
  projectedMinor: number;
  quotaMinor: number | null;
  attainment: number | null;
}

/** One week of the trend: the figures as that snapshot showed them (the last point is today's). */
export interface ForecastTrendPoint {
  /** ISO date of the snapshot (or today, for the live point). */
  weekOf: string;
  closedMinor: number;
  commitMinor: number;
  bestCaseMinor: number;
}

/** What the chart renderer draws: localised title and description, amounts in minor units. */
export interface ForecastTrendChart {
  title: string;
  /** Alt text: the trend in one sentence. */
  description: string;
  quotaMinor: number | null;
  currency: string;
  points: ForecastTrendPoint[];
}

export interface ForecastDigest {
  teamId: string;
  teamName: string;
  locale: Locale;
  period: { start: string; end: string; label: string };
  /** The team's local date the digest is as of (ISO). */
  asOf: string;
  currency: string;
  figures: DigestFigures;
  reply: Reply;
  chart: ForecastTrendChart;
}

/** Composes one team's digest as of `now`. Throws `not_found` for a team the tenant does not have. */
export async function composeForecastDigest(options: ComposeForecastDigestOptions): Promise<ForecastDigest> {
  const { data, tenantId, now } = options;
  const [tenant, people, teams] = await Promise.all([data.tenant(tenantId), data.people(tenantId), data.teams(tenantId)]);
  const team = teams.find((candidate) => candidate.id === options.teamId);
  if (team === undefined) throw new AppError("not_found", "That team does not exist.", { teamId: options.teamId });
  const locale = options.locale ?? tenant.locale;
  const detail = options.detail ?? DEFAULT_DIGEST_DETAIL;
  const currency = tenant.currency;
  const today = localDateOf(now, team.timeZone);
  const period = currentQuarter(today, tenant.fiscalYearStartMonth);
  const label = periodLabel(locale, period, tenant.fiscalYearStartMonth);
  const range = { start: period.start, end: period.end };
  const scope = digestScope(people, team);
  const ids = scope.memberIds;
  const section: SectionContext = { locale, currency, today, now, names: new Map(people.map((person) => [person.id, person])) };
  const horizonDays = projectionHorizonDays(today, period);

  // What moved is counted against the newest snapshot taken on or before the previous slot's
  // date (the team's calendar), or, asked for, on or before a week ago (as `/forecast` compares).
  const previous = previousSlot(options.schedule);
  const previousDigest = previous === null ? null : localDateOf(previous, team.timeZone);
  const firstDigest = previous !== null && options.schedule?.countsFrom !== undefined && previous < options.schedule.countsFrom;
  const [snapshotDate = null] = await data.snapshotDates(tenantId, previousDigest ?? addDays(today, -7), 1);
  const [summaries, records, counts, atRisk, top, series, changes, overdue] = await Promise.all([
    data.dealSummaries(tenantId, ids, range),
    loadPeriodQuotas(data, tenantId, ids, period),
    data.winRateCounts(tenantId, today, horizonDays),
    data.dealsAtRisk(tenantId, ids, atRiskCriteria(section, period), AT_RISK_SHOWN),
    detail === "full" ? data.topDeals(tenantId, ids, range, TOP_DEALS) : Promise.resolve([]),
    data.snapshotSeries(tenantId, ids, range, { start: period.start, end: today }),
    snapshotDate === null ? Promise.resolve(null) : data.dealChanges(tenantId, ids, snapshotDate, range),
    // Open deals due before the quarter still count in its projection, as in `/forecast team`.
    loadOverdueDeals(data, tenantId, today, ids, period),
  ]);

  const totals = forecastTotals(summaries, period);
  const model = winRateModelFromCounts(counts, today, horizonDays);
  const projection = projectPeriodClose({ period, today, opportunities: [...summaries, ...overdue.summaries], model });
  // THE QUOTA RULE, as `/quota` and `/quota team` apply it (the manager's own quota).
  const quotas = new Map([...records.quotas].map(([id, figures]) => [id, figures.quotaMinor]));
  const quotaMinor = digestTeamQuota(scope, period, summaries, quotas);
  const figures: DigestFigures = {
    closedMinor: totals.closedMinor,
    commitMinor: totals.commitMinor,
    bestCaseMinor: totals.bestCaseMinor,
    pipelineMinor: totals.pipelineMinor,
    weightedPipelineMinor: totals.weightedPipelineMinor,
    projectedMinor: projection.projectedMinor,
    quotaMinor,
    attainment: quotaMinor ? totals.closedMinor / quotaMinor : null,
  };
  const points = trendPoints(series, totals, period, today);
  const chart: ForecastTrendChart = {
    title: digestText(locale, "chart.title", { team: team.name, period: label }),
    description: trendDescription(locale, currency, points, quotaMinor),
    quotaMinor,
    currency,
    points,
  };

  const cadence = options.schedule === undefined ? { kind: "onRequest" as const } : scheduleCadence(options.schedule.spec);
  const heading = digestText(locale, "heading", { team: team.name, period: label, cadence });
  const blocks: ReplyBlock[] = [{ kind: "heading", text: heading }];
  const baseline = digestText(locale, "baseline", {
    schedule: options.schedule === undefined ? null : describeSchedule(options.schedule.spec, options.schedule.timeZone, locale),
    previousDigest,
    snapshotDate,
    firstDigest,
  });
  if (baseline !== "") blocks.push({ kind: "context", text: baseline });
  if (options.lateBy !== undefined && options.lateBy.ms > 0) {
    const dueAt = new Date(now.getTime() - options.lateBy.ms).toISOString();
    blocks.push({ kind: "context", text: digestText(locale, "late", { dueAt, timeZone: team.timeZone, agoMs: options.lateBy.ms }) });
  }
  blocks.push({ kind: "fields", fields: figureFields(locale, currency, figures) });
  blocks.push(...whatChanged(section, detail, snapshotDate, previousDigest, changes, period));
  if (detail === "full") {
    blocks.push({ kind: "divider" }, ...atRiskSection(section, atRisk));
    blocks.push({ kind: "divider" }, ...topDealsSection(section, top));
  } else {
    blocks.push({ kind: "divider" }, ...atRiskCount(section, atRisk));
  }
  // Per-rep amounts belong to a managers' channel: a `totals` digest ranks by percentage at most.
  const visibility = detail === "totals" && tenant.leaderboardVisibility === "full" ? "percentages" : tenant.leaderboardVisibility;
  const leaderboard = leaderboardSection(section, visibility, scope.members, summaries, quotas, period, label);
  if (leaderboard.length > 0) blocks.push({ kind: "divider" }, ...leaderboard);
  blocks.push(
    { kind: "divider" },
    { kind: "context", text: chart.description },
    { kind: "context", text: answerText(locale, "context.periodAsOf", { period: label, start: period.start, end: period.end, asOf: today }) },
  );
  if (detail === "totals") blocks.push({ kind: "context", text: digestText(locale, "detail.totals") });

  const summary = digestText(locale, "summary", {
    team: team.name,
    period: label,
    commit: { minor: figures.commitMinor, currency },
    closed: { minor: figures.closedMinor, currency },
    attainment: figures.attainment,
  });
  return {
    teamId: team.id,
    teamName: team.name,
    locale,
    period: { start: period.start, end: period.end, label },
    asOf: today,
    currency,
    figures,
    reply: { summary, blocks },
    chart,
  };
}

/** The `/forecast` figures, then Team quota and Attainment, formatted. */
function figureFields(locale: Locale, currency: string, figures: DigestFigures): Array<{ label: string; value: string }> {
  return [
    ...forecastFigureFields(locale, currency, figures),
    {
      label: answerText(locale, "label.teamQuota"),
      value: figures.quotaMinor === null ? answerText(locale, "forecast.noQuota") : formatMoney(figures.quotaMinor, currency, locale),
    },
    {
      label: digestText(locale, "label.attainment"),
      value: figures.attainment === null ? digestText(locale, "value.noAttainment") : formatPercent(figures.attainment, locale),
    },
  ];
}

/**
 * "Change since 5 Aug 2026: closed +RM 45K · …" and the deals that moved. The port hands over
 * only the deals that differ from the snapshot, which is all `forecastChange` needs: an unchanged
 * deal adds the same to both sides, so the deltas are exact.
 */
function whatChanged(
  context: SectionContext,
  detail: DigestDetail,
  snapshotDate: string | null,
  previousDigest: string | null,
  changes: readonly DealChange[] | null,
  period: Period,
): ReplyBlock[] {
  const { locale, currency } = context;
  if (snapshotDate === null || changes === null) {
    const text = previousDigest === null ? answerText(locale, "change.noSnapshot") : digestText(locale, "changes.noBaseline", { previousDigest });
    return [{ kind: "text", text }];
  }
  const before: Opportunity[] = [];
  const after: Opportunity[] = [];
  for (const change of changes) {
    if (change.before !== null) before.push(change.before);
    after.push(change.after);
  }
  const { delta, moves } = forecastChange(before, after, period);
  return [
    {
      kind: "text",
      text: answerText(locale, "change.since", {
        date: snapshotDate,
        currency,
        delta: {
          closedMinor: delta.closedMinor,
          commitMinor: delta.commitMinor,
          bestCaseMinor: delta.bestCaseMinor,
          pipelineMinor: delta.pipelineMinor,
        },
      }),
    },
    ...(detail === "full" ? changeSections(context, moves) : changeCounts(context, moves)),
  ];
}

/**
 * The schedule's slot before this one (UTC); null on request, or when the schedule has no
 * earlier slot within its search horizon.
 */
function previousSlot(schedule: ComposeForecastDigestOptions["schedule"]): Date | null {
  if (schedule === undefined) return null;
  const anchor = schedule.spec.anchorDate ? { anchorDate: schedule.spec.anchorDate } : {};
  return previousOccurrence(schedule.spec, schedule.timeZone, new Date(schedule.slotAt.getTime() - 1), anchor);
}

/**
 * The quarter week by week: each snapshot taken in the quarter up to today, summed like the live
 * figures, then today's live figures as the last point (they replace a snapshot taken today).
 */
export function trendPoints(series: readonly SnapshotSummary[], live: ForecastTotals, period: Period, today: string): ForecastTrendPoint[] {
  const byDate = new Map<string, SnapshotSummary[]>();
  for (const row of series) {
    if (row.snapshotDate >= today || row.snapshotDate < period.start) continue;
    const list = byDate.get(row.snapshotDate);
    if (list) list.push(row);
    else byDate.set(row.snapshotDate, [row]);
  }
  const points: ForecastTrendPoint[] = [...byDate.keys()].sort().map((weekOf) => {
    const totals = forecastTotals(byDate.get(weekOf)!, period);
    return { weekOf, closedMinor: totals.closedMinor, commitMinor: totals.commitMinor, bestCaseMinor: totals.bestCaseMinor };
  });
  points.push({ weekOf: today, closedMinor: live.closedMinor, commitMinor: live.commitMinor, bestCaseMinor: live.bestCaseMinor });
  return points;
}

function trendDescription(locale: Locale, currency: string, points: readonly ForecastTrendPoint[], quotaMinor: number | null): string {
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const money = (minor: number) => ({ minor, currency });
  return digestText(locale, "trend.summary", {
    firstWeekOf: first.weekOf,
    firstCommit: money(first.commitMinor),
    commit: money(last.commitMinor),
    bestCase: money(last.bestCaseMinor),
    closed: money(last.closedMinor),
    quota: quotaMinor === null ? null : money(quotaMinor),
    weeks: points.length,
  });
}
