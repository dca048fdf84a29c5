/**
 * `/pulse close <survey>` (and `npm run cli -- pulse close`): an admin ends a survey's open round
 * now rather than at its closing time. It closes exactly as the scheduler tick does when the time
 * is up (`PulseStore.closeRound`: status closed and the `pulse_results` post queued in one
 * transaction), so no answer is taken after it and its results are posted and shown from then on.
 * Anyone but an active admin is refused before the survey is looked up, so a refusal reveals
 * nothing. Closing what is closed already changes nothing and says so.
 */
import { AppError } from "../errors.js";
import { byName, foldName } from "../use-cases/reply-parts.js";
import { findSurvey, findTemplateId, requirePulseAdmin, type NamedSurveyOptions } from "./manage-pulse-surveys.js";
import type { StoredSurvey } from "./pulse-store.js";
import { pulseText } from "./pulse-texts.js";

/** Newest rounds searched for open ones: enough for overlapping rounds (a daily survey open 14 days). */
export const RECENT_ROUNDS = 32;

/** Where a closed round's results post goes. */
export type ResultsDestination =
  | { readonly kind: "channel"; readonly channel: string }
  | { readonly kind: "owner"; readonly name: string }
  /** The owner has no Slack account linked: no post, `/pulse results` only. */
  | { readonly kind: "nowhere"; readonly name: string };

export interface ClosedRoundFigures {
  readonly number: number;
  /** People who answered (a complete response: isResponseComplete), of `invited`. */
  readonly respondents: number;
  readonly invited: number;
  readonly destination: ResultsDestination;
}

export interface ClosePulseRoundResult {
  readonly surveyName: string;
  /** Rounds this call closed, oldest first; empty when none was open. */
  readonly closed: readonly ClosedRoundFigures[];
  /** The survey's latest round (when nothing was left to close, the one that closed last). */
  readonly latestNumber: number;
}

/** The survey named, or the tenant's survey made from the template named ("enps"). */
function surveyOrTemplate(surveys: readonly StoredSurvey[], name: string, options: NamedSurveyOptions): StoredSurvey {
  const named = surveys.find((candidate) => foldName(candidate.name) === foldName(name));
  if (named) return named;
  const templateId = findTemplateId(name);
  const fromTemplate = [...surveys]
    .sort(byName)
    .find((candidate) => templateId !== undefined && candidate.templateId === templateId);
  return fromTemplate ?? findSurvey(surveys, name, options.locale);
}

/**
 * Closes every open round of the survey named (usually one), oldest first, at `now`. Throws
 * `forbidden` for anyone but an admin, `invalid_input` naming the surveys for an unknown name,
 * `not_found` when the survey has had no round.
 */
export async function closePulseRound(options: NamedSurveyOptions): Promise<ClosePulseRoundResult> {
  const { people } = await requirePulseAdmin(options);
  const { store, locale, now } = options;
  const survey = surveyOrTemplate(await store.surveys(options.tenantId), options.name, options);
  const rounds = await store.rounds(survey.id, RECENT_ROUNDS);
  if (rounds.length === 0) {
    throw new AppError("not_found", pulseText(locale, "admin.error.noRoundYet", { name: survey.name, command: options.command ?? "/pulse" }), { field: "name" });
  }
  const owner = people.find((person) => person.id === survey.ownerId);
  const ownerName = owner?.name ?? "?";
  const closed: ClosedRoundFigures[] = [];
  for (const round of rounds.filter((candidate) => candidate.status === "open").reverse()) {
    const result = await store.closeRound(round.id, now);
    // Closed meanwhile by the tick or another admin: its post was queued by whoever closed it.
    if (!result.closed) continue;
    const respondents = await store.roundRespondents(round.id);
    const destination: ResultsDestination = !result.posted
      ? { kind: "nowhere", name: ownerName }
      : survey.resultsChannel !== null
        ? { kind: "channel", channel: survey.resultsChannel }
        : { kind: "owner", name: ownerName };
    closed.push({ number: round.number, respondents, invited: Math.max(round.invited, respondents), destination });
  }
  return { surveyName: survey.name, closed, latestNumber: rounds[0]!.number };
}
