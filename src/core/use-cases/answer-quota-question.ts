import { t } from "../i18n/messages.js";
import { MAX_QUESTION_LENGTH } from "../questions/question-text.js";
import { parseQuotaQuestion, type QuotaIntent } from "../questions/quota-question.js";
import type { Reply } from "../reply.js";
import { answerNextTier, answerStanding, answerToTarget, answerWhatIfAmount, answerWhatIfDeal } from "./person-quota.js";
import { loadQuestionContext, periodFor, replyLocale, type AskQuestionOptions, type QuestionContext } from "./question-context.js";
import { answerOpenDeals } from "./open-deals.js";
import { answerOrExplain } from "./reply-for-error.js";
import { textReply } from "./reply-parts.js";
import { resolveSubject } from "./resolve-subject.js";
import { answerLeaderboard, answerTeamQuota } from "./team-quota.js";

export type AnswerQuotaQuestionOptions = AskQuestionOptions;

/**
 * Answers a `/quota` question: where a person stands against quota, what a deal would do to
 * their commission, their team's quarter, the leaderboard. Access is decided before any of the
 * subject's numbers are read; refusals and bad input come back as replies in the answer's
 * language, anything unexpected is thrown for the adapter.
 */
export async function answerQuotaQuestion(options: AnswerQuotaQuestionOptions): Promise<Reply> {
  const intent = parseQuotaQuestion(options.text);
  const locale = replyLocale(options.locale, options.text);
  const command = options.command ?? "/quota";
  switch (intent.kind) {
    case "help":
      return textReply(t(locale, "quota.help", { command }));
    case "unknown":
      if (intent.reason === "too_long") return textReply(t(locale, "error.tooLong", { maxChars: MAX_QUESTION_LENGTH }));
      if (intent.reason === "several_subjects") return textReply(t(locale, "error.severalPeople"));
      return textReply(t(locale, "quota.notUnderstood", { command }));
    default:
      return answerOrExplain(locale, async () => answer(await loadQuestionContext(options, locale, command), intent));
  }
}

async function answer(context: QuestionContext, intent: Exclude<QuotaIntent, { kind: "help" | "unknown" }>): Promise<Reply> {
  const period = periodFor(context, intent.period);
  if (intent.kind === "leaderboard") return answerLeaderboard(context, period);
  const subject = resolveSubject(context, intent.subject);
  if (subject.kind === "ambiguous") return subject.reply;
  const person = subject.person;
  switch (intent.kind) {
    case "standing":
      return answerStanding(context, person, period);
    case "team":
      return answerTeamQuota(context, person, period);
    case "whatIfAmount":
      return answerWhatIfAmount(context, person, period, intent.amount);
    case "whatIfDeal":
      return answerWhatIfDeal(context, person, period, intent.dealQuery);
    case "toTarget":
      return answerToTarget(context, person, period, intent.targetFraction);
    case "nextTier":
      return answerNextTier(context, person, period);
    case "deals":
      return answerOpenDeals(context, person, period);
  }
}
