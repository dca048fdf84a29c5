// `/forecast team` (and a manager's own `/forecast`): a management chain's figures from deal
// summaries summed per line (never per-deal loads), so that the top of a 2,000-rep organisation
// is answered from a few hundred pre-summed rows and the win-rate counts the data layer gathers
// next to the data.
import { addDays, earlierOf } from "../dates.js";
import { forecastTotals, rollUpForecast, type ForecastTotals, type PersonForecast } from "../forecast.js";
import { answerText } from "../i18n/answers.js";
import { formatMoney } from "../i18n/format.js";
import { t } from "../i18n/messages.js";
import type { Period } from "../period-spec.js";
import { projectPeriodClose } from "../projection.js";
import type { PeriodQuota } from "../quota.js";
import { cutList, type Reply, type ReplyBlock } from "../reply.js";
import type { QuestionContext } from "./question-context.js";
import {
  changeBlocks,
  figureFields,
  lastWeeksSnapshotDate,
  overdueBlocks,
  overdueFor,
  projectionModel,
  proRatedBlocks,
  snapshotKeepsClosedFrom,
} from "./forecast-figures.js";
import { loadTeamHeadQuotas } from "./period-quotas.js";
import { labelOf, MAX_LIST_ITEMS, money, periodContext } from "./reply-parts.js";
import { lineGroups, teamQuotaOf, wholeTeamGroup, type TeamScope } from "./team-scope.js";

export interface TeamForecastOptions {
  /** The asker's own `/forecast` (a manager's answers for their team): "Your forecast", "Your call". */
  asOwnForecast?: boolean;
}

/** The quota a team answer stands against (quota rules 3 and 4, as `/quota team` applies them). */
export interface TeamQuota {
  /** Minor units; null when neither the root nor any line has a quota. */
  quotaMinor: number | null;
  /** True when it is the sum of the lines' quotas (no root, or a root without a quota row). */
  summedFromLines: boolean;
  /** The root's own quota by the rule, when it has one (its rows say whether it was pro-rated). */
  rootQuota: PeriodQuota | null;
  /** Σ of the lines' quotas (each line's own, or its reports' without one), minor units; null when none has one. */
  linesQuotaMinor: number | null;
  /** Each line's quota, as summed. */
  lineQuotas: ReadonlyMap<string, number | null>;
}

/**
 * The team's quota: the root person's own (rule 3), or — with no root, or a root without a
 * quota row — the sum of the lines' quotas, labelled as such (rule 4). A line's quota is its
 * head's own, or without one the sum of their reports' (`teamQuotaOf`), as in `/quota team`.
 */
export function teamQuotaFor(
  scope: TeamScope,
  quotas: ReadonlyMap<string, PeriodQuota>,
  rollUp: ReadonlyMap<string, PersonForecast>,
): TeamQuota {
  const minors = new Map([...quotas].map(([id, quota]) => [id, quota.quotaMinor]));
  const lineQuotas = new Map<string, number | null>();
  let linesQuotaMinor: number | null = null;
  for (const id of scope.lineIds) {
    const quota = teamQuotaOf(id, rollUp, minors);
    lineQuotas.set(id, quota);
    if (quota !== null) linesQuotaMinor = (linesQuotaMinor ?? 0) + quota;
  }
  const rootQuota = scope.root === null ? null : (quotas.get(scope.root.id) ?? null);
  if (rootQuota !== null) return { quotaMinor: rootQuota.quotaMinor, summedFromLines: false, rootQuota, linesQuotaMinor, lineQuotas };
  return { quotaMinor: linesQuotaMinor, summedFromLines: true, rootQuota: null, linesQuotaMinor, lineQuotas };
}

/**
 * The team's Closed, Commit, Best case, Pipeline, Weighted pipeline and Projection (overdue deals
 * counted in the projection and listed), the team quota (the root's own; the reports' sum beside
 * it) and the leader's call, the change since last week's snapshot (figures only: naming moved
 * deals would need every deal), and one line per direct report, largest commit first: their
 * attainment, figures and latest call against their commit.
 */
