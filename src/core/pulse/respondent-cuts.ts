// The cuts kept with a new anonymous response: the respondent's team, and for sales roles the
// band of their current-quarter quota attainment — computed by the same rules as `/quota`.
import { buildOrgChart, reportsUnder } from "../org-chart.js";
import { localDateOf } from "../periods.js";
import type { Person, SalesData, TenantProfile } from "../sales-data.js";
import { currentQuarterAttainment } from "../use-cases/person-quota.js";
import { attainmentBand, type AttainmentBand } from "./anonymise-answer.js";

export interface RespondentCutsOptions {
  data: SalesData;
  tenant: TenantProfile;
  /** The respondent, and everyone in the organisation (for a manager's reports). */
  person: Person;
  people: readonly Person[];
  now: Date;
}

/** Whether a band is kept with this person's answers: reps and managers carry a quota. */
export function keepsAttainmentBand(person: Pick<Person, "role">): boolean {
  return person.role === "rep" || person.role === "manager";
}

/** The team and (sales roles with a non-zero quota only) the attainment band; nothing else. */
export async function respondentCuts(options: RespondentCutsOptions): Promise<{ teamId: string | null; attainmentBand: AttainmentBand | null }> {
  const { data, tenant, person, people, now } = options;
  if (!keepsAttainmentBand(person)) return { teamId: person.teamId, attainmentBand: null };
  // The org chart only when someone reports to them: most respondents are reps.
  const reports = people.some((candidate) => candidate.managerId === person.id) ? reportsUnder(buildOrgChart(people), person.id) : [];
  const attainment = await currentQuarterAttainment({ data, tenant, person, reports, today: localDateOf(now, person.timeZone) });
  return { teamId: person.teamId, attainmentBand: attainmentBand(attainment) };
}
