// Sales-ops admins create, edit, pause, resume, list and start pulse surveys; anyone opts out
// of them or back in; admins record absences. Shared by `/pulse …` and its modal in Slack and by
// `npm run cli -- pulse …`: the verbs take plain options and return plain data, and refusals
// and bad input are thrown as AppError with a message in the asker's language.
import { dateOfEpochDay, epochDayOf } from "../dates.js";
import { AppError, isAppError } from "../errors.js";
import type { Locale } from "../i18n/locale.js";
import { canonicalTimeZone } from "../schedules/assert-time-zone.js";
import { nextOccurrence } from "../schedules/list-occurrences.js";
import { parseScheduleSpec } from "../schedules/parse-schedule-spec.js";
import { localEpochDayOf } from "../schedules/resolve-wall-time.js";
import type { ScheduleSpec } from "../schedules/schedule-spec.js";
import { byName, foldName } from "../use-cases/reply-parts.js";
import { openSurveyRound } from "./open-survey-round.js";
import type { ReminderSettings } from "./plan-round-reminders.js";
import { MAX_OPEN_DAYS, MIN_OPEN_DAYS } from "./plan-survey-round.js";
import type { PulseStore, PulseTeam, PulseTenant, StoredRound, StoredSurvey, SurveyChanges } from "./pulse-store.js";
import { pulseText } from "./pulse-texts.js";
import type { AudienceSpec, PulsePerson } from "./resolve-audience.js";
import type { SurveyDefinition } from "./survey-definition.js";
import { surveyFromTemplate, surveyTemplates, type SurveyTemplateId } from "./survey-templates.js";
import { validateSurvey } from "./validate-survey.js";

export const MAX_SURVEY_NAME_LENGTH = 80;
/** A new survey runs monthly unless told otherwise. */
export const DEFAULT_PULSE_WHEN = "monthly on the first Monday 09:00";
export const DEFAULT_OPEN_DAYS = 3;
export const DEFAULT_REMINDERS: ReminderSettings = { remindAfterDays: 2, remindOnLastDay: true, maxReminders: 2 };
/** Reminders an admin may ask for: at most two (after N days, and on the last day). */
export const MAX_REMINDERS = 2;

/**
 * The built-in templates are named `enps`, `sales` and `weekly` everywhere (their ids, /pulse
 * help, the CLI, the form, the README). Admins may also type their titles, or these older or
 * longer spellings, which name the same three.
 */
const TEMPLATE_ALIASES: Readonly<Record<string, SurveyTemplateId>> = {
  "enps-pulse": "enps",
  "enps pulse": "enps",
  "sales-team-pulse": "sales",
  "sales team": "sales",
  "sales pulse": "sales",
  "weekly-check-in": "weekly",
  "check-in": "weekly",
  checkin: "weekly",
  "check in": "weekly",
};

export interface PulseAdminOptions {
  readonly store: PulseStore;
  readonly tenantId: string;
  /** Who is acting. */
  readonly employeeId: string;
  /** Language of messages (refusals included). */
  readonly locale: Locale;
  /** UTC. */
  readonly now: Date;
  /** How the admin types commands, for hints: "/pulse" (default) or "npm run cli -- pulse". */
  readonly command?: string;
}

/** Who a survey is for, as an admin names it: teams by name, people by e-mail (or ids). */
export type AudienceChoice =
  | { readonly kind: "everyone" }
  | { readonly kind: "teams"; readonly teams: readonly string[] }
  | { readonly kind: "reports"; readonly manager: string }
  | { readonly kind: "list"; readonly people: readonly string[] };

export interface SurveySettingsInput {
  readonly audience?: AudienceChoice;
  /** A preset ("weekly Mon 09:00", "every 2 weeks Mon 09:00", "monthly on the first Monday 09:00", "quarterly on day 1 09:00") or cron. */
  readonly when?: string;
  /** IANA zone whose calendar decides a round's date; the organisation's by default. */
  readonly timeZone?: string;
  readonly openDays?: number;
  readonly remindAfterDays?: number;
  readonly remindOnLastDay?: boolean;
  readonly maxReminders?: number;
  /** E-mail or id of the owner (sees results, gets the closing post); the admin by default. */
  readonly owner?: string;
  /** A channel id or a team's name for the closing post; null: a DM to the owner. */
  readonly resultsChannel?: string | null;
}

