/**
 * One person's response while its round is open, and what an answer changes (issue 10, defect 3).
 * The response itself — its answers, its team and band, whether it counts — is stored only
 * sealed with a key of the respondent's token (src/security/pulse-tokens.ts), so only they can
 * read or change it. What results are computed from is kept apart: tallies (how many counted
 * responses gave each value, per team and band) and comments (text and team only). A response
 * counts once it is complete (`isResponseComplete`, the one meaning of "answered"): then every
 * answer it holds enters the tallies, and each later change moves one count from the old value
 * to the new. A partial response is in no tally and no figure.
 */
import { z } from "zod";
import { ATTAINMENT_BANDS, type AttainmentBand } from "./anonymise-answer.js";
import type { StoredAnswer } from "./pulse-answer-store.js";
import { isResponseComplete } from "./survey-message.js";
import type { SurveyDefinition } from "./survey-definition.js";
import type { ValidatedAnswer } from "./validate-answer.js";

/** The response as sealed: never stored in the clear. */
export interface ResponseState {
  readonly answers: readonly StoredAnswer[];
  readonly teamId: string | null;
  readonly band: AttainmentBand | null;
  /** Complete at some point (answers are replaced, never removed): its answers are in the tallies. */
  readonly counted: boolean;
  /** The stored comment of each free-text question answered, by question id. */
  readonly commentIds: Readonly<Record<string, string>>;
}

/** One count to add (delta 1) or remove (−1); `questionId` "" with `value` "" counts the response itself. */
export interface TallyChange {
  readonly questionId: string;
  readonly teamId: string | null;
  readonly band: AttainmentBand | null;
  readonly value: string;
  readonly delta: 1 | -1;
}

/** A comment to store (a new id) or replace (its id). */
export interface CommentWrite {
  readonly id: string;
  readonly questionId: string;
  readonly teamId: string | null;
  readonly text: string;
}

export interface AppliedAnswer {
  readonly next: ResponseState;
  readonly tally: readonly TallyChange[];
  readonly comments: readonly CommentWrite[];
}

export interface ApplyResponseAnswerOptions {
  readonly definition: SurveyDefinition;
  /** The response so far; null for a person's first answer. */
  readonly previous: ResponseState | null;
  /** The cuts a first answer creates the response with (ignored when `previous` is given). */
  readonly cuts: { readonly teamId: string | null; readonly band: AttainmentBand | null } | null;
  readonly answer: ValidatedAnswer;
  /** A fresh id for a new comment. */
  readonly newId: () => string;
}

const stateSchema = z.object({
  answers: z.array(
    z.object({ questionId: z.string(), score: z.number().int().nullable(), choiceId: z.string().nullable(), text: z.string().nullable() }),
  ),
  teamId: z.string().nullable(),
  band: z.enum(ATTAINMENT_BANDS as unknown as [AttainmentBand, ...AttainmentBand[]]).nullable(),
  counted: z.boolean(),
  commentIds: z.record(z.string(), z.string()),
});

/** The plaintext a response is sealed as. */
export function serialiseResponse(state: ResponseState): string {
  return JSON.stringify(state);
}

/** A response as unsealed; throws when it is not one (a bug, never user input). */
export function parseResponse(plaintext: string): ResponseState {
  return stateSchema.parse(JSON.parse(plaintext));
}

function storedOf(answer: ValidatedAnswer): StoredAnswer {
  switch (answer.kind) {
    case "enps":
    case "agreement":
      return { questionId: answer.questionId, score: answer.value, choiceId: null, text: null };
    case "single_choice":
      return { questionId: answer.questionId, score: null, choiceId: answer.value, text: null };
    case "free_text":
      return { questionId: answer.questionId, score: null, choiceId: null, text: answer.value };
  }
}

/** The tally value of a stored answer; null for a comment (comments are stored apart). */
export function tallyValue(answer: StoredAnswer): string | null {
  if (answer.score !== null) return String(answer.score);
  return answer.choiceId;
}

/**
 * The response after `answer` (replacing the question's earlier one: the latest counts), and
 * the tally and comment writes that keep the results equal to the counted responses' answers.
 */
export function applyResponseAnswer(options: ApplyResponseAnswerOptions): AppliedAnswer {
  const { definition, answer, newId } = options;
  const previous = options.previous;
  if (previous === null && options.cuts === null) throw new Error("a first answer needs the respondent's cuts");
  const base: ResponseState = previous ?? { answers: [], teamId: options.cuts!.teamId, band: options.cuts!.band, counted: false, commentIds: {} };
  const stored = storedOf(answer);
  const old = base.answers.find((candidate) => candidate.questionId === answer.questionId);
  const answers = [...base.answers.filter((candidate) => candidate.questionId !== answer.questionId), stored];
  const counted = base.counted || isResponseComplete(definition, answers.map((candidate) => candidate.questionId));
  const count = (questionId: string, value: string, delta: 1 | -1): TallyChange => ({ questionId, teamId: base.teamId, band: base.band, value, delta });
  const tally: TallyChange[] = [];
  const comments: CommentWrite[] = [];
  const commentIds: Record<string, string> = { ...base.commentIds };
  const comment = (text: StoredAnswer) => {
    const id = commentIds[text.questionId] ?? newId();
    commentIds[text.questionId] = id;
    comments.push({ id, questionId: text.questionId, teamId: base.teamId, text: text.text! });
  };
  if (base.counted) {
    // Already counted: move this question's count from the old value to the new.
    const before = old ? tallyValue(old) : null;
    const after = tallyValue(stored);
    if (before !== after) {
      if (before !== null) tally.push(count(answer.questionId, before, -1));
      if (after !== null) tally.push(count(answer.questionId, after, 1));
    }
    if (stored.text !== null) comment(stored);
  } else if (counted) {
    // Just complete: the response and every answer it holds enter the results.
    tally.push(count("", "", 1));
    for (const each of answers) {
      const value = tallyValue(each);
      if (value !== null) tally.push(count(each.questionId, value, 1));
      else if (each.text !== null) comment(each);
    }
  }
  return { next: { answers, teamId: base.teamId, band: base.band, counted, commentIds }, tally, comments };
}
