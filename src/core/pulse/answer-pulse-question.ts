// Checking one answer given in a survey DM against the round as stored: the round must be open,
// the question must exist, and the value must fit it. Refusals are `AppError`s whose message is
// already in the respondent's language and says nothing was recorded.
import { AppError, isAppError } from "../errors.js";
import { formatDateTime } from "../i18n/format.js";
import type { Locale } from "../i18n/locale.js";
import type { AnswerableRound } from "./pulse-answer-store.js";
import { pulseText } from "./pulse-texts.js";
import { AGREEMENT_SCALE, ENPS_SCALE, findQuestion, MAX_FREE_TEXT_CHARS } from "./survey-definition.js";
import { validateAnswer, type ValidatedAnswer } from "./validate-answer.js";

export interface AnswerPulseQuestionOptions {
  round: Pick<AnswerableRound, "status" | "closesAt" | "closedAt" | "definition">;
  questionId: string;
  /** As the chat platform sent it (a button value, a selected option, modal text). */
  rawValue: unknown;
  /** The instant of the answer (UTC). */
  now: Date;
  locale: Locale;
  /** The respondent's IANA zone, for the closing time a refusal mentions. */
  timeZone: string;
}

/** An instant as a respondent reads it in their zone, in the one time format: "Fri, 4 Dec 2026, 17:00 MYT". */
export function formatSurveyInstant(instant: Date, locale: Locale, timeZone: string): string {
  return formatDateTime(instant, locale, { timeZone, zoneName: true });
}

/** Whether answers are still taken at `now`: the round is open and its closing instant has not come. */
export function isRoundOpen(round: Pick<AnswerableRound, "status" | "closesAt">, now: Date): boolean {
  return round.status === "open" && now.getTime() < round.closesAt.getTime();
}

/** When the round closed (or closes): its recorded closing when closed early, else its planned one. */
export function closingInstant(round: Pick<AnswerableRound, "status" | "closesAt" | "closedAt">): Date {
  return round.status === "closed" && round.closedAt !== null && round.closedAt.getTime() < round.closesAt.getTime() ? round.closedAt : round.closesAt;
}

function refusal(locale: Locale, message: string, field: string): AppError {
  return new AppError("invalid_input", message, { field, locale });
}

function shown(value: unknown): string {
  const text = typeof value === "string" ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** The refusal of an answer to a closed round, saying when it closed (in `timeZone`). */
export function closedRoundRefusal(round: Pick<AnswerableRound, "status" | "closesAt" | "closedAt">, locale: Locale, timeZone: string): AppError {
  const closedAt = formatSurveyInstant(closingInstant(round), locale, timeZone);
  return new AppError("conflict", pulseText(locale, "answer.closed", { closedAt }), { field: "round" });
}

/**
 * The answer, normalised (see `validateAnswer`), when the round takes it at `now`. Throws
 * `conflict` for a closed round (by status or past its closing instant) and `invalid_input` for
 * an unknown question or a value that does not fit (eNPS outside 0-10, agreement outside 1-5,
 * fractions, an unknown choice, empty or over-long text), each with a message in `locale`.
 */
export function answerPulseQuestion(options: AnswerPulseQuestionOptions): ValidatedAnswer {
  const { round, questionId, rawValue, now, locale } = options;
  if (!isRoundOpen(round, now)) throw closedRoundRefusal(round, locale, options.timeZone);
  const question = findQuestion(round.definition, questionId);
  if (question === undefined) throw refusal(locale, pulseText(locale, "answer.unknownQuestion"), "questionId");
  try {
    return validateAnswer(round.definition, questionId, rawValue);
  } catch (error) {
    if (!isAppError(error)) throw error;
    switch (question.kind) {
      case "enps":
      case "agreement": {
        const scale = question.kind === "enps" ? ENPS_SCALE : AGREEMENT_SCALE;
        throw refusal(locale, pulseText(locale, "answer.outOfRange", { value: shown(rawValue), ...scale }), "value");
      }
      case "single_choice":
        throw refusal(locale, pulseText(locale, "answer.unknownChoice"), "value");
      case "free_text": {
        const length = typeof rawValue === "string" ? [...rawValue.trim()].length : 0;
        if (length > MAX_FREE_TEXT_CHARS) {
          throw refusal(locale, pulseText(locale, "answer.textTooLong", { length, max: MAX_FREE_TEXT_CHARS }), "value");
        }
        throw refusal(locale, pulseText(locale, "answer.emptyText"), "value");
      }
    }
  }
}
