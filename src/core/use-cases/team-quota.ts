// `/quota team` and `/quota leaderboard`: many people's attainment from deal summaries.
import { buildLeaderboard, type LeaderboardEntry } from "../access.js";
import { answerText } from "../i18n/answers.js";
import { formatMoney, formatPercent } from "../i18n/format.js";
import { t } from "../i18n/messages.js";
import { reportsUnder } from "../org-chart.js";
import { rollUpForecast } from "../forecast.js";
import type { Period } from "../period-spec.js";
import { closedWonIn } from "../quota.js";
import { cutList, type Reply, type ReplyBlock } from "../reply.js";
import type { Person } from "../sales-data.js";
import type { OpportunityState } from "../types.js";
import { leadsPeople, type QuestionContext } from "./question-context.js";
import { labelOf, MAX_LIST_ITEMS, money, periodContext, textReply } from "./reply-parts.js";
import { loadPeriodQuotas, loadTeamHeadQuotas } from "./period-quotas.js";
import { lineGroups, teamQuotaOf, teamScope } from "./team-scope.js";

/**
 * `/quota team`: the team under `root` (the asker or a person they may see), rolled up: team
 * quota, closed won, attainment and gap, then one line per direct report, best attainment first.
 * Managers and admins only: a rep is pointed at what they can ask instead.
 */
export async function answerTeamQuota(context: QuestionContext, root: Person, period: Period): Promise<Reply> {
  const { locale, data, tenantId, tenant } = context;
  if (!leadsPeople(context.asker)) return textReply(answerText(locale, "team.managersOnly", { command: context.command }));
  const scope = teamScope(context, root);
  if (scope === null) {
    return textReply(answerText(locale, "team.noReports", { name: root.id === context.asker.id ? null : root.name }));
  }
  const heads = scope.root === null ? scope.lineIds : [scope.root.id, ...scope.lineIds];
  const [headQuotas, summaries] = await Promise.all([
    // Only the heads' quotas (and their reports' where a head has none): all the answer shows.
    loadTeamHeadQuotas(data, tenantId, heads, (id) => context.org.directReports.get(id) ?? [], period),
    data.dealSummaries(tenantId, scope.memberIds, { start: period.start, end: period.end }, lineGroups(context, scope)),
  ]);
  const quotas = new Map([...headQuotas].map(([id, figures]) => [id, figures.quotaMinor]));
  const rollUp = rollUpForecast({
    org: context.org,
    period,
    opportunities: summaries,
    quotas,
    ...(scope.root === null ? {} : { rootId: scope.root.id }),
  });

  const lines = scope.lineIds.map((id) => {
    const closed = rollUp.get(id)?.team.closedMinor ?? 0;
    const quota = teamQuotaOf(id, rollUp, quotas);
    return { id, name: context.byId.get(id)?.name ?? id, closed, quota, attainment: quota ? closed / quota : null };
  });
  const teamClosed = scope.root === null ? closedWonIn(summaries, period) : rollUp.get(scope.root.id)!.team.closedMinor;
  // THE QUOTA RULE 3-4: the root's own quota; only without one (or without a root), the lines' sum, labelled so.
  let linesQuota: number | null = null;
  for (const line of lines) if (line.quota !== null) linesQuota = (linesQuota ?? 0) + line.quota;
  const rootQuota = scope.root === null ? null : (quotas.get(scope.root.id) ?? null);
  const teamQuota = rootQuota ?? linesQuota;
  const quotaLabel = rootQuota === null ? answerText(locale, "label.teamQuotaOfReports") : answerText(locale, "label.teamQuota");
  // A manager's own deals count for the team; say so on a line of their own.
  const rootOwnClosed = scope.root === null ? 0 : rollUp.get(scope.root.id)!.own.closedMinor;

  lines.sort((a, b) => (b.attainment ?? -1) - (a.attainment ?? -1) || a.name.localeCompare(b.name));
  const items = lines.map((line) =>
    answerText(locale, "team.quotaLine", {
      name: line.name,
      attainment: line.attainment,
      closed: money(context, line.closed),
      quotaMinor: line.quota,
    }),
  );
  if (rootOwnClosed > 0 && scope.root) {
    items.push(
      answerText(locale, "team.quotaLine", {
        name: answerText(locale, "team.ownDeals", { name: scope.root.name }),
        attainment: null,
        closed: money(context, rootOwnClosed),
        quotaMinor: null,
      }),
    );
  }
  const label = labelOf(context, period);
  const headingText =
    scope.root !== null && scope.root.id !== context.asker.id
      ? answerText(locale, "heading.team.person", { name: scope.root.name, period: label })
      : answerText(locale, "heading.team.own", { period: label });
  const currency = tenant.currency;
  const fields = [
    { label: quotaLabel, value: teamQuota === null ? answerText(locale, "forecast.noQuota") : formatMoney(teamQuota, currency, locale) },
    { label: t(locale, "label.closedWon"), value: formatMoney(teamClosed, currency, locale) },
  ];
  if (teamQuota !== null && teamQuota > 0) {
    fields.push({ label: t(locale, "label.attainment"), value: formatPercent(teamClosed / teamQuota, locale) });
    fields.push(
      teamClosed > teamQuota
        ? { label: answerText(locale, "label.overQuota"), value: formatMoney(teamClosed - teamQuota, currency, locale) }
        : { label: t(locale, "label.gapToQuota"), value: formatMoney(teamQuota - teamClosed, currency, locale) },
    );
  }
  const list = cutList(items, MAX_LIST_ITEMS);
  const notes: ReplyBlock[] = [];
  if (rootQuota !== null && linesQuota !== null && scope.root !== null) {
    notes.push({
      kind: "text",
      text: answerText(locale, "quota.reportsSum", {
        name: scope.root.id === context.asker.id ? null : scope.root.name,
        sum: money(context, linesQuota),
        share: rootQuota === 0 ? null : linesQuota / rootQuota,
      }),
    });
  }
  const attainmentText = teamQuota ? ` ${formatPercent(teamClosed / teamQuota, locale)}` : "";
  return {
    summary: `${headingText}:${attainmentText} (${formatMoney(teamClosed, currency, locale)})`,
    blocks: [
      { kind: "heading", text: headingText },
      { kind: "fields", fields },
      { kind: "list", items: list.items, moreCount: list.moreCount },
      ...notes,
      periodContext(context, period),
    ],
  };
}