export async function answerTeamForecast(
  context: QuestionContext,
  scope: TeamScope,
  period: Period,
  options: TeamForecastOptions = {},
): Promise<Reply> {
  const { data, tenantId, today, locale } = context;
  const range = { start: period.start, end: period.end };
  const callers = scope.root === null ? scope.lineIds : [scope.root.id, ...scope.lineIds];
  const [summaries, quotas, calls, model, lastWeek, overdue] = await Promise.all([
    data.dealSummaries(tenantId, scope.memberIds, range, lineGroups(context, scope)),
    // Only the heads' quotas (and their reports' where a head has none): all the answer shows.
    loadTeamHeadQuotas(data, tenantId, callers, (id) => context.org.directReports.get(id) ?? [], range),
    data.forecastCalls(tenantId, callers, period),
    projectionModel(context, period),
    // Last week's team totals from grouped snapshot rows (no per-deal load at team scope), read
    // as soon as the snapshot's date is known rather than after everything else.
    lastWeeksSnapshotDate(context).then(async (snapshotDate) =>
      snapshotDate === null ? { snapshotDate, before: null } : { snapshotDate, before: await lastWeeksTotals(context, scope, period, snapshotDate) },
    ),
    overdueFor(context, scope.memberIds, period, wholeTeamGroup(scope)),
  ]);
  const { snapshotDate, before } = lastWeek;

  const quotaMinors = new Map([...quotas].map(([id, quota]) => [id, quota.quotaMinor]));
  const rollUp = rollUpForecast({
    org: context.org,
    period,
    opportunities: summaries,
    calls,
    quotas: quotaMinors,
    ...(scope.root === null ? {} : { rootId: scope.root.id }),
  });
  // Summaries share stage, category and probability within a group, so the projection is exact on them.
  const projection = projectPeriodClose({ period, today, opportunities: [...summaries, ...overdue.summaries], model });
  const totals: ForecastTotals = scope.root === null ? forecastTotals(summaries, period) : rollUp.get(scope.root.id)!.team;
  const teamQuota = teamQuotaFor(scope, quotas, rollUp);

  const fields = figureFields(context, totals, projection.projectedMinor);
  fields.push({
    label: answerText(locale, teamQuota.summedFromLines ? "label.teamQuotaOfReports" : "label.teamQuota"),
    value: teamQuota.quotaMinor === null ? answerText(locale, "forecast.noQuota") : formatMoney(teamQuota.quotaMinor, context.tenant.currency, locale),
  });
  if (scope.root !== null) {
    const call = rollUp.get(scope.root.id)?.call ?? null;
    fields.push({
      label: options.asOwnForecast ? t(locale, "label.yourCall") : answerText(locale, "label.teamCall"),
      value:
        call === null
          ? answerText(locale, "forecast.noCall")
          : answerText(locale, "forecast.call", {
              commit: money(context, call.commitMinor),
              bestCase: money(context, call.bestCaseMinor),
              commitVsQuota: teamQuota.quotaMinor ? call.commitMinor / teamQuota.quotaMinor : null,
            }),
    });
  }

  const quotaNotes: ReplyBlock[] = [];
  if (teamQuota.rootQuota !== null) {
    quotaNotes.push(...proRatedBlocks(context, teamQuota.rootQuota));
    if (teamQuota.linesQuotaMinor !== null) {
      quotaNotes.push({
        kind: "context",
        text: answerText(locale, "quota.reportsSum", {
          name: scope.root!.id === context.asker.id ? null : scope.root!.name,
          sum: money(context, teamQuota.linesQuotaMinor),
          share: teamQuota.rootQuota.quotaMinor === 0 ? null : teamQuota.linesQuotaMinor / teamQuota.rootQuota.quotaMinor,
        }),
      });
    }
  }

  const lines = scope.lineIds
    .map((id) => ({ id, name: context.byId.get(id)?.name ?? id, forecast: rollUp.get(id) }))
    .filter((line) => line.forecast !== undefined)
    .sort((a, b) => b.forecast!.team.commitMinor - a.forecast!.team.commitMinor || a.name.localeCompare(b.name));
  const items = lines.map(({ id, name, forecast }) => {
    const team = forecast!.team;
    const quota = teamQuota.lineQuotas.get(id) ?? null;
    const call = forecast!.call;
    return answerText(locale, "forecast.teamLine", {
      name,
      attainment: quota === null || quota === 0 ? null : team.closedMinor / quota,
      quota: quota === null || quota === 0 ? null : money(context, quota),
      commit: money(context, team.commitMinor),
      bestCase: money(context, team.bestCaseMinor),
      pipeline: money(context, team.pipelineMinor),
      callCommit: call === null ? null : money(context, call.commitMinor),
      callVsCommit: call === null ? null : money(context, call.commitMinor - team.commitMinor),
    });
  });
  const rootOwn = scope.root === null ? null : rollUp.get(scope.root.id)!.own;
  if (scope.root !== null && rootOwn !== null && (rootOwn.bestCaseMinor > 0 || rootOwn.pipelineMinor > 0)) {
    items.push(
      answerText(locale, "forecast.teamLine", {
        name: answerText(locale, "team.ownDeals", { name: scope.root.name }),
        attainment: null,
        quota: null,
        commit: money(context, rootOwn.commitMinor),
        bestCase: money(context, rootOwn.bestCaseMinor),
        pipeline: money(context, rootOwn.pipelineMinor),
        callCommit: null,
        callVsCommit: null,
      }),
    );
  }
  const list = cutList(items, MAX_LIST_ITEMS);
  const label = labelOf(context, period);
  const headingText = options.asOwnForecast
    ? answerText(locale, "heading.forecast.own", { period: label })
    : scope.root !== null && scope.root.id !== context.asker.id
      ? answerText(locale, "heading.team.person", { name: scope.root.name, period: label })
      : answerText(locale, "heading.team.own", { period: label });
  return {
    summary: `${headingText}: ${fields[1]!.label} ${fields[1]!.value} · ${fields[5]!.label} ${fields[5]!.value}`,
    blocks: [
      { kind: "heading", text: headingText },
      { kind: "fields", fields },
      ...quotaNotes,
      ...changeBlocks(context, snapshotDate, before, totals),
      { kind: "list", items: list.items, moreCount: list.moreCount },
      ...overdueBlocks(context, overdue, projection.expectedFromOverdueMinor),
      periodContext(context, period),
    ],
  };
}

/**
 * The team's figures as last week's snapshot showed them. For a period that starts before the
 * snapshot's quarter, the deals closed in that earlier part are missing from the snapshot (see
 * `snapshotKeepsClosedFrom`) and are carried over from the live summaries. Summaries have no
 * deal ids, so an overdue deal that was open in the snapshot and has been won since with its
 * old close date counts as already closed: its win shows as pipeline leaving, not closed arriving.
 */
async function lastWeeksTotals(context: QuestionContext, scope: TeamScope, period: Period, snapshotDate: string): Promise<ForecastTotals> {
  const { data, tenantId } = context;
  const range = { start: period.start, end: period.end };
  const keptFrom = snapshotKeepsClosedFrom(context, snapshotDate);
  const [snapshot, earlier] = await Promise.all([
    data.snapshotSummaries(tenantId, snapshotDate, scope.memberIds, range, wholeTeamGroup(scope)),
    period.start < keptFrom
      ? data.dealSummaries(tenantId, scope.memberIds, { start: period.start, end: earlierOf(period.end, addDays(keptFrom, -1)) }, wholeTeamGroup(scope))
      : Promise.resolve([]),
  ]);
  return forecastTotals([...snapshot, ...earlier.filter((deal) => deal.isClosed)], period);
}
