/**
 * The fourth message catalogue: sales-ops admin commands (`/salesops`, `npm run cli -- …`),
 * starting with schedules (src/core/use-cases/manage-schedules.ts). Typed like the others, so a
 * key missing from English or Malay fails to compile. Instants are full ISO strings (UTC), shown
 * in the `timeZone` given.
 */
import type { Formatters } from "./format.js";

type NoParams = Record<never, never>;

export interface AdminParams {
  /** The grammar, with examples; `command` is "/salesops" in Slack, "npm run cli --" in a terminal. */
  "schedule.help": { command: string };
  "schedule.listHeading": { count: number };
  "schedule.none": { command: string };
  /** Schedules beyond the ones shown (the list is cut to fit a message). */
  "schedule.notShown": { count: number };
  "schedule.added": { name: string };
  /** `changed` names what changed, already in words (the labels below). */
  "schedule.changed": { name: string; changed: readonly string[] };
  "schedule.unchanged": { name: string };
  "schedule.paused": { name: string };
  "schedule.resumed": { name: string };
  "schedule.alreadyPaused": { name: string };
  "schedule.alreadyRunning": { name: string };
  /** `pending`: the schedule's digests already queued when it was deleted (they still go out). */
  "schedule.deleted": { name: string; pending: number };

  /** `/salesops settings …`: the grammar, with examples. */
  "settings.help": { command: string };
  "settings.heading": NoParams;
  /** The organisation's digest detail (`source` default when never set) and the teams' own. */
  "settings.digestDetail": { detail: "full" | "totals"; isDefault: boolean };
  "settings.teamDetail": { team: string; detail: "full" | "totals" };
  "settings.noTeamDetails": NoParams;
  "settings.leaderboard": { visibility: "off" | "percentages" | "full" };
  /** After a change: `team` null for the organisation; `unchanged` when it already was so. */
  "settings.digestDetailSet": { detail: "full" | "totals"; team: string | null; unchanged: boolean };
  /** A team's own setting removed: it follows the organisation's (`detail`) again. */
  "settings.digestDetailInherited": { team: string; detail: "full" | "totals"; unchanged: boolean };
  "label.digestDetail": NoParams;
  "label.teamDigestDetails": NoParams;
  "label.leaderboard": NoParams;
  "error.badDigestDetail": { value: string };
  "error.inheritNeedsTeam": { command: string };
  "error.settingsAdminsOnly": NoParams;

  "label.kind": NoParams;
  "label.when": NoParams;
  "label.timeZone": NoParams;
  "label.target": NoParams;
  "label.status": NoParams;
  "label.lastSlot": NoParams;
  "label.nextRun": NoParams;

  "kind.forecast_digest": NoParams;
  "target.team": { team: string };
  /** A team that was deleted after the schedule was made. */
  "target.missingTeam": NoParams;
  "target.allTeams": NoParams;
  "status.running": NoParams;
  "status.paused": NoParams;
  "slot.none": NoParams;
  "slot.handled": { slotAt: string; timeZone: string; outcome: "fired" | "late" | "skipped" };
  "next.at": { at: string; timeZone: string };
  "next.paused": NoParams;
  "next.never": NoParams;

  /** `kinds` are the kinds there are, as typed. */
  "error.unknownKind": { kind: string; kinds: readonly string[] };
  /** `names` are the tenant's teams (those with a channel). */
  "error.unknownTeam": { team: string; names: readonly string[] };
  "error.teamWithoutChannel": { team: string };
  "error.duplicateName": { name: string; command: string };
  /** `names` are the tenant's schedules. */
  "error.noSuchSchedule": { name: string; names: readonly string[] };
  "error.nameTooLong": { maxChars: number };
  /** `reason` is the parser's own message (English), naming the field at fault. */
  "error.badWhen": { when: string; reason: string };
  "error.badTimeZone": { timeZone: string };
  "error.nothingToChange": { command: string };
  "error.adminsOnly": NoParams;

  "usage.unclosedQuote": { quote: string };
  "usage.unknownVerb": { word: string; command: string };
  "usage.unknownTopic": { word: string; command: string };
  "usage.missingKind": { command: string };
  "usage.missingName": { verb: string; command: string };
  "usage.missingWhen": { command: string };
  "usage.unknownFlag": { flag: string };
  "usage.flagNeedsValue": { flag: string };
  "usage.flagRepeated": { flag: string };
  "usage.flagNotAllowed": { verb: string; flag: string };
  "usage.teamAndAllTeams": NoParams;
  "usage.extraWords": { verb: string; words: string };
  "usage.unknownSetting": { word: string; command: string };
  "usage.missingSettingValue": { setting: string; command: string };
}

export type AdminKey = keyof AdminParams;

export type AdminRenderer<P> = string | ((params: P, format: Formatters) => string);

export type AdminCatalogue = { readonly [K in AdminKey]: AdminRenderer<AdminParams[K]> };

export type AdminArgs<K extends AdminKey> = keyof AdminParams[K] extends never ? [params?: AdminParams[K]] : [params: AdminParams[K]];
