// Sales-ops admins list, add, change, pause, resume and delete schedules. Shared by `/salesops schedule …`
// in Slack and `npm run cli -- schedule …`: the verbs take plain options and return plain data;
// `answerScheduleCommand` / `answerSalesopsCommand` render that data as a localised Reply.
import { dateOfEpochDay } from "../dates.js";
import { AppError, isAppError } from "../errors.js";
import type { AdminKey } from "../i18n/admin-catalogue.js";
import { adminText } from "../i18n/admin-texts.js";
import type { Locale } from "../i18n/locale.js";
import type { Reply, ReplyBlock } from "../reply.js";
import type { ScheduleStore, ScheduleTarget, ScheduleTeam, SlotOutcome, StoredSchedule } from "../schedule-store.js";
import { canonicalTimeZone } from "../schedules/assert-time-zone.js";
import { describeSchedule } from "../schedules/describe-schedule.js";
import { nextOccurrence } from "../schedules/list-occurrences.js";
import {
  parseSalesopsCommand,
  type ScheduleCommand,
  type TargetChoice,
  type UsageProblem,
} from "../schedules/parse-schedule-command.js";
import { parseScheduleSpec } from "../schedules/parse-schedule-spec.js";
import { localEpochDayOf } from "../schedules/resolve-wall-time.js";
import type { ScheduleKind, ScheduleSpec } from "../schedules/schedule-spec.js";
import { byName, foldName, textReply } from "./reply-parts.js";
import { answerSettingsCommand, isSettingsCommand } from "./manage-tenant-settings.js";

/** The kinds an admin may add, as typed. */
export const SCHEDULE_KINDS: readonly ScheduleKind[] = ["forecast_digest"];
export const MAX_SCHEDULE_NAME_LENGTH = 80;
/** Schedules a list shows before "…and N more" (three blocks each, within Slack's 50). */
const MAX_LISTED = 15;

export interface ScheduleAdminOptions {
  store: ScheduleStore;
  tenantId: string;
  /** Who is acting: must be an active admin of the tenant. */
  employeeId: string;
  /** Language of messages (refusals included). */
  locale: Locale;
  /** UTC. */
  now: Date;
  /** How the admin types commands, for hints: "/salesops" (default) or "npm run cli --". */
  command?: string;
}

export type ListSchedulesOptions = ScheduleAdminOptions;

export interface AddScheduleOptions extends ScheduleAdminOptions {
  /** As typed ("forecast_digest"). */
  kind: string;
  name: string;
  /** A preset ("weekly Mon 08:00") or a five-field cron expression. */
  when: string;
  /** IANA zone; the team's (or, for all teams, the organisation's) when absent. */
  timeZone?: string;
  /** All teams when absent. */
  target?: TargetChoice;
}

export interface ChangeScheduleOptions extends ScheduleAdminOptions {
  name: string;
  when?: string;
  /** The time zone stays as it is unless given (also when the team changes). */
  timeZone?: string;
  target?: TargetChoice;
}

export interface PauseScheduleOptions extends ScheduleAdminOptions {
  name: string;
}

export type ResumeScheduleOptions = PauseScheduleOptions;
export type DeleteScheduleOptions = PauseScheduleOptions;

export interface ScheduleDeleteResult {
  /** The schedule as it was. */
  schedule: ScheduleOverview;
  /** Its deliveries already queued and not sent yet: they still go out. */
  pendingDeliveries: number;
}

/** A schedule as an admin sees it. Instants are UTC. */
export interface ScheduleOverview {
  id: string;
  name: string;
  kind: ScheduleKind;
  spec: ScheduleSpec;
  timeZone: string;
  /** `teamName` null when the team was deleted after the schedule was made. */
  target: { kind: "team"; teamId: string; teamName: string | null } | { kind: "allTeams" };
  enabled: boolean;
  lastSlot: { slotAt: Date; outcome: SlotOutcome } | null;
  /** The next slot after `now`; null when paused, or when it never fires again. */
  nextAt: Date | null;
}

export type ScheduleField = "when" | "timeZone" | "target";

export interface ScheduleChangeResult {
  schedule: ScheduleOverview;
  /** What changed; empty when the schedule already was as asked. */
  changed: ScheduleField[];
}

export interface SchedulePauseResult {
  schedule: ScheduleOverview;
  /** False when it already was paused (or running, for resume). */
  changed: boolean;
}

/** By name as people read it (case- and accent-insensitive), whatever the database's collation. */

function invalid(field: string, value: string, text: string): AppError {
  return new AppError("invalid_input", text, { field, value });
}

