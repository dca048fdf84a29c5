import type { AdminCatalogue } from "./admin-catalogue.js";
import type { Formatters } from "./format.js";
import { intlTag } from "./locale.js";

/** "Mon, 13 Jul 2026, 08:00" — an instant (ISO, UTC) as a wall time in `timeZone`, in the reader's language. */
export function wallTime(iso: string, timeZone: string, f: Formatters): string {
  return new Intl.DateTimeFormat(intlTag(f.locale), {
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(iso));
}

const quoted = (items: readonly string[]): string[] => items.map((item) => `"${item}"`);

export const adminEn: AdminCatalogue = {
  "schedule.help": ({ command }) =>
    [
      `*Schedules* (admins only). Usage:`,
      `• \`${command} schedule list\``,
      `• \`${command} schedule add forecast_digest "<name>" <when> [--tz <Zone>] [--team "<Team>" | --all-teams]\``,
      `• \`${command} schedule change "<name>" [<when>] [--tz <Zone>] [--team "<Team>" | --all-teams]\``,
      `• \`${command} schedule pause "<name>"\`  ·  \`${command} schedule resume "<name>"\``,
      `<when> is a preset — daily 08:00, weekdays 08:30, weekly Mon 08:00, every 2 weeks Mon 08:00, monthly on the first Tuesday 09:00, monthly on day 1 09:00, quarterly on day 1 09:00 — or a 5-field cron expression ("0 8 * * 1").`,
      `The time zone defaults to the team's (the organisation's for all teams).`,
      `Example: \`${command} schedule add forecast_digest "APAC weekly" weekly Mon 08:00 --team "APAC Enterprise"\``,
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
    `"${word}" is not something I can do with schedules; use list, add, change, pause or resume. See \`${command} schedule help\`.`,
  "usage.unknownTopic": ({ word, command }) => `"${word}" is not an admin topic I know; try \`${command} schedule list\` or \`${command} help\`.`,
  "usage.missingKind": ({ command }) => `Say what kind of schedule to add, e.g. \`${command} schedule add forecast_digest "APAC weekly" weekly Mon 08:00\`.`,
  "usage.missingName": ({ verb, command }) => `Say which schedule to ${verb}, in quotes: \`${command} schedule ${verb} "<name>"\`.`,
  "usage.missingWhen": ({ command }) => `Say when it runs after the name, e.g. weekly Mon 08:00 or a cron expression. See \`${command} schedule help\`.`,
  "usage.unknownFlag": ({ flag }) => `"${flag}" is not an option; the options are --tz <Zone>, --team "<Team>" and --all-teams.`,
  "usage.flagNeedsValue": ({ flag }) => (flag === "--tz" ? `--tz needs a time zone, e.g. --tz Europe/London.` : `${flag} needs a value, e.g. ${flag} "APAC Enterprise".`),
  "usage.flagRepeated": ({ flag }) => `${flag} is given twice; give it once.`,
  "usage.flagNotAllowed": ({ verb, flag }) => `${flag} does not go with ${verb}.`,
  "usage.teamAndAllTeams": "Give either --team or --all-teams, not both.",
  "usage.extraWords": ({ verb, words }) => `I did not understand "${words}" after ${verb}. Put a name with spaces in quotes.`,
};
