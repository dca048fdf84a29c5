// `/forecast team`: a management chain's figures from deal summaries summed per line (never
// per-deal loads), so that the top of a 2,000-rep organisation is answered from a few hundred
// pre-summed rows and the win-rate counts the data layer gathers next to the data.
import { addDays, earlierOf } from "../dates.js";
import { forecastTotals, rollUpForecast, type ForecastTotals } from "../forecast.js";
import { answerText } from "../i18n/answers.js";
import { formatMoney } from "../i18n/format.js";
import type { Period } from "../period-spec.js";
import { projectPeriodClose } from "../projection.js";
import { cutList, type Reply } from "../reply.js";
import type { QuestionContext } from "./question-context.js";
import { changeBlocks, figureFields, lastWeeksSnapshotDate, projectionModel, snapshotKeepsClosedFrom } from "./forecast-figures.js";
import { labelOf, MAX_LIST_ITEMS, money, periodContext } from "./reply-parts.js";
import { effectiveQuotas, lineGroups, teamQuotaOf, wholeTeamGroup, type TeamScope } from "./team-scope.js";

/**
 * The team's Closed, Commit, Best case, Pipeline, Weighted pipeline and Projection, the team
 * quota and the leader's call, the change since last week's snapshot (figures only: naming
 * moved deals would need every deal), and one line per direct report, largest commit first.
 */
export async function answerTeamForecast(context: QuestionContext, scope: TeamScope, period: Period): Promise<Reply> {
  const { data, tenantId, today, locale } = context;
  const range = { start: period.start, end: period.end };
  const callers = scope.root === null ? scope.lineIds : [scope.root.id, ...scope.lineIds];
  const [summaries, records, calls, model, snapshotDate] = await Promise.all([
    data.dealSummaries(tenantId, scope.memberIds, range, lineGroups(context, scope)),
    data.quotas(tenantId, scope.memberIds, period),
    data.forecastCalls(tenantId, callers, period),
    projectionModel(context, period),
    lastWeeksSnapshotDate(context),
  ]);
  // Last week's team totals from grouped snapshot rows: no per-deal load at team scope.
  const before = snapshotDate === null ? null : await lastWeeksTotals(context, scope, period, snapshotDate);

  const quotas = effectiveQuotas(context.byId, records, period);
  const rollUp = rollUpForecast({
    org: context.org,
    period,
    opportunities: summaries,
    calls,
    quotas,
    ...(scope.root === null ? {} : { rootId: scope.root.id }),
  });
  // Summaries share stage, category and probability within a group, so the projection is exact on them.
  const projection = projectPeriodClose({ period, today, opportunities: summaries, model });
  const totals: ForecastTotals = scope.root === null ? forecastTotals(summaries, period) : rollUp.get(scope.root.id)!.team;
  let teamQuota: number | null = null;
  for (const id of scope.lineIds) {
    const quota = teamQuotaOf(id, rollUp, quotas);
    if (quota !== null) teamQuota = (teamQuota ?? 0) + quota;
  }

  const fields = figureFields(context, totals, projection.projectedMinor);
  fields.push({
    label: answerText(locale, "label.teamQuota"),
    value: teamQuota === null ? answerText(locale, "forecast.noQuota") : formatMoney(teamQuota, context.tenant.currency, locale),
  });
  if (scope.root !== null) {
    const call = rollUp.get(scope.root.id)?.call ?? null;
    fields.push({
      label: answerText(locale, "label.teamCall"),
      value:
        call === null
          ? answerText(locale, "forecast.noCall")
          : answerText(locale, "forecast.call", {
              commit: money(context, call.commitMinor),
              bestCase: money(context, call.bestCaseMinor),
              commitVsQuota: teamQuota ? call.commitMinor / teamQuota : null,
            }),
    });
  }

  const lines = scope.lineIds
    .map((id) => ({ id, name: context.byId.get(id)?.name ?? id, forecast: rollUp.get(id) }))
    .filter((line) => line.forecast !== undefined)
    .sort((a, b) => b.forecast!.team.commitMinor - a.forecast!.team.commitMinor || a.name.localeCompare(b.name));
  const items = lines.map(({ name, forecast }) =>
    answerText(locale, "forecast.teamLine", {
      name,
      commit: money(context, forecast!.team.commitMinor),
      bestCase: money(context, forecast!.team.bestCaseMinor),
      pipeline: money(context, forecast!.team.pipelineMinor),
      callCommit: forecast!.call === null ? null : money(context, forecast!.call.commitMinor),
    }),
  );
  const rootOwn = scope.root === null ? null : rollUp.get(scope.root.id)!.own;
  if (scope.root !== null && rootOwn !== null && (rootOwn.bestCaseMinor > 0 || rootOwn.pipelineMinor > 0)) {
    items.push(
      answerText(locale, "forecast.teamLine", {
        name: answerText(locale, "team.ownDeals", { name: scope.root.name }),
        commit: money(context, rootOwn.commitMinor),
        bestCase: money(context, rootOwn.bestCaseMinor),
        pipeline: money(context, rootOwn.pipelineMinor),
        callCommit: null,
      }),
    );
  }
  const list = cutList(items, MAX_LIST_ITEMS);
  const label = labelOf(context, period);
  const headingText =
    scope.root !== null && scope.root.id !== context.asker.id
      ? answerText(locale, "heading.team.person", { name: scope.root.name, period: label })
      : answerText(locale, "heading.team.own", { period: label });
  return {
    summary: `${headingText}: ${fields[1]!.label} ${fields[1]!.value} · ${fields[5]!.label} ${fields[5]!.value}`,
    blocks: [
      { kind: "heading", text: headingText },
      { kind: "fields", fields },
      ...changeBlocks(context, snapshotDate, before, totals),
      { kind: "list", items: list.items, moreCount: list.moreCount },
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
