// The comment form of a free-text question, opened from the survey DM: its texts and the
// respondent's comment so far (the latest counts, so they edit rather than add).
import { AppError } from "../errors.js";
import { admitRespondent, type AdmitRespondentOptions } from "./admit-respondent.js";
import { anonymityThreshold, commentThreshold } from "./anonymise-answer.js";
import { closedRoundRefusal, isRoundOpen } from "./answer-pulse-question.js";
import { pulseText } from "./pulse-texts.js";
import { openResponse } from "./record-pulse-answer.js";
import { findQuestion, MAX_FREE_TEXT_CHARS, textIn } from "./survey-definition.js";

export interface OpenPulseCommentOptions extends AdmitRespondentOptions {
  questionId: string;
  now: Date;
}

export interface CommentForm {
  /** At most 24 characters (Slack's modal title limit). */
  title: string;
  /** The question's prompt. */
  label: string;
  hint: string;
  submit: string;
  cancel: string;
  /** The comment given so far, to edit; null for a first one. */
  current: string | null;
  maxLength: number;
}

/** The form, after the same checks as an answer; refuses a closed round and a question that is not free text. */
export async function openPulseComment(options: OpenPulseCommentOptions): Promise<CommentForm> {
  const { store, locale, now } = options;
  const { round, token, person } = await admitRespondent(options);
  if (!isRoundOpen(round, now)) throw closedRoundRefusal(round, locale, person.timeZone);
  const question = findQuestion(round.definition, options.questionId);
  if (question?.kind !== "free_text") throw new AppError("invalid_input", pulseText(locale, "answer.unknownQuestion"), { field: "questionId" });
  const sealed = await store.sealedResponse(round.id, token.tokenHash);
  const answers = sealed === null ? null : openResponse(token, sealed).answers;
  const threshold = anonymityThreshold(round.threshold);
  return {
    title: pulseText(locale, "comment.modalTitle"),
    label: textIn(question.prompt, locale, round.definition.defaultLocale),
    hint: pulseText(locale, "comment.hint", { threshold: commentThreshold(round.commentThreshold, threshold) }),
    submit: pulseText(locale, "comment.submit"),
    cancel: pulseText(locale, "comment.cancel"),
    current: answers?.find((answer) => answer.questionId === question.id)?.text ?? null,
    maxLength: MAX_FREE_TEXT_CHARS,
  };
}
