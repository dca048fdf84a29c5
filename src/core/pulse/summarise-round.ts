/**
 * The results of one survey round, computed once here for `/pulse results`, the closing post
 * and the trend. Anonymity rules, in order:
 * 1. the thresholds in force are max(3, setting) for respondents and max(that, setting, default
 *    5) for comments;
 * 2. a survey with fewer respondents than the threshold shows no figures at all;
 * 3. a question shows figures only if at least the threshold answered it (comments: the
 *    comment threshold wrote one);
 * 4. a cut (team, attainment band) shows figures only if at least the threshold in it answered
 *    the question; and if the hidden cuts of a question add up to fewer than the threshold, the
 *    smallest shown cuts are hidden too, so that no hidden group can be worked out as the total
 *    minus the shown ones (answers with no team or no band form a cut of their own for this);
 * 5. comments carry no team, band or day and come in a seeded random order.
 * The response rate is always shown: it says who took part, not what anyone answered.
 */
import { AppError } from "../errors.js";
import { anonymityThreshold, ATTAINMENT_BANDS, commentThreshold, type AttainmentBand } from "./anonymise-answer.js";
import { enpsBreakdown, enpsScore, type EnpsBreakdown } from "./score-enps.js";
import { shuffleSeeded } from "./shuffle-seeded.js";
import { AGREEMENT_SCALE, ENPS_SCALE, type Question, type SurveyDefinition } from "./survey-definition.js";
import { validateAnswer } from "./validate-answer.js";

/** One stored anonymous answer: nothing in it leads to a person. */
export interface RoundAnswer {
  readonly questionId: string;
  /** Whole number on the question's scale, a choice id, or free text. */
  readonly value: number | string;
  readonly teamId: string | null;
  readonly band: AttainmentBand | null;
  /** `YYYY-MM-DD` from `coarsenToDay`; not used in figures. */
  readonly day: string;
}

export interface SummariseRoundOptions {
  readonly survey: SurveyDefinition;
  /** At most one answer per respondent and question (the latest). */
  readonly answers: readonly RoundAnswer[];
  /** People who answered at least one question. */
  readonly respondents: number;
  /** People the round was sent to. */
  readonly invited: number;
  /** The tenant's respondent threshold setting (people); raised to 3 if lower. */
  readonly threshold: number;
  /** The tenant's comment threshold setting (people); default 5, never below `threshold`. */
  readonly commentThreshold?: number;
  /** Seeds the comment order (the round id is a good seed). */
  readonly seed: string | number;
}

/** Why figures are null: nobody answered, too few answered, or showing them would expose a hidden group. */
export type SuppressionReason = "no data" | "below threshold" | "protects a hidden group";

/** Either the figures or, when they may not be shown, null and why. */
export type Shown<F> =
  | { readonly figures: F; readonly suppressed: null }
  | { readonly figures: null; readonly suppressed: SuppressionReason };

export interface ScaleFigures {
  /** People who answered the question (in this group). */
  readonly respondents: number;
  /** Count per scale point, every point listed, lowest first. */
  readonly distribution: readonly { readonly value: number; readonly count: number }[];
  /** Mean in scale points, unrounded. */
  readonly mean: number;
}

export interface EnpsFigures extends ScaleFigures {
  readonly breakdown: EnpsBreakdown;
  /** Whole number −100…100 (see `enpsScore`); null only when nobody answered. */
  readonly score: number | null;
}

export interface ChoiceFigures {
  readonly respondents: number;
  /** Count per choice, in the survey's order, every choice listed. */
  readonly distribution: readonly { readonly choiceId: string; readonly count: number }[];
}

export interface CommentFigures {
  /** People who wrote a comment. */
  readonly respondents: number;
  /** The comments alone (no team, band nor day), shuffled. */
  readonly comments: readonly string[];
}

/** One team's or band's figures; `key` null for answers with no team / no band. */
export type CutSummary<F, K extends string> = { readonly key: K | null } & Shown<F>;

export interface Cuts<F> {
  /** Teams with answers, by team id, "no team" last. */
  readonly team: readonly CutSummary<F, string>[];
  /** Bands with answers, lowest first, "no band" last. */
  readonly band: readonly CutSummary<F, AttainmentBand>[];
}

type QuestionHead<K extends Question["kind"]> = { readonly questionId: string; readonly kind: K };

