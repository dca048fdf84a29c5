/**
 * The pulse catalogue's keys for everything around a round: survey administration (`admin.`),
 * results (`results.`), reminders (`reminder.`). Part of `PulseParams` (which extends this), so
 * `pulseText` renders them and a key missing from English or Malay fails to compile. Instants
 * are full ISO strings (UTC), shown in the `timeZone` given; dates are `YYYY-MM-DD`.
 */
import type { ResultsDestination } from "./close-pulse-round.js";
import type { PulseRenderer } from "./pulse-catalogue.js";

type NoParams = Record<never, never>;

export interface PulseRoundsParams {
  /** `admin`: whether the asker may run the admin verbs (they are listed only then). */
  "admin.help": { command: string; admin: boolean };
  "admin.listHeading": { count: number };
  "admin.none": { command: string };
  "admin.notShown": { count: number };
  "admin.created": { name: string };
  /** `changed`: what changed, already in words (the `admin.field.*` texts). */
  "admin.changed": { name: string; changed: readonly string[] };
  "admin.unchanged": { name: string };
  "admin.paused": { name: string };
  "admin.resumed": { name: string };
  "admin.alreadyPaused": { name: string };
  "admin.alreadyActive": { name: string };
  "admin.createdFromTemplate": { name: string; command: string };
  "admin.started": { name: string; number: number; invited: number; closesAt: string; timeZone: string };
  "admin.leftOut": { optedOut: number; outOfOffice: number };
  /** People with no Slack account linked; `names` at most ten of them. */
  "admin.unreachable": { count: number; names: readonly string[] };
  "admin.resultsHint": { name: string; command: string };
  /** A round an admin closed early (`respondents` of `invited` answered). */
  "admin.closed": { name: string; number: number; respondents: number; invited: number };
  /** Where its results post went. */
  "admin.resultsPosted": { to: ResultsDestination; name: string; command: string };
  /** `/pulse close` when no round is open; `number` the latest round. */
  "admin.alreadyClosed": { name: string; number: number; command: string };
  "admin.optOut": { name: string; self: boolean; optedOut: boolean; changed: boolean; command: string };
  "admin.oooAdded": { name: string; from: string; to: string };
  "admin.formOpened": NoParams;
  "admin.useModal": { command: string };

  "admin.label.status": NoParams;
  "admin.label.questions": NoParams;
  "admin.label.audience": NoParams;
  "admin.label.when": NoParams;
  "admin.label.openDays": NoParams;
  "admin.label.reminders": NoParams;
  "admin.label.owner": NoParams;
  "admin.label.lastRound": NoParams;
  "admin.label.nextRound": NoParams;
  "admin.status.active": NoParams;
  "admin.status.paused": NoParams;
  "admin.questions": { title: string; count: number };
  "admin.openDays": { days: number };
  "admin.reminders": { remindAfterDays: number; remindOnLastDay: boolean; maxReminders: number };
  /** `channel` null: results go to the owner by DM. */
  "admin.owner": { name: string; channel: string | null };
  "admin.round.none": NoParams;
  "admin.round.summary": { number: number; opensOn: string; open: boolean; invited: number };
  "admin.next.on": { date: string };
  "admin.next.paused": NoParams;
  "admin.next.never": NoParams;
  "admin.audience.everyone": NoParams;
  "admin.audience.teams": { names: readonly string[] };
  "admin.audience.reports": { name: string };
  "admin.audience.list": { count: number };
  /** A team or person the audience names that no longer exists. */
  "admin.audience.missing": NoParams;
  "admin.field.name": NoParams;
  "admin.field.questions": NoParams;
  "admin.field.audience": NoParams;
  "admin.field.when": NoParams;
  "admin.field.timeZone": NoParams;
  "admin.field.openDays": NoParams;
  "admin.field.reminders": NoParams;
  "admin.field.owner": NoParams;
  "admin.field.resultsChannel": NoParams;

