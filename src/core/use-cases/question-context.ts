import { AppError } from "../errors.js";
import type { Locale } from "../i18n/locale.js";
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
 * The reply language: the question's own language when it was clearly written in one (a person
 * who writes Malay gets Malay), else the locale the adapter resolved. "Clearly" means the
 * grammar recognised the language AND the question has at least two words: one word ("team",
 * "pipeline") is shared vocabulary at Malaysian workplaces and says nothing about the language.
 */
export function replyLocale(locale: Locale, questionLanguage: Locale | undefined, text: string): Locale {
  if (questionLanguage === undefined || questionLanguage === locale) return locale;
  const words = text.replace(/<[^>]*>|@[\p{L}\p{N}._-]+/gu, " ").match(/\p{L}{2,}/gu) ?? [];
  return words.length >= 2 ? questionLanguage : locale;
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

/** The period asked about, or the current fiscal quarter, in the tenant's fiscal calendar. */
export function periodFor(context: QuestionContext, spec: PeriodSpec | undefined): Period {
  const startMonth = context.tenant.fiscalYearStartMonth;
  return spec === undefined ? currentQuarter(context.today, startMonth) : resolvePeriod(spec, context.today, startMonth);
}

/** Whether the person leads people: managers and admins (the roles that may ask for team numbers). */
export function leadsPeople(person: Person): boolean {
  return person.role === "manager" || person.role === "admin";
}
