import { AppError } from "../errors.js";
import type { Locale } from "../i18n/locale.js";
import { clearLanguageOf } from "../questions/question-text.js";
import { buildOrgChart, type OrgChart } from "../org-chart.js";
import type { Period, PeriodSpec } from "../period-spec.js";
import { currentQuarter, localDateOf, resolvePeriod } from "../periods.js";
import type { Person, SalesData, TenantProfile } from "../sales-data.js";

/** What every chat question hands a use case; Slack, Teams and the CLI build the same thing. */
export interface AskQuestionOptions {
  data: SalesData;
  tenantId: string;
  /** The asker, already resolved from the chat identity. */
  employeeId: string;
  /** The reply language the adapter chose (platform locale, else the tenant's default). */
  locale: Locale;
  /** What the person typed after the command. */
  text: string;
  /** The instant of the question (UTC); the only clock a use case reads. */
  now: Date;
  /** How the person invokes the command ("/quota" in Slack, "quota" in Teams); for help texts. */
  command?: string;
}

/** The org, the asker and their local date, loaded once per question. */
export interface QuestionContext {
  data: SalesData;
  tenantId: string;
  tenant: TenantProfile;
  people: readonly Person[];
  byId: ReadonlyMap<string, Person>;
  org: OrgChart;
  asker: Person;
  /** The asker's local calendar date (ISO). */
  today: string;
  now: Date;
  locale: Locale;
  command: string;
}

/**
 * The reply language, one rule for every command: the person's own locale, unless the whole
 * question is clearly written in the other language (`clearLanguageOf`: its words of that
 * language outnumber the others' at least two to one), one-word commands included — an English
 * user's `/quota kedudukan` or `/forecast pasukan` is answered in Malay, a Malay user's
 * `/quota leaderboard` in English. Words both languages use at Malaysian workplaces ("team",
 * "pipeline", "deal", "forecast") and neutral ones ("Q3", "50k", "@maria") say nothing, so
 * `/forecast team` or `/quota Q3` keeps the person's locale.
 */
export function replyLocale(locale: Locale, text: string): Locale {
  return clearLanguageOf(text) ?? locale;
}

export async function loadQuestionContext(options: AskQuestionOptions, locale: Locale, command: string): Promise<QuestionContext> {
  const { data, tenantId, employeeId, now } = options;
  const [tenant, people] = await Promise.all([data.tenant(tenantId), data.people(tenantId)]);
  const asker = people.find((person) => person.id === employeeId);
  if (!asker || !asker.active) {
    throw new AppError("not_in_organisation", "You are not in this organisation's sales team data yet.");
  }
  const byId = new Map(people.map((person) => [person.id, person]));
  return {
    data,
    tenantId,
    tenant,
    people,
    byId,
    org: buildOrgChart(people),
    asker,
    today: localDateOf(now, asker.timeZone),
    now,
    locale,
    command,
  };
}

/**
 * The period asked about, or the current fiscal quarter, in the tenant's fiscal calendar. A bare
 * quarter, half or month ("Q1", "H2", "March": no year named) means the one of the fiscal year
 * containing the asker's today, even when it has ended: `/quota Q1` asked in December 2026 (a
 * January fiscal year) is Q1 FY2026, January–March 2026. Forecast calls follow `periodForCall`.
 */
export function periodFor(context: QuestionContext, spec: PeriodSpec | undefined): Period {
  const startMonth = context.tenant.fiscalYearStartMonth;
  return spec === undefined ? currentQuarter(context.today, startMonth) : resolvePeriod(spec, context.today, startMonth);
}

/**
 * The period a forecast call is for. A call is always about the present or the future, so a bare
 * quarter, half or month means its next occurrence that has not ended: `/forecast submit commit
 * 120k Q1` in December 2026 (a January fiscal year) is for Q1 FY2027, January–March 2027; in May
 * 2026, Q1 (ended in March) also means Q1 FY2027, while Q3 means Q3 FY2026. A period named with
 * its year is taken as named (and refused by the caller when it has ended).
 */
export function periodForCall(context: QuestionContext, spec: PeriodSpec | undefined): Period {
  const period = periodFor(context, spec);
  if (spec === undefined || period.end >= context.today) return period;
  const startMonth = context.tenant.fiscalYearStartMonth;
  switch (spec.kind) {
    case "quarter":
    case "half":
      return spec.fiscalYear === undefined ? resolvePeriod({ ...spec, fiscalYear: period.fiscalYear + 1 }, context.today, startMonth) : period;
    case "month":
      return spec.calendarYear === undefined
        ? resolvePeriod({ ...spec, calendarYear: Number(period.start.slice(0, 4)) + 1 }, context.today, startMonth)
        : period;
    default:
      return period;
  }
}

/** Whether the person leads people: managers and admins (the roles that may ask for team numbers). */
export function leadsPeople(person: Person): boolean {
  return person.role === "manager" || person.role === "admin";
}
