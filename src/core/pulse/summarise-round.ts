/**
 * The results of one survey round, computed once here for `/pulse results`, the closing post
 * and the trend. Anonymity rules, in order:
 * 1. the thresholds in force are max(3, setting) for respondents and max(that, setting, default
 *    5) for comments;
 * 2. a survey with fewer respondents than the threshold shows no figures at all;
 * 3. a question shows figures only if at least the threshold answered it (comments: the
 *    comment threshold wrote one);
 * 4. a cut (team, attainment band) shows figures only if at least the threshold in it answered
 *    the question; and no group smaller than the threshold may be isolated by combining what
 *    any viewers see — the whole audience, every manager's (nested) organisation, their teams
 *    and bands: `disclosableSets` (disclosure.ts) decides which of those groups show, per
 *    question, so that the hidden rest is never the total minus the shown ones, nor one view
 *    minus another (answers with no team or no band form a cut of their own for this);
 * 5. comments carry no team, band or day and come in a seeded random order.
 * The response rate is always shown: it says who took part, not what anyone answered.
 */
import { AppError } from "../errors.js";
import { disclosableSets, type DisclosureSet } from "./disclosure.js";
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
  /** People who answered (a complete response: isResponseComplete); only their answers are given. */
  readonly respondents: number;
  /** People the round was sent to. */
  readonly invited: number;
  /** The tenant's respondent threshold setting (people); raised to 3 if lower. */
  readonly threshold: number;
  /** The tenant's comment threshold setting (people); default 5, never below `threshold`. */
  readonly commentThreshold?: number;
  /** Seeds the comment order (the round id is a good seed). */
  readonly seed: string | number;
  /**
   * The team ids of every management view anyone may see of this round (each manager's
   * organisation), besides the whole audience: what no combination may subtract below the
   * threshold. With views, `answers` are every answer of the round; `respondents` and
   * `invited` are those of the scope.
   */
  readonly views?: readonly (readonly string[])[];
  /** The view summarised: these teams' answers; the whole audience when absent. */
  readonly scopeTeamIds?: readonly string[];
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

/** The groups viewers may see, for the disclosure rule: where a question's answers sit. */
interface Disclosure {
  /** Ids of the groups whose figures may be shown. */
  readonly shown: ReadonlySet<string>;
  /** The summarised view's own id ("all" or a view's). */
  readonly scopeId: string;
}

const cellOf = (answer: Pick<RoundAnswer, "teamId" | "band">) => `${answer.teamId ?? ""}|${answer.band ?? ""}`;
const viewId = (teamIds: readonly string[]) => `view:${[...teamIds].sort().join(",")}`;
const teamId = (team: string | null) => `team:${team ?? ""}`;
const bandId = (scopeId: string, band: AttainmentBand | null) => `band:${scopeId}:${band ?? ""}`;

/**
 * Decides, for one question's answers over the whole round, which groups may show: the whole
 * audience, each view, and (unless `withCuts` is false) each team and each band within the
 * audience or a view.
 */
function disclose(
  roundAnswers: readonly RoundAnswer[],
  views: readonly (readonly string[])[],
  scopeTeamIds: readonly string[] | undefined,
  threshold: number,
  withCuts: boolean,
): Disclosure {
  const counts = new Map<string, number>();
  for (const answer of roundAnswers) counts.set(cellOf(answer), (counts.get(cellOf(answer)) ?? 0) + 1);
  const cells = [...counts.keys()];
  const teamOfCell = (cell: string) => cell.slice(0, cell.indexOf("|")) || null;
  const bandOfCell = (cell: string) => (cell.slice(cell.indexOf("|") + 1) || null) as AttainmentBand | null;
  const scopes: { id: string; cells: string[] }[] = [{ id: "all", cells }];
  const allViews = scopeTeamIds === undefined ? views : [...views, scopeTeamIds];
  for (const teams of allViews) {
    const inView = new Set(teams);
    scopes.push({ id: viewId(teams), cells: cells.filter((cell) => { const team = teamOfCell(cell); return team !== null && inView.has(team); }) });
  }
  const sets: DisclosureSet[] = [...scopes];
  if (withCuts) {
    for (const team of new Set(cells.map(teamOfCell))) sets.push({ id: teamId(team), cells: cells.filter((cell) => teamOfCell(cell) === team) });
    for (const scope of scopes) {
      for (const band of new Set(scope.cells.map(bandOfCell))) {
        sets.push({ id: bandId(scope.id, band), cells: scope.cells.filter((cell) => bandOfCell(cell) === band) });
      }
    }
  }
  return { shown: disclosableSets(counts, sets, threshold), scopeId: scopeTeamIds === undefined ? "all" : viewId(scopeTeamIds) };
}

