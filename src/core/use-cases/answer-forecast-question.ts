import { dayOffsetInPeriod, dateAtOffset, currentQuarter, quartersBefore } from "../periods.js";
import { backtestProjection } from "../projection.js";
import { latestForecastCall } from "../forecast.js";
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
import { answerDigestRequest } from "./digest-on-request.js";
import { leadsPeople, loadQuestionContext, periodFor, replyLocale, type AskQuestionOptions, type QuestionContext } from "./question-context.js";
import { answerOrExplain } from "./reply-for-error.js";
import { labelOf, money, periodContext, textReply } from "./reply-parts.js";
import { resolveSubject } from "./resolve-subject.js";
import { answerTeamForecast } from "./team-forecast.js";
import { teamScope } from "./team-scope.js";

export type AnswerForecastQuestionOptions = AskQuestionOptions;

/**
 * Answers a `/forecast` question: a person's or a team's commit, best case, pipeline and
 * projection with last week's change; takes a forecast call; explains the projection and how
 * accurate it has been; shows a manager this week's team digest. Refusals and bad input come
 * back as replies in the answer's language.
 */
export async function answerForecastQuestion(options: AnswerForecastQuestionOptions): Promise<Reply> {
  const intent = parseForecastQuestion(options.text);
  const locale = replyLocale(options.locale, intent.language, options.text);
  const command = options.command ?? "/forecast";
  switch (intent.kind) {
    case "help":
      return textReply(t(locale, "forecast.help", { command }));
    case "unknown":
      if (intent.reason === "too_long") return textReply(t(locale, "error.tooLong", { maxChars: MAX_QUESTION_LENGTH }));
      if (intent.reason === "several_subjects") return textReply(t(locale, "error.severalPeople"));
      return textReply(t(locale, "forecast.notUnderstood", { command }));
    case "digest":
      return answerOrExplain(locale, async () => answerDigestRequest(await loadQuestionContext(options, locale, command), options.text));
    default:
      return answerOrExplain(locale, async () => answer(await loadQuestionContext(options, locale, command), intent));
  }
}

type DataIntent = Exclude<ForecastIntent, { kind: "help" | "unknown" | "digest" }>;

async function answer(context: QuestionContext, intent: DataIntent): Promise<Reply> {
  switch (intent.kind) {
    case "own":
      return answerPersonForecast(context, context.asker, periodFor(context, intent.period));
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
      return explainMethod(context);
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
  const period = periodFor(context, intent.period);
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

/** How many past quarters `/forecast method` replays at most. */
const METHOD_QUARTERS = 4;

/**
 * `/forecast method`: how the projection is made, and how far off it has been — replayed in
 * each past quarter the snapshot history covers (ended by the latest snapshot, with a snapshot
 * by the replay date), as of the same day of the quarter as today; MAPE and bias of those.
 */
async function explainMethod(context: QuestionContext): Promise<Reply> {
  const { locale, tenant, today } = context;
  const history = await context.data.snapshotHistory(context.tenantId, today);
  let earliest: string | null = null;
  let latest: string | null = null;
  for (const row of history) {
    if (earliest === null || row.snapshotDate < earliest) earliest = row.snapshotDate;
    if (latest === null || row.snapshotDate > latest) latest = row.snapshotDate;
  }
  const current = currentQuarter(today, tenant.fiscalYearStartMonth);
  const offset = dayOffsetInPeriod(current, today);
  const quarters =
    earliest === null || latest === null
      ? []
      : quartersBefore(current, METHOD_QUARTERS, tenant.fiscalYearStartMonth).filter(
          (quarter) => quarter.end <= latest! && dateAtOffset(quarter, offset) >= earliest!,
        );
  const backtest = quarters.length === 0 ? null : backtestProjection(history, quarters, offset);
  const scored = (backtest?.quarters ?? [])
    .map((result, i) => ({ result, period: quarters[i]! }))
    .filter(({ result }) => result.absolutePercentageError !== null);
  const text = t(locale, "forecast.method", {
    quartersMeasured: scored.length,
    ...(backtest?.meanAbsolutePercentageError == null ? {} : { meanAbsoluteError: backtest.meanAbsolutePercentageError }),
    ...(backtest?.bias == null ? {} : { bias: backtest.bias }),
  });
  const headingText = answerText(locale, "heading.forecast.method");
  const blocks: ReplyBlock[] = [
    { kind: "heading", text: headingText },
    { kind: "text", text },
  ];
  if (scored.length > 0) {
    blocks.push({
      kind: "list",
      items: scored.map(({ result, period }) =>
        answerText(locale, "method.quarterLine", {
          period: labelOf(context, period),
          projected: money(context, result.projectedMinor ?? 0),
          actual: money(context, result.actualMinor),
          error: result.signedPercentageError,
        }),
      ),
      moreCount: 0,
    });
    blocks.push({ kind: "context", text: answerText(locale, "method.asOf", { days: offset }) });
  }
  return { summary: headingText, blocks };
}