async function requireAdmin(options: ScheduleAdminOptions) {
  const actor = await options.store.employee(options.tenantId, options.employeeId);
  if (!actor || !actor.active || actor.role !== "admin") {
    throw new AppError("forbidden", adminText(options.locale, "error.adminsOnly"), { explained: 1 });
  }
  const tenant = await options.store.tenant(options.tenantId);
  if (!tenant) throw new AppError("not_in_organisation", "This organisation no longer exists.");
  return { actor, tenant };
}

/** The IANA zone as the runtime spells it ("asia/kuala_lumpur" -> "Asia/Kuala_Lumpur"). */
function checkedTimeZone(timeZone: string, locale: Locale): string {
  const zone = canonicalTimeZone(timeZone);
  if (zone === null) throw invalid("timeZone", timeZone, adminText(locale, "error.badTimeZone", { timeZone }));
  return zone;
}

/** "Every N weeks" counts from the Monday of the week `now` falls in, in the schedule's zone. */
function specOf(when: string, timeZone: string, now: Date, locale: Locale): ScheduleSpec {
  const today = dateOfEpochDay(localEpochDayOf(timeZone, now.getTime()));
  try {
    return parseScheduleSpec(when, { anchorDate: today });
  } catch (error) {
    if (!isAppError(error) || error.code !== "invalid_input") throw error;
    throw invalid("when", when, adminText(locale, "error.badWhen", { when, reason: error.message }));
  }
}

function kindOf(typed: string, locale: Locale): ScheduleKind {
  const kind = SCHEDULE_KINDS.find((known) => known === typed.trim().toLowerCase().replace(/-/g, "_"));
  if (kind === undefined) throw invalid("kind", typed, adminText(locale, "error.unknownKind", { kind: typed, kinds: SCHEDULE_KINDS }));
  return kind;
}

function resolveTarget(choice: TargetChoice, teams: readonly ScheduleTeam[], locale: Locale): { target: ScheduleTarget; team: ScheduleTeam | null } {
  if ("allTeams" in choice) return { target: { kind: "allTeams" }, team: null };
  const team = teams.find((candidate) => foldName(candidate.name) === foldName(choice.team));
  if (!team) {
    const names = teams.filter((candidate) => candidate.hasChannel).sort(byName).map((candidate) => candidate.name);
    throw invalid("team", choice.team, adminText(locale, "error.unknownTeam", { team: choice.team, names }));
  }
  if (!team.hasChannel) throw invalid("team", choice.team, adminText(locale, "error.teamWithoutChannel", { team: team.name }));
  return { target: { kind: "team", teamId: team.id }, team };
}

function findSchedule(schedules: readonly StoredSchedule[], name: string, locale: Locale): StoredSchedule {
  const schedule = schedules.find((candidate) => foldName(candidate.name) === foldName(name));
  if (!schedule) {
    throw invalid("name", name, adminText(locale, "error.noSuchSchedule", { name, names: [...schedules].sort(byName).map((candidate) => candidate.name) }));
  }
  return schedule;
}

function overviewOf(schedule: StoredSchedule, teams: readonly ScheduleTeam[], now: Date): ScheduleOverview {
  const target: ScheduleOverview["target"] =
    schedule.target.kind === "allTeams"
      ? { kind: "allTeams" }
      : { kind: "team", teamId: schedule.target.teamId, teamName: teams.find((team) => team.id === (schedule.target as { teamId: string }).teamId)?.name ?? null };
  const anchor = schedule.spec.anchorDate ? { anchorDate: schedule.spec.anchorDate } : {};
  return {
    id: schedule.id,
    name: schedule.name,
    kind: schedule.kind,
    spec: schedule.spec,
    timeZone: schedule.timeZone,
    target,
    enabled: schedule.enabled,
    lastSlot: schedule.lastSlot,
    nextAt: schedule.enabled ? nextOccurrence(schedule.spec, schedule.timeZone, now, anchor) : null,
  };
}

const sameSpec = (a: ScheduleSpec, b: ScheduleSpec): boolean =>
  a.cron === b.cron && a.everyWeeks === b.everyWeeks && a.anchorDate === b.anchorDate && a.preset === b.preset;

const sameTarget = (a: ScheduleTarget, b: ScheduleTarget): boolean =>
  a.kind === b.kind && (a.kind === "allTeams" || a.teamId === (b as { teamId: string }).teamId);

/** Every schedule of the tenant, by name, with its last handled slot and its next one. */
export async function listSchedules(options: ListSchedulesOptions): Promise<ScheduleOverview[]> {
  await requireAdmin(options);
  const [schedules, teams] = await Promise.all([options.store.schedules(options.tenantId), options.store.teams(options.tenantId)]);
  return [...schedules].sort(byName).map((schedule) => overviewOf(schedule, teams, options.now));
}

