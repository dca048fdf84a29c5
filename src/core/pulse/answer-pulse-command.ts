// `/pulse …` (and the CLI's pulse commands): runs one parsed command through its use case and
// says what happened as a localised Reply. Refusals and bad input are thrown (AppError) for the
// adapter to answer in its one place; usage problems are answered here.
import type { Locale } from "../i18n/locale.js";
import type { Reply, ReplyBlock } from "../reply.js";
import { describeSchedule } from "../schedules/describe-schedule.js";
import { textReply } from "../use-cases/reply-parts.js";
import { closePulseRound, type ClosePulseRoundResult } from "./close-pulse-round.js";
import {
  listPulseSurveys,
  pausePulseSurvey,
  resumePulseSurvey,
  setPulseOptOut,
  startPulseRound,
  type PulseAdminOptions,
  type StartedRound,
  type SurveyField,
  type SurveyOverview,
} from "./manage-pulse-surveys.js";
import { parsePulseCommand, type PulseCommand, type PulseUsageProblem } from "./parse-pulse-command.js";
import { pulseText } from "./pulse-texts.js";
import { pulseResultsAnswerReply, showPulseResults } from "./show-pulse-results.js";

/** Surveys a list shows before "…and N more" (two blocks each, within Slack's 50). */
const MAX_LISTED = 20;

/** The problem with what was typed, in the reader's language. */
export function pulseUsageText(problem: PulseUsageProblem, locale: Locale, command = "/pulse"): string {
  switch (problem.kind) {
    case "unclosedQuote":
      return pulseText(locale, "admin.usage.unclosedQuote", { quote: problem.quote });
    case "unknownVerb":
      return pulseText(locale, "admin.usage.unknownVerb", { word: problem.word, command });
    case "missingName":
      return pulseText(locale, "admin.usage.missingName", { verb: problem.verb, command });
    case "extraWords":
      return pulseText(locale, "admin.usage.extraWords", { verb: problem.verb, words: problem.words });
  }
}

/** The label/value pairs of one survey, in the reader's language. */
export function surveyFields(survey: SurveyOverview, locale: Locale): Array<{ label: string; value: string }> {
  const last = survey.lastRound;
  return [
    { label: pulseText(locale, "admin.label.status"), value: pulseText(locale, survey.status === "active" ? "admin.status.active" : "admin.status.paused") },
    { label: pulseText(locale, "admin.label.questions"), value: pulseText(locale, "admin.questions", { title: survey.title, count: survey.questionCount }) },
    { label: pulseText(locale, "admin.label.audience"), value: survey.audienceText },
    { label: pulseText(locale, "admin.label.when"), value: describeSchedule(survey.spec, survey.timeZone, locale) },
    { label: pulseText(locale, "admin.label.openDays"), value: pulseText(locale, "admin.openDays", { days: survey.openDays }) },
    { label: pulseText(locale, "admin.label.reminders"), value: pulseText(locale, "admin.reminders", { ...survey.reminders }) },
    {
      label: pulseText(locale, "admin.label.owner"),
      value: pulseText(locale, "admin.owner", { name: survey.ownerName, channel: survey.resultsChannel }),
    },
    {
      label: pulseText(locale, "admin.label.lastRound"),
      value:
        last === null
          ? pulseText(locale, "admin.round.none")
          : pulseText(locale, "admin.round.summary", { number: last.number, opensOn: last.opensOn, open: last.status === "open", invited: last.invited }),
    },
    {
      label: pulseText(locale, "admin.label.nextRound"),
      value: survey.nextOpensOn === null ? pulseText(locale, survey.status === "paused" ? "admin.next.paused" : "admin.next.never") : pulseText(locale, "admin.next.on", { date: survey.nextOpensOn }),
    },
  ];
}

function surveyBlocks(survey: SurveyOverview, locale: Locale): ReplyBlock[] {
  return [
    { kind: "text", text: `*${survey.name}*` },
    { kind: "fields", fields: surveyFields(survey, locale) },
  ];
}

export function surveyListReply(surveys: readonly SurveyOverview[], locale: Locale, command = "/pulse"): Reply {
  const heading = pulseText(locale, "admin.listHeading", { count: surveys.length });
  if (surveys.length === 0) {
    const none = pulseText(locale, "admin.none", { command });
    return { summary: heading, blocks: [{ kind: "heading", text: heading }, { kind: "text", text: none }] };
  }
  const blocks: ReplyBlock[] = [{ kind: "heading", text: heading }];
  surveys.slice(0, MAX_LISTED).forEach((survey, index) => {
    if (index > 0) blocks.push({ kind: "divider" });
    blocks.push(...surveyBlocks(survey, locale));
  });
  if (surveys.length > MAX_LISTED) blocks.push({ kind: "context", text: pulseText(locale, "admin.notShown", { count: surveys.length - MAX_LISTED }) });
  return { summary: heading, blocks };
}

