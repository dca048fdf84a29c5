// Whose numbers a team's digest adds up, and the team's quota, the way `/forecast team` does.
import { rollUpMembers } from "../forecast.js";
import { buildOrgChart, reportsUnder } from "../org-chart.js";
import type { Period } from "../period-spec.js";
import type { Person, SalesTeam } from "../sales-data.js";
import type { OpportunityState } from "../types.js";
import { teamQuotaSource } from "./team-scope.js";

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
 * The team's quota by THE QUOTA RULE 3-4, as `/quota` and `/quota team` show it: the manager's
 * own quota (each person at the top of the team, normally the manager alone); only for someone
 * at the top with no quota row of their own, the sum of their direct reports' (recursively). Null
 * when nobody has one. `quotas` are per person by `quotaForPeriod`.
 */
export function digestTeamQuota(
  scope: DigestScope,
  _period: Period,
  _summaries: readonly OpportunityState[],
  quotas: ReadonlyMap<string, number>,
): number | null {
  const org = buildOrgChart(scope.members);
  const inScope = new Set(scope.memberIds);
  const directReportsOf = (id: string): readonly string[] => (org.directReports.get(id) ?? []).filter((report) => inScope.has(report));
  let quotaMinor: number | null = null;
  for (const person of scope.members) {
    const isTop = person.managerId === null || person.managerId === person.id || !inScope.has(person.managerId);
    if (!isTop) continue;
    const quota = teamQuotaSource(person.id, directReportsOf, quotas);
    if (quota !== null) quotaMinor = (quotaMinor ?? 0) + quota.quotaMinor;
  }
  return quotaMinor;
}
