/**
 * The message catalogue's shape: every key and the parameters it takes. Both locales are
 * typed against `Catalogue`, so a key missing from (or extra in) either one fails to compile.
 */
import type { AmountRejection } from "../questions/parse-amount.js";
import type { Formatters } from "./format.js";

type NoParams = Record<never, never>;

/** Parameters of every message. Money is integer minor units plus an ISO 4217 code. */
export interface MessageParams {
  /** `command` is how the person invokes it: "/quota" in Slack, "quota" in Teams. */
  "quota.help": { command: string };
  "forecast.help": { command: string };
  "quota.notUnderstood": { command: string };
  "forecast.notUnderstood": { command: string };

  "error.notInOrganisation": NoParams;
  /** Says nothing about whether the person asked about exists. */
  "error.forbidden": NoParams;
  /** The database or another dependency is down. */
  "error.unavailable": NoParams;
  "error.tooLong": { maxChars: number };
  "error.severalPeople": NoParams;

  /** `currency` (the tenant's) is needed for `too_many_decimals` and `currency_mismatch`. */
  "amount.invalid": { text: string; reason: AmountRejection; currency?: string };
  /** `mentioned` as typed ("$", "USD", "€"); `currency` is the tenant's. */
  "amount.currencyMismatch": { text: string; mentioned: string; currency: string };

  "label.quota": NoParams;
  "label.closedWon": NoParams;
  "label.attainment": NoParams;
  "label.gapToQuota": NoParams;
  "label.pace": NoParams;
  "label.neededPerWeek": NoParams;
  "label.pipelineCoverage": NoParams;
  "label.coverageNeeded": NoParams;
  "label.commissionEarned": NoParams;
  "label.ifYouClose": { deal: string };
  "label.payoutChange": NoParams;
  "label.newAttainment": NoParams;
  /** `fraction` of quota: 1.2 for 120%. */
  "label.toReach": { fraction: number };
  "label.nextTier": NoParams;
  "label.topTierReached": NoParams;
  "label.commit": NoParams;
  "label.bestCase": NoParams;
  "label.pipeline": NoParams;
  "label.weightedPipeline": NoParams;
  "label.projection": NoParams;
  "label.yourCall": NoParams;
  "label.changeSinceLastWeek": NoParams;
  "label.leaderboard": NoParams;

  "leaderboard.off": NoParams;

  "forecast.callSubmitted": {
    period: string;
    currency: string;
    commitMinor: number;
    bestCaseMinor?: number;
  };
  "forecast.submit.missingCommit": { command: string };
  "forecast.submit.bestBelowCommit": { commitText: string; bestCaseText: string };
  /**
   * How the projection is made and how far off it has been. Errors are fractions of the
   * actual result (0.08 = 8%); `bias` positive when projections ran high. Without history
   * (`quartersMeasured` 0) only the method is explained.
   */

  "deal.notFound": { query: string };
  /** `names` are the matches to show; `moreCount` how many more were not listed. */
  "deal.ambiguous": { query: string; names: readonly string[]; moreCount?: number };
  "list.andMore": { count: number };
}

export type MessageKey = keyof MessageParams;

export type MessageRenderer<P> = string | ((params: P, format: Formatters) => string);

export type Catalogue = { readonly [K in MessageKey]: MessageRenderer<MessageParams[K]> };

/** Arguments after the key: omitted for messages without parameters. */
export type MessageArgs<K extends MessageKey> = keyof MessageParams[K] extends never
  ? [params?: MessageParams[K]]
  : [params: MessageParams[K]];
