/**
 * The pulse survey catalogue: texts shown around a survey (the anonymity notice, scale labels,
 * band and cut names, why a result is hidden). Typed like `src/core/i18n/digest-catalogue.ts`:
 * English and Malay are both `PulseCatalogue`, so a key missing from either fails to compile.
 * Survey questions themselves carry both languages in their definition (see the templates).
 */
import type { Formatters } from "../i18n/format.js";
import type { AttainmentBand } from "./anonymise-answer.js";
import type { SuppressionReason } from "./summarise-round.js";

type NoParams = Record<never, never>;

export interface PulseParams {
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
}

export type PulseKey = keyof PulseParams;

export type PulseRenderer<P> = string | ((params: P, format: Formatters) => string);

export type PulseCatalogue = { readonly [K in PulseKey]: PulseRenderer<PulseParams[K]> };

export type PulseArgs<K extends PulseKey> = keyof PulseParams[K] extends never
  ? [params?: PulseParams[K]]
  : [params: PulseParams[K]];