/** Confirms a survey was created or changed, with its settings. */
export function surveySavedReply(survey: SurveyOverview, locale: Locale, changed?: readonly SurveyField[]): Reply {
  const text =
    changed === undefined
      ? pulseText(locale, "admin.created", { name: survey.name })
      : changed.length === 0
        ? pulseText(locale, "admin.unchanged", { name: survey.name })
        : pulseText(locale, "admin.changed", { name: survey.name, changed: changed.map((field) => pulseText(locale, `admin.field.${field}`)) });
  return textReply(text, [{ kind: "fields", fields: surveyFields(survey, locale) }]);
}

export function roundStartedReply(started: StartedRound, locale: Locale, command = "/pulse"): Reply {
  const lines = [
    ...(started.createdFromTemplate ? [pulseText(locale, "admin.createdFromTemplate", { name: started.survey.name, command })] : []),
    pulseText(locale, "admin.started", {
      name: started.survey.name,
      number: started.number,
      invited: started.invited,
      closesAt: started.closesAt.toISOString(),
      timeZone: started.survey.timeZone,
    }),
  ];
  if (started.optedOut + started.outOfOffice > 0) lines.push(pulseText(locale, "admin.leftOut", { optedOut: started.optedOut, outOfOffice: started.outOfOffice }));
  if (started.unreachable.length > 0) lines.push(pulseText(locale, "admin.unreachable", { count: started.unreachable.length, names: started.unreachable.slice(0, 10) }));
  lines.push(pulseText(locale, "admin.resultsHint", { name: started.survey.name, command }));
  return textReply(lines.join("\n"));
}

/** What `/pulse close` did: each round closed and where its results went, or that none was open. */
export function roundsClosedReply(result: ClosePulseRoundResult, locale: Locale, command = "/pulse"): Reply {
  const name = result.surveyName;
  if (result.closed.length === 0) return textReply(pulseText(locale, "admin.alreadyClosed", { name, number: result.latestNumber, command }));
  const lines = result.closed.map((round) =>
    [
      pulseText(locale, "admin.closed", { name, number: round.number, respondents: round.respondents, invited: round.invited }),
      pulseText(locale, "admin.resultsPosted", { to: round.destination, name, command }),
    ].join(" "),
  );
  return textReply(lines.join("\n"));
}

export interface AnswerPulseCommandOptions extends PulseAdminOptions {
  readonly request: PulseCommand;
}

/** Runs one parsed command (not `new`/`edit`, which open the admin modal in Slack). */
export async function answerPulseRequest(options: AnswerPulseCommandOptions): Promise<Reply> {
  const { request, locale } = options;
  const command = options.command ?? "/pulse";
  switch (request.verb) {
    case "help": {
      // Admin verbs are listed to admins only.
      const asker = (await options.store.people(options.tenantId)).find((person) => person.id === options.employeeId);
      return textReply(pulseText(locale, "admin.help", { command, admin: asker?.role === "admin" && asker.active }));
    }
    case "results": {
      const shown = await showPulseResults({ ...options, ...(request.name === undefined ? {} : { name: request.name }) });
      return pulseResultsAnswerReply(shown, locale);
    }
    case "list":
      return surveyListReply(await listPulseSurveys(options), locale, command);
    case "start":
      return roundStartedReply(await startPulseRound({ ...options, name: request.name }), locale, command);
    case "pause": {
      const { survey, changed } = await pausePulseSurvey({ ...options, name: request.name });
      return textReply(pulseText(locale, changed ? "admin.paused" : "admin.alreadyPaused", { name: survey.name }));
    }
    case "close":
      return roundsClosedReply(await closePulseRound({ ...options, name: request.name }), locale, command);
    case "resume": {
      const { survey, changed } = await resumePulseSurvey({ ...options, name: request.name });
      const next = survey.nextOpensOn === null ? "" : `\n${pulseText(locale, "admin.next.on", { date: survey.nextOpensOn })}`;
      return textReply(`${pulseText(locale, changed ? "admin.resumed" : "admin.alreadyActive", { name: survey.name })}${next}`);
    }
    case "optout":
    case "optin": {
      const result = await setPulseOptOut({ ...options, optedOut: request.verb === "optout" });
      return textReply(pulseText(locale, "admin.optOut", { ...result, command }));
    }
    case "new":
    case "edit":
      // Slack opens the modal for these; a platform without modals says where to go.
      return textReply(pulseText(locale, "admin.useModal", { command }));
  }
}

/** Answers `/pulse <text>`: parses, then runs the command. */
export async function answerPulseCommand(options: PulseAdminOptions & { text: string }): Promise<Reply> {
  const parsed = parsePulseCommand(options.text);
  if (!parsed.ok) return textReply(pulseUsageText(parsed.problem, options.locale, options.command ?? "/pulse"));
  return answerPulseRequest({ ...options, request: parsed.command });
}
