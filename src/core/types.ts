/**
 * Plain data shapes the domain core reads. Repositories build them from Prisma rows (BigInt
 * amounts become safe-integer numbers, `@db.Date` columns become ISO `YYYY-MM-DD` strings);
 * renderers never see Prisma types.
 */

/** Salesforce's forecast categories; "Closed" is closed-won. */
export type ForecastCategory = "Omitted" | "Pipeline" | "BestCase" | "MostLikely" | "Commit" | "Closed";

export const FORECAST_CATEGORIES: readonly ForecastCategory[] = [
  "Omitted",
  "Pipeline",
  "BestCase",
  "MostLikely",
  "Commit",
  "Closed",
];

/**
 * The state of one opportunity, live or as of a snapshot. Amounts are minor units of the
 * tenant currency (converted by the repository); `probability` is whole percent 0-100;
 * `closeDate` is an ISO date (the actual close date once `isClosed`).
 */
export interface OpportunityState {
  id: string;
  ownerId: string;
  amountMinor: number;
  probability: number;
  forecastCategory: ForecastCategory;
  closeDate: string;
  isClosed: boolean;
  isWon: boolean;
  stageName: string;
  name?: string;
  accountName?: string | null;
  /**
   * How many deals this state stands for: 1 (absent) for a real deal; more for a repository's
   * summary of deals that share owner, category, stage and probability (amount is their sum).
   */
  dealCount?: number;
}

/** A live opportunity as `/forecast` and `/quota` read it. */
export interface Opportunity extends OpportunityState {
  name: string;
  accountName: string | null;
  /** UTC instant of the last logged activity, when the CRM has one. */
  lastActivityAt?: Date | null;
}

/** One row of a weekly pipeline snapshot (history for projections and back-tests). */
export interface PipelineSnapshotRow {
  /** ISO date the snapshot was taken. */
  snapshotDate: string;
  opportunityId: string;
  ownerId: string;
  stage: string;
  forecastCategory: ForecastCategory;
  /** Minor units of the tenant currency. */
  amountMinor: number;
  /** ISO date; the actual close date once `isClosed`. */
  closeDate: string;
  isClosed: boolean;
  isWon: boolean;
  /** Whole percent 0-100 as of the snapshot; weighted-pipeline change needs it. */
  probability?: number;
}

export type EmployeeRole = "rep" | "manager" | "admin" | "other";

/** One person of the organisation, as access rules and roll-ups need them. */
export interface OrgEmployee {
  id: string;
  name: string;
  email: string;
  role: EmployeeRole;
  managerId: string | null;
  teamId: string | null;
  active: boolean;
}

/** A quota for one person and one period, as stored (full amount, ramp in whole percent). */
export interface QuotaRecord {
  employeeId: string;
  /** ISO dates, inclusive. */
  periodStart: string;
  periodEnd: string;
  /** Full (unramped) quota, minor units. */
  amountMinor: number;
  currency: string;
  /** Share of the full quota that applies while ramping, whole percent (100 = fully ramped). */
  rampPercent: number;
}

/** A forecast call as submitted; every submission is kept and the latest one counts. */
export interface ForecastCall {
  employeeId: string;
  /** ISO dates, inclusive. */
  periodStart: string;
  periodEnd: string;
  /** Minor units. */
  commitMinor: number;
  bestCaseMinor: number;
  currency: string;
  /** UTC instant of submission. */
  submittedAt: Date;
}

export type LeaderboardVisibility = "off" | "percentages" | "full";
