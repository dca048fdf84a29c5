/**
 * What a pulse survey is: a title and up to ten questions, each with its prompt in English,
 * Malay or both. These types are the normalised form `validateSurvey` returns; storage keeps
 * them as JSON and every other pulse function takes them as they are.
 */
import type { Locale } from "../i18n/locale.js";

/** At most this many questions in one survey (answering in a DM must stay short). */
export const MAX_QUESTIONS = 10;
/** A single-choice question offers from 2 to 10 options. */
export const MIN_CHOICES = 2;
export const MAX_CHOICES = 10;
/** Longest free-text answer, in characters (Unicode code points, after trimming). */
export const MAX_FREE_TEXT_CHARS = 2_000;
/** Longest prompt, title or choice label, in characters. */
export const MAX_PROMPT_CHARS = 300;
export const MAX_CHOICE_LABEL_CHARS = 75;

/** Inclusive range of each scale. */
export const ENPS_SCALE = { min: 0, max: 10 } as const;
export const AGREEMENT_SCALE = { min: 1, max: 5 } as const;

/** A text in one or both languages; at least one is present and none is blank. */
export type LocalisedText = Readonly<Partial<Record<Locale, string>>>;

export type QuestionKind = "enps" | "agreement" | "single_choice" | "free_text";

interface QuestionBase {
  /** Stable within the survey: lower-case letters, digits, `_` and `-`, up to 40 characters. */
  readonly id: string;
  readonly prompt: LocalisedText;
  /** Whether a response counts as complete without this question. Free text is always optional. */
  readonly optional: boolean;
}

/** "How likely are you to recommend…": whole numbers 0-10. */
export interface EnpsQuestion extends QuestionBase {
  readonly kind: "enps";
}

/** 1 = strongly disagree … 5 = strongly agree. */
export interface AgreementQuestion extends QuestionBase {
  readonly kind: "agreement";
}

export interface Choice {
  /** Same rules as a question id; unique within the question. */
  readonly id: string;
  readonly label: LocalisedText;
}

export interface SingleChoiceQuestion extends QuestionBase {
  readonly kind: "single_choice";
  readonly choices: readonly Choice[];
}

export interface FreeTextQuestion extends QuestionBase {
  readonly kind: "free_text";
  readonly optional: true;
}

export type Question = EnpsQuestion | AgreementQuestion | SingleChoiceQuestion | FreeTextQuestion;

export interface SurveyDefinition {
  readonly title: LocalisedText;
  /** Language shown to a respondent whose own language has no text. */
  readonly defaultLocale: Locale;
  readonly questions: readonly Question[];
}

/**
 * The text in `locale`, else in the survey's `fallback`, else whichever language is there.
 * `validateSurvey` guarantees at least one.
 */
export function textIn(text: LocalisedText, locale: Locale, fallback: Locale): string {
  return text[locale] ?? text[fallback] ?? text.en ?? text.ms ?? "";
}

/** The question with `questionId`, or undefined. */
export function findQuestion(survey: SurveyDefinition, questionId: string): Question | undefined {
  return survey.questions.find((question) => question.id === questionId);
}
