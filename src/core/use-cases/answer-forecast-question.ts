import { latestForecastCall, rollUpMembers } from "../forecast.js";
import { closedWonIn } from "../quota.js";
import { answerText } from "../i18n/answers.js";
import { t } from "../i18n/messages.js";
import { amountToMinor } from "../questions/parse-amount.js";
import { parseForecastQuestion, type ForecastIntent } from "../questions/forecast-question.js";
import { MAX_QUESTION_LENGTH } from "../questions/question-text.js";
import type { Reply, ReplyBlock } from "../reply.js";
import type { PeriodSpec } from "../period-spec.js";
import type { Person } from "../sales-data.js";
import { amountRefusal } from "./person-quota.js";
import { answerPersonForecast } from "./person-forecast.js";
import { answerDigestRequest, type DigestChartSender } from "./digest-on-request.js";
import { explainForecastMethod } from "./explain-forecast-method.js";
import { answerForecastHistory } from "./forecast-history.js";
import {
  leadsPeople,
  loadQuestionContext,
  periodFor,
  periodForCall,
  replyLocale,
  type AskQuestionOptions,
  type QuestionContext,
} from "./question-context.js";
import { answerOpenDeals } from "./open-deals.js";
import { answerOrExplain } from "./reply-for-error.js";
import { labelOf, money, periodContext, textReply } from "./reply-parts.js";
import { resolveSubject } from "./resolve-subject.js";
import { answerTeamForecast } from "./team-forecast.js";
import { teamScope } from "./team-scope.js";

export type AnswerForecastQuestionOptions = AskQuestionOptions & {
  /** Where `/forecast digest` sends its chart privately (the Slack adapter: the asker's DM); absent, no chart. */
  sendDigestChart?: DigestChartSender;
};

/**
 * Answers a `/forecast` question: a person's or a team's commit, best case, pipeline and
 * projection with last week's change (a manager's own is their team's); takes a forecast call
 * (refusing one whose commit is below what has closed, or whose best case is below the commit);
 * shows someone's calls over time against what closed; explains the projection's model and how
 * accurate it has been; shows a manager this week's team digest. Refusals and bad input come
 * back as replies in the answer's language.
 */
export async function answerForecastQuestion(options: AnswerForecastQuestionOptions): Promise<Reply> {
  const intent = parseForecastQuestion(options.text);
  const locale = replyLocale(options.locale, options.text);
  const command = options.command ?? "/forecast";
  switch (intent.kind) {
    case "help":
      return textReply(t(locale, "forecast.help", { command }));
    case "unknown":
      if (intent.reason === "too_long") return textReply(t(locale, "error.tooLong", { maxChars: MAX_QUESTION_LENGTH }));
      if (intent.reason === "several_subjects") return textReply(t(locale, "error.severalPeople"));
      return textReply(t(locale, "forecast.notUnderstood", { command }));
    case "digest":
      return answerOrExplain(locale, async () => answerDigestRequest(await loadQuestionContext(options, locale, command), options.text, options.sendDigestChart));
    default:
      return answerOrExplain(locale, async () => answer(await loadQuestionContext(options, locale, command), intent));
  }
}

type DataIntent = Exclude<ForecastIntent, { kind: "help" | "unknown" | "digest" }>;

async function answer(context: QuestionContext, intent: DataIntent): Promise<Reply> {
  switch (intent.kind) {
    case "own": {
      // A manager's own forecast is their team's (themselves and everyone below), as /quota credits them.
      const period = periodFor(context, intent.period);
      const hasReports = (context.org.directReports.get(context.asker.id) ?? []).length > 0;
      const scope = hasReports ? teamScope(context, context.asker) : null;
      return scope === null ? answerPersonForecast(context, context.asker, period) : answerTeamForecast(context, scope, period, { asOwnForecast: true });
    }
    case "subject": {
      const subject = resolveSubject(context, intent.subject);
      if (subject.kind === "ambiguous") return subject.reply;
      return personOrTeam(context, subject.person, intent.period);
    }
    case "team": {
      const subject = resolveSubject(context, intent.subject);
      if (subject.kind === "ambiguous") return subject.reply;
      if (!leadsPeople(context.asker)) return textReply(answerText(context.locale, "forecast.managersOnly", { command: context.command }));
      const scope = teamScope(context, subject.person);
      if (scope === null) {
        const name = subject.person.id === context.asker.id ? null : subject.person.name;
        return textReply(answerText(context.locale, "team.noReports", { name }));
      }
      return answerTeamForecast(context, scope, periodFor(context, intent.period));
    }
    case "submit":
      return submitCall(context, intent);
    case "submitRejected":
      return explainRejectedCall(context, intent);
    case "method":
      return explainForecastMethod(context);
    case "history": {
      const subject = resolveSubject(context, intent.subject);
      if (subject.kind === "ambiguous") return subject.reply;
      return answerForecastHistory(context, subject.person);
    }
    case "deals": {
      const subject = resolveSubject(context, intent.subject);
      if (subject.kind === "ambiguous") return subject.reply;
      return answerOpenDeals(context, subject.person, periodFor(context, intent.period));
    }
  }
}

