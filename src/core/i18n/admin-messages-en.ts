import type { AdminCatalogue } from "./admin-catalogue.js";
import type { Formatters } from "./format.js";

/** "Mon, 13 Jul 2026, 08:00" — an instant (ISO, UTC) as a wall time in `timeZone`, in the reader's language (`formatDateTime`). */
export function wallTime(iso: string, timeZone: string, f: Formatters): string {
  return f.dateTime(iso, { timeZone });
}

const quoted = (items: readonly string[]): string[] => items.map((item) => `"${item}"`);

const DETAIL_EN = { full: "full — the deals named (a managers' channel)", totals: "totals — team totals and counts only (a channel reps read)" } as const;
const VISIBILITY_EN = { off: "off", percentages: "ranks and percentages", full: "ranks, percentages and amounts" } as const;

export const adminEn: AdminCatalogue = {
  "schedule.help": ({ command }) =>
    [
      `*Schedules* (admins only). Usage:`,
      `• \`${command} schedule list\``,
      `• \`${command} schedule add forecast_digest "<name>" <when> [--tz <Zone>] [--team "<Team>" | --all-teams]\``,
      `• \`${command} schedule change "<name>" [<when>] [--tz <Zone>] [--team "<Team>" | --all-teams]\``,
      `• \`${command} schedule pause "<name>"\`  ·  \`${command} schedule resume "<name>"\`  ·  \`${command} schedule delete "<name>"\``,
      `<when> is a preset — daily 08:00, weekdays 08:30, weekly Mon 08:00, every 2 weeks Mon 08:00, monthly on the first Tuesday 09:00, monthly on day 1 09:00, quarterly on day 1 09:00 — or a 5-field cron expression ("0 8 * * 1").`,
      `The time zone defaults to the team's (the organisation's for all teams).`,
      `Example: \`${command} schedule add forecast_digest "APAC weekly" weekly Mon 08:00 --team "APAC Enterprise"\``,
      `A deleted schedule sends nothing more; digests it already queued still go out. The digests' detail: \`${command} settings help\`.`,
    ].join("\n"),
  "schedule.listHeading": ({ count }, f) => `Schedules (${f.number(count)})`,
  "schedule.none": ({ command }) =>
    `There are no schedules yet. Add one with \`${command} schedule add forecast_digest "<name>" weekly Mon 08:00 --all-teams\`.`,
  "schedule.notShown": ({ count }, f) => `…and ${f.number(count)} more not shown.`,
  "schedule.added": ({ name }) => `Schedule "${name}" added.`,
  "schedule.changed": ({ name, changed }, f) => `Schedule "${name}" changed: ${f.list(changed.map((item) => item.toLowerCase()))}.`,
  "schedule.unchanged": ({ name }) => `Schedule "${name}" already runs that way; nothing changed.`,
  "schedule.paused": ({ name }) => `Schedule "${name}" paused. Nothing is sent until it is resumed.`,
  "schedule.resumed": ({ name }) => `Schedule "${name}" resumed. Slots missed while it was paused are not sent.`,
  "schedule.alreadyPaused": ({ name }) => `Schedule "${name}" was already paused.`,
  "schedule.alreadyRunning": ({ name }) => `Schedule "${name}" is already running.`,
  "schedule.deleted": ({ name, pending }, f) =>
    `Schedule "${name}" deleted: it sends nothing more.${
      pending === 0 ? "" : ` ${f.number(pending)} ${pending === 1 ? "digest" : "digests"} it had already queued still ${pending === 1 ? "goes" : "go"} out.`
    }`,

  "settings.help": ({ command }) =>
    [
      `*Settings* (admins only). Usage:`,
      `• \`${command} settings\` — what is set`,
      `• \`${command} settings digest-detail full|totals\` — how much every team's channel digest names`,
      `• \`${command} settings digest-detail full|totals --team "<Team>"\` — for one team's channel; \`inherit\` instead of full|totals follows the organisation's again`,
      `full: the deals that moved, at risk and on top, named, and each rep's amounts (a managers' channel). totals: team totals and counts only (a channel reps read). Default: full.`,
    ].join("\n"),
  "settings.heading": "Settings",
  "settings.digestDetail": ({ detail, isDefault }) => `${DETAIL_EN[detail]}${isDefault ? " (the default)" : ""}`,
  "settings.teamDetail": ({ team, detail }) => `${team}: ${detail}`,
  "settings.noTeamDetails": "None: every team follows the organisation's",
  "settings.leaderboard": ({ visibility }) => `${VISIBILITY_EN[visibility]} (the digests' leaderboard follows it; a totals digest shows no amounts)`,
  "settings.digestDetailSet": ({ detail, team, unchanged }) =>
    `${unchanged ? "Already so: " : ""}${team === null ? "Channel digests of teams without a setting of their own" : `${team}'s channel digest`} ${unchanged ? "" : "now "}${team === null ? "show" : "shows"} ${DETAIL_EN[detail]}${unchanged ? "" : ", from the next digest on"}.`,
  "settings.digestDetailInherited": ({ team, detail, unchanged }) =>
    `${unchanged ? "Already so: " : ""}${team}'s channel digest follows the organisation's setting${unchanged ? "" : " again"}: ${DETAIL_EN[detail]}.`,
  "label.digestDetail": "Digest detail",
  "label.teamDigestDetails": "Teams with their own detail",
  "label.leaderboard": "Leaderboard",
  "error.badDigestDetail": ({ value }) => `"${value}" is not a digest detail: use full (the deals named, for a managers' channel) or totals (team totals only, for a channel reps read).`,
  "error.inheritNeedsTeam": ({ command }) => `inherit is for one team: \`${command} settings digest-detail inherit --team "<Team>"\`.`,
  "error.settingsAdminsOnly": "Only sales-ops admins can change settings.",

  "label.kind": "Kind",
  "label.when": "When",
  "label.timeZone": "Time zone",
  "label.target": "Sent to",
  "label.status": "Status",
  "label.lastSlot": "Last slot",
  "label.nextRun": "Next",

  "kind.forecast_digest": "Forecast digest",
  "target.team": ({ team }) => `${team} channel`,
  "target.missingTeam": "A team that no longer exists",
  "target.allTeams": "All teams with a channel",
  "status.running": "Running",
  "status.paused": "Paused",
  "slot.none": "None yet",
  "slot.handled": ({ slotAt, timeZone, outcome }, f) =>
    `${wallTime(slotAt, timeZone, f)} (${outcome === "fired" ? "sent" : outcome === "late" ? "sent late" : "skipped"})`,
  "next.at": ({ at, timeZone }, f) => wallTime(at, timeZone, f),
  "next.paused": "— (paused)",
  "next.never": "Never: the expression matches no date in the next 11 years",

  "error.unknownKind": ({ kind, kinds }, f) => `"${kind}" is not a kind of schedule. The kinds are: ${f.list(kinds)}.`,
  "error.unknownTeam": ({ team, names }, f) =>
    names.length === 0
      ? `There is no team named "${team}", and no team has a channel for digests yet.`
      : `There is no team named "${team}". Teams with a channel: ${f.list(quoted(names))}.`,
  "error.teamWithoutChannel": ({ team }) => `The team "${team}" has no channel for digests; give it a channel first, or use --all-teams.`,
  "error.duplicateName": ({ name, command }) =>
    `There is already a schedule named "${name}". Pick another name, or change it with \`${command} schedule change "${name}" …\`.`,
  "error.noSuchSchedule": ({ name, names }, f) =>
    names.length === 0 ? `There is no schedule named "${name}"; there are no schedules yet.` : `There is no schedule named "${name}". Schedules: ${f.list(quoted(names))}.`,
  "error.nameTooLong": ({ maxChars }, f) => `A schedule name is at most ${f.number(maxChars)} characters.`,
  "error.badWhen": ({ when, reason }) => `"${when}" is not a schedule I can run: ${reason}`,
  "error.badTimeZone": ({ timeZone }) => `"${timeZone}" is not a known IANA time zone; use a name such as "Asia/Kuala_Lumpur" or "Europe/London".`,
  "error.nothingToChange": ({ command }) =>
    `Nothing to change: give a new time (e.g. weekly Mon 09:00), --tz, --team or --all-teams. See \`${command} schedule help\`.`,
  "error.adminsOnly": "Only sales-ops admins can manage schedules.",

  "usage.unclosedQuote": ({ quote }) => `A quote (${quote}) is not closed; put the closing quote after the name.`,
  "usage.unknownVerb": ({ word, command }) =>
    `"${word}" is not something I can do with schedules; use list, add, change, pause, resume or delete. See \`${command} schedule help\`.`,
  "usage.unknownTopic": ({ word, command }) =>
    `"${word}" is not an admin topic I know; try \`${command} schedule list\`, \`${command} settings\` or \`${command} help\`.`,
  "usage.missingKind": ({ command }) => `Say what kind of schedule to add, e.g. \`${command} schedule add forecast_digest "APAC weekly" weekly Mon 08:00\`.`,
  "usage.missingName": ({ verb, command }) => `Say which schedule to ${verb}, in quotes: \`${command} schedule ${verb} "<name>"\`.`,
  "usage.missingWhen": ({ command }) => `Say when it runs after the name, e.g. weekly Mon 08:00 or a cron expression. See \`${command} schedule help\`.`,
  "usage.unknownFlag": ({ flag }) => `"${flag}" is not an option; the options are --tz <Zone>, --team "<Team>" and --all-teams.`,
  "usage.flagNeedsValue": ({ flag }) => (flag === "--tz" ? `--tz needs a time zone, e.g. --tz Europe/London.` : `${flag} needs a value, e.g. ${flag} "APAC Enterprise".`),
  "usage.flagRepeated": ({ flag }) => `${flag} is given twice; give it once.`,
  "usage.flagNotAllowed": ({ verb, flag }) => `${flag} does not go with ${verb}.`,
  "usage.teamAndAllTeams": "Give either --team or --all-teams, not both.",
  "usage.extraWords": ({ verb, words }) => `I did not understand "${words}" after ${verb}. Put a name with spaces in quotes.`,
  "usage.unknownSetting": ({ word, command }) => `"${word}" is not a setting I know; the settings are: digest-detail. See \`${command} settings help\`.`,
  "usage.missingSettingValue": ({ setting, command }) => `Say what ${setting} becomes, e.g. \`${command} settings ${setting} totals\`.`,
};