/**
 * Adds a schedule. Refuses (`invalid_input`, naming it) an unknown kind, a name already taken
 * (case-insensitively), an unknown team or one without a channel, an unknown zone, and a
 * `when` that is neither a preset nor a valid cron expression. It runs from `now` on.
 */
export async function addSchedule(options: AddScheduleOptions): Promise<ScheduleOverview> {
  const { tenant } = await requireAdmin(options);
  const { locale, store, tenantId, now } = options;
  const kind = kindOf(options.kind, locale);
  const name = options.name.trim().replace(/\s+/g, " ");
  if (name === "") throw invalid("name", name, adminText(locale, "usage.missingName", { verb: "add", command: options.command ?? "/salesops" }));
  if (name.length > MAX_SCHEDULE_NAME_LENGTH) {
    throw invalid("name", name, adminText(locale, "error.nameTooLong", { maxChars: MAX_SCHEDULE_NAME_LENGTH }));
  }
  const [schedules, teams] = await Promise.all([store.schedules(tenantId), store.teams(tenantId)]);
  const duplicate = () => invalid("name", name, adminText(locale, "error.duplicateName", { name, command: options.command ?? "/salesops" }));
  if (schedules.some((schedule) => foldName(schedule.name) === foldName(name))) throw duplicate();
  const { target, team } = resolveTarget(options.target ?? { allTeams: true }, teams, locale);
  const timeZone = checkedTimeZone(options.timeZone ?? team?.timeZone ?? tenant.timeZone, locale);
  const spec = specOf(options.when, timeZone, now, locale);
  const created = await store.create(tenantId, { kind, name, spec, timeZone, target }, now);
  if (created === "duplicate") throw duplicate();
  return overviewOf(created, teams, now);
}

/**
 * Changes when a schedule runs, its zone or its target. A new `when` is read in the new zone
 * (or the current one); "every N weeks" then counts from this week. Only what differs is saved.
 */
export async function changeSchedule(options: ChangeScheduleOptions): Promise<ScheduleChangeResult> {
  await requireAdmin(options);
  const { locale, store, tenantId, now } = options;
  if (options.when === undefined && options.timeZone === undefined && options.target === undefined) {
    throw invalid("change", options.name, adminText(locale, "error.nothingToChange", { command: options.command ?? "/salesops" }));
  }
  const [schedules, teams] = await Promise.all([store.schedules(tenantId), store.teams(tenantId)]);
  const current = findSchedule(schedules, options.name, locale);
  const timeZone = options.timeZone === undefined ? current.timeZone : checkedTimeZone(options.timeZone, locale);
  const target = options.target === undefined ? current.target : resolveTarget(options.target, teams, locale).target;
  const spec = options.when === undefined ? current.spec : specOf(options.when, timeZone, now, locale);

  const changed: ScheduleField[] = [];
  if (!sameSpec(spec, current.spec)) changed.push("when");
  if (timeZone !== current.timeZone) changed.push("timeZone");
  if (!sameTarget(target, current.target)) changed.push("target");
  if (changed.length === 0) return { schedule: overviewOf(current, teams, now), changed };
  const updated = await store.update(
    tenantId,
    current.id,
    {
      ...(changed.includes("when") ? { spec } : {}),
      ...(changed.includes("timeZone") ? { timeZone } : {}),
      ...(changed.includes("target") ? { target } : {}),
    },
    now,
  );
  if (!updated) throw findSchedule([], options.name, locale);
  return { schedule: overviewOf(updated, teams, now), changed };
}

async function setEnabled(options: PauseScheduleOptions, enabled: boolean): Promise<SchedulePauseResult> {
  await requireAdmin(options);
  const { locale, store, tenantId, now } = options;
  const [schedules, teams] = await Promise.all([store.schedules(tenantId), store.teams(tenantId)]);
  const current = findSchedule(schedules, options.name, locale);
  // Resuming one that runs would move its last slot to now and drop a slot still to catch up.
  if (current.enabled === enabled) return { schedule: overviewOf(current, teams, now), changed: false };
  const updated = await store.update(tenantId, current.id, { enabled }, now);
  if (!updated) throw findSchedule([], options.name, locale);
  return { schedule: overviewOf(updated, teams, now), changed: true };
}

/** Pauses a schedule: no slot fires until it is resumed. */
export function pauseSchedule(options: PauseScheduleOptions): Promise<SchedulePauseResult> {
  return setEnabled(options, false);
}

