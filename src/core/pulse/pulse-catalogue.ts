/**
 * The pulse survey catalogue: texts shown around a survey (the anonymity notice, scale labels,
 * band and cut names, why a result is hidden). Typed like `src/core/i18n/digest-catalogue.ts`:
 * English and Malay are both `PulseCatalogue`, so a key missing from either fails to compile.
 * Survey questions themselves carry both languages in their definition (see the templates).
 */
import type { Formatters } from "../i18n/format.js";
import type { AttainmentBand } from "./anonymise-answer.js";
import type { PulseRoundsParams } from "./pulse-rounds-catalogue.js";
import type { SuppressionReason } from "./summarise-round.js";

type NoParams = Record<never, never>;

export interface PulseParams extends PulseRoundsParams {
  /**
   * First message of a survey: who can see what. `threshold` and `commentThreshold` are the
   * thresholds in force (people); `bands` whether attainment bands are kept (sales roles).
   */
  "anonymity.notice": { threshold: number; commentThreshold: number; bands: boolean };
  /** `value` 1-5. */
  "agreement.label": { value: number };
  "enps.lowEnd": NoParams;
  "enps.highEnd": NoParams;
  /** `score` whole number −100…100, null for no data. */
  "enps.score": { score: number | null };
  "band.label": { band: AttainmentBand };
  "cut.noTeam": NoParams;
  "cut.noBand": NoParams;
  /** `threshold` in people. */
  "suppressed.reason": { reason: SuppressionReason; threshold: number };
  /** Response rate: `respondents` of `invited` people. */
  "round.responseRate": { respondents: number; invited: number };

  // --- answering in the DM (dm.*, answer.*, comment.*) -------------------------------------
  /** Notification text of the survey DM. */
  "dm.summary": { title: string };
  "dm.optional": NoParams;
  /** Under a question the person has answered, in the survey message (which Slack keeps): never the answer. */
  "dm.answered": NoParams;
  /**
   * The private confirmation of an answer (a reply Slack does not keep): question `number` and
   * its `prompt`, and `answer` as shown — a score, a scale label, a choice label, or (`comment`)
   * the start of the comment.
   */
  "dm.confirmation": { number: number; prompt: string; answer: string; comment: boolean };
  "dm.choosePlaceholder": NoParams;
  /** `answered` of `total` questions; `missing` required ones still unanswered (at least 1). */
  "dm.progress": { answered: number; total: number; missing: number };
  /** `closesAt` already formatted in the respondent's zone. */
  "dm.complete": { closesAt: string };
  /** Every required question answered but not the optional ones; `closesAt` as for dm.complete. */
  "dm.completeWithOptional": { answered: number; total: number; closesAt: string };
  /** `closedAt` already formatted in the respondent's zone. */
  "dm.closed": { closedAt: string };
  "comment.write": NoParams;
  "comment.edit": NoParams;
  /** Modal title: at most 24 characters. */
  "comment.modalTitle": NoParams;
  "comment.submit": NoParams;
  "comment.cancel": NoParams;
  /** `threshold`: comments shown only from this many writers (people). */
  "comment.hint": { threshold: number };
  "answer.roundNotFound": NoParams;
  "answer.notInvited": NoParams;
  "answer.tampered": NoParams;
  "answer.closed": { closedAt: string };
  "answer.unknownQuestion": NoParams;
  /** `value` as it arrived (may be anything); `min`/`max` the scale's ends. */
  "answer.outOfRange": { value: string; min: number; max: number };
  "answer.unknownChoice": NoParams;
  "answer.emptyText": NoParams;
  /** Characters (code points). */
  "answer.textTooLong": { length: number; max: number };
}

export type PulseKey = keyof PulseParams;

export type PulseRenderer<P> = string | ((params: P, format: Formatters) => string);

export type PulseCatalogue = { readonly [K in PulseKey]: PulseRenderer<PulseParams[K]> };

export type PulseArgs<K extends PulseKey> = keyof PulseParams[K] extends never
  ? [params?: PulseParams[K]]
  : [params: PulseParams[K]];