export type QuestionSummary =
  | (QuestionHead<"enps"> & Shown<EnpsFigures> & { readonly cuts: Cuts<EnpsFigures> })
  | (QuestionHead<"agreement"> & Shown<ScaleFigures> & { readonly cuts: Cuts<ScaleFigures> })
  | (QuestionHead<"single_choice"> & Shown<ChoiceFigures> & { readonly cuts: Cuts<ChoiceFigures> })
  // Comments are never cut: a team's comments are too easy to attribute.
  | (QuestionHead<"free_text"> & Shown<CommentFigures>);

export interface RoundSummary {
  readonly invited: number;
  readonly respondents: number;
  /** respondents ÷ invited as a fraction (0.3 for 30 %); null when nobody was invited. */
  readonly responseRate: number | null;
  /** Thresholds in force, in people. */
  readonly threshold: number;
  readonly commentThreshold: number;
  /** Survey-level suppression; when set, every question is suppressed for the same reason. */
  readonly suppressed: SuppressionReason | null;
  /** In the survey's order. */
  readonly questions: readonly QuestionSummary[];
}

const NO_CUTS = { team: [], band: [] } as const;

function invalid(message: string, field: string): AppError {
  return new AppError("invalid_input", message, { field });
}

function assertCount(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0) throw invalid(`${field}: must be a whole number of people.`, field);
}

function shown<F>(figures: F): Shown<F> {
  return { figures, suppressed: null };
}

function hidden(reason: SuppressionReason): { figures: null; suppressed: SuppressionReason } {
  return { figures: null, suppressed: reason };
}

function gate<F>(count: number, threshold: number, figures: () => F): Shown<F> {
  if (count === 0) return hidden("no data");
  if (count < threshold) return hidden("below threshold");
  return shown(figures());
}

function scaleFigures(values: readonly number[], scale: { min: number; max: number }): ScaleFigures {
  const counts = new Array<number>(scale.max - scale.min + 1).fill(0);
  let sum = 0;
  for (const value of values) {
    counts[value - scale.min]!++;
    sum += value;
  }
  return {
    respondents: values.length,
    distribution: counts.map((count, index) => ({ value: scale.min + index, count })),
    mean: sum / values.length,
  };
}

function enpsFigures(values: readonly number[]): EnpsFigures {
  const breakdown = enpsBreakdown(values);
  return { ...scaleFigures(values, ENPS_SCALE), breakdown, score: enpsScore(breakdown) };
}

function choiceFigures(values: readonly string[], choiceIds: readonly string[]): ChoiceFigures {
  const counts = new Map(choiceIds.map((id) => [id, 0]));
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return {
    respondents: values.length,
    distribution: choiceIds.map((choiceId) => ({ choiceId, count: counts.get(choiceId)! })),
  };
}

/** Groups answers by a key, in `order` (keys it does not name come after, sorted; null last). */
function groupBy<K extends string>(
  answers: readonly RoundAnswer[],
  keyOf: (answer: RoundAnswer) => K | null,
  order: readonly K[] = [],
): [K | null, RoundAnswer[]][] {
  const groups = new Map<K | null, RoundAnswer[]>();
  for (const answer of answers) {
    const key = keyOf(answer);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [answer]);
    else group.push(answer);
  }
  const rank = (key: K | null): [number, string] =>
    key === null ? [order.length + 1, ""] : order.includes(key) ? [order.indexOf(key), ""] : [order.length, key];
  return [...groups].sort(([a], [b]) => {
    const [rankA, nameA] = rank(a);
    const [rankB, nameB] = rank(b);
    return rankA - rankB || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0);
  });
}

/**
 * Cuts of one question along one dimension, with primary suppression (a cut below the
 * threshold) and complementary suppression (rule 4 above).
 */
function cutsOf<F, K extends string>(
  answers: readonly RoundAnswer[],
  keyOf: (answer: RoundAnswer) => K | null,
  order: readonly K[],
  threshold: number,
  figuresOf: (answers: readonly RoundAnswer[]) => F,
): CutSummary<F, K>[] {
  const groups = groupBy(answers, keyOf, order);
  const isHidden = groups.map(([, group]) => group.length < threshold);
  const complementary = new Set<number>();
  let hiddenCount = groups.reduce((sum, [, group], index) => sum + (isHidden[index] ? group.length : 0), 0);
  while (hiddenCount > 0 && hiddenCount < threshold) {
    let smallest = -1;
    groups.forEach(([, group], index) => {
      if (isHidden[index] || complementary.has(index)) return;
      if (smallest === -1 || group.length < groups[smallest]![1].length) smallest = index;
    });
    if (smallest === -1) break;
    complementary.add(smallest);
    hiddenCount += groups[smallest]![1].length;
  }
  return groups.map(([key, group], index) => {
    if (isHidden[index]) return { key, ...hidden("below threshold") };
    if (complementary.has(index)) return { key, ...hidden("protects a hidden group") };
    return { key, ...shown(figuresOf(group)) };
  });
}