export interface CreatePulseSurveyOptions extends PulseAdminOptions, SurveySettingsInput {
  readonly name: string;
  /** A template id, alias ("enps") or title; or `definition`. */
  readonly template?: string;
  /** The admin's own survey (checked by `validateSurvey`). */
  readonly definition?: unknown;
  readonly paused?: boolean;
}

export interface EditPulseSurveyOptions extends PulseAdminOptions, SurveySettingsInput {
  readonly name: string;
  readonly rename?: string;
  /** New questions (checked by `validateSurvey`); open rounds keep theirs. */
  readonly definition?: unknown;
  /** New questions from a template. */
  readonly template?: string;
}

export interface NamedSurveyOptions extends PulseAdminOptions {
  readonly name: string;
}

export type SurveyField = "name" | "questions" | "audience" | "when" | "timeZone" | "openDays" | "reminders" | "owner" | "resultsChannel";

/** A survey as an admin sees it. Instants are UTC. */
export interface SurveyOverview {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly templateId: string | null;
  readonly status: StoredSurvey["status"];
  readonly questionCount: number;
  readonly audience: AudienceSpec;
  /** The audience in words (team and people names). */
  readonly audienceText: string;
  readonly spec: ScheduleSpec;
  readonly timeZone: string;
  readonly openDays: number;
  readonly reminders: ReminderSettings;
  readonly ownerName: string;
  readonly resultsChannel: string | null;
  /** The local date the next scheduled round opens; null when paused or never. */
  readonly nextOpensOn: string | null;
  readonly lastRound: StoredRound | null;
}

export interface SurveyChangeResult {
  readonly survey: SurveyOverview;
  readonly changed: readonly SurveyField[];
}

export interface SurveyStatusResult {
  readonly survey: SurveyOverview;
  /** False when it already was so. */
  readonly changed: boolean;
}

export interface StartedRound {
  readonly survey: SurveyOverview;
  /** Whether `/pulse start <template>` created the survey first. */
  readonly createdFromTemplate: boolean;
  readonly number: number;
  readonly invited: number;
  readonly closesAt: Date;
  /** Names of people the audience names who have no Slack account linked (not invited). */
  readonly unreachable: readonly string[];
  readonly optedOut: number;
  readonly outOfOffice: number;
}

function invalid(field: string, message: string): AppError {
  return new AppError("invalid_input", message, { field });
}


/** By name as people read it (case- and accent-insensitive), whatever the database's collation. */

export async function requirePulseAdmin(options: PulseAdminOptions): Promise<{ tenant: PulseTenant; people: PulsePerson[] }> {
  const [tenant, people] = await Promise.all([options.store.tenant(options.tenantId), options.store.people(options.tenantId)]);
  if (!tenant) throw new AppError("not_in_organisation", "This organisation no longer exists.");
  const actor = people.find((person) => person.id === options.employeeId);
  if (!actor || !actor.active || actor.role !== "admin") {
    throw new AppError("forbidden", pulseText(options.locale, "admin.error.adminsOnly"), { explained: 1 });
  }
  return { tenant, people };
}

function commandOf(options: PulseAdminOptions): string {
  return options.command ?? "/pulse";
}

function checkedName(raw: string, locale: Locale): string {
  const name = raw.trim().replace(/\s+/g, " ");
  if (name === "") throw invalid("name", pulseText(locale, "admin.error.missingName"));
  if (name.length > MAX_SURVEY_NAME_LENGTH) throw invalid("name", pulseText(locale, "admin.error.nameTooLong", { maxChars: MAX_SURVEY_NAME_LENGTH }));
  return name;
}

function checkedTimeZone(timeZone: string, locale: Locale): string {
  const zone = canonicalTimeZone(timeZone);
  if (zone === null) throw invalid("timeZone", pulseText(locale, "admin.error.badTimeZone", { timeZone }));
  return zone;
}

