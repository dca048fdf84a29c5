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
  /** `row` names the quota row (its period label); days are working days. */
  "quota.proRated": { days: number; rowDays: number; row: string };
  /** Beside a manager's own quota: Σ of their direct reports' quotas and its share of the manager's (null: own quota 0). */
  "quota.reportsSum": { name: string | null; sum: Money; share: number | null };
  "quota.ended": { period: string };
  "label.teamQuotaOfReports": NoParams;
  "commission.toDate": { planStart: string; planEnd: string; to: string };
  "commission.capped": { cap: Money; per: "month" | "quarter" | "half" | "year" | "period" };
  "coverage.zeroWinRate": NoParams;
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
  /** Told to managers and admins only: a rep gets the `forbidden` refusal whether or not the person exists. */
  "subject.notFound": { handle: string };

  /** Several open deals match a what-if; `shown` are listed (numbered, each with a button), `moreCount` not. */
  "deal.choose": { query: string; shown: number; moreCount: number };
  /** The label of the button that answers a deal's what-if. */
  "button.whatIf": NoParams;
  /** A what-if button whose value does not read (altered, or from an older version). */
  "button.invalid": { command: string };
  /** The deal of a what-if button is no longer open (won, lost or gone since the list was shown). */
  "whatIf.dealNotOpen": NoParams;
  "heading.deals.own": { period: string };
  "heading.deals.person": { name: string; period: string };
  /** One open deal of `/quota deals`; `account` is null when the deal's name already says it. */
  "deals.line": { index: number; name: string; account: string | null; amount: Money; closeDate: string; stage: string };
  "deals.summary": { name: string | null; count: number; total: Money; period: string };
  "deals.none": { name: string | null; period: string; command: string };
  "deals.more": { count: number };

  "label.closed": NoParams;
  "label.teamCall": NoParams;
  "label.call": NoParams;
  "forecast.call": { commit: Money; bestCase: Money; commitVsQuota: number | null };
  "forecast.noCall": NoParams;
  "forecast.noQuota": NoParams;
  /** One report's line of `/forecast team`: attainment (closed ÷ quota, null without one), figures, and their latest call against their commit (call − commit, minor units). */
  "forecast.teamLine": {
    name: string;
    attainment: number | null;
    quota: Money | null;
    commit: Money;
    bestCase: Money;
    pipeline: Money;
    callCommit: Money | null;
    callVsCommit: Money | null;
  };
  "forecast.overdue.title": { count: number; amount: Money; expected: Money };
  "forecast.overdue.line": { name: string; account: string | null; amount: Money; closeDate: string };
  "forecast.submit.commitBelowClosed": { period: string; commit: Money; closed: Money };
  "heading.forecast.history.own": NoParams;
  "heading.forecast.history.person": { name: string };
  /** A period's latest call against what closed: error = (commit − closed) ÷ closed, null when nothing closed or the period runs on. */
  "history.line": {
    period: string;
    commit: Money;
    bestCase: Money;
    closed: Money;
    ended: boolean;
    error: number | null;
    errorAmount: Money;
    calls: number;
  };
  "history.none": { name: string | null; command: string };
  "history.summary": { periods: number; meanAbsoluteError: number | null; bias: number | null; bestCaseCovered: number };
  /** `/forecast method`, written from the model that answered (see WinRateModel). */
  "method.model": { asOf: string; horizonDays: number; observations: number; wins: number; priorStrength: number };
  "method.crmOnly": { asOf: string; horizonDays: number };
  "method.rateLine": { level: "category" | "stage"; name: string; wins: number; observations: number };
  "method.rateTitle": { horizonDays: number };
  "method.accuracy": { quarters: number; meanAbsoluteError: number; bias: number };
  "method.notScored": { earliest: string | null; latest: string | null };
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
  "method.quarterLine": { period: string; projected: Money; actual: Money; error: number | null; overdueDeals: number };
  "method.asOf": { days: number };
}

export type AnswerKey = keyof AnswerParams;

export type AnswerRenderer<P> = string | ((params: P, format: Formatters) => string);

export type AnswerCatalogue = { readonly [K in AnswerKey]: AnswerRenderer<AnswerParams[K]> };

export type AnswerArgs<K extends AnswerKey> = keyof AnswerParams[K] extends never
  ? [params?: AnswerParams[K]]
  : [params: AnswerParams[K]];
