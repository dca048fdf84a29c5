// The port through which answering a pulse survey reads rounds and writes anonymous responses.
// `src/db/repositories/pulse-responses.ts` implements it; tests may implement it by hand.
// Nothing crossing it names the person behind a response: responses are found by token hash.
import type { AttainmentBand } from "./anonymise-answer.js";
import type { SurveyDefinition } from "./survey-definition.js";
import type { ValidatedAnswer } from "./validate-answer.js";

/** A round as answering needs it: its questions, whether it is open, and the thresholds in force. */
export interface AnswerableRound {
  id: string;
  tenantId: string;
  status: "open" | "closed";
  /** When it closes for everyone (UTC instant). */
  closesAt: Date;
  /** When it was actually closed (UTC), if it was. */
  closedAt: Date | null;
  definition: SurveyDefinition;
  /** Anonymity thresholds in force for the round, in people. */
  threshold: number;
  commentThreshold: number;
}

/** One stored answer; the column its question's kind uses is set, the others are null. */
export interface StoredAnswer {
  questionId: string;
  score: number | null;
  choiceId: string | null;
  text: string | null;
}

/** What a response is created with: the only cuts kept, and the day (ISO date, tenant zone). */
export interface NewResponse {
  teamId: string | null;
  attainmentBand: AttainmentBand | null;
  answeredOn: string;
}

export interface SaveAnswerInput {
  tenantId: string;
  roundId: string;
  tokenHash: string;
  answer: ValidatedAnswer;
  /**
   * What to create the response with when none has this token yet; ignored if one appeared
   * meanwhile (a double click). Null: save only into an existing response.
   */
  newResponse: NewResponse | null;
  /** The questions a complete response answers (every non-optional one). */
  requiredQuestionIds: readonly string[];
}

export interface SavedAnswers {
  /** Every answer of the response after the save. */
  answers: StoredAnswer[];
  /** Whether every required question is answered. */
  complete: boolean;
}

/**
 * Checks the token and returns its hash, or null when the token is malformed or was not issued
 * for this round. The crypto lives outside the core (src/security/pulse-tokens.ts).
 */
export type VerifyPulseToken = (roundId: string, token: string) => string | null;

export interface PulseAnswerStore {
  /** The tenant's round with this id, or null. */
  round(tenantId: string, roundId: string): Promise<AnswerableRound | null>;
  /** Whether the person was invited to the round. */
  isInvited(roundId: string, employeeId: string): Promise<boolean>;
  /** The answers of the round's response with this token hash; null when it has none yet. */
  answers(roundId: string, tokenHash: string): Promise<StoredAnswer[] | null>;
  /**
   * In one transaction: creates the response if needed, stores the answer (replacing the
   * question's earlier one: the latest counts) and records whether the response is complete.
   * Null, with nothing written, when no response has the token and `newResponse` is null;
   * "closed", with nothing written, when the round is closed by the time of the save (a close
   * and a save never interleave). Safe to repeat (retries, double clicks).
   */
  saveAnswer(input: SaveAnswerInput): Promise<SavedAnswers | "closed" | null>;
  /**
   * Records that the person has answered the round, in a transaction of its own — never the one
   * that wrote their response, whose id would otherwise link the two. Safe to repeat.
   */
  markAnswered(roundId: string, employeeId: string): Promise<void>;
}
