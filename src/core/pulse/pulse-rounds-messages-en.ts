import { wallTime } from "../i18n/admin-messages-en.js";
import type { PulseRoundsCatalogue } from "./pulse-rounds-catalogue.js";

/** "+40", "0", "−20" (as `signedScore` in pulse-messages-en.ts; not imported: that module spreads this one). */
const signedScore = (score: number): string => (score > 0 ? `+${score}` : score < 0 ? `−${-score}` : "0");
const quoted = (items: readonly string[]): string[] => items.map((item) => `"${item}"`);
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export const pulseRoundsEn: PulseRoundsCatalogue = {
  "admin.help": ({ command, admin }) =>
    [
      `*Pulse surveys*. Usage:`,
      `• \`${command} results [<survey>]\` — results of the latest closed round, and how many have answered the open one (managers: your organisation's teams; admins and owners: everyone)`,
      `• \`${command} optout\` · \`${command} optin\` — stop receiving pulse surveys, or receive them again`,
      ...(admin
        ? [
            `Admins:`,
            `• \`${command} list\` — surveys, their schedule and last round`,
            `• \`${command} new\` · \`${command} edit <survey>\` — create or change a survey in a form`,
            `• \`${command} start <survey or template>\` — open a round now (templates: enps, sales, weekly)`,
            `• \`${command} pause <survey>\` · \`${command} resume <survey>\``,
            `• \`${command} close <survey>\` — end its open round now; its results are posted`,
          ]
        : []),
      `Answers are anonymous: results are shown only once a round has closed, and only for groups of at least the anonymity threshold.`,
    ].join("\n"),
  "admin.listHeading": ({ count }, f) => `Pulse surveys (${f.number(count)})`,
  "admin.none": ({ command }) => `There are no pulse surveys yet. Create one with \`${command} new\`, or start the eNPS template with \`${command} start enps\`.`,
  "admin.notShown": ({ count }, f) => `…and ${f.number(count)} more not shown.`,
  "admin.created": ({ name }) => `Survey "${name}" created.`,
  "admin.changed": ({ name, changed }, f) =>
    `Survey "${name}" changed: ${f.list(changed.map((item) => item.toLowerCase()))}. Rounds already open keep their questions and people; the next rounds use the change.`,
  "admin.unchanged": ({ name }) => `Survey "${name}" already is that way; nothing changed.`,
  "admin.paused": ({ name }) => `Survey "${name}" paused. No new round opens until it is resumed; an open round runs to its end.`,
  "admin.resumed": ({ name }) => `Survey "${name}" resumed. Rounds missed while it was paused are not sent.`,
  "admin.alreadyPaused": ({ name }) => `Survey "${name}" was already paused.`,
  "admin.alreadyActive": ({ name }) => `Survey "${name}" is already running.`,
  "admin.createdFromTemplate": ({ name, command }) =>
    `Created the survey "${name}" from its template. It is paused, so it runs only when started; \`${command} resume ${name}\` runs it on its schedule.`,
  "admin.started": ({ name, number, invited, closesAt, timeZone }, f) =>
    `Round ${f.number(number)} of "${name}" is open: ${f.number(invited)} ${invited === 1 ? "person is" : "people are"} being asked by direct message. It closes ${wallTime(closesAt, timeZone, f)} (${timeZone}).`,
  "admin.leftOut": ({ optedOut, outOfOffice }, f) =>
    `Not asked: ${f.number(optedOut)} who opted out, ${f.number(outOfOffice)} out of office.`,
  "admin.unreachable": ({ count, names }, f) =>
    `${f.number(count)} ${count === 1 ? "person has" : "people have"} no Slack account linked and could not be asked: ${f.list([...names])}${count > names.length ? "…" : ""}. They are linked the first time they use a command.`,
  "admin.resultsHint": ({ name, command }) =>
    `Results: \`${command} results ${name}\` — shown once the round closes (\`${command} close ${name}\` ends it now), for groups of at least the anonymity threshold.`,
  "admin.closed": ({ name, number, respondents, invited }, f) =>
    `Round ${f.number(number)} of "${name}" is closed: ${f.number(respondents)} of ${f.number(invited)} answered. No more answers are taken.`,
  "admin.resultsPosted": ({ to, name, command }) =>
    to.kind === "channel"
      ? `Its results are being posted in <#${to.channel}>; \`${command} results ${name}\` shows them.`
      : to.kind === "owner"
        ? `Its results are being sent to ${to.name} by direct message; \`${command} results ${name}\` shows them.`
        : `${to.name}, its owner, has no Slack account linked, so no results are posted; \`${command} results ${name}\` shows them.`,
  "admin.alreadyClosed": ({ name, number, command }, f) =>
    `No round of "${name}" is open: round ${f.number(number)} has closed already. Its results: \`${command} results ${name}\`.`,
  "admin.optOut": ({ name, self, optedOut, changed, command }) =>
    optedOut
      ? changed
        ? self
          ? `You will not receive pulse surveys any more, from the next round on. Changed your mind? \`${command} optin\`.`
          : `${name} will not receive pulse surveys any more, from the next round on.`
        : self
          ? "You had already opted out of pulse surveys."
          : `${name} had already opted out of pulse surveys.`
      : changed
        ? self
          ? "You will receive pulse surveys again, from the next round on."
          : `${name} will receive pulse surveys again, from the next round on.`
        : self
          ? "You already receive pulse surveys."
          : `${name} already receives pulse surveys.`,
  "admin.oooAdded": ({ name, from, to }, f) => `${name} is out of office from ${f.date(from)} to ${f.date(to)}: rounds opening then skip them.`,
  "admin.formOpened": "The survey form is open. Fill it in and save; closing it changes nothing.",
  "admin.useModal": ({ command }) => `Creating and editing surveys uses a form in Slack (\`${command} new\`); from a terminal use \`npm run cli -- pulse create\`.`,

  "admin.label.status": "Status",
  "admin.label.questions": "Questions",
  "admin.label.audience": "Sent to",
  "admin.label.when": "When",
  "admin.label.openDays": "Open for",
  "admin.label.reminders": "Reminders",
  "admin.label.owner": "Owner",
  "admin.label.lastRound": "Last round",
  "admin.label.nextRound": "Next round",
  "admin.status.active": "Running",
  "admin.status.paused": "Paused",
  "admin.questions": ({ title, count }, f) => `${title} (${f.number(count)} ${count === 1 ? "question" : "questions"})`,
  "admin.openDays": ({ days }, f) => `${f.number(days)} ${days === 1 ? "day" : "days"} after the last person receives it`,
  "admin.reminders": ({ remindAfterDays, remindOnLastDay, maxReminders }, f) =>
    maxReminders === 0
      ? "None"
      : `To those who have not answered: after ${f.number(remindAfterDays)} ${remindAfterDays === 1 ? "day" : "days"}${remindOnLastDay ? " and on the last day" : ""}, at most ${f.number(maxReminders)}`,
  "admin.owner": ({ name, channel }) => (channel === null ? `${name} (results by direct message)` : `${name} (results in <#${channel}>)`),
  "admin.round.none": "None yet",
  "admin.round.summary": ({ number, opensOn, open, invited }, f) =>
    `Round ${f.number(number)}, ${f.date(opensOn)}: ${invited === 0 ? "skipped or nobody to ask" : `${f.number(invited)} asked`}${open ? " (open)" : ""}`,
  "admin.next.on": ({ date }, f) => `Next round opens ${f.date(date)}, at the survey's time in each person's own time zone.`,
  "admin.next.paused": "— (paused)",
  "admin.next.never": "Never: the schedule matches no date in the next 11 years",
  "admin.audience.everyone": "Everyone",
  "admin.audience.teams": ({ names }, f) => `${names.length === 1 ? "Team" : "Teams"} ${f.list([...names])}`,
  "admin.audience.reports": ({ name }) => `Everyone reporting to ${name} (directly or not)`,
  "admin.audience.list": ({ count }, f) => `${f.number(count)} named ${count === 1 ? "person" : "people"}`,
  "admin.audience.missing": "(deleted)",
  "admin.field.name": "Name",
  "admin.field.questions": "Questions",
  "admin.field.audience": "Audience",
  "admin.field.when": "Schedule",
  "admin.field.timeZone": "Time zone",
  "admin.field.openDays": "Open days",
  "admin.field.reminders": "Reminders",
  "admin.field.owner": "Owner",
  "admin.field.resultsChannel": "Results channel",

  "admin.error.adminsOnly": "Only sales-ops admins can manage pulse surveys.",
  "admin.error.missingName": "Give the survey a name.",
  "admin.error.nameTooLong": ({ maxChars }, f) => `A survey's name has at most ${f.number(maxChars)} characters.`,
  "admin.error.duplicateName": ({ name }) => `There is already a survey named "${name}"; pick another name.`,
  "admin.error.noSuchSurvey": ({ name, names }, f) =>
    names.length === 0 ? `There is no survey "${name}"; there are no surveys yet.` : `There is no survey "${name}". Surveys: ${f.list(quoted(names))}.`,
  "admin.error.noSurveyOrTemplate": ({ name, names, templates }, f) =>
    `There is no survey or template "${name}". ${names.length === 0 ? "There are no surveys yet." : `Surveys: ${f.list(quoted(names))}.`} Templates: ${f.list(quoted(templates))}.`,
  "admin.error.unknownTemplate": ({ template, templates }, f) => `There is no template "${template}"; the templates are ${f.list(quoted(templates))}.`,
  "admin.error.templateAndDefinition": "Give either a template or your own questions, not both.",
  "admin.error.badDefinition": ({ reason }) => `The questions are not valid: ${reason}`,
  "admin.error.badWhen": ({ when, reason }) =>
    `"${when}" is not a schedule: ${reason} Try "weekly Mon 09:00", "every 2 weeks Mon 09:00", "monthly on the first Monday 09:00", "quarterly on day 1 09:00" or a cron expression.`,
  "admin.error.badTimeZone": ({ timeZone }) => `"${timeZone}" is not a time zone; use a name such as "Asia/Kuala_Lumpur" or "Europe/London".`,
  "admin.error.badOpenDays": ({ value, min, max }, f) => `A round stays open ${f.number(min)} to ${f.number(max)} whole days; "${value}" is not one of them.`,
  "admin.error.badMaxReminders": ({ value, max }, f) => `At most ${f.number(max)} reminders are sent; "${value}" is not 0 to ${f.number(max)}.`,
  "admin.error.badRemindAfterDays": ({ value, openDays }, f) =>
    `The first reminder goes a whole number of days after the survey, before it closes: 1 to ${f.number(openDays - 1)}, not "${value}".`,
  "admin.error.unknownTeam": ({ team, names }, f) => `There is no team "${team}". Teams: ${f.list(quoted(names))}.`,
  "admin.error.teamWithoutChannel": ({ team }) => `The team "${team}" has no Slack channel for results; give a channel id instead.`,
  "admin.error.unknownPerson": ({ who }) => `Nobody in the organisation has the e-mail "${who}".`,
  "admin.error.emptyAudience": "Name at least one team or person to send the survey to.",
  "admin.error.nothingToChange": ({ command }) => `Say what to change (questions, audience, schedule, open days, reminders…); \`${command} edit <survey>\` opens the form.`,
  "admin.error.roundOpen": ({ name, number, closesAt, timeZone, command }, f) =>
    `Round ${f.number(number)} of "${name}" is still open until ${wallTime(closesAt, timeZone, f)} (${timeZone}); a new one can start after it closes. To end it now: \`${command} close ${name}\`.`,
  "admin.error.roundToday": ({ name }) => `A round of "${name}" already opened today; start the next one tomorrow.`,
  "admin.error.noRoundYet": ({ name, command }) => `"${name}" has had no round yet, so there is nothing to close. \`${command} start ${name}\` opens one.`,
  "admin.error.badDate": ({ date }) => `"${date}" is not a date (YYYY-MM-DD).`,
  "admin.error.badDateRange": ({ from, to }) => `The absence ends (${to}) before it starts (${from}).`,

  "admin.usage.unclosedQuote": ({ quote }) => `A name starting with ${quote} has no closing quote.`,
  "admin.usage.unknownVerb": ({ word, command }) => `I don't know "${word}". Try \`${command} help\`.`,
  "admin.usage.missingName": ({ verb, command }) => `Which survey? \`${command} ${verb} <survey name>\`.`,
  "admin.usage.extraWords": ({ verb, words }) => `"${verb}" takes nothing more; I did not understand "${words}".`,

  "admin.modal.titleNew": "New pulse survey",
  "admin.modal.titleEdit": "Edit pulse survey",
  "admin.modal.titleSaved": "Pulse survey saved",
  "admin.modal.submit": "Save",
  "admin.modal.cancel": "Cancel",
  "admin.modal.close": "Close",
  "admin.modal.template": "Questions",
  "admin.modal.keepQuestions": "Keep the current questions",
  "admin.modal.name": "Name",
  "admin.modal.audience": "Send to",
  "admin.modal.audienceTeam": ({ team }) => `Team: ${team}`,
  "admin.modal.audienceReports": ({ name }) => `${name}'s organisation`,
  "admin.modal.cadence": "How often",
  "admin.modal.cadenceWeekly": "Weekly",
  "admin.modal.cadenceFortnightly": "Every 2 weeks",
  "admin.modal.cadenceMonthly": "Monthly (first weekday of the month)",
  "admin.modal.cadenceQuarterly": "Quarterly (day 1 of Jan, Apr, Jul, Oct)",
  "admin.modal.cadenceCustom": ({ when }) => `As now: ${when}`,
  "admin.modal.weekday": ({ day }) => WEEKDAYS[day - 1] ?? String(day),
  "admin.modal.weekdayLabel": "On",
  "admin.modal.weekdayHint": "For weekly, every 2 weeks and monthly.",
  "admin.modal.time": "Local time",
  "admin.modal.timeHint": "Each person receives it at this time in their own time zone.",
  "admin.modal.openDays": "Open for (days)",
  "admin.modal.openDaysHint": ({ min, max }, f) => `${f.number(min)} to ${f.number(max)} days after the last person receives it.`,
  "admin.modal.badOpenDays": ({ min, max }, f) => `Enter a whole number of days from ${f.number(min)} to ${f.number(max)}.`,
  "admin.modal.required": "Choose one.",

  "results.refused": "Pulse results are for managers and admins.",
  "results.noSuchSurvey": ({ name, names }, f) => `There is no survey "${name}" you can see results of. Surveys: ${f.list(quoted(names))}.`,
  "results.noRoundsAtAll": "No survey has had a round yet.",
  "results.noRounds": ({ name }) => `"${name}" has had no round yet.`,
  "results.heading": ({ title, number }, f) => `${title} — round ${f.number(number)}`,
  "results.closedHeading": ({ title, number }, f) => `${title} — round ${f.number(number)} closed`,
  "results.roundDates": ({ opensOn, closesAt, timeZone, open }, f) =>
    `Opened ${f.date(opensOn)} · ${open ? "closes" : "closed"} ${wallTime(closesAt, timeZone, f)} (${timeZone})`,
  "results.openedOn": ({ opensOn }, f) => `Opened ${f.date(opensOn)} · still open`,
  "results.whenClosed": ({ closesAt, timeZone }, f) =>
    `Results appear when the round closes on ${wallTime(closesAt, timeZone, f)} (${timeZone}). Until then only the response rate is shown: figures that moved with every new answer would let someone work out one person's answers.`,
  "results.scopeAll": "Everyone asked",
  "results.scopeTeams": ({ names }, f) => `Your organisation: ${f.list([...names])}`,
  "results.enpsBreakdown": ({ promoters, passives, detractors, total }, f) => {
    const share = (count: number) => f.percent(total === 0 ? 0 : count / total);
    return `Promoters (9-10) ${f.number(promoters)} (${share(promoters)}) · passives (7-8) ${f.number(passives)} (${share(passives)}) · detractors (0-6) ${f.number(detractors)} (${share(detractors)}) · ${f.number(total)} answered`;
  },
  "results.distribution": ({ values }, f) => values.map((value) => `${value.label}: ${f.number(value.count)}`).join(" · "),
  "results.mean": ({ mean, max, respondents }, f) => `Average ${f.number(Math.round(mean * 10) / 10)} of ${f.number(max)} · ${f.number(respondents)} answered`,
  "results.respondents": ({ respondents }, f) => `${f.number(respondents)} answered`,
  "results.cutEnps": ({ score, respondents }, f) => `${score === null ? "no data" : signedScore(score)} (${f.number(respondents)})`,
  "results.cutMean": ({ mean, respondents }, f) => `${f.number(Math.round(mean * 10) / 10)} (${f.number(respondents)})`,
  "results.cutTopChoice": ({ label, count, respondents }, f) => `${label} ${f.number(count)} of ${f.number(respondents)}`,
  "results.byTeam": "By team",
  "results.byBand": "By quota attainment",
  "results.cutsHidden": ({ count, threshold }, f) => `${f.number(count)} ${count === 1 ? "group" : "groups"} hidden (fewer than ${f.number(threshold)} people, or would reveal one)`,
  "results.comments": ({ count }, f) => `${f.number(count)} ${count === 1 ? "comment" : "comments"}, in random order:`,
  "results.trend": ({ points, change }, f) =>
    `eNPS trend: ${points.map((point) => `${f.date(point.closesOn)} ${point.score === null ? "—" : signedScore(point.score)}`).join(" → ")}${change === null ? "" : ` (${signedScore(change)} since the previous round)`}`,
  "results.thresholdNote": ({ threshold, commentThreshold }, f) =>
    `Anonymous: figures appear only for groups of at least ${f.number(threshold)} people, comments only once ${f.number(commentThreshold)} people have written one.`,

  "reminder.text": ({ title, closesAt, timeZone, link, lastDay }, f) =>
    [
      lastDay
        ? `*Last day for "${title}".* It closes ${wallTime(closesAt, timeZone, f)}.`
        : `*A reminder: "${title}" is waiting for your answers.* It closes ${wallTime(closesAt, timeZone, f)}.`,
      link === null ? "Scroll up to the survey in this conversation to answer." : `<${link}|Open the survey> to answer — it takes a minute.`,
      "Your answers are anonymous. Reminders go only to people who have not answered yet.",
    ].join("\n"),
  "reminder.summary": ({ title }) => `Reminder: "${title}" is waiting for your answers`,
};
