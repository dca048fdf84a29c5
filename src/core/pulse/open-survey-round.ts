/**
 * Opens one round of a survey: who receives it on that date (`resolveAudience`), when each of
 * them does (`planSurveyRound`), and the write of the round with its recipients and invitations
 * (`PulseStore.planRound`, one transaction). Shared by the scheduler tick (rounds planned ahead
 * by their schedule) and `/pulse start` (a round an admin opens now).
 */
import { isTimeZone } from "../schedules/assert-time-zone.js";
import { anonymityThreshold, commentThreshold } from "./anonymise-answer.js";
import { planSurveyRound, type RoundDate, type RoundPlan } from "./plan-survey-round.js";
import type { PlannedRound, PulseStore, PulseTenant, StoredSurvey } from "./pulse-store.js";
import { resolveAudience, type PulsePerson, type ResolvedAudience } from "./resolve-audience.js";

export interface OpenSurveyRoundOptions {
  readonly store: PulseStore;
  readonly tenant: PulseTenant;
  readonly survey: StoredSurvey;
  /** A scheduled date (`dueRoundDates`), or now. */
  readonly when: Pick<RoundDate, "opensOn" | "minuteOfDay"> | { readonly startNow: true };
  readonly now: Date;
  /** The tenant's people, when the caller has them already (several surveys in one tick). */
  readonly people?: readonly PulsePerson[];
  /**
   * Whether a round skipped after downtime is written (closed, nobody invited). False when a
   * later date is planned in the same tick anyway: only the latest decision needs recording.
   */
  readonly recordSkip?: boolean;
}

export type OpenedRound =
  | { readonly outcome: "planned" | "late"; readonly plan: RoundPlan; readonly audience: ResolvedAudience; readonly round: PlannedRound }
  | { readonly outcome: "skipped"; readonly plan: RoundPlan; readonly round: PlannedRound | null; readonly reason: string }
  /** The survey already has a round on that date (another replica, or a rerun). */
  | { readonly outcome: "duplicate"; readonly plan: RoundPlan };

/**
 * Plans and writes the round. A round skipped after downtime (see `plan-survey-round.ts`) is
 * written closed with nobody invited, so that it is decided once.
 */
export async function openSurveyRound(options: OpenSurveyRoundOptions): Promise<OpenedRound> {
  const { store, tenant, survey, now } = options;
  const startNow = "startNow" in options.when;
  // The date decides absences; a round opened now takes today's date in the survey's zone.
  const probe = planSurveyRound({ when: options.when, referenceTimeZone: survey.timeZone, recipients: [], openDays: survey.openDays, now });
  const [people, optedOut, absences] = await Promise.all([
    options.people ?? store.people(tenant.id),
    store.optedOut(tenant.id),
    store.absences(tenant.id, probe.opensOn),
  ]);
  const audience = resolveAudience({ audience: survey.audience, people, optedOut, absences, opensOn: probe.opensOn });
  const plan = planSurveyRound({
    when: startNow ? { startNow: true } : options.when,
    referenceTimeZone: survey.timeZone,
    // A person whose stored zone is not a zone gets the survey's rather than stopping the round.
    recipients: audience.recipients.map((person) => ({ id: person.id, timeZone: isTimeZone(person.timeZone) ? person.timeZone : survey.timeZone })),
    openDays: survey.openDays,
    now,
  });
  const threshold = anonymityThreshold(tenant.anonymityThreshold);
  const byId = new Map(audience.recipients.map((person) => [person.id, person]));
  const skipped = plan.decision.action === "skip";
  if (plan.decision.action === "skip" && options.recordSkip === false) return { outcome: "skipped", plan, round: null, reason: plan.decision.reason };
  const round = await store.planRound({
    tenantId: tenant.id,
    surveyId: survey.id,
    definition: survey.definition,
    opensOn: plan.opensOn,
    firstSendAt: plan.firstSendAt,
    lastSendAt: plan.lastSendAt,
    closesAt: skipped ? now : plan.closesAt,
    threshold,
    commentThreshold: commentThreshold(tenant.commentThreshold, threshold),
    status: skipped ? "closed" : "open",
    sends: plan.sends.map((send) => {
      const person = byId.get(send.recipientId)!;
      return { employeeId: person.id, slackUserId: person.slackUserId!, locale: person.locale, timeZone: send.timeZone, sendAt: send.sendAt };
    }),
  });
  if (round === "duplicate") return { outcome: "duplicate", plan };
  if (plan.decision.action === "skip") return { outcome: "skipped", plan, round, reason: plan.decision.reason };
  return { outcome: plan.decision.action === "late" ? "late" : "planned", plan, audience, round };
}
