// The port through which answering a pulse survey reads rounds and writes anonymous responses.
// `src/db/repositories/pulse-responses.ts` implements it; tests may implement it by hand.
// Nothing crossing it names the person behind a response: responses are found by token hash and
// cross it sealed with the respondent's token.
import type { CommentWrite, TallyChange } from "./apply-response-answer.js";
import type { SurveyDefinition } from "./survey-definition.js";

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

/** What one save writes besides the sealed response: counts and comments (see apply-response-answer.ts). */
export interface ResponseWrite {
  /** The response sealed with the respondent's token (`VerifiedToken.seal`). */
  readonly sealed: Uint8Array;
  readonly tally: readonly TallyChange[];
  readonly comments: readonly CommentWrite[];
}

export interface SaveResponseInput {
  tenantId: string;
  roundId: string;
  tokenHash: string;
  /**
   * Called inside the save's transaction, with the response locked, with its sealed form (null
   * when there is none yet); returns what to write. Pure and synchronous.
   */
  change: (sealed: Uint8Array | null) => ResponseWrite;
}

/** A token checked for its round and its recipient (src/security/pulse-tokens.ts). */
export interface VerifiedToken {
  /** What storage keeps to find the response. */
  readonly tokenHash: string;
  /** Seals the response with a key only the token gives (nobody without the token can open it). */
  seal(plaintext: string): Uint8Array;
  /** Opens what `seal` sealed; null for anything else. */
  open(sealed: Uint8Array): string | null;
}

/**
 * Checks the token: null when it is malformed, was not issued for this round, or was not
 * issued to `recipientId` — the platform user id of whoever clicked (a token copied from
 * someone else's message). The crypto lives outside the core (src/security/pulse-tokens.ts).
 */
export type VerifyPulseToken = (roundId: string, token: string, recipientId: string) => VerifiedToken | null;

export interface PulseAnswerStore {
  /** The tenant's round with this id, or null. */
  round(tenantId: string, roundId: string): Promise<AnswerableRound | null>;
  /** Whether the person was invited to the round. */
  isInvited(roundId: string, employeeId: string): Promise<boolean>;
  /** The round's sealed response with this token hash; null when it has none yet. */
  sealedResponse(roundId: string, tokenHash: string): Promise<Uint8Array | null>;
  /**
   * In one transaction, while the round is open (a close waits for it, and after a close
   * nothing is written): locks the response, calls `change` with it, and writes the sealed
   * response, the tally changes and the comments it returns. "closed", with nothing written,
   * when the round has closed. Safe to repeat (retries, double clicks): each call applies to
   * the response as the previous one left it.
   */
  saveResponse(input: SaveResponseInput): Promise<"saved" | "closed">;
  /**
   * Records that the person has answered the round, in a transaction of its own — never the one
   * that wrote their response, whose id would otherwise link the two. Safe to repeat.
   */
  markAnswered(roundId: string, employeeId: string): Promise<void>;
}