/** Resumes a paused schedule from `now` on: the slots it missed while paused are not sent. */
export function resumeSchedule(options: ResumeScheduleOptions): Promise<SchedulePauseResult> {
  return setEnabled(options, true);
}

/**
 * Deletes a schedule, without asking (the reply says what was deleted): no slot of it fires
 * again. Digests it already queued still go out — they are from a slot that fired before the
 * delete, and the outbox never half-sends a slot.
 */
export async function deleteSchedule(options: DeleteScheduleOptions): Promise<ScheduleDeleteResult> {
  await requireAdmin(options);
  const { locale, store, tenantId, now } = options;
  const [schedules, teams] = await Promise.all([store.schedules(tenantId), store.teams(tenantId)]);
  const current = findSchedule(schedules, options.name, locale);
  const deleted = await store.delete(tenantId, current.id);
  // Another admin deleted it first: say so as for any name that is not there.
  if (!deleted) throw findSchedule(schedules.filter((schedule) => schedule.id !== current.id), options.name, locale);
  return { schedule: { ...overviewOf(current, teams, now), nextAt: null }, pendingDeliveries: deleted.pendingDeliveries };
}

// ---- Replies -------------------------------------------------------------------------------

/** The problem with what was typed, in the reader's language (`command` as in the help). */
export function usageProblemText(problem: UsageProblem, locale: Locale, command = "/salesops"): string {
  switch (problem.kind) {
    case "unclosedQuote":
      return adminText(locale, "usage.unclosedQuote", { quote: problem.quote });
    case "unknownVerb":
      return adminText(locale, "usage.unknownVerb", { word: problem.word, command });
    case "unknownTopic":
      return adminText(locale, "usage.unknownTopic", { word: problem.word, command });
    case "missingKind":
      return adminText(locale, "usage.missingKind", { command });
    case "missingName":
      return adminText(locale, "usage.missingName", { verb: problem.verb, command });
    case "missingWhen":
      return adminText(locale, "usage.missingWhen", { command });
    case "unknownFlag":
      return adminText(locale, "usage.unknownFlag", { flag: problem.flag });
    case "flagNeedsValue":
      return adminText(locale, "usage.flagNeedsValue", { flag: problem.flag });
    case "flagRepeated":
      return adminText(locale, "usage.flagRepeated", { flag: problem.flag });
    case "flagNotAllowed":
      return adminText(locale, "usage.flagNotAllowed", { verb: problem.verb, flag: problem.flag });
    case "teamAndAllTeams":
      return adminText(locale, "usage.teamAndAllTeams");
    case "extraWords":
      return adminText(locale, "usage.extraWords", { verb: problem.verb, words: problem.words });
    case "unknownSetting":
      return adminText(locale, "usage.unknownSetting", { word: problem.word, command });
    case "missingSettingValue":
      return adminText(locale, "usage.missingSettingValue", { setting: problem.setting, command });
  }
}

const FIELD_LABELS: Record<ScheduleField, AdminKey & `label.${string}`> = {
  when: "label.when",
  timeZone: "label.timeZone",
  target: "label.target",
};

/** The label/value pairs of one schedule, in the reader's language; times in the schedule's zone. */
export function scheduleFields(schedule: ScheduleOverview, locale: Locale): Array<{ label: string; value: string }> {
  const target =
    schedule.target.kind === "allTeams"
      ? adminText(locale, "target.allTeams")
      : schedule.target.teamName === null
        ? adminText(locale, "target.missingTeam")
        : adminText(locale, "target.team", { team: schedule.target.teamName });
  const next = !schedule.enabled
    ? adminText(locale, "next.paused")
    : schedule.nextAt === null
      ? adminText(locale, "next.never")
      : adminText(locale, "next.at", { at: schedule.nextAt.toISOString(), timeZone: schedule.timeZone });
  const last =
    schedule.lastSlot === null
      ? adminText(locale, "slot.none")
      : adminText(locale, "slot.handled", { slotAt: schedule.lastSlot.slotAt.toISOString(), timeZone: schedule.timeZone, outcome: schedule.lastSlot.outcome });
  return [
    { label: adminText(locale, "label.kind"), value: adminText(locale, `kind.${schedule.kind}`) },
    { label: adminText(locale, "label.when"), value: describeSchedule(schedule.spec, schedule.timeZone, locale) },
    { label: adminText(locale, "label.timeZone"), value: schedule.timeZone },
    { label: adminText(locale, "label.target"), value: target },
    { label: adminText(locale, "label.status"), value: adminText(locale, schedule.enabled ? "status.running" : "status.paused") },
    { label: adminText(locale, "label.lastSlot"), value: last },
    { label: adminText(locale, "label.nextRun"), value: next },
  ];
}

