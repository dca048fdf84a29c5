// What every answer and every comment form checks first, before anything is read or written for
// the response: the round exists in the tenant, the person was invited, and the token in the
// message was issued for this round. Each refusal is an `AppError` in the person's language.
import { AppError } from "../errors.js";
import type { Locale } from "../i18n/locale.js";
import type { Person, SalesData, TenantProfile } from "../sales-data.js";
import type { AnswerableRound, PulseAnswerStore, VerifiedToken, VerifyPulseToken } from "./pulse-answer-store.js";
import { pulseText } from "./pulse-texts.js";

export interface AdmitRespondentOptions {
  store: PulseAnswerStore;
  data: SalesData;
  verifyToken: VerifyPulseToken;
  tenantId: string;
  /** The person answering, resolved from the chat identity. */
  employeeId: string;
  roundId: string;
  /** The token carried by the message they answer from. */
  token: string;
  /** The platform user id of whoever clicked (Slack's `user.id`): the token must have been issued to it. */
  recipientId: string;
  locale: Locale;
}

export interface AdmittedRespondent {
  round: AnswerableRound;
  tokenHash: string;
  /** The checked token (seals and opens this person's response). */
  token: VerifiedToken;
  person: Person;
  people: readonly Person[];
  tenant: TenantProfile;
}

export async function admitRespondent(options: AdmitRespondentOptions): Promise<AdmittedRespondent> {
  const { store, data, tenantId, employeeId, roundId, locale } = options;
  const [round, invited, tenant, people] = await Promise.all([
    store.round(tenantId, roundId),
    store.isInvited(roundId, employeeId),
    data.tenant(tenantId),
    data.people(tenantId),
  ]);
  if (round === null) throw new AppError("not_found", pulseText(locale, "answer.roundNotFound"), { field: "roundId" });
  // Said plainly: it concerns only the person's own invitation.
  if (!invited) throw new AppError("forbidden", pulseText(locale, "answer.notInvited"), { explained: 1 });
  // A token copied from another person's message fails here, as an altered one does: nothing is read or written.
  const token = options.verifyToken(roundId, options.token, options.recipientId);
  if (token === null) throw new AppError("invalid_input", pulseText(locale, "answer.tampered"), { field: "token" });
  const person = people.find((candidate) => candidate.id === employeeId);
  if (!person || !person.active) throw new AppError("not_in_organisation", "You are not in this organisation's data.");
  return { round, tokenHash: token.tokenHash, token, person, people, tenant };
}
