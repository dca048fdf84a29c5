import { quotaForPeriod } from "../quota.js";
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

/**
 * Each person's quota for the period by THE QUOTA RULE (`quotaForPeriod`: their rows overlapping
 * the period, a partly overlapping row pro-rated by working days less `holidaysOf` them), minor
 * units, for the people in `people` who have a row. No start-date pro-ration (rule 1).
 */
export function effectiveQuotas(
  people: ReadonlyMap<string, unknown>,
  records: readonly QuotaRecord[],
  period: Pick<Period, "start" | "end">,
  holidaysOf: (employeeId: string) => readonly string[] = () => [],
): Map<string, number> {
  const byPerson = new Map<string, QuotaRecord[]>();
  for (const record of records) {
    if (!people.has(record.employeeId)) continue;
    const list = byPerson.get(record.employeeId);
    if (list) list.push(record);
    else byPerson.set(record.employeeId, [record]);
  }
  const quotas = new Map<string, number>();
  for (const [id, rows] of byPerson) {
    const quota = quotaForPeriod(rows, period, holidaysOf(id));
    if (quota.rows.length > 0) quotas.set(id, quota.quotaMinor);
  }
  return quotas;
}

/** A team's quota and where it comes from: the head's own rows, or (without any) the sum of their reports'. */
export interface TeamQuota {
  quotaMinor: number;
  source: "own" | "reports";
}

/**
 * THE QUOTA RULE 3-4 for a person heading a team: their OWN quota (never the sum of their
 * reports'); only when they have no quota row of their own, the sum of their direct reports'
 * team quotas (by this same rule, recursively), labelled as such. Null when nobody has one.
 * `directReportsOf` gives a person's direct reports (a roll-up or the org chart).
 */
export function teamQuotaSource(
  id: string,
  directReportsOf: (id: string) => readonly string[],
  quotas: ReadonlyMap<string, number>,
): TeamQuota | null {
  const own = quotas.get(id);
  if (own !== undefined) return { quotaMinor: own, source: "own" };
  const sum = reportsQuotaSum(id, directReportsOf, quotas);
  return sum === null ? null : { quotaMinor: sum, source: "reports" };
}

/**
 * Σ of the direct reports' quotas of `id` (each by `teamQuotaSource`): what "your reports'
 * quotas add up to" shows beside a manager's own number. Null when none of them has one.
 */
export function reportsQuotaSum(
  id: string,
  directReportsOf: (id: string) => readonly string[],
  quotas: ReadonlyMap<string, number>,
): number | null {
  let total: number | null = null;
  for (const report of directReportsOf(id)) {
    if (report === id) continue;
    const quota = teamQuotaSource(report, directReportsOf, quotas);
    if (quota !== null) total = (total ?? 0) + quota.quotaMinor;
  }
  return total;
}

/** `teamQuotaSource`'s figure, reading direct reports off a roll-up. */
export function teamQuotaOf(
  id: string,
  rollUp: ReadonlyMap<string, PersonForecast>,
  quotas: ReadonlyMap<string, number>,
): number | null {
  return teamQuotaSource(id, (person) => rollUp.get(person)?.directReportIds ?? [], quotas)?.quotaMinor ?? null;
}