/** "Every N weeks" counts from the Monday of the week `now` falls in, in the survey's zone. */
function specOf(when: string, timeZone: string, now: Date, locale: Locale): ScheduleSpec {
  const today = dateOfEpochDay(localEpochDayOf(timeZone, now.getTime()));
  try {
    return parseScheduleSpec(when, { anchorDate: today });
  } catch (error) {
    if (!isAppError(error) || error.code !== "invalid_input") throw error;
    throw invalid("when", pulseText(locale, "admin.error.badWhen", { when, reason: error.message }));
  }
}

function checkedOpenDays(value: number, locale: Locale): number {
  if (!Number.isInteger(value) || value < MIN_OPEN_DAYS || value > MAX_OPEN_DAYS) {
    throw invalid("openDays", pulseText(locale, "admin.error.badOpenDays", { value: String(value), min: MIN_OPEN_DAYS, max: MAX_OPEN_DAYS }));
  }
  return value;
}

function checkedReminders(current: ReminderSettings, input: SurveySettingsInput, locale: Locale): ReminderSettings {
  const settings = {
    remindAfterDays: input.remindAfterDays ?? current.remindAfterDays,
    remindOnLastDay: input.remindOnLastDay ?? current.remindOnLastDay,
    maxReminders: input.maxReminders ?? current.maxReminders,
  };
  if (!Number.isInteger(settings.maxReminders) || settings.maxReminders < 0 || settings.maxReminders > MAX_REMINDERS) {
    throw invalid("maxReminders", pulseText(locale, "admin.error.badMaxReminders", { value: String(settings.maxReminders), max: MAX_REMINDERS }));
  }
  // A first reminder falling after the round closes is simply never sent (see reminderSlots).
  if (!Number.isInteger(settings.remindAfterDays) || settings.remindAfterDays < 1 || settings.remindAfterDays >= MAX_OPEN_DAYS) {
    throw invalid("remindAfterDays", pulseText(locale, "admin.error.badRemindAfterDays", { value: String(settings.remindAfterDays), openDays: MAX_OPEN_DAYS }));
  }
  return settings;
}

/** The template an admin means ("enps", "enps", "eNPS pulse", "Tinjauan eNPS"), or undefined. */
export function findTemplateId(typed: string): SurveyTemplateId | undefined {
  const folded = foldName(typed);
  const alias = TEMPLATE_ALIASES[folded];
  if (alias) return alias;
  return surveyTemplates().find(
    (template) => template.id === folded || foldName(template.title.en) === folded || foldName(template.title.ms) === folded,
  )?.id;
}

function templateNames(): string[] {
  return surveyTemplates().map((template) => template.id);
}

function definitionFrom(options: { template?: string; definition?: unknown }, locale: Locale): { definition: SurveyDefinition; templateId: string | null } {
  if (options.template !== undefined && options.definition !== undefined) {
    throw invalid("template", pulseText(locale, "admin.error.templateAndDefinition"));
  }
  if (options.template !== undefined) {
    const id = findTemplateId(options.template);
    if (!id) throw invalid("template", pulseText(locale, "admin.error.unknownTemplate", { template: options.template, templates: templateNames() }));
    return { definition: surveyFromTemplate(id, locale), templateId: id };
  }
  try {
    return { definition: validateSurvey(options.definition), templateId: null };
  } catch (error) {
    if (!isAppError(error) || error.code !== "invalid_input") throw error;
    throw invalid("definition", pulseText(locale, "admin.error.badDefinition", { reason: error.message }));
  }
}

function findPerson(people: readonly PulsePerson[], who: string, locale: Locale): PulsePerson {
  const wanted = who.trim().toLowerCase();
  const person = people.find((candidate) => candidate.id === wanted || candidate.email === wanted);
  if (!person) throw invalid("person", pulseText(locale, "admin.error.unknownPerson", { who }));
  return person;
}

function findTeam(teams: readonly PulseTeam[], name: string, locale: Locale): PulseTeam {
  const team = teams.find((candidate) => candidate.id === name || foldName(candidate.name) === foldName(name));
  if (!team) throw invalid("team", pulseText(locale, "admin.error.unknownTeam", { team: name, names: [...teams].sort(byName).map((candidate) => candidate.name) }));
  return team;
}

