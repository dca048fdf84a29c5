// The port through which use cases read and write sales data. `src/db` implements it with
// Prisma; tests may implement it by hand. Everything crossing it is plain data (types.ts).
import type { CommissionPlan, PlanPeriod } from "./commission.js";
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

/** One public holiday of a calendar: an ISO date (the observed day off) and its name. */
export interface Holiday {
  date: string;
  name: string;
}

/** Whose holidays to look up: people (their team's calendar, else the tenant's default) and/or teams. */
export interface HolidaySubjects {
  employeeIds?: readonly string[];
  teamIds?: readonly string[];
}

/**
 * The holiday calendars that apply to some people and teams over a date range: each subject's
 * calendar id (null when neither their team nor the tenant has one) and each calendar's holidays
 * in the range, by date. Kept per calendar, since a whole organisation shares a handful of them.
 */
export interface HolidayCalendars {
  calendarOf: ReadonlyMap<string, string | null>;
  holidays: ReadonlyMap<string, readonly Holiday[]>;
}

/** A sales team: whose channel gets the weekly digest, and in which time zone it runs. */
export interface SalesTeam {
  id: string;
  name: string;
  /** The team's manager (their reports, transitively, make up the team); null when unset. */
  managerId: string | null;
  slackChannelId: string | null;
  /** IANA time zone of the team (its digest runs and its "today" is taken there). */
  timeZone: string;
}

/** A live deal with what the at-risk rules read: last activity and time in its stage (UTC instants). */
export interface TrackedDeal extends Opportunity {
  lastActivityAt: Date | null;
  stageEnteredAt: Date | null;
}

/**
 * Which open deals may be at risk: not Omitted, closing on or before `closeDateOnOrBefore`, and
 * any of: close date before `closeDateBefore` (passed), last activity before `noActivitySince`,
 * in their stage since before `inStageSince`. A deal without a recorded activity or stage entry
 * time is not flagged for it (the CRM did not say).
 */
export interface AtRiskCriteria {
  closeDateOnOrBefore: string;
  closeDateBefore: string;
  noActivitySince: Date;
  inStageSince: Date;
}

/** One live deal that changed since a snapshot, as the snapshot showed it (null: not in it) and now. */
export interface DealChange {
  before: Opportunity | null;
  after: Opportunity;
}

/**
 * Owner id → the id of the group their deals are summed into (a team line, say), so that a
 * large team's answer reads a few rows per line instead of a few per person. An owner missing
 * from the map is a group of their own.
 */
export type OwnerGroups = ReadonlyMap<string, string>;

/** A `dealSummaries`-style group of one snapshot date. */
export interface SnapshotSummary extends OpportunityState {
  snapshotDate: string;
}

