import { effectiveQuota } from "../quota.js";
import { rollUpMembers, type PersonForecast } from "../forecast.js";
import type { OwnerGroups } from "../sales-data.js";
import type { Period } from "../period-spec.js";
import type { Person } from "../sales-data.js";
import type { QuotaRecord } from "../types.js";
import type { QuestionContext } from "./question-context.js";

/** Whose numbers a team answer adds up, and who gets a line of their own. */
export interface TeamScope {
  /** The person at the top; null for the whole organisation (an admin with nobody reporting to them). */
  root: Person | null;
  /** Everyone whose deals and quotas count, the root included. */
  memberIds: string[];
  /** One line each: the root's direct reports, or the top of the organisation. */
  lineIds: string[];
}

/**
 * The team under `root`: their reports, transitively. An admin who manages nobody gets the
 * whole organisation, one line per person at its top. Null when `root` has no reports.
 */
export function teamScope(context: QuestionContext, root: Person): TeamScope | null {
  const { org } = context;
  const direct = org.directReports.get(root.id) ?? [];
  if (direct.length > 0) return { root, memberIds: rollUpMembers(org, root.id), lineIds: [...direct] };
  if (root.role !== "admin" || root.id !== context.asker.id) return null;
  const top = context.people.filter(
    (person) => person.id !== root.id && (person.managerId === null || person.managerId === person.id || !org.byId.has(person.managerId)),
  );
  if (top.length === 0) return null;
  return { root: null, memberIds: context.people.map((person) => person.id), lineIds: top.map((person) => person.id) };
}

/**
 * Summary groups for a team answer: each line's people summed into the line (its head's id),
 * the root's own deals kept as the root's. Rolled up over the org chart, such rows give every
 * line's and the root's team figures exactly, from a few rows per line instead of per person;
 * a line head's own figures are not among them (nothing shows them).
 */
export function lineGroups(context: QuestionContext, scope: TeamScope): OwnerGroups {
  const groups = new Map<string, string>();
  if (scope.root !== null) groups.set(scope.root.id, scope.root.id);
  for (const lineId of scope.lineIds) {
    for (const id of rollUpMembers(context.org, lineId)) if (!groups.has(id)) groups.set(id, lineId);
  }
  return groups;
}

/** Summary groups that add a whole team into one (totals only). */
export function wholeTeamGroup(scope: TeamScope): OwnerGroups {
  const groupId = scope.root?.id ?? "team";
  return new Map(scope.memberIds.map((id) => [id, groupId]));
}

/** Effective quota (ramp and pro-ration applied) per employee id, minor units; `people` by id gives start dates. */
export function effectiveQuotas(
  people: ReadonlyMap<string, Pick<Person, "startDate">>,
  records: readonly QuotaRecord[],
  period: Period,
): Map<string, number> {
  const quotas = new Map<string, number>();
  for (const record of records) {
    const person = people.get(record.employeeId);
    const quota = effectiveQuota(record, period, person?.startDate ?? null);
    quotas.set(record.employeeId, quota.effectiveQuotaMinor);
  }
  return quotas;
}

/**
 * A team's quota: the sum of the quotas of the people who carry deals below it. A manager's
 * own quota record is not added on top (it normally restates their team's); someone with no
 * reports counts with their own quota. Null when nobody in the team has a quota.
 */
export function teamQuotaOf(
  id: string,
  rollUp: ReadonlyMap<string, PersonForecast>,
  quotas: ReadonlyMap<string, number>,
): number | null {
  const reports = rollUp.get(id)?.directReportIds ?? [];
  if (reports.length === 0) return quotas.get(id) ?? null;
  let total: number | null = null;
  for (const report of reports) {
    const quota = teamQuotaOf(report, rollUp, quotas);
    if (quota !== null) total = (total ?? 0) + quota;
  }
  return total;
}