  "admin.error.adminsOnly": NoParams;
  "admin.error.missingName": NoParams;
  "admin.error.nameTooLong": { maxChars: number };
  "admin.error.duplicateName": { name: string };
  /** `names`: the tenant's surveys. */
  "admin.error.noSuchSurvey": { name: string; names: readonly string[] };
  "admin.error.noSurveyOrTemplate": { name: string; names: readonly string[]; templates: readonly string[] };
  "admin.error.unknownTemplate": { template: string; templates: readonly string[] };
  "admin.error.templateAndDefinition": NoParams;
  /** `reason`: `validateSurvey`'s own message (English), naming the field. */
  "admin.error.badDefinition": { reason: string };
  /** `reason`: the schedule parser's own message (English). */
  "admin.error.badWhen": { when: string; reason: string };
  "admin.error.badTimeZone": { timeZone: string };
  "admin.error.badOpenDays": { value: string; min: number; max: number };
  "admin.error.badMaxReminders": { value: string; max: number };
  "admin.error.badRemindAfterDays": { value: string; openDays: number };
  "admin.error.unknownTeam": { team: string; names: readonly string[] };
  "admin.error.teamWithoutChannel": { team: string };
  "admin.error.unknownPerson": { who: string };
  "admin.error.emptyAudience": NoParams;
  "admin.error.nothingToChange": { command: string };
  "admin.error.roundOpen": { name: string; number: number; closesAt: string; timeZone: string; command: string };
  "admin.error.roundToday": { name: string };
  "admin.error.noRoundYet": { name: string; command: string };
  "admin.error.badDate": { date: string };
  "admin.error.badDateRange": { from: string; to: string };

  "admin.usage.unclosedQuote": { quote: string };
  "admin.usage.unknownVerb": { word: string; command: string };
  "admin.usage.missingName": { verb: string; command: string };
  "admin.usage.extraWords": { verb: string; words: string };

  /** Modal titles: at most 24 characters. */
  "admin.modal.titleNew": NoParams;
  "admin.modal.titleEdit": NoParams;
  "admin.modal.titleSaved": NoParams;
  "admin.modal.submit": NoParams;
  "admin.modal.cancel": NoParams;
  "admin.modal.close": NoParams;
  "admin.modal.template": NoParams;
  "admin.modal.keepQuestions": NoParams;
  "admin.modal.name": NoParams;
  "admin.modal.audience": NoParams;
  "admin.modal.audienceTeam": { team: string };
  "admin.modal.audienceReports": { name: string };
  "admin.modal.cadence": NoParams;
  "admin.modal.cadenceWeekly": NoParams;
  "admin.modal.cadenceFortnightly": NoParams;
  "admin.modal.cadenceMonthly": NoParams;
  "admin.modal.cadenceQuarterly": NoParams;
  "admin.modal.cadenceCustom": { when: string };
  /** ISO weekday 1 (Monday) … 7 (Sunday). */
  "admin.modal.weekday": { day: number };
  "admin.modal.weekdayLabel": NoParams;
  "admin.modal.weekdayHint": NoParams;
  "admin.modal.time": NoParams;
  "admin.modal.timeHint": NoParams;
  "admin.modal.openDays": NoParams;
  "admin.modal.openDaysHint": { min: number; max: number };
  "admin.modal.badOpenDays": { min: number; max: number };
  "admin.modal.required": NoParams;

  "results.refused": NoParams;
  "results.noSuchSurvey": { name: string; names: readonly string[] };
  "results.noRoundsAtAll": NoParams;
  "results.noRounds": { name: string };
  "results.heading": { name: string; title: string; number: number };
  "results.closedHeading": { name: string; title: string; number: number };
  "results.roundDates": { number: number; opensOn: string; closesAt: string; timeZone: string; open: boolean };
  /** An open round: the day it opened. */
  "results.openedOn": { opensOn: string };
  /** An open round: results wait for its closing (`closesAt` shown in the asker's `timeZone`), and why. */
  "results.whenClosed": { closesAt: string; timeZone: string };
  "results.scopeAll": NoParams;
  "results.scopeTeams": { names: readonly string[] };
  "results.enpsBreakdown": { promoters: number; passives: number; detractors: number; total: number };
  /** Counts per scale point or option; `label` already in words. */
  "results.distribution": { values: readonly { label: string; count: number }[] };
  /** `mean` in scale points, unrounded; `max` the top of the scale. */
  "results.mean": { mean: number; max: number; respondents: number };
  "results.respondents": { respondents: number };
  "results.cutEnps": { score: number | null; respondents: number };
  "results.cutMean": { mean: number; respondents: number };
  "results.cutTopChoice": { label: string; count: number; respondents: number };
  "results.byTeam": NoParams;
  "results.byBand": NoParams;
  "results.cutsHidden": { count: number; threshold: number };
  /** `count`: people who wrote one. */
  "results.comments": { count: number };
  /** Oldest first; `score` null for a round hidden or without data. */
  "results.trend": { points: readonly { closesOn: string; score: number | null }[]; change: number | null };
  "results.thresholdNote": { threshold: number; commentThreshold: number };

  /** `link` opens the survey's DM (null when the invitation's message is unknown). */
  "reminder.text": { title: string; closesAt: string; timeZone: string; link: string | null; lastDay: boolean };
  "reminder.summary": { title: string };
}

export type PulseRoundsKey = keyof PulseRoundsParams;

export type PulseRoundsCatalogue = { readonly [K in PulseRoundsKey]: PulseRenderer<PulseRoundsParams[K]> };