export interface SalesData {
  tenant(tenantId: string): Promise<TenantProfile>;
  /** Every employee of the tenant, active or not. */
  people(tenantId: string): Promise<Person[]>;
  /**
   * Every quota row of these people whose dates overlap `period` (row start ≤ period end and
   * row end ≥ period start), earliest first: `quotaForPeriod` turns them into the period's quota.
   */
  quotas(tenantId: string, employeeIds: readonly string[], period: Pick<Period, "start" | "end">): Promise<QuotaRecord[]>;
  /** Deals of these owners whose close date falls in `range`. */
  deals(tenantId: string, ownerIds: readonly string[], range: DateRange): Promise<Opportunity[]>;
  /**
   * The same deals summed per owner, forecast category, closed/won state, stage, probability
   * and close month: a lossless summary for totals and roll-ups (Σ amount × p is exact per
   * group; a group's close date lies in its month — the earliest deal's, or the 1st when the
   * range is whole months —, so month-aligned periods count it wholly in or out), far fewer
   * rows than deals for a large team. `id`s of summaries are synthetic. With `groups`, owners
   * are summed into their group and the rows carry the group's id as `ownerId`.
   */
  dealSummaries(tenantId: string, ownerIds: readonly string[], range: DateRange, groups?: OwnerGroups): Promise<OpportunityState[]>;
  /** The plan assigned to the person for the period containing `date`, or null. */
  commissionPlan(tenantId: string, employeeId: string, date: string): Promise<CommissionPlan | null>;
  /** The person's plan assignments whose dates overlap `range`, earliest first, each with its plan. */
  planAssignments(tenantId: string, employeeId: string, range: DateRange): Promise<PlanPeriod[]>;
  /**
   * The holidays that apply to these people (their team's calendar, else the tenant's default
   * calendar) and teams (their own calendar, else the tenant's default) in `range`.
   */
  holidays(tenantId: string, subjects: HolidaySubjects, range: DateRange): Promise<HolidayCalendars>;
  forecastCalls(tenantId: string, employeeIds: readonly string[], period: Pick<Period, "start" | "end">): Promise<ForecastCall[]>;
  recordForecastCall(tenantId: string, call: ForecastCall): Promise<void>;
  /** Every call these people have submitted, for any period, oldest first. */
  forecastCallHistory(tenantId: string, employeeIds: readonly string[]): Promise<ForecastCall[]>;
  /** Snapshot dates on or before `onOrBefore`, newest first. */
  snapshotDates(tenantId: string, onOrBefore: string, limit: number): Promise<string[]>;
  /** Snapshot rows of one date for these owners whose close date falls in `range`. */
  snapshot(tenantId: string, date: string, ownerIds: readonly string[], range: DateRange): Promise<Opportunity[]>;
  /** Snapshot rows of one date summed like `dealSummaries` (for a team's week-over-week change). */
  snapshotSummaries(
    tenantId: string,
    date: string,
    ownerIds: readonly string[],
    range: DateRange,
    groups?: OwnerGroups,
  ): Promise<OpportunityState[]>;
  /**
   * The win/observation counts `learnWinRates` would gather from the tenant's snapshots up to
   * `asOf` for `horizonDays`, computed next to the data (same rule; see projection.ts).
   */
  winRateCounts(tenantId: string, asOf: string, horizonDays: number): Promise<WinRateCounts>;
  /** All snapshot rows of the tenant up to `onOrBefore` (history for projections). */
  snapshotHistory(tenantId: string, onOrBefore: string): Promise<PipelineSnapshotRow[]>;
  /** The tenant's sales teams, by name. */
  teams(tenantId: string): Promise<SalesTeam[]>;
  /**
   * Open deals of these owners that meet `criteria` (see AtRiskCriteria), largest first (then by
   * id), at most `limit` of them, and how many there are in all.
   */
  dealsAtRisk(
    tenantId: string,
    ownerIds: readonly string[],
    criteria: AtRiskCriteria,
    limit: number,
  ): Promise<{ deals: TrackedDeal[]; total: number }>;
  /** The `limit` largest open, non-Omitted deals of these owners closing in `range` (ties by id). */
  topDeals(tenantId: string, ownerIds: readonly string[], range: DateRange, limit: number): Promise<Opportunity[]>;
  /**
   * The `limit` largest open, non-Omitted deals of these owners whose close date is before
   * `closeDateBefore` (a period's start: overdue for it), largest first (ties by id). Their
   * totals come from `dealSummaries` over the months before (see `overdueFor` in src/core).
   */
  largestOverdueDeals(tenantId: string, ownerIds: readonly string[], closeDateBefore: string, limit: number): Promise<Opportunity[]>;
  /**
   * The deals these owners hold now that differ from the snapshot of `snapshotDate` (amount,
   * stage, category, probability, close date, closed/won) or are missing from it, where either
   * close date falls in `range`. Deals are attributed to their current owner, then and now, so
   * that a hand-over inside the team is no change. Unchanged deals are not returned.
   */
  dealChanges(tenantId: string, ownerIds: readonly string[], snapshotDate: string, range: DateRange): Promise<DealChange[]>;
  /**
   * Every snapshot dated in `dates`, summed like `dealSummaries` (per current owner, category,
   * closed/won, stage and probability) over the deals these owners hold now whose close
   * date, as of that snapshot, falls in `range`: a team's trend through the quarter.
   */
  snapshotSeries(tenantId: string, ownerIds: readonly string[], range: DateRange, dates: DateRange): Promise<SnapshotSummary[]>;
}
