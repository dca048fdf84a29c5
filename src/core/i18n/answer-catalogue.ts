/**
 * The second message catalogue: the sentences and line formats of `/quota` and `/forecast`
 * answers (src/core/use-cases). It is kept apart from `catalogue.ts` so that the first
 * catalogue's key set (pinned by its own test) stays as it is; both are typed the same way, so
 * a key missing from English or Malay fails to compile. Money is integer minor units plus an
 * ISO 4217 code; fractions are 0.45 for 45 %; dates are ISO `YYYY-MM-DD`.
 */
import type { Formatters } from "./format.js";

type NoParams = Record<never, never>;
type Money = { minor: number; currency: string };

/** A figure's change since last week (minor units, signed). */
export interface ChangeFigures {
  closedMinor: number;
  commitMinor: number;
  bestCaseMinor: number;
  pipelineMinor: number;
}

export interface AnswerParams {
  /** Period labels: Q3 FY2027 / S3 TK2027. */
  "period.quarter": { index: number; fiscalYear: number };
  "period.half": { index: number; fiscalYear: number };
  "period.year": { fiscalYear: number };
  /** `start` is the month's first day (ISO). */
  "period.month": { start: string };
  "context.periodAsOf": { period: string; start: string; end: string; asOf: string };

  "heading.quota.own": { period: string };
  "heading.quota.person": { name: string; period: string };
  "heading.team.own": { period: string };
  "heading.team.person": { name: string; period: string };
  "heading.whatIf.own": { what: string };
  "heading.whatIf.person": { name: string; what: string };
  "heading.toTarget": { name: string | null; fraction: number };
  "heading.nextTier": { name: string | null; period: string };
  "heading.leaderboard": { period: string };
  "heading.forecast.own": { period: string };
  "heading.forecast.person": { name: string; period: string };
  "heading.forecast.method": NoParams;

  "summary.standing": { name: string | null; period: string; attainment: number; closed: Money; quota: Money };
  "summary.noQuota": { name: string | null; period: string };

  "quota.noQuota": { name: string | null; period: string };
  "quota.zeroQuota": { name: string | null; period: string };
  "quota.ramping": { rampFraction: number; fullQuota: Money };
  "quota.proRated": { share: number; startDate: string };
  "label.overQuota": NoParams;
  "pace.ahead": { pace: number; expected: Money };
  "pace.behind": { pace: number; expected: Money };
  "pace.onTrack": { expected: Money };
  "pace.notStarted": NoParams;
  "coverage.value": { coverage: number };
  "coverage.needed": { coverage: number; winRate: number };
  "coverage.noHistory": NoParams;
  "coverage.quotaMet": NoParams;
  "commission.notAvailable": NoParams;

  "team.managersOnly": { command: string };
  "team.noReports": { name: string | null };
  "label.teamQuota": NoParams;
  "team.quotaLine": { name: string; attainment: number | null; closed: Money; quotaMinor: number | null };
  "team.ownDeals": { name: string };

  "label.payout": NoParams;
  "whatIf.dealLine": { name: string; account: string | null; amount: Money; closeDate: string };
  "whatIf.commissionNotAvailable": NoParams;
  "toTarget.reached": { fraction: number; attainment: number };
  "label.currentAttainment": NoParams;
  "nextTier.value": { fromAttainment: number; rate: number };
  "nextTier.top": { rate: number };
  "label.stillToClose": NoParams;
  "label.currentRate": NoParams;

  "leaderboard.line": {
    rank: number;
    name: string;
    attainment: number;
    isYou: boolean;
    closed?: Money;
    quota?: Money;
  };
  "leaderboard.empty": { period: string };

  "subject.ambiguous": { handle: string; names: readonly string[]; moreCount: number };

  "label.closed": NoParams;
  "label.teamCall": NoParams;
  "label.call": NoParams;
  "forecast.call": { commit: Money; bestCase: Money; commitVsQuota: number | null };
  "forecast.noCall": NoParams;
  "forecast.noQuota": NoParams;
  "forecast.teamLine": { name: string; commit: Money; bestCase: Money; pipeline: Money; callCommit: Money | null };
  "forecast.managersOnly": { command: string };
  "change.since": { date: string; currency: string; delta: ChangeFigures };
  "change.noSnapshot": NoParams;
  "change.noMoves": NoParams;
  "move.won": { name: string; amount: Money };
  "move.lost": { name: string; amount: Money };
  "move.pushed": { name: string; amount: Money; closeDate: string };
  "move.pulledIn": { name: string; amount: Money; closeDate: string };
  "move.new": { name: string; amount: Money };
  "forecast.submit.notSeller": NoParams;
  "forecast.submit.periodEnded": { period: string };
  "forecast.submit.previous": { commit: Money; bestCase: Money; submittedAt: string; timeZone: string };
  "method.quarterLine": { period: string; projected: Money; actual: Money; error: number | null };
  "method.asOf": { days: number };
}

export type AnswerKey = keyof AnswerParams;

export type AnswerRenderer<P> = string | ((params: P, format: Formatters) => string);

export type AnswerCatalogue = { readonly [K in AnswerKey]: AnswerRenderer<AnswerParams[K]> };

export type AnswerArgs<K extends AnswerKey> = keyof AnswerParams[K] extends never
  ? [params?: AnswerParams[K]]
  : [params: AnswerParams[K]];