/** `/forecast @maria`: Maria's own forecast, or her team's when people report to her. */
function personOrTeam(context: QuestionContext, person: Person, spec: PeriodSpec | undefined): Promise<Reply> {
  const period = periodFor(context, spec);
  const hasReports = (context.org.directReports.get(person.id) ?? []).length > 0;
  const scope = hasReports ? teamScope(context, person) : null;
  return scope === null ? answerPersonForecast(context, person, period) : answerTeamForecast(context, scope, period);
}

/**
 * Takes a forecast call: commit and (optionally) best case for the current or a named period
 * that has not ended. Reps, managers and admins may call (an admin may carry a number, e.g. a
 * sales director set up as admin); other roles may not. Every call is kept; the latest counts.
 * Without a best case, the best case recorded is the commit.
 */
async function submitCall(context: QuestionContext, intent: Extract<ForecastIntent, { kind: "submit" }>): Promise<Reply> {
  const { locale, tenant, asker } = context;
  if (asker.role === "other") return textReply(answerText(locale, "forecast.submit.notSeller"));
  // A bare "Q1" means the next Q1 that has not ended (see periodForCall).
  const period = periodForCall(context, intent.period);
  const label = labelOf(context, period);
  if (period.end < context.today) return textReply(answerText(locale, "forecast.submit.periodEnded", { period: label }));
  const commit = amountToMinor(intent.commit, { currency: tenant.currency });
  if (!commit.ok) return amountRefusal(context, commit);
  let bestCaseMinor = commit.minor;
  if (intent.bestCase !== undefined) {
    const bestCase = amountToMinor(intent.bestCase, { currency: tenant.currency });
    if (!bestCase.ok) return amountRefusal(context, bestCase);
    if (bestCase.minor < commit.minor) {
      return textReply(t(locale, "forecast.submit.bestBelowCommit", { commitText: intent.commitText, bestCaseText: intent.bestCaseText ?? "" }));
    }
    bestCaseMinor = bestCase.minor;
  }
  // Commit includes what has closed: a commit below the period's closed won (the asker's, with
  // their team's for a manager, as their /forecast counts it) cannot be right. Nothing is kept.
  const closedMinor = closedWonIn(
    await context.data.dealSummaries(context.tenantId, rollUpMembers(context.org, asker.id), { start: period.start, end: period.end }),
    period,
  );
  if (commit.minor < closedMinor) {
    return textReply(
      answerText(locale, "forecast.submit.commitBelowClosed", { period: label, commit: money(context, commit.minor), closed: money(context, closedMinor) }),
    );
  }
  const previous = latestForecastCall(await context.data.forecastCalls(context.tenantId, [asker.id], period), asker.id, period);
  await context.data.recordForecastCall(context.tenantId, {
    employeeId: asker.id,
    periodStart: period.start,
    periodEnd: period.end,
    commitMinor: commit.minor,
    bestCaseMinor,
    currency: tenant.currency,
    submittedAt: context.now,
  });
  const text = t(locale, "forecast.callSubmitted", {
    period: label,
    currency: tenant.currency,
    commitMinor: commit.minor,
    ...(intent.bestCase === undefined ? {} : { bestCaseMinor }),
  });
  const blocks: ReplyBlock[] = [{ kind: "text", text }];
  if (previous !== null) {
    blocks.push({
      kind: "context",
      text: answerText(locale, "forecast.submit.previous", {
        commit: money(context, previous.commitMinor),
        bestCase: money(context, previous.bestCaseMinor),
        submittedAt: previous.submittedAt.toISOString(),
        timeZone: asker.timeZone,
      }),
    });
  }
  blocks.push(periodContext(context, period));
  return { summary: text, blocks };
}

function explainRejectedCall(context: QuestionContext, intent: Extract<ForecastIntent, { kind: "submitRejected" }>): Reply {
  const { locale, tenant } = context;
  switch (intent.reason) {
    case "missing_commit":
      return textReply(t(locale, "forecast.submit.missingCommit", { command: context.command }));
    case "best_below_commit":
      return textReply(
        t(locale, "forecast.submit.bestBelowCommit", { commitText: intent.commitText ?? "", bestCaseText: intent.bestCaseText ?? "" }),
      );
    case "amount_invalid":
      return textReply(
        t(locale, "amount.invalid", { text: intent.amountText ?? "", reason: intent.amountReason ?? "malformed", currency: tenant.currency }),
      );
  }
}