function audienceOf(choice: AudienceChoice, people: readonly PulsePerson[], teams: readonly PulseTeam[], locale: Locale): AudienceSpec {
  switch (choice.kind) {
    case "everyone":
      return { kind: "everyone" };
    case "teams":
      if (choice.teams.length === 0) throw invalid("audience", pulseText(locale, "admin.error.emptyAudience"));
      return { kind: "teams", teamIds: [...new Set(choice.teams.map((name) => findTeam(teams, name, locale).id))] };
    case "reports":
      return { kind: "reports", managerId: findPerson(people, choice.manager, locale).id };
    case "list":
      if (choice.people.length === 0) throw invalid("audience", pulseText(locale, "admin.error.emptyAudience"));
      return { kind: "list", employeeIds: [...new Set(choice.people.map((who) => findPerson(people, who, locale).id))] };
  }
}

function resultsChannelOf(value: string | null, teams: readonly PulseTeam[], locale: Locale): string | null {
  if (value === null || value.trim() === "") return null;
  const trimmed = value.trim().replace(/^#/, "");
  if (/^[CG][A-Z0-9]{6,}$/.test(trimmed)) return trimmed;
  const team = findTeam(teams, trimmed, locale);
  if (team.channelId === null) throw invalid("resultsChannel", pulseText(locale, "admin.error.teamWithoutChannel", { team: team.name }));
  return team.channelId;
}

/** The audience in words, in the reader's language. */
export function describeAudience(audience: AudienceSpec, people: readonly PulsePerson[], teams: readonly PulseTeam[], locale: Locale): string {
  switch (audience.kind) {
    case "everyone":
      return pulseText(locale, "admin.audience.everyone");
    case "teams":
      return pulseText(locale, "admin.audience.teams", {
        names: audience.teamIds.map((id) => teams.find((team) => team.id === id)?.name ?? pulseText(locale, "admin.audience.missing")),
      });
    case "reports":
      return pulseText(locale, "admin.audience.reports", {
        name: people.find((person) => person.id === audience.managerId)?.name ?? pulseText(locale, "admin.audience.missing"),
      });
    case "list":
      return pulseText(locale, "admin.audience.list", { count: audience.employeeIds.length });
  }
}

/** When rounds are counted from: creation, or the last edit, pause or resume. */
export function countFromOf(survey: Pick<StoredSurvey, "createdAt" | "updatedAt">): Date {
  return survey.updatedAt.getTime() > survey.createdAt.getTime() ? survey.updatedAt : survey.createdAt;
}

/** The local date of the next scheduled round after `now` (in the survey's zone), or null. */
export function nextOpensOn(survey: StoredSurvey, lastRound: StoredRound | null, now: Date): string | null {
  if (survey.status !== "active") return null;
  const anchor = survey.spec.anchorDate ? { anchorDate: survey.spec.anchorDate } : {};
  let after = now;
  for (let attempts = 0; attempts < 3; attempts += 1) {
    const next = nextOccurrence(survey.spec, survey.timeZone, after, anchor);
    if (next === null) return null;
    const opensOn = dateOfEpochDay(localEpochDayOf(survey.timeZone, next.getTime()));
    if (lastRound === null || opensOn > lastRound.opensOn) return opensOn;
    after = next;
  }
  return null;
}

async function overviewOf(
  store: PulseStore,
  survey: StoredSurvey,
  people: readonly PulsePerson[],
  teams: readonly PulseTeam[],
  locale: Locale,
  now: Date,
): Promise<SurveyOverview> {
  const [lastRound] = await store.rounds(survey.id, 1);
  return {
    id: survey.id,
    name: survey.name,
    title: survey.definition.title[locale] ?? survey.definition.title.en ?? survey.definition.title.ms ?? survey.name,
    templateId: survey.templateId,
    status: survey.status,
    questionCount: survey.definition.questions.length,
    audience: survey.audience,
    audienceText: describeAudience(survey.audience, people, teams, locale),
    spec: survey.spec,
    timeZone: survey.timeZone,
    openDays: survey.openDays,
    reminders: survey.reminders,
    ownerName: people.find((person) => person.id === survey.ownerId)?.name ?? "?",
    resultsChannel: survey.resultsChannel,
    nextOpensOn: nextOpensOn(survey, lastRound ?? null, now),
    lastRound: lastRound ?? null,
  };
}

/** The survey an admin names (case- and accent-insensitive), or a refusal listing the names. */
export function findSurvey(surveys: readonly StoredSurvey[], name: string, locale: Locale): StoredSurvey {
  const survey = surveys.find((candidate) => foldName(candidate.name) === foldName(name));
  if (!survey) throw invalid("name", pulseText(locale, "admin.error.noSuchSurvey", { name, names: [...surveys].sort(byName).map((candidate) => candidate.name) }));
  return survey;
}

/** Every survey of the tenant, by name, with its last round and the date of its next one. */
export async function listPulseSurveys(options: PulseAdminOptions): Promise<SurveyOverview[]> {
  const { people } = await requirePulseAdmin(options);
  const [surveys, teams] = await Promise.all([options.store.surveys(options.tenantId), options.store.teams(options.tenantId)]);
  return Promise.all([...surveys].sort(byName).map((survey) => overviewOf(options.store, survey, people, teams, options.locale, options.now)));
}

/**
 * Creates a survey from a template or a definition (at most 10 questions: an 11th is refused
 * naming the count), with its audience, schedule, open days and reminders; it runs from `now`.
 */
export async function createPulseSurvey(options: CreatePulseSurveyOptions): Promise<SurveyOverview> {
  const { tenant, people } = await requirePulseAdmin(options);
  const { store, locale, now, tenantId } = options;
  const name = checkedName(options.name, locale);
  const { definition, templateId } = definitionFrom(options, locale);
  const [surveys, teams] = await Promise.all([store.surveys(tenantId), store.teams(tenantId)]);
  const duplicate = () => invalid("name", pulseText(locale, "admin.error.duplicateName", { name }));
  if (surveys.some((survey) => foldName(survey.name) === foldName(name))) throw duplicate();
  const timeZone = checkedTimeZone(options.timeZone ?? tenant.timeZone, locale);
  const openDays = checkedOpenDays(options.openDays ?? DEFAULT_OPEN_DAYS, locale);
  const created = await store.createSurvey(
    tenantId,
    {
      name,
      templateId,
      definition,
      ownerId: options.owner === undefined ? options.employeeId : findPerson(people, options.owner, locale).id,
      resultsChannel: resultsChannelOf(options.resultsChannel ?? null, teams, locale),
      audience: audienceOf(options.audience ?? { kind: "everyone" }, people, teams, locale),
      spec: specOf(options.when ?? DEFAULT_PULSE_WHEN, timeZone, now, locale),
      timeZone,
      openDays,
      reminders: checkedReminders(DEFAULT_REMINDERS, options, locale),
      status: options.paused ? "paused" : "active",
    },
    now,
  );
  if (created === "duplicate") throw duplicate();
  return overviewOf(store, created, people, teams, locale, now);
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Changes a survey's questions, audience, schedule, zone, open days, reminders, owner, results
 * channel or name. Rounds already planned keep their questions, recipients and closing time;
 * the next rounds see the change (a new schedule counts from now). Only what differs is saved.
 */
export async function editPulseSurvey(options: EditPulseSurveyOptions): Promise<SurveyChangeResult> {
  const { people } = await requirePulseAdmin(options);
  const { store, locale, now, tenantId } = options;
  const [surveys, teams] = await Promise.all([store.surveys(tenantId), store.teams(tenantId)]);
  const current = findSurvey(surveys, options.name, locale);
  const changes: { -readonly [K in keyof SurveyChanges]: SurveyChanges[K] } = {};
  const changed: SurveyField[] = [];
  if (options.rename !== undefined) {
    const name = checkedName(options.rename, locale);
    if (name !== current.name) {
      if (surveys.some((survey) => survey.id !== current.id && foldName(survey.name) === foldName(name))) {
        throw invalid("name", pulseText(locale, "admin.error.duplicateName", { name }));
      }
      changes.name = name;
      changed.push("name");
    }
  }
  if (options.definition !== undefined || options.template !== undefined) {
    const { definition } = definitionFrom(options, locale);
    if (!sameJson(definition, current.definition)) {
      changes.definition = definition;
      changed.push("questions");
    }
  }
  if (options.audience !== undefined) {
    const audience = audienceOf(options.audience, people, teams, locale);
    if (!sameJson(audience, current.audience)) {
      changes.audience = audience;
      changed.push("audience");
    }
  }
  const timeZone = options.timeZone === undefined ? current.timeZone : checkedTimeZone(options.timeZone, locale);
  if (timeZone !== current.timeZone) {
    changes.timeZone = timeZone;
    changed.push("timeZone");
  }
  if (options.when !== undefined) {
    const spec = specOf(options.when, timeZone, now, locale);
    if (!sameJson(spec, current.spec)) {
      changes.spec = spec;
      changed.push("when");
    }
  }
  const openDays = options.openDays === undefined ? current.openDays : checkedOpenDays(options.openDays, locale);
  if (openDays !== current.openDays) {
    changes.openDays = openDays;
    changed.push("openDays");
  }
  const reminders = checkedReminders(current.reminders, options, locale);
  if (!sameJson(reminders, current.reminders)) {
    changes.reminders = reminders;
    changed.push("reminders");
  }
  if (options.owner !== undefined) {
    const ownerId = findPerson(people, options.owner, locale).id;
    if (ownerId !== current.ownerId) {
      changes.ownerId = ownerId;
      changed.push("owner");
    }
  }
  if (options.resultsChannel !== undefined) {
    const channel = resultsChannelOf(options.resultsChannel, teams, locale);
    if (channel !== current.resultsChannel) {
      changes.resultsChannel = channel;
      changed.push("resultsChannel");
    }
  }
  if (changed.length === 0) {
    const nothingAsked = [options.rename, options.definition, options.template, options.audience, options.when, options.timeZone, options.openDays, options.remindAfterDays, options.remindOnLastDay, options.maxReminders, options.owner, options.resultsChannel].every((value) => value === undefined);
    if (nothingAsked) throw invalid("change", pulseText(locale, "admin.error.nothingToChange", { command: commandOf(options) }));
    return { survey: await overviewOf(store, current, people, teams, locale, now), changed };
  }
  const updated = await store.updateSurvey(tenantId, current.id, changes, now);
  if (updated === "duplicate") throw invalid("name", pulseText(locale, "admin.error.duplicateName", { name: changes.name ?? current.name }));
  if (updated === null) throw findSurvey([], options.name, locale);
  return { survey: await overviewOf(store, updated, people, teams, locale, now), changed };
}

async function setStatus(options: NamedSurveyOptions, status: StoredSurvey["status"]): Promise<SurveyStatusResult> {
  const { people } = await requirePulseAdmin(options);
  const { store, locale, now, tenantId } = options;
  const [surveys, teams] = await Promise.all([store.surveys(tenantId), store.teams(tenantId)]);
  const current = findSurvey(surveys, options.name, locale);
  // Resuming one that runs would move its count-from to now and drop a round still due.
  if (current.status === status) return { survey: await overviewOf(store, current, people, teams, locale, now), changed: false };
  const updated = await store.updateSurvey(tenantId, current.id, { status }, now);
  if (updated === null || updated === "duplicate") throw findSurvey([], options.name, locale);
  return { survey: await overviewOf(store, updated, people, teams, locale, now), changed: true };
}

/** Pauses a survey: no new round opens until it is resumed (an open round runs to its end). */
export function pausePulseSurvey(options: NamedSurveyOptions): Promise<SurveyStatusResult> {
  return setStatus(options, "paused");
}

/** Resumes a survey from `now` on: rounds it missed while paused are not sent. */
export function resumePulseSurvey(options: NamedSurveyOptions): Promise<SurveyStatusResult> {
  return setStatus(options, "active");
}

/**
 * Opens a round of a survey now, for everyone in its audience at once (the demo, or an
 * unscheduled pulse). `name` is a survey's name, or a template: the tenant's survey made from
 * it, else a new paused survey made from it (so it runs only when started). Refused while a
 * round of the survey is open, or when one already opened today.
 */
export async function startPulseRound(options: NamedSurveyOptions): Promise<StartedRound> {
  const { tenant, people } = await requirePulseAdmin(options);
  const { store, locale, now, tenantId } = options;
  const [surveys, teams] = await Promise.all([store.surveys(tenantId), store.teams(tenantId)]);
  let survey = surveys.find((candidate) => foldName(candidate.name) === foldName(options.name));
  let createdFromTemplate = false;
  if (!survey) {
    const templateId = findTemplateId(options.name);
    if (!templateId) {
      throw invalid(
        "name",
        pulseText(locale, "admin.error.noSurveyOrTemplate", { name: options.name, names: [...surveys].sort(byName).map((candidate) => candidate.name), templates: templateNames() }),
      );
    }
    survey = [...surveys].sort(byName).find((candidate) => candidate.templateId === templateId);
    if (!survey) {
      const template = surveyTemplates().find((candidate) => candidate.id === templateId)!;
      const created = await createPulseSurvey({ ...options, name: template.title[locale], template: templateId, paused: true });
      survey = (await store.surveys(tenantId)).find((candidate) => candidate.id === created.id)!;
      createdFromTemplate = true;
    }
  }
  const [open] = await store.rounds(survey.id, 1);
  if (open && open.status === "open") {
    throw new AppError(
      "conflict",
      pulseText(locale, "admin.error.roundOpen", { name: survey.name, number: open.number, closesAt: open.closesAt.toISOString(), timeZone: survey.timeZone, command: commandOf(options) }),
    );
  }
  const opened = await openSurveyRound({ store, tenant, survey, when: { startNow: true }, now, people });
  if (opened.outcome === "duplicate" || opened.outcome === "skipped") {
    throw new AppError("conflict", pulseText(locale, "admin.error.roundToday", { name: survey.name }));
  }
  return {
    survey: await overviewOf(store, survey, people, teams, locale, now),
    createdFromTemplate,
    number: opened.round.number,
    invited: opened.round.invited,
    closesAt: opened.plan.closesAt,
    unreachable: opened.audience.unreachable.map((person) => person.name),
    optedOut: opened.audience.skipped.optedOut.length,
    outOfOffice: opened.audience.skipped.outOfOffice.length,
  };
}

export interface SetOptOutOptions {
  readonly store: PulseStore;
  readonly tenantId: string;
  readonly employeeId: string;
  readonly locale: Locale;
  readonly optedOut: boolean;
  /** Someone else's e-mail (admins only); the asker themself when absent. */
  readonly person?: string;
}

export interface OptOutResult {
  readonly name: string;
  readonly self: boolean;
  readonly optedOut: boolean;
  readonly changed: boolean;
}

/** Opts the asker (or, for an admin, `person`) out of pulse surveys, or back in, from the next round. */
export async function setPulseOptOut(options: SetOptOutOptions): Promise<OptOutResult> {
  const { store, tenantId, locale } = options;
  const people = await store.people(tenantId);
  const actor = people.find((person) => person.id === options.employeeId);
  if (!actor || !actor.active) throw new AppError("not_in_organisation", "You are not in this organisation's data.");
  let subject = actor;
  if (options.person !== undefined) {
    if (actor.role !== "admin") throw new AppError("forbidden", pulseText(locale, "admin.error.adminsOnly"), { explained: 1 });
    subject = findPerson(people, options.person, locale);
  }
  const changed = await store.setOptOut(tenantId, subject.id, options.optedOut);
  return { name: subject.name, self: subject.id === actor.id, optedOut: options.optedOut, changed };
}

export interface AddOutOfOfficeOptions extends PulseAdminOptions {
  /** E-mail or id. */
  readonly person: string;
  /** Inclusive local dates, `YYYY-MM-DD`. */
  readonly from: string;
  readonly to: string;
}

/** Records that a person is away on these dates: rounds opening then skip them. */
export async function addOutOfOffice(options: AddOutOfOfficeOptions): Promise<{ name: string; from: string; to: string }> {
  const { people } = await requirePulseAdmin(options);
  const { locale } = options;
  const person = findPerson(people, options.person, locale);
  for (const date of [options.from, options.to]) {
    try {
      epochDayOf(date);
    } catch {
      throw invalid("date", pulseText(locale, "admin.error.badDate", { date }));
    }
  }
  if (options.to < options.from) throw invalid("date", pulseText(locale, "admin.error.badDateRange", { from: options.from, to: options.to }));
  await options.store.addAbsence(options.tenantId, { employeeId: person.id, startsOn: options.from, endsOn: options.to });
  return { name: person.name, from: options.from, to: options.to };
}
