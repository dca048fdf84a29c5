// The admin form for creating or editing a survey (Slack's modal; any form-based platform):
// what it offers (templates, teams, managers, cadences) with the current values, and what its
// submission means — turned into `createPulseSurvey` / `editPulseSurvey`, so that the form and
// the CLI share every rule and message.
import { AppError } from "../errors.js";
import type { Locale } from "../i18n/locale.js";
import { parseCronExpression } from "../schedules/parse-cron-expression.js";
import type { ScheduleSpec } from "../schedules/schedule-spec.js";
import {
  createPulseSurvey,
  DEFAULT_OPEN_DAYS,
  describeAudience,
  editPulseSurvey,
  findSurvey,
  requirePulseAdmin,
  type AudienceChoice,
  type PulseAdminOptions,
  type SurveyChangeResult,
  type SurveyOverview,
} from "./manage-pulse-surveys.js";
import { MAX_OPEN_DAYS, MIN_OPEN_DAYS } from "./plan-survey-round.js";
import { pulseText } from "./pulse-texts.js";
import type { AudienceSpec } from "./resolve-audience.js";
import { surveyTemplates } from "./survey-templates.js";

export type Cadence = "weekly" | "fortnightly" | "monthly" | "quarterly";

/** What the form holds. `audience` is "everyone", "team:<id>", "reports:<id>" or "keep" (an audience the form cannot show, kept). */
export interface PulseFormValues {
  /** A template id, or "keep" (edit: the current questions). */
  readonly template: string;
  readonly name: string;
  readonly audience: string;
  /** A cadence, or "keep" (edit: a schedule the form cannot show, e.g. a cron, kept). */
  readonly cadence: Cadence | "keep";
  /** ISO weekday 1 (Monday) … 7 (Sunday). */
  readonly weekday: number;
  /** "HH:MM", local. */
  readonly time: string;
  readonly openDays: number;
}

export interface PulseAdminForm {
  readonly mode: "new" | "edit";
  /** The survey being edited. */
  readonly surveyId: string | null;
  readonly surveyName: string | null;
  readonly templates: ReadonlyArray<{ id: string; title: string }>;
  readonly teams: ReadonlyArray<{ id: string; name: string }>;
  readonly managers: ReadonlyArray<{ id: string; name: string }>;
  /** The current schedule in words, when the form cannot show it (offered as "keep"). */
  readonly customWhen: string | null;
  /** The current audience in words, when the form cannot show it (offered as "keep"). */
  readonly customAudience: string | null;
  readonly values: PulseFormValues;
}

const DEFAULT_VALUES: PulseFormValues = {
  template: "enps",
  name: "",
  audience: "everyone",
  cadence: "monthly",
  weekday: 1,
  time: "09:00",
  openDays: DEFAULT_OPEN_DAYS,
};

const pad = (value: number): string => String(value).padStart(2, "0");

/** The form's reading of a stored schedule, or null when only a cron can say it. */
export function cadenceOf(spec: ScheduleSpec): { cadence: Cadence; weekday: number; time: string } | null {
  const plan = parseCronExpression(spec.cron);
  if (plan.hours.length !== 1 || plan.minutes.length !== 1) return null;
  const time = `${pad(plan.hours[0]!)}:${pad(plan.minutes[0]!)}`;
  const [, , dayOfMonth, month, dayOfWeek] = plan.fields;
  const weekday = /^[0-6]$/.test(dayOfWeek) ? Number(dayOfWeek) || 7 : null;
  if (dayOfMonth === "*" && month === "*" && weekday !== null && spec.everyWeeks === 1) return { cadence: "weekly", weekday, time };
  if (dayOfMonth === "*" && month === "*" && weekday !== null && spec.everyWeeks === 2) return { cadence: "fortnightly", weekday, time };
  const first = /^([0-6])#1$/.exec(dayOfWeek);
  if (dayOfMonth === "*" && month === "*" && first && spec.everyWeeks === 1) return { cadence: "monthly", weekday: Number(first[1]) || 7, time };
  if (dayOfMonth === "1" && month === "1,4,7,10" && dayOfWeek === "*") return { cadence: "quarterly", weekday: 1, time };
  return null;
}

const WEEKDAY_WORDS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The schedule preset a cadence means (the words `parseScheduleSpec` reads). */
export function presetOf(cadence: Cadence, weekday: number, time: string): string {
  const day = WEEKDAY_WORDS[weekday - 1] ?? "Mon";
  switch (cadence) {
    case "weekly":
      return `weekly ${day} ${time}`;
    case "fortnightly":
      return `every 2 weeks ${day} ${time}`;
    case "monthly":
      return `monthly on the first ${day} ${time}`;
    case "quarterly":
      return `quarterly on day 1 ${time}`;
  }
}

