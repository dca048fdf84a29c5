// The survey DM as a platform-neutral view model: the anonymity notice first, then each question
// with its options and whether the respondent has answered it, then where they stand ("2 of 4
// answered", complete until the close, or closed). Slack renders it as Block Kit
// (src/slack/render/pulse-survey.ts); every text and number shown is decided here.
//
// The DM is a message the chat platform keeps (a workspace's export, `conversations.history`
// with the bot's token): it shows WHICH questions are answered, never what the answers are —
// no "your answer" line, no chosen option marked, no comment text. What the person chose is
// confirmed to them alone (`confirmations`), in a reply the platform does not keep (an
// ephemeral on Slack). README, "What the survey promises, and to whom".
import type { Locale } from "../i18n/locale.js";
import { anonymityThreshold, commentThreshold } from "./anonymise-answer.js";
import { closingInstant, formatSurveyInstant, isRoundOpen } from "./answer-pulse-question.js";
import type { AnswerableRound, StoredAnswer } from "./pulse-answer-store.js";
import { describeAnonymity, pulseText } from "./pulse-texts.js";
import { AGREEMENT_SCALE, ENPS_SCALE, type Question, type QuestionKind, type SurveyDefinition, textIn } from "./survey-definition.js";

/** Longest stretch of a comment repeated in its private confirmation, in characters. */
export const COMMENT_PREVIEW_CHARS = 300;

export interface SurveyOption {
  /** What the platform sends back when it is picked: a score or a choice id. */
  value: string;
  label: string;
}

export interface SurveyQuestionView {
  id: string;
  /** 1-based position in the survey. */
  number: number;
  kind: QuestionKind;
  prompt: string;
  optional: boolean;
  /** "optional", or the eNPS scale's ends; null when there is nothing to add. */
  hint: string | null;
  /** Whether the respondent has answered it (never what they answered). */
  answered: boolean;
  /** "✓ Answered" once answered, null while not: the answer itself is never shown here. */
  answeredLine: string | null;
  /** Buttons or select options in order (empty for free text); none is marked as chosen. */
  options: SurveyOption[];
  /** Placeholder of a select. */
  placeholder: string;
  /** Free text only: the button that opens the comment form ("Write a comment" / "Edit your comment"). */
  commentLabel: string | null;
}

export type SurveyState = "open" | "complete" | "closed";

export interface SurveyMessage {
  title: string;
  /** One line for notifications and clients that show no blocks. */
  summary: string;
  /** Who can see what, shown first. */
  notice: string;
  questions: SurveyQuestionView[];
  /** Questions answered, of `total`. */
  answered: number;
  total: number;
  /** "closed" once answers are no longer taken; "complete" once every required question is answered. */
  state: SurveyState;
  /** The line under the questions: progress, "complete — you can change…", or closed. */
  status: string;
  /**
   * By question id, what the respondent is told privately once they have answered it: "✓ Saved —
   * your answer to 1. …: 7". Only for a reply the platform does not keep (Slack: an ephemeral);
   * never part of the survey message, which it does keep.
   */
  confirmations: ReadonlyMap<string, string>;
}

export interface SurveyMessageOptions {
  round: Pick<AnswerableRound, "status" | "closesAt" | "closedAt" | "definition" | "threshold" | "commentThreshold">;
  /** The respondent's answers so far (none for a fresh invitation). */
  answers: readonly StoredAnswer[];
  locale: Locale;
  /** The respondent's IANA zone: closing times are shown there. */
  timeZone: string;
  /** Whether an attainment band is kept with this respondent's answers (sales roles). */
  bands: boolean;
  now: Date;
}

/** The questions a complete response has answered: every one not marked optional. */
export function requiredQuestionIds(definition: SurveyDefinition): string[] {
  return definition.questions.filter((question) => !question.optional).map((question) => question.id);
}

/**
 * THE definition of "answered", used everywhere a person or a response is counted as having
 * answered a round: the DM's status, `/pulse results` (open and closed rounds), the closing post,
 * `/pulse close`, and who gets reminders. A person has answered when every required (not
 * optional) question of the round has an answer. A partial response counts nowhere: neither in
 * the response rate nor in any figure.
 */
export function isResponseComplete(definition: SurveyDefinition, answeredIds: Iterable<string>): boolean {
  const answered = new Set(answeredIds);
  return requiredQuestionIds(definition).every((id) => answered.has(id));
}

function agreementLabel(locale: Locale, value: number): string {
  return `${value} · ${pulseText(locale, "agreement.label", { value })}`;
}

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, index) => min + index);
}

function preview(text: string): string {
  const characters = [...text];
  return characters.length > COMMENT_PREVIEW_CHARS ? `${characters.slice(0, COMMENT_PREVIEW_CHARS).join("")}…` : text;
}