/** Cuts of one question along one dimension: each shown only when the disclosure rule lets its group show. */
function cutsOf<F, K extends string>(
  answers: readonly RoundAnswer[],
  keyOf: (answer: RoundAnswer) => K | null,
  order: readonly K[],
  threshold: number,
  isShown: (key: K | null) => boolean,
  figuresOf: (answers: readonly RoundAnswer[]) => F,
): CutSummary<F, K>[] {
  return groupBy(answers, keyOf, order).map(([key, group]) => {
    if (group.length < threshold) return { key, ...hidden("below threshold") };
    if (!isShown(key)) return { key, ...hidden("protects a hidden group") };
    return { key, ...shown(figuresOf(group)) };
  });
}

function summariseQuestion(
  question: Question,
  answers: readonly RoundAnswer[],
  roundAnswers: readonly RoundAnswer[],
  options: { threshold: number; commentsThreshold: number; seed: string | number; views: readonly (readonly string[])[]; scopeTeamIds: readonly string[] | undefined },
): QuestionSummary {
  const { threshold, commentsThreshold, seed, views, scopeTeamIds } = options;
  const head = { questionId: question.id };
  const numbers = (group: readonly RoundAnswer[]): number[] => group.map((answer) => answer.value as number);
  const texts = (group: readonly RoundAnswer[]): string[] => group.map((answer) => answer.value as string);
  // The question's own figures in this view: above the threshold, and not isolating a smaller group anywhere.
  const gateIn = <F>(disclosure: Disclosure, limit: number, figuresOf: () => F): Shown<F> => {
    if (answers.length === 0) return hidden("no data");
    if (answers.length < limit) return hidden("below threshold");
    if (!disclosure.shown.has(disclosure.scopeId)) return hidden("protects a hidden group");
    return shown(figuresOf());
  };
  if (question.kind === "free_text") {
    // Comments are never cut by team or band, and each view's list obeys the rule as figures do.
    const disclosure = disclose(roundAnswers, views, scopeTeamIds, commentsThreshold, false);
    return {
      ...head,
      kind: "free_text",
      ...gateIn(disclosure, commentsThreshold, () => ({
        respondents: answers.length,
        comments: shuffleSeeded(texts(answers), `${String(seed)}:${question.id}`),
      })),
    };
  }
  const disclosure = disclose(roundAnswers, views, scopeTeamIds, threshold, true);
  const cuts = <F>(figuresOf: (group: readonly RoundAnswer[]) => F): Cuts<F> => ({
    team: cutsOf(answers, (answer) => answer.teamId, [], threshold, (key) => disclosure.shown.has(teamId(key)), figuresOf),
    band: cutsOf(answers, (answer) => answer.band, ATTAINMENT_BANDS, threshold, (key) => disclosure.shown.has(bandId(disclosure.scopeId, key)), figuresOf),
  });
  // Cuts are listed only under a shown question: a hidden one gives nothing away by team either.
  const gated = <F>(figuresOf: (group: readonly RoundAnswer[]) => F): Shown<F> & { cuts: Cuts<F> } => {
    const figures = gateIn(disclosure, threshold, () => figuresOf(answers));
    return { ...figures, cuts: figures.figures !== null ? cuts(figuresOf) : NO_CUTS };
  };
  switch (question.kind) {
    case "enps":
      return { ...head, kind: "enps", ...gated((group) => enpsFigures(numbers(group))) };
    case "agreement":
      return { ...head, kind: "agreement", ...gated((group) => scaleFigures(numbers(group), AGREEMENT_SCALE)) };
    case "single_choice": {
      const choiceIds = question.choices.map((choice) => choice.id);
      return { ...head, kind: "single_choice", ...gated((group) => choiceFigures(texts(group), choiceIds)) };
    }
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

  const scope = options.scopeTeamIds === undefined ? null : new Set(options.scopeTeamIds);
  const inScope = (answer: RoundAnswer) => scope === null || (answer.teamId !== null && scope.has(answer.teamId));
  const byQuestion = new Map<string, RoundAnswer[]>(survey.questions.map((question) => [question.id, []]));
  const roundByQuestion = new Map<string, RoundAnswer[]>(survey.questions.map((question) => [question.id, []]));
  answers.forEach((answer, index) => {
    try {
      validateAnswer(survey, answer.questionId, answer.value);
    } catch (error) {
      throw invalid(`answers[${index}]: ${error instanceof Error ? error.message : String(error)}`, `answers[${index}]`);
    }
    roundByQuestion.get(answer.questionId)!.push(answer);
    if (inScope(answer)) byQuestion.get(answer.questionId)!.push(answer);
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
    return summariseQuestion(question, byQuestion.get(question.id)!, roundByQuestion.get(question.id)!, {
      threshold,
      commentsThreshold,
      seed,
      views: options.views ?? [],
      scopeTeamIds: options.scopeTeamIds,
    });
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