function scheduleBlocks(schedule: ScheduleOverview, locale: Locale): ReplyBlock[] {
  return [
    { kind: "text", text: `*${schedule.name}*` },
    { kind: "fields", fields: scheduleFields(schedule, locale) },
  ];
}

export function scheduleListReply(schedules: readonly ScheduleOverview[], locale: Locale, command = "/salesops"): Reply {
  const heading = adminText(locale, "schedule.listHeading", { count: schedules.length });
  if (schedules.length === 0) {
    const text = adminText(locale, "schedule.none", { command });
    return { summary: text, blocks: [{ kind: "heading", text: heading }, { kind: "text", text }] };
  }
  const blocks: ReplyBlock[] = [{ kind: "heading", text: heading }];
  schedules.slice(0, MAX_LISTED).forEach((schedule, index) => {
    if (index > 0) blocks.push({ kind: "divider" });
    blocks.push(...scheduleBlocks(schedule, locale));
  });
  if (schedules.length > MAX_LISTED) blocks.push({ kind: "context", text: adminText(locale, "schedule.notShown", { count: schedules.length - MAX_LISTED }) });
  return { summary: heading, blocks };
}

function confirmation(text: string, schedule: ScheduleOverview, locale: Locale): Reply {
  return textReply(text, [{ kind: "fields", fields: scheduleFields(schedule, locale) }]);
}

export interface AnswerScheduleCommandOptions extends ScheduleAdminOptions {
  command?: string;
  request: ScheduleCommand;
}

/** Runs one parsed schedule command and says what happened. Refusals and bad input are thrown (AppError). */
export async function answerScheduleCommand(options: AnswerScheduleCommandOptions): Promise<Reply> {
  const { request, locale } = options;
  const command = options.command ?? "/salesops";
  switch (request.verb) {
    case "help":
      await requireAdmin(options);
      return textReply(adminText(locale, "schedule.help", { command }));
    case "list":
      return scheduleListReply(await listSchedules(options), locale, command);
    case "add": {
      const { verb: _verb, ...fields } = request;
      const schedule = await addSchedule({ ...options, ...fields });
      return confirmation(adminText(locale, "schedule.added", { name: schedule.name }), schedule, locale);
    }
    case "change": {
      const { verb: _verb, ...fields } = request;
      const { schedule, changed } = await changeSchedule({ ...options, ...fields });
      const text =
        changed.length === 0
          ? adminText(locale, "schedule.unchanged", { name: schedule.name })
          : adminText(locale, "schedule.changed", { name: schedule.name, changed: changed.map((field) => adminText(locale, FIELD_LABELS[field])) });
      return confirmation(text, schedule, locale);
    }
    case "pause": {
      const { schedule, changed } = await pauseSchedule({ ...options, name: request.name });
      return confirmation(adminText(locale, changed ? "schedule.paused" : "schedule.alreadyPaused", { name: schedule.name }), schedule, locale);
    }
    case "resume": {
      const { schedule, changed } = await resumeSchedule({ ...options, name: request.name });
      return confirmation(adminText(locale, changed ? "schedule.resumed" : "schedule.alreadyRunning", { name: schedule.name }), schedule, locale);
    }
    case "delete": {
      const { schedule, pendingDeliveries } = await deleteSchedule({ ...options, name: request.name });
      // What it was (kind, when, where it went), so that a wrong delete can be added back as it was.
      const fields = scheduleFields(schedule, locale).filter((field) => field.label !== adminText(locale, "label.nextRun"));
      return textReply(adminText(locale, "schedule.deleted", { name: schedule.name, pending: pendingDeliveries }), [{ kind: "fields", fields }]);
    }
  }
}

export interface AnswerSalesopsCommandOptions extends ScheduleAdminOptions {
  /** What followed `/salesops` (quotes, straight or typographic, group words). */
  text: string;
}

/**
 * Answers `/salesops …`. Only admins get past the first check — whatever they typed — so the
 * command reveals nothing to anyone else; then the text is parsed and run.
 */
export async function answerSalesopsCommand(options: AnswerSalesopsCommandOptions): Promise<Reply> {
  await requireAdmin(options);
  const parsed = parseSalesopsCommand(options.text);
  if (!parsed.ok) return textReply(usageProblemText(parsed.problem, options.locale, options.command ?? "/salesops"));
  const request = parsed.command;
  if (isSettingsCommand(request)) return answerSettingsCommand({ ...options, request });
  return answerScheduleCommand({ ...options, request });
}
