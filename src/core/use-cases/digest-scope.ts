// Whose numbers a team's digest adds up, and the team's quota, the way `/forecast team` does.
import { rollUpForecast, rollUpMembers } from "../forecast.js";
import { buildOrgChart, reportsUnder } from "../org-chart.js";
import type { Period } from "../period-spec.js";
import type { Person, SalesTeam } from "../sales-data.js";
import type { OpportunityState } from "../types.js";
import { teamQuotaOf } from "./team-scope.js";

export interface DigestScope {
  /** Everyone whose deals and quotas count: the manager first, then everyone below them. */
  members: Person[];
  memberIds: string[];
}

/**
 * The team's people: its manager and everyone below them, transitively (as `/forecast team`
 * counts a manager's team). A team without a manager on record counts the people filed under
 * it and everyone below them.
 */
export function digestScope(people: readonly Person[], team: SalesTeam): DigestScope {
  const org = buildOrgChart(people);
  const byId = new Map(people.map((person) => [person.id, person]));
  let ids: string[];
  if (team.managerId !== null && byId.has(team.managerId)) {
    ids = rollUpMembers(org, team.managerId);
  } else {
    const seen = new Set<string>();
    ids = [];
    for (const person of people) {
      if (person.teamId !== team.id) continue;
      for (const id of [person.id, ...reportsUnder(org, person.id)]) {
        if (seen.has(id)) continue;
        seen.add(id);
        ids.push(id);
      }
    }
  }
  return { members: ids.map((id) => byId.get(id)!), memberIds: ids };
}

/**
 * The team's quota: for each person at the top of the team (the manager, normally), the quotas
 * of the people who carry deals below them (`teamQuotaOf`); null when nobody has a quota.
 */
export function digestTeamQuota(
  scope: DigestScope,
  period: Period,
  summaries: readonly OpportunityState[],
  quotas: ReadonlyMap<string, number>,
): number | null {
  const org = buildOrgChart(scope.members);
  const rollUp = rollUpForecast({ org, period, opportunities: summaries, quotas });
  const inScope = new Set(scope.memberIds);
  let quotaMinor: number | null = null;
  for (const person of scope.members) {
    const isTop = person.managerId === null || person.managerId === person.id || !inScope.has(person.managerId);
    if (!isTop) continue;
    const quota = teamQuotaOf(person.id, rollUp, quotas);
    if (quota !== null) quotaMinor = (quotaMinor ?? 0) + quota;
  }
  return quotaMinor;
}
