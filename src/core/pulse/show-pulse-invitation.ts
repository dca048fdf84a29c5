// The survey DM a person is first sent: the round's questions, nothing answered yet, in their
// language and with closing times in their zone. Null when the round no longer takes answers.
import type { Locale } from "../i18n/locale.js";
import type { SalesData } from "../sales-data.js";
import { isRoundOpen } from "./answer-pulse-question.js";
import type { PulseAnswerStore } from "./pulse-answer-store.js";
import { keepsAttainmentBand } from "./respondent-cuts.js";
import { surveyMessage, type SurveyMessage } from "./survey-message.js";

export interface ShowPulseInvitationOptions {
  store: PulseAnswerStore;
  data: SalesData;
  tenantId: string;
  roundId: string;
  /** The recipient's chat id (Slack user id), to find their zone and role; unknown ids get the tenant's zone. */
  recipientSlackUserId: string;
  locale: Locale;
  now: Date;
}

export type PulseInvitation =
  | { kind: "message"; message: SurveyMessage }
  | { kind: "not_found" }
  | { kind: "closed" };

export async function showPulseInvitation(options: ShowPulseInvitationOptions): Promise<PulseInvitation> {
  const { store, data, tenantId, locale, now } = options;
  const [round, tenant, people] = await Promise.all([store.round(tenantId, options.roundId), data.tenant(tenantId), data.people(tenantId)]);
  if (round === null) return { kind: "not_found" };
  if (!isRoundOpen(round, now)) return { kind: "closed" };
  const person = people.find((candidate) => candidate.slackUserId === options.recipientSlackUserId);
  return {
    kind: "message",
    message: surveyMessage({
      round,
      answers: [],
      locale,
      timeZone: person?.timeZone ?? tenant.timeZone,
      bands: person ? keepsAttainmentBand(person) : false,
      now,
    }),
  };
}