function audienceValue(audience: AudienceSpec): string | null {
  if (audience.kind === "everyone") return "everyone";
  if (audience.kind === "teams" && audience.teamIds.length === 1) return `team:${audience.teamIds[0]}`;
  if (audience.kind === "reports") return `reports:${audience.managerId}`;
  return null;
}

/** The form to create a survey, or to edit the one named; admins only. */
export async function preparePulseAdminForm(options: PulseAdminOptions & { surveyName?: string }): Promise<PulseAdminForm> {
  const { people } = await requirePulseAdmin(options);
  const { store, tenantId, locale } = options;
  const storedTeams = await store.teams(tenantId);
  const teams = storedTeams.map((team) => ({ id: team.id, name: team.name }));
  const managers = people.filter((person) => person.active && person.role === "manager").map((person) => ({ id: person.id, name: person.name }));
  const templates = surveyTemplates().map((template) => ({ id: template.id, title: template.title[locale] }));
  if (options.surveyName === undefined) {
    return { mode: "new", surveyId: null, surveyName: null, templates, teams, managers, customWhen: null, customAudience: null, values: DEFAULT_VALUES };
  }
  const survey = findSurvey(await store.surveys(tenantId), options.surveyName, locale);
  const cadence = cadenceOf(survey.spec);
  const audience = audienceValue(survey.audience);
  return {
    mode: "edit",
    surveyId: survey.id,
    surveyName: survey.name,
    templates,
    teams,
    managers,
    customWhen: cadence === null ? (survey.spec.preset ?? survey.spec.cron) : null,
    customAudience: audience === null ? describeAudience(survey.audience, people, storedTeams, locale) : null,
    values: {
      template: "keep",
      name: survey.name,
      audience: audience ?? "keep",
      cadence: cadence?.cadence ?? "keep",
      weekday: cadence?.weekday ?? 1,
      time: cadence?.time ?? "09:00",
      openDays: survey.openDays,
    },
  };
}

function audienceChoiceOf(value: string, locale: Locale): AudienceChoice | undefined {
  if (value === "keep") return undefined;
  if (value === "everyone") return { kind: "everyone" };
  const [kind, id] = value.split(":");
  if (kind === "team" && id) return { kind: "teams", teams: [id] };
  if (kind === "reports" && id) return { kind: "reports", manager: id };
  throw new AppError("invalid_input", pulseText(locale, "admin.error.emptyAudience"), { field: "audience" });
}

export interface SubmitPulseAdminFormOptions extends PulseAdminOptions {
  readonly mode: "new" | "edit";
  /** The survey being edited (by id: a rename in the same form must not lose it). */
  readonly surveyId: string | null;
  readonly values: PulseFormValues;
}

/**
 * Saves the form: creates the survey, or edits it. Refusals are thrown as `invalid_input`
 * whose `params.field` names the form field at fault (name, template, audience, when, openDays…).
 */
export async function submitPulseAdminForm(options: SubmitPulseAdminFormOptions): Promise<{ survey: SurveyOverview; changed?: SurveyChangeResult["changed"] }> {
  const { values, locale } = options;
  if (!Number.isInteger(values.openDays) || values.openDays < MIN_OPEN_DAYS || values.openDays > MAX_OPEN_DAYS) {
    throw new AppError("invalid_input", pulseText(locale, "admin.modal.badOpenDays", { min: MIN_OPEN_DAYS, max: MAX_OPEN_DAYS }), { field: "openDays" });
  }
  const audience = audienceChoiceOf(values.audience, locale);
  const when = values.cadence === "keep" ? undefined : presetOf(values.cadence, values.weekday, values.time);
  const template = values.template === "keep" ? undefined : values.template;
  if (options.mode === "new") {
    if (template === undefined) throw new AppError("invalid_input", pulseText(locale, "admin.error.unknownTemplate", { template: "", templates: surveyTemplates().map((entry) => entry.id) }), { field: "template" });
    const survey = await createPulseSurvey({ ...options, name: values.name, template, ...(audience ? { audience } : {}), ...(when ? { when } : {}), openDays: values.openDays });
    return { survey };
  }
  const current = (await options.store.surveys(options.tenantId)).find((survey) => survey.id === options.surveyId);
  if (!current) throw findSurvey([], values.name, locale);
  const result = await editPulseSurvey({
    ...options,
    name: current.name,
    rename: values.name,
    ...(template ? { template } : {}),
    ...(audience ? { audience } : {}),
    ...(when ? { when } : {}),
    openDays: values.openDays,
  });
  return { survey: result.survey, changed: result.changed };
}
