// Answering one question of a pulse survey from its DM (a button, a select, the comment form):
// checks, then stores the answer in the person's sealed response, moves the results' counts
// when the response counts (complete), marks the person answered once it does (in a separate
// transaction), and returns the DM as it now reads.
import { admitRespondent, type AdmitRespondentOptions } from "./admit-respondent.js";
import { answerPulseQuestion, closedRoundRefusal } from "./answer-pulse-question.js";
import { applyResponseAnswer, parseResponse, serialiseResponse, type ResponseState } from "./apply-response-answer.js";
import type { VerifiedToken } from "./pulse-answer-store.js";
import { keepsAttainmentBand, respondentCuts } from "./respondent-cuts.js";
import { surveyMessage, type SurveyMessage } from "./survey-message.js";

export interface RecordPulseAnswerOptions extends AdmitRespondentOptions {
  questionId: string;
  /** As the platform sent it. */
  value: unknown;
  /** The instant of the answer (UTC). */
  now: Date;
  /** A fresh random id, for a new comment (crypto.randomUUID). */
  newId: () => string;
}

/** The response a sealed one holds, opened with the person's own token. */
export function openResponse(token: VerifiedToken, sealed: Uint8Array): ResponseState {
  const plaintext = token.open(sealed);
  // Found by this token's hash, so sealed with its key: anything else is corruption, not input.
  if (plaintext === null) throw new Error("a pulse response did not open with the token it was found by");
  return parseResponse(plaintext);
}

/**
 * Records the answer and returns the updated survey message. Refuses, storing nothing, an
 * unknown round (`not_found`), a person not invited (`forbidden`), a token not issued for the
 * round or not to this person (`invalid_input`), a closed round (`conflict`) and a value that
 * does not fit the question (`invalid_input`). The response keeps the team and — for sales
 * roles — the attainment band, computed once, when its first answer arrives, sealed with it.
 */
export async function recordPulseAnswer(options: RecordPulseAnswerOptions): Promise<SurveyMessage> {
  const { store, data, tenantId, locale, now } = options;
  const { round, token, person, people, tenant } = await admitRespondent(options);
  const answer = answerPulseQuestion({ round, questionId: options.questionId, rawValue: options.value, now, locale, timeZone: person.timeZone });
  // Most answers go to a response that exists; only a person's first needs the cuts worked out.
  const existing = await store.sealedResponse(round.id, token.tokenHash);
  const cuts = existing === null ? await respondentCuts({ data, tenant, person, people, now }) : null;
  let state: ResponseState | undefined;
  const saved = await store.saveResponse({
    tenantId,
    roundId: round.id,
    tokenHash: token.tokenHash,
    change: (sealed) => {
      const applied = applyResponseAnswer({
        definition: round.definition,
        previous: sealed === null ? null : openResponse(token, sealed),
        cuts: cuts === null ? null : { teamId: cuts.teamId, band: cuts.attainmentBand },
        answer,
        newId: options.newId,
      });
      state = applied.next;
      return { sealed: token.seal(serialiseResponse(applied.next)), tally: applied.tally, comments: applied.comments };
    },
  });
  // Closed by hand after this process last read the round: refused like any closed round.
  if (saved === "closed") throw closedRoundRefusal({ ...round, status: "closed", closedAt: now }, locale, person.timeZone);
  if (state === undefined) throw new Error(`pulse response of round ${round.id} was not saved`);
  // "Answered" is the one definition (isResponseComplete): the response counts.
  if (state.counted) await store.markAnswered(round.id, person.id);
  return surveyMessage({ round, answers: state.answers, locale, timeZone: person.timeZone, bands: keepsAttainmentBand(person), now });
}
