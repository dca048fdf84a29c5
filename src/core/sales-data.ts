// The port through which use cases read and write sales data. `src/db` implements it with
// Prisma; tests may implement it by hand. Everything crossing it is plain data (types.ts).
import type { CommissionPlan } from "./commission.js";
import type { Locale } from "./i18n/locale.js";
import type { Period } from "./period-spec.js";
import type { WinRateCounts } from "./projection.js";
import type {
  ForecastCall,
  LeaderboardVisibility,
  Opportunity,
  OpportunityState,
  OrgEmployee,
  PipelineSnapshotRow,
  QuotaRecord,
} from "./types.js";

export interface TenantProfile {
  id: string;
  name: string;
  /** ISO 4217. */
  currency: string;
  /** 1 = January. */
  fiscalYearStartMonth: number;
  timeZone: string;
  locale: Locale;
  leaderboardVisibility: LeaderboardVisibility;
  anonymityThreshold: number;
}

/** An employee with what replies need beyond the org chart. */
export interface Person extends OrgEmployee {
  title: string | null;
  timeZone: string;
  locale: Locale;
  /** ISO date of their first day, or null. */
  startDate: string | null;
  slackUserId: string | null;
}

/** An inclusive range of ISO dates. */
export interface DateRange {
  start: string;
  end: string;
}

export interface SalesData {
  tenant(tenantId: string): Promise<TenantProfile>;
  /** Every employee of the tenant, active or not. */
  people(tenantId: string): Promise<Person[]>;
  /** Quotas whose period starts on `period.start`, for these people. */
  quotas(tenantId: string, employeeIds: readonly string[], period: Pick<Period, "start" | "end">): Promise<QuotaRecord[]>;
  /** Deals of these owners whose close date falls in `range`. */
  deals(tenantId: string, ownerIds: readonly string[], range: DateRange): Promise<Opportunity[]>;
  /**
   * The same deals summed per owner, forecast category, closed/won state, stage and probability:
   * a lossless summary for totals and roll-ups (Σ amount × p is exact per group), far fewer
   * rows than deals for a large team. `id` and `name` of the summaries are synthetic.
   */
  dealSummaries(tenantId: string, ownerIds: readonly string[], range: DateRange): Promise<OpportunityState[]>;
  /** The plan assigned to the person for the period containing `date`, or null. */
  commissionPlan(tenantId: string, employeeId: string, date: string): Promise<CommissionPlan | null>;
  forecastCalls(tenantId: string, employeeIds: readonly string[], period: Pick<Period, "start" | "end">): Promise<ForecastCall[]>;
  recordForecastCall(tenantId: string, call: ForecastCall): Promise<void>;
  /** Snapshot dates on or before `onOrBefore`, newest first. */
  snapshotDates(tenantId: string, onOrBefore: string, limit: number): Promise<string[]>;
  /** Snapshot rows of one date for these owners whose close date falls in `range`. */
  snapshot(tenantId: string, date: string, ownerIds: readonly string[], range: DateRange): Promise<Opportunity[]>;
  /** Snapshot rows of one date summed like `dealSummaries` (for a team's week-over-week change). */
  snapshotSummaries(tenantId: string, date: string, ownerIds: readonly string[], range: DateRange): Promise<OpportunityState[]>;
  /**
   * The win/observation counts `learnWinRates` would gather from the tenant's snapshots up to
   * `asOf` for `horizonDays`, computed next to the data (same rule; see projection.ts).
   */
  winRateCounts(tenantId: string, asOf: string, horizonDays: number): Promise<WinRateCounts>;
  /** All snapshot rows of the tenant up to `onOrBefore` (history for projections). */
  snapshotHistory(tenantId: string, onOrBefore: string): Promise<PipelineSnapshotRow[]>;
}