function summariseQuestion(
  question: Question,
  answers: readonly RoundAnswer[],
  threshold: number,
  commentsThreshold: number,
  seed: string | number,
): QuestionSummary {
  const head = { questionId: question.id };
  const cuts = <F>(figuresOf: (group: readonly RoundAnswer[]) => F): Cuts<F> => ({
    team: cutsOf(answers, (answer) => answer.teamId, [], threshold, figuresOf),
    band: cutsOf(answers, (answer) => answer.band, ATTAINMENT_BANDS, threshold, figuresOf),
  });
  const numbers = (group: readonly RoundAnswer[]): number[] => group.map((answer) => answer.value as number);
  const texts = (group: readonly RoundAnswer[]): string[] => group.map((answer) => answer.value as string);
  // Cuts are listed only under a shown question: a hidden one gives nothing away by team either.
  const gated = <F>(figuresOf: (group: readonly RoundAnswer[]) => F): Shown<F> & { cuts: Cuts<F> } => ({
    ...gate(answers.length, threshold, () => figuresOf(answers)),
    cuts: answers.length >= threshold ? cuts(figuresOf) : NO_CUTS,
  });
  switch (question.kind) {
    case "enps":
      return { ...head, kind: "enps", ...gated((group) => enpsFigures(numbers(group))) };
    case "agreement":
      return { ...head, kind: "agreement", ...gated((group) => scaleFigures(numbers(group), AGREEMENT_SCALE)) };
    case "single_choice": {
      const choiceIds = question.choices.map((choice) => choice.id);
      return { ...head, kind: "single_choice", ...gated((group) => choiceFigures(texts(group), choiceIds)) };
    }
    case "free_text":
      return {
        ...head,
        kind: "free_text",
        ...gate(answers.length, commentsThreshold, () => ({
          respondents: answers.length,
          comments: shuffleSeeded(texts(answers), `${String(seed)}:${question.id}`),
        })),
      };
  }
}

/**
 * Response rate and, above the anonymity thresholds, per-question figures and cuts by team and
 * attainment band (see the rules at the top of this file). Answers are checked against the
 * survey; throws `invalid_input` naming the field for an answer that does not fit, counts that
 * are not whole numbers, more respondents than invited, or more answers to a question than
 * respondents.
 */
export function summariseRound(options: SummariseRoundOptions): RoundSummary {
  const { survey, answers, respondents, invited, seed } = options;
  assertCount(respondents, "respondents");
  assertCount(invited, "invited");
  if (respondents > invited) throw invalid(`respondents: ${respondents} is more than the ${invited} invited.`, "respondents");
  const threshold = anonymityThreshold(options.threshold);
  const commentsThreshold = commentThreshold(options.commentThreshold, threshold);

  const byQuestion = new Map<string, RoundAnswer[]>(survey.questions.map((question) => [question.id, []]));
  answers.forEach((answer, index) => {
    try {
      validateAnswer(survey, answer.questionId, answer.value);
    } catch (error) {
      throw invalid(`answers[${index}]: ${error instanceof Error ? error.message : String(error)}`, `answers[${index}]`);
    }
    byQuestion.get(answer.questionId)!.push(answer);
  });
  for (const [questionId, group] of byQuestion) {
    if (group.length > respondents) {
      throw invalid(`answers: ${group.length} answers to "${questionId}" but only ${respondents} respondents.`, "answers");
    }
  }

  const surveyGate = respondents === 0 ? "no data" : respondents < threshold ? "below threshold" : null;
  const questions = survey.questions.map((question): QuestionSummary => {
    if (surveyGate !== null) {
      return question.kind === "free_text"
        ? { questionId: question.id, kind: question.kind, ...hidden(surveyGate) }
        : { questionId: question.id, kind: question.kind, ...hidden(surveyGate), cuts: NO_CUTS };
    }
    return summariseQuestion(question, byQuestion.get(question.id)!, threshold, commentsThreshold, seed);
  });
  return {
    invited,
    respondents,
    responseRate: invited === 0 ? null : respondents / invited,
    threshold,
    commentThreshold: commentsThreshold,
    suppressed: surveyGate,
    questions,
  };
}

/** The round's eNPS: the first eNPS question's score when shown, else null (no data or hidden). */
export function roundEnps(summary: RoundSummary): number | null {
  for (const question of summary.questions) {
    if (question.kind === "enps") return question.figures?.score ?? null;
  }
  return null;
}