/** The question as the DM shows it, and — when answered — the answer as its private confirmation names it. */
function questionView(
  question: Question,
  number: number,
  answer: StoredAnswer | undefined,
  survey: SurveyDefinition,
  locale: Locale,
): { view: SurveyQuestionView; confirmation: string | null } {
  const fallback = survey.defaultLocale;
  const optionalHint = question.optional ? pulseText(locale, "dm.optional") : null;
  const prompt = textIn(question.prompt, locale, fallback);
  const base = {
    id: question.id,
    number,
    kind: question.kind,
    prompt,
    optional: question.optional,
    placeholder: pulseText(locale, "dm.choosePlaceholder"),
    commentLabel: null,
  };
  // What was chosen, as the person saw it on the button (or wrote it): for the confirmation only.
  let given: string | null;
  let view: Omit<SurveyQuestionView, "answered" | "answeredLine">;
  switch (question.kind) {
    case "enps": {
      const score = answer?.score ?? null;
      given = score === null ? null : String(score);
      view = {
        ...base,
        hint: [optionalHint, `${pulseText(locale, "enps.lowEnd")} · ${pulseText(locale, "enps.highEnd")}`].filter(Boolean).join(" · "),
        options: range(ENPS_SCALE.min, ENPS_SCALE.max).map((value) => ({ value: String(value), label: String(value) })),
      };
      break;
    }
    case "agreement": {
      const score = answer?.score ?? null;
      given = score === null ? null : agreementLabel(locale, score);
      view = {
        ...base,
        hint: optionalHint,
        options: range(AGREEMENT_SCALE.min, AGREEMENT_SCALE.max).map((value) => ({ value: String(value), label: agreementLabel(locale, value) })),
      };
      break;
    }
    case "single_choice": {
      const chosen = question.choices.find((choice) => choice.id === answer?.choiceId);
      given = chosen ? textIn(chosen.label, locale, fallback) : null;
      view = {
        ...base,
        hint: optionalHint,
        options: question.choices.map((choice) => ({ value: choice.id, label: textIn(choice.label, locale, fallback) })),
      };
      break;
    }
    case "free_text": {
      const text = answer?.text ?? null;
      given = text === null ? null : preview(text);
      view = {
        ...base,
        hint: optionalHint,
        options: [],
        commentLabel: pulseText(locale, text === null ? "comment.write" : "comment.edit"),
      };
      break;
    }
  }
  const answered = given !== null;
  return {
    view: { ...view, answered, answeredLine: answered ? pulseText(locale, "dm.answered") : null },
    confirmation: given === null ? null : pulseText(locale, "dm.confirmation", { number, prompt, answer: given, comment: question.kind === "free_text" }),
  };
}

/** The survey DM for one respondent at `now`. */
export function surveyMessage(options: SurveyMessageOptions): SurveyMessage {
  const { round, locale, timeZone, now } = options;
  const survey = round.definition;
  const byQuestion = new Map(options.answers.map((answer) => [answer.questionId, answer]));
  const shown = survey.questions.map((question, index) => questionView(question, index + 1, byQuestion.get(question.id), survey, locale));
  const questions = shown.map((question) => question.view);
  const confirmations = new Map(shown.flatMap(({ view, confirmation }) => (confirmation === null ? [] : [[view.id, confirmation] as const])));
  const answeredIds = questions.filter((question) => question.answered).map((question) => question.id);
  const answered = answeredIds.length;
  const total = questions.length;
  const complete = isResponseComplete(survey, answeredIds);
  const state: SurveyState = !isRoundOpen(round, now) ? "closed" : complete ? "complete" : "open";
  const closing = formatSurveyInstant(closingInstant(round), locale, timeZone);
  const status =
    state === "closed"
      ? pulseText(locale, "dm.closed", { closedAt: closing })
      : state === "open"
        ? pulseText(locale, "dm.progress", { answered, total, missing: requiredQuestionIds(survey).filter((id) => !answeredIds.includes(id)).length })
        : answered === total
          ? pulseText(locale, "dm.complete", { closesAt: closing })
          : pulseText(locale, "dm.completeWithOptional", { answered, total, closesAt: closing });
  const title = textIn(survey.title, locale, survey.defaultLocale);
  // The thresholds in force, whatever was stored (never below the floor).
  const threshold = anonymityThreshold(round.threshold);
  return {
    title,
    summary: pulseText(locale, "dm.summary", { title }),
    notice: describeAnonymity(locale, { threshold, commentThreshold: commentThreshold(round.commentThreshold, threshold), bands: options.bands }),
    questions,
    answered,
    total,
    state,
    status,
    confirmations,
  };
}
