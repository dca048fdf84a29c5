// Answering one question of a pulse survey from its DM (a button, a select, the comment form):
// checks, then stores the answer anonymously, marks the person answered once the response is
// complete (in a separate transaction), and returns the DM as it now reads.
import { admitRespondent, type AdmitRespondentOptions } from "./admit-respondent.js";
import { coarsenToDay } from "./anonymise-answer.js";
import { answerPulseQuestion, closedRoundRefusal } from "./answer-pulse-question.js";
import type { NewResponse } from "./pulse-answer-store.js";
import { keepsAttainmentBand, respondentCuts } from "./respondent-cuts.js";
import { requiredQuestionIds, surveyMessage, type SurveyMessage } from "./survey-message.js";

export interface RecordPulseAnswerOptions extends AdmitRespondentOptions {
  questionId: string;
  /** As the platform sent it. */
  value: unknown;
  /** The instant of the answer (UTC). */
  now: Date;
}

/**
 * Records the answer and returns the updated survey message. Refuses, storing nothing, an
 * unknown round (`not_found`), a person not invited (`forbidden`), a token not issued for the
 * round (`invalid_input`), a closed round (`conflict`) and a value that does not fit the question
 * (`invalid_input`). The response keeps the day in the tenant's zone, the team and — for sales
 * roles — the attainment band, computed once, when its first answer arrives.
 */
export async function recordPulseAnswer(options: RecordPulseAnswerOptions): Promise<SurveyMessage> {
  const { store, data, tenantId, locale, now } = options;
  const { round, tokenHash, person, people, tenant } = await admitRespondent(options);
  const answer = answerPulseQuestion({ round, questionId: options.questionId, rawValue: options.value, now, locale, timeZone: person.timeZone });
  const save = (newResponse: NewResponse | null) =>
    store.saveAnswer({ tenantId, roundId: round.id, tokenHash, answer, newResponse, requiredQuestionIds: requiredQuestionIds(round.definition) });
  // Most answers go to a response that exists; only a person's first needs the cuts worked out.
  const saved =
    (await save(null)) ??
    (await save({ ...(await respondentCuts({ data, tenant, person, people, now })), answeredOn: coarsenToDay(now, tenant.timeZone) }));
  // Closed by hand after this process last read the round: refused like any closed round.
  if (saved === "closed") throw closedRoundRefusal({ ...round, status: "closed", closedAt: now }, locale, person.timeZone);
  if (saved === null) throw new Error(`pulse response of round ${round.id} was neither found nor created`);
  if (saved.complete) await store.markAnswered(round.id, person.id);
  return surveyMessage({ round, answers: saved.answers, locale, timeZone: person.timeZone, bands: keepsAttainmentBand(person), now });
}