/**
 * Who is on the asker's leaderboard: a rep sees the reps of their own team (same team id), a
 * manager the reps below them, an admin every rep. Active reps only.
 */
function leaderboardPeople(context: QuestionContext): Person[] {
  const { asker, people, org } = context;
  const reps = people.filter((person) => person.active && person.role === "rep");
  if (asker.role === "admin") return reps;
  if (asker.role === "manager") {
    const below = new Set(reportsUnder(org, asker.id));
    return reps.filter((person) => below.has(person.id));
  }
  if (asker.teamId === null) return reps.filter((person) => person.id === asker.id);
  return reps.filter((person) => person.teamId === asker.teamId);
}

/** `/quota leaderboard`, as the tenant allows it: off, percentages only, or with amounts. */
export async function answerLeaderboard(context: QuestionContext, period: Period): Promise<Reply> {
  const { locale, tenant, data, tenantId } = context;
  const visibility = tenant.leaderboardVisibility;
  if (visibility === "off") return textReply(t(locale, "leaderboard.off"));
  const members = leaderboardPeople(context);
  const ids = members.map((person) => person.id);
  const [periodQuotas, summaries] = ids.length === 0
    ? [null, []]
    : await Promise.all([
        loadPeriodQuotas(data, tenantId, ids, period),
        data.dealSummaries(tenantId, ids, { start: period.start, end: period.end }),
      ]);
  const quotas = new Map([...(periodQuotas?.quotas ?? [])].map(([id, figures]) => [id, figures.quotaMinor]));
  const byOwner = new Map<string, OpportunityState[]>();
  for (const summary of summaries) {
    const list = byOwner.get(summary.ownerId);
    if (list) list.push(summary);
    else byOwner.set(summary.ownerId, [summary]);
  }
  const entries: LeaderboardEntry[] = members.map((person) => {
    const quota = quotas.get(person.id) ?? 0;
    const closed = closedWonIn(byOwner.get(person.id) ?? [], period);
    return { employeeId: person.id, name: person.name, attainment: quota > 0 ? closed / quota : null, closedWonMinor: closed, effectiveQuotaMinor: quota };
  });
  const rows = buildLeaderboard(visibility, entries);
  const label = labelOf(context, period);
  const headingText = answerText(locale, "heading.leaderboard", { period: label });
  if (rows.length === 0) return textReply(answerText(locale, "leaderboard.empty", { period: label }), [periodContext(context, period)]);
  const render = (row: (typeof rows)[number]): string =>
    answerText(locale, "leaderboard.line", {
      rank: row.rank,
      name: row.name,
      attainment: row.attainment,
      isYou: row.employeeId === context.asker.id,
      ...(row.closedWonMinor === undefined || row.effectiveQuotaMinor === undefined
        ? {}
        : { closed: money(context, row.closedWonMinor), quota: money(context, row.effectiveQuotaMinor) }),
    });
  const list = cutList(rows.map(render), MAX_LIST_ITEMS);
  // The asker always finds their own place, even below the cut.
  const own = rows.findIndex((row) => row.employeeId === context.asker.id);
  if (own >= MAX_LIST_ITEMS) list.items.push(render(rows[own]!));
  return {
    summary: `${headingText}: ${list.items[0] ?? ""}`,
    blocks: [{ kind: "heading", text: headingText }, { kind: "list", items: list.items, moreCount: list.moreCount }, periodContext(context, period)],
  };
}
