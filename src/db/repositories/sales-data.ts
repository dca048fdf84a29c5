// Prisma implementation of the SalesData port. The only place that knows how quotas, deals,
// plans, calls and snapshots are stored; it returns plain data (types.ts), never Prisma rows.
import type { CommissionPlan, PlanPeriod } from "../../core/commission.js";
import type { Locale } from "../../core/i18n/locale.js";
import { addDays } from "../../core/dates.js";
import type { DateRange, DealChange, Holiday, HolidayCalendars, OwnerGroups, Person, SalesData, SalesTeam, SnapshotSummary, TenantProfile, TrackedDeal } from "../../core/sales-data.js";
import type { WinCount } from "../../core/projection.js";
import type { ForecastCall, ForecastCategory, Opportunity, OpportunityState, PipelineSnapshotRow, QuotaRecord } from "../../core/types.js";
import { AppError } from "../../core/errors.js";
import { Prisma, type PrismaClient } from "../generated/client.js";

type Client = PrismaClient | Prisma.TransactionClient;

/** `@db.Date` values arrive as UTC midnights. */
export function isoDate(value: Date): string {
  return value.toISOString().slice(0, 10);
}

export function dateValue(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

/** Minor units from a BigInt column; amounts beyond 2^53 are refused rather than rounded. */
export function minorUnits(value: bigint | number | string): number {
  const asNumber = Number(value);
  if (!Number.isSafeInteger(asNumber)) throw new AppError("internal", `amount ${String(value)} is out of range`);
  return asNumber;
}

function locale(value: string): Locale {
  return value === "ms" ? "ms" : "en";
}

/** A group of deals sharing owner, category, closed/won state, stage and probability. */
interface SummaryRow {
  owner_id: string;
  forecast_category: ForecastCategory;
  is_closed: boolean;
  is_won: boolean;
  stage_name: string;
  probability: number;
  close_date: Date;
  amount: string;
  deals: number;
}

function summaryState(row: SummaryRow, index: number): OpportunityState {
  return {
    id: `summary-${index}`,
    ownerId: row.owner_id,
    amountMinor: minorUnits(row.amount),
    probability: row.probability,
    forecastCategory: row.forecast_category,
    // Every deal of the group closes inside the queried range; one date of it stands for all.
    closeDate: isoDate(new Date(row.close_date)),
    isClosed: row.is_closed,
    isWon: row.is_won,
    stageName: row.stage_name,
    dealCount: row.deals,
  };
}

/** Whether `range` is made of whole calendar months (first day to last day). */
function coversWholeMonths(range: DateRange): boolean {
  return range.start.endsWith("-01") && addDays(range.end, 1).endsWith("-01") && range.start <= range.end;
}

/**
 * Deals (or one snapshot's rows) of these owners closing in the range, summed per owner (or
 * per group of owners), category, closed/won state, stage, probability and close month:
 * lossless for totals, roll-ups and projections, and far fewer rows than deals.
 *
 * A range of whole months (every period is) reads the pre-summed tables, which triggers keep
 * equal to these sums (migrations `deal_summaries`, `team_summaries_and_win_rates`): a team
 * whose members (employees with that `team_id` now) all fall into one group is read from its
 * team rows (`team_deal_summary` / `team_snapshot_summary`), everyone else from their own
 * (`deal_summary` / `snapshot_summary`). So a management chain is summed from a few rows per
 * team whatever its shape, and exactly: team membership is read in the same statement, and an
 * owner is counted through their team or on their own, never both. A group's close date is then
 * the first of its month. Any other range sums the rows themselves, a group's close date being
 * its earliest. Either way a month-aligned period counts a group wholly in or out.
 */
async function summaries(
  prisma: Client,
  query: { tenantId: string; ownerIds: readonly string[]; range: DateRange; snapshotDate?: string; groups?: OwnerGroups | undefined },
): Promise<OpportunityState[]> {
  const ownerIds = [...new Set(query.ownerIds)];
  // Groups travel as small integers (an index into `groupIds`) and both lists as one text each:
  // binding thousands of array elements costs Prisma and the server more than splitting a string.
  const groupIds: string[] = [];
  const groupIndex = new Map<string, number>();
  const groupOf = ownerIds.map((id) => {
    const group = query.groups?.get(id) ?? id;
    let index = groupIndex.get(group);
    if (index === undefined) {
      index = groupIds.length;
      groupIds.push(group);
      groupIndex.set(group, index);
    }
    return index;
  });
  const owners = Prisma.sql`unnest(string_to_array(${ownerIds.join(",")}, ',')::uuid[], string_to_array(${groupOf.join(",")}, ',')::int[]) AS g(owner_id, group_id)`;
  const named = (rows: Array<Omit<SummaryRow, "owner_id"> & { group_id: number }>): OpportunityState[] =>
    rows.map((row, index) => summaryState(Object.assign(row, { owner_id: groupIds[row.group_id]! }), index));
  const snapshot = query.snapshotDate !== undefined;
  const onDate = snapshot ? Prisma.sql`AND d.snapshot_date = ${query.snapshotDate}::date` : Prisma.empty;
  const { tenantId, range } = query;
  if (!coversWholeMonths(range)) {
    const table = Prisma.raw(snapshot ? "pipeline_snapshot" : "opportunity");
    const rows = await prisma.$queryRaw<Array<Omit<SummaryRow, "owner_id"> & { group_id: number }>>`
      SELECT g.group_id, d.forecast_category::text AS forecast_category, d.is_closed, d.is_won,
             s.name AS stage_name, d.probability::int AS probability, MIN(d.close_date) AS close_date,
             SUM(d.amount_minor)::text AS amount, COUNT(*)::int AS deals
        FROM ${owners}
        JOIN ${table} d ON d.owner_id = g.owner_id
        JOIN stage s ON s.id = d.stage_id
       WHERE d.tenant_id = ${tenantId}::uuid
         ${onDate}
         AND d.close_date BETWEEN ${range.start}::date AND ${range.end}::date
       GROUP BY g.group_id, d.forecast_category, d.is_closed, d.is_won, s.name, d.probability, date_trunc('month', d.close_date)`;
    return named(rows);
  }
  const ownerTable = Prisma.raw(snapshot ? "snapshot_summary" : "deal_summary");
  const teamTable = Prisma.raw(snapshot ? "team_snapshot_summary" : "team_deal_summary");
  // Without groups every owner is a group of their own, and no team of two is whole.
  const byTeam = query.groups !== undefined;
  // A few hundred owners are looked up one by one (index probes); a large list is better joined
  // to whole tables. A question with groups leaves few owners outside whole teams.
  const many = ownerIds.length > 300;
  const members = many
    ? Prisma.sql`
      SELECT e.id, e.team_id, g.group_id
        FROM employee e LEFT JOIN g ON g.owner_id = e.id
       WHERE e.tenant_id = ${tenantId}::uuid AND e.team_id IS NOT NULL`
    : Prisma.sql`
      SELECT e.id, e.team_id, g.group_id
        FROM (SELECT DISTINCT e.team_id FROM g JOIN employee e ON e.id = g.owner_id
               WHERE e.tenant_id = ${tenantId}::uuid AND e.team_id IS NOT NULL) t
        JOIN employee e ON e.tenant_id = ${tenantId}::uuid AND e.team_id = t.team_id
        LEFT JOIN g ON g.owner_id = e.id`;
  const teams = byTeam
    ? Prisma.sql`
    members AS MATERIALIZED (${members}),
    whole AS MATERIALIZED (
      SELECT team_id, MIN(group_id) AS group_id FROM members
       GROUP BY team_id
      HAVING COUNT(group_id) = COUNT(*) AND MIN(group_id) = MAX(group_id)
    ),`
    : Prisma.empty;
  const alone = byTeam
    ? Prisma.sql`SELECT g.owner_id, g.group_id FROM g
       WHERE NOT EXISTS (SELECT 1 FROM members m JOIN whole w ON w.team_id = m.team_id WHERE m.id = g.owner_id)`
    : Prisma.sql`SELECT g.owner_id, g.group_id FROM g`;
  const wholeTeams = byTeam
    ? Prisma.sql`
      SELECT w.group_id, d.*
        FROM whole w
        CROSS JOIN LATERAL (
          SELECT d.forecast_category, d.is_closed, d.is_won, d.stage_id, d.probability, d.close_month, d.amount_minor, d.deals
            FROM ${teamTable} d
           WHERE d.tenant_id = ${tenantId}::uuid ${onDate} AND d.team_id = w.team_id
             AND d.close_month BETWEEN ${range.start}::date AND ${range.end}::date
          OFFSET 0) d
      UNION ALL`
    : Prisma.empty;
  const owned =
    many && !byTeam
      ? Prisma.sql`
      SELECT a.group_id, d.forecast_category, d.is_closed, d.is_won, d.stage_id, d.probability, d.close_month, d.amount_minor, d.deals
        FROM alone a
        JOIN ${ownerTable} d ON d.owner_id = a.owner_id
       WHERE d.tenant_id = ${tenantId}::uuid ${onDate}
         AND d.close_month BETWEEN ${range.start}::date AND ${range.end}::date`
      : Prisma.sql`
      SELECT a.group_id, d.*
        -- Unnested from arrays, so that the planner assumes a few owners rather than the whole
        -- list: its cost estimate then stays below jit_above_cost (JIT compilation would take
        -- longer than the query).
        FROM unnest(ARRAY(SELECT owner_id FROM alone), ARRAY(SELECT group_id FROM alone)) AS a(owner_id, group_id)
        CROSS JOIN LATERAL (
          SELECT d.forecast_category, d.is_closed, d.is_won, d.stage_id, d.probability, d.close_month, d.amount_minor, d.deals
            FROM ${ownerTable} d
           WHERE d.tenant_id = ${tenantId}::uuid ${onDate} AND d.owner_id = a.owner_id
             AND d.close_month BETWEEN ${range.start}::date AND ${range.end}::date
          OFFSET 0) d`;
  const rows = await prisma.$queryRaw<Array<Omit<SummaryRow, "owner_id"> & { group_id: number }>>`
    WITH g AS MATERIALIZED (SELECT * FROM ${owners}),
    ${teams}
    alone AS MATERIALIZED (${alone}),
    -- One index probe per team and per owner left (LATERAL … OFFSET 0): the planner cannot tell
    -- how few rows each stands for, and without statistics (a fresh PGlite) would scan instead.
    parts AS (${wholeTeams}
      ${owned}
    )
    SELECT p.group_id, p.forecast_category::text AS forecast_category, p.is_closed, p.is_won,
           s.name AS stage_name, p.probability::int AS probability, MIN(p.close_month) AS close_date,
           SUM(p.amount_minor)::text AS amount, SUM(p.deals)::int AS deals
      FROM parts p
      JOIN stage s ON s.id = p.stage_id
     GROUP BY p.group_id, p.forecast_category, p.is_closed, p.is_won, s.name, p.probability, p.close_month`;
  return named(rows);
}

/** A live deal row as the digest queries select it (raw SQL, snake case). */
interface DealRow {
  id: string;
  owner_id: string;
  name: string;
  account_name: string | null;
  stage_name: string;
  amount: string;
  probability: number;
  forecast_category: ForecastCategory;
  close_date: Date;
  is_closed: boolean;
  is_won: boolean;
  last_activity_at: Date | null;
}

function dealOf(row: DealRow): Opportunity {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    accountName: row.account_name,
    stageName: row.stage_name,
    amountMinor: minorUnits(row.amount),
    probability: row.probability,
    forecastCategory: row.forecast_category,
    closeDate: isoDate(new Date(row.close_date)),
    isClosed: row.is_closed,
    isWon: row.is_won,
    lastActivityAt: row.last_activity_at === null ? null : new Date(row.last_activity_at),
  };
}

const PLAN_SELECT = {
  currency: true,
  payoutCapMinor: true,
  tiers: {
    orderBy: { sortOrder: "asc" },
    select: { fromAttainment: true, toAttainment: true, rate: true, mode: true, capMinor: true },
  },
} as const satisfies Prisma.CommissionPlanSelect;

function planOf(plan: Prisma.CommissionPlanGetPayload<{ select: typeof PLAN_SELECT }>): CommissionPlan {
  return {
    currency: plan.currency,
    payoutCapMinor: plan.payoutCapMinor === null ? null : minorUnits(plan.payoutCapMinor),
    tiers: plan.tiers.map((tier) => ({
      fromAttainment: tier.fromAttainment.toNumber(),
      toAttainment: tier.toAttainment === null ? null : tier.toAttainment.toNumber(),
      rate: tier.rate.toNumber(),
      mode: tier.mode,
      capMinor: tier.capMinor === null ? null : minorUnits(tier.capMinor),
    })),
  };
}


/** The columns a forecast call is read with, and the plain call they make. */
const FORECAST_CALL_COLUMNS = {
  employeeId: true,
  periodStart: true,
  periodEnd: true,
  commitMinor: true,
  bestCaseMinor: true,
  currency: true,
  submittedAt: true,
} as const;

function forecastCallOf(row: {
  employeeId: string;
  periodStart: Date;
  periodEnd: Date;
  commitMinor: bigint;
  bestCaseMinor: bigint;
  currency: string;
  submittedAt: Date;
}): ForecastCall {
  return {
    employeeId: row.employeeId,
    periodStart: isoDate(row.periodStart),
    periodEnd: isoDate(row.periodEnd),
    commitMinor: minorUnits(row.commitMinor),
    bestCaseMinor: minorUnits(row.bestCaseMinor),
    currency: row.currency,
    submittedAt: row.submittedAt,
  };
}

/** The columns a `DealRow` is read with (`o` the opportunity, `s` its stage). */
const DEAL_COLUMNS = Prisma.sql`o.id::text AS id, o.owner_id::text AS owner_id, o.name, o.account_name, s.name AS stage_name,
               o.amount_minor::text AS amount, o.probability::int AS probability, o.forecast_category::text AS forecast_category,
               o.close_date, o.is_closed, o.is_won, o.last_activity_at`;

export function createSalesData(prisma: Client): SalesData {
  /** The `limit` largest open, non-Omitted deals of these owners whose close date meets `closeDate` (ties by id). */
  async function largestOpenDeals(tenantId: string, ownerIds: readonly string[], closeDate: Prisma.Sql, limit: number): Promise<Opportunity[]> {
    const rows = await prisma.$queryRaw<DealRow[]>`
      SELECT ${DEAL_COLUMNS}
        FROM opportunity o
        JOIN stage s ON s.id = o.stage_id
       WHERE o.tenant_id = ${tenantId}::uuid
         AND o.owner_id = ANY(${[...ownerIds]}::uuid[])
         AND NOT o.is_closed
         AND o.forecast_category <> 'Omitted'
         AND ${closeDate}
       ORDER BY o.amount_minor DESC, o.id
       LIMIT ${limit}`;
    return rows.map(dealOf);
  }

  return {
    async tenant(tenantId) {
      const row = await prisma.tenant.findUnique({
        where: { id: tenantId },
        select: {
          id: true,
          name: true,
          currency: true,
          fiscalYearStartMonth: true,
          timeZone: true,
          locale: true,
          leaderboardVisibility: true,
          anonymityThreshold: true,
        },
      });
      if (!row) throw new AppError("not_found", "That organisation does not exist.");
      return { ...row, locale: locale(row.locale) } satisfies TenantProfile;
    },

    async people(tenantId) {
      const rows = await prisma.employee.findMany({
        where: { tenantId },
        select: {
          id: true,
          name: true,
          email: true,
          role: true,
          managerId: true,
          teamId: true,
          active: true,
          title: true,
          timeZone: true,
          locale: true,
          startDate: true,
          slackUserId: true,
        },
        orderBy: { name: "asc" },
      });
      return rows.map(
        (row): Person => ({ ...row, locale: locale(row.locale), startDate: row.startDate ? isoDate(row.startDate) : null }),
      );
    },

    async quotas(tenantId, employeeIds, period) {
      const rows = await prisma.quota.findMany({
        where: {
          tenantId,
          employeeId: { in: [...employeeIds] },
          periodStart: { lte: dateValue(period.end) },
          periodEnd: { gte: dateValue(period.start) },
        },
        orderBy: [{ employeeId: "asc" }, { periodStart: "asc" }],
        select: { employeeId: true, periodStart: true, periodEnd: true, amountMinor: true, currency: true, rampPercent: true },
      });
      return rows.map(
        (row): QuotaRecord => ({
          employeeId: row.employeeId,
          periodStart: isoDate(row.periodStart),
          periodEnd: isoDate(row.periodEnd),
          amountMinor: minorUnits(row.amountMinor),
          currency: row.currency,
          rampPercent: row.rampPercent,
        }),
      );
    },

    async deals(tenantId, ownerIds, range) {
      const rows = await prisma.opportunity.findMany({
        where: {
          tenantId,
          ownerId: { in: [...ownerIds] },
          closeDate: { gte: dateValue(range.start), lte: dateValue(range.end) },
        },
        select: {
          id: true,
          name: true,
          accountName: true,
          ownerId: true,
          amountMinor: true,
          probability: true,
          forecastCategory: true,
          closeDate: true,
          isClosed: true,
          isWon: true,
          lastActivityAt: true,
          stage: { select: { name: true } },
        },
      });
      return rows.map(
        (row): Opportunity => ({
          id: row.id,
          name: row.name,
          accountName: row.accountName,
          ownerId: row.ownerId,
          amountMinor: minorUnits(row.amountMinor),
          probability: row.probability,
          forecastCategory: row.forecastCategory,
          closeDate: isoDate(row.closeDate),
          isClosed: row.isClosed,
          isWon: row.isWon,
          stageName: row.stage.name,
          lastActivityAt: row.lastActivityAt,
        }),
      );
    },

    dealSummaries: (tenantId, ownerIds, range, groups) => summaries(prisma, { tenantId, ownerIds, range, groups }),

    async commissionPlan(tenantId, employeeId, date) {
      const assignment = await prisma.planAssignment.findFirst({
        where: { tenantId, employeeId, periodStart: { lte: dateValue(date) }, periodEnd: { gte: dateValue(date) } },
        orderBy: { periodStart: "desc" },
        select: { plan: { select: PLAN_SELECT } },
      });
      return assignment ? planOf(assignment.plan) : null;
    },

    async planAssignments(tenantId, employeeId, range) {
      const rows = await prisma.planAssignment.findMany({
        where: { tenantId, employeeId, periodStart: { lte: dateValue(range.end) }, periodEnd: { gte: dateValue(range.start) } },
        orderBy: { periodStart: "asc" },
        select: { periodStart: true, periodEnd: true, plan: { select: PLAN_SELECT } },
      });
      return rows.map((row): PlanPeriod => ({ start: isoDate(row.periodStart), end: isoDate(row.periodEnd), plan: planOf(row.plan) }));
    },

    async holidays(tenantId, subjects, range) {
      const employeeIds = [...(subjects.employeeIds ?? [])];
      const teamIds = [...(subjects.teamIds ?? [])];
      // Each subject's calendar: their team's, else the tenant's default (one, by name).
      const resolved = await prisma.$queryRaw<Array<{ subject_id: string; calendar_id: string | null }>>`
        WITH fallback AS (
          SELECT c.id FROM holiday_calendar c WHERE c.tenant_id = ${tenantId}::uuid AND c.is_default ORDER BY c.name LIMIT 1
        )
        SELECT e.id::text AS subject_id, COALESCE(t.holiday_calendar_id, (SELECT id FROM fallback))::text AS calendar_id
          FROM employee e LEFT JOIN team t ON t.id = e.team_id AND t.tenant_id = e.tenant_id
         WHERE e.tenant_id = ${tenantId}::uuid AND e.id = ANY(${employeeIds}::uuid[])
        UNION ALL
        SELECT t.id::text, COALESCE(t.holiday_calendar_id, (SELECT id FROM fallback))::text
          FROM team t
         WHERE t.tenant_id = ${tenantId}::uuid AND t.id = ANY(${teamIds}::uuid[])`;
      const calendarOf = new Map<string, string | null>();
      for (const id of [...employeeIds, ...teamIds]) calendarOf.set(id, null);
      for (const row of resolved) calendarOf.set(row.subject_id, row.calendar_id);
      const calendarIds = [...new Set([...calendarOf.values()].filter((id): id is string => id !== null))];
      const holidays = new Map<string, Holiday[]>(calendarIds.map((id) => [id, []]));
      if (calendarIds.length > 0) {
        const rows = await prisma.holiday.findMany({
          where: { tenantId, calendarId: { in: calendarIds }, date: { gte: dateValue(range.start), lte: dateValue(range.end) } },
          orderBy: { date: "asc" },
          select: { calendarId: true, date: true, name: true },
        });
        for (const row of rows) holidays.get(row.calendarId)!.push({ date: isoDate(row.date), name: row.name });
      }
      return { calendarOf, holidays } satisfies HolidayCalendars;
    },

    async forecastCalls(tenantId, employeeIds, period) {
      const rows = await prisma.forecastCall.findMany({
        where: { tenantId, employeeId: { in: [...employeeIds] }, periodStart: dateValue(period.start), periodEnd: dateValue(period.end) },
        orderBy: { submittedAt: "asc" },
        select: FORECAST_CALL_COLUMNS,
      });
      return rows.map(forecastCallOf);
    },

    async forecastCallHistory(tenantId, employeeIds) {
      const rows = await prisma.forecastCall.findMany({
        where: { tenantId, employeeId: { in: [...employeeIds] } },
        orderBy: [{ submittedAt: "asc" }, { id: "asc" }],
        select: FORECAST_CALL_COLUMNS,
      });
      return rows.map(forecastCallOf);
    },

    async recordForecastCall(tenantId, call) {
      await prisma.forecastCall.create({
        data: {
          tenantId,
          employeeId: call.employeeId,
          periodStart: dateValue(call.periodStart),
          periodEnd: dateValue(call.periodEnd),
          commitMinor: BigInt(call.commitMinor),
          bestCaseMinor: BigInt(call.bestCaseMinor),
          currency: call.currency,
          submittedAt: call.submittedAt,
        },
      });
    },

    async snapshotDates(tenantId, onOrBefore, limit) {
      // One index probe per date, newest first (a "loose index scan" of the primary key): a
      // DISTINCT over the snapshot read every row of every date — seconds on a 2,000-rep tenant.
      const rows = await prisma.$queryRaw<Array<{ snapshot_date: Date }>>`
        WITH RECURSIVE dates(snapshot_date, n) AS (
          (SELECT snapshot_date, 1 FROM pipeline_snapshot
            WHERE tenant_id = ${tenantId}::uuid AND snapshot_date <= ${onOrBefore}::date
            ORDER BY snapshot_date DESC LIMIT 1)
          UNION ALL
          SELECT (SELECT p.snapshot_date FROM pipeline_snapshot p
                   WHERE p.tenant_id = ${tenantId}::uuid AND p.snapshot_date < d.snapshot_date
                   ORDER BY p.snapshot_date DESC LIMIT 1), d.n + 1
            FROM dates d
           WHERE d.n < ${limit}::int AND d.snapshot_date IS NOT NULL
        )
        SELECT snapshot_date FROM dates WHERE snapshot_date IS NOT NULL ORDER BY snapshot_date DESC`;
      return rows.slice(0, Math.max(0, limit)).map((row) => isoDate(new Date(row.snapshot_date)));
    },

    snapshotSummaries: (tenantId, date, ownerIds, range, groups) => summaries(prisma, { tenantId, ownerIds, range, snapshotDate: date, groups }),

    async winRateCounts(tenantId, asOf, horizonDays) {
      // The rule of learnWinRates (src/core/projection.ts) over the pre-summed win-rate tables
      // (migration team_summaries_and_win_rates, where the sums are explained): observations of
      // snapshots taken by asOf − horizon whose close date is within the horizon, and the wins
      // among them as the deals' latest rows by asOf say. A few thousand rows, whatever the history.
      if (!Number.isInteger(horizonDays) || horizonDays < 0) throw new AppError("invalid_input", "The horizon must be 0 days or more.");
      const rows = await prisma.$queryRaw<
        Array<{ level: "overall" | "category" | "stage"; key: string | null; wins: number; observations: number }>
      >`
        WITH counted AS (
          SELECT o.forecast_category, o.stage_id, SUM(o.observations) AS observations, 0 AS wins
            FROM win_rate_observation o
           WHERE o.tenant_id = ${tenantId}::uuid
             AND o.snapshot_date <= ${asOf}::date - ${horizonDays}::int
             AND o.close_lag <= ${horizonDays}::int
           GROUP BY o.forecast_category, o.stage_id
          UNION ALL
          SELECT w.forecast_category, w.stage_id, 0, SUM(w.wins)
            FROM win_rate_win w
           WHERE w.tenant_id = ${tenantId}::uuid
             AND w.snapshot_date <= ${asOf}::date - ${horizonDays}::int
             AND w.win_lag <= ${horizonDays}::int
             AND w.known_from <= ${asOf}::date AND w.known_until > ${asOf}::date
           GROUP BY w.forecast_category, w.stage_id
        ), observed AS (
          SELECT c.forecast_category::text AS category, s.name AS stage, c.observations, c.wins
            FROM counted c JOIN stage s ON s.id = c.stage_id
        )
        SELECT CASE WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(stage) = 0 THEN 'stage' ELSE 'overall' END AS level,
               COALESCE(CASE WHEN GROUPING(category) = 0 THEN category END, CASE WHEN GROUPING(stage) = 0 THEN stage END) AS key,
               COALESCE(SUM(wins), 0)::int AS wins, COALESCE(SUM(observations), 0)::int AS observations
          FROM observed
         GROUP BY GROUPING SETS ((), (category), (stage))`;
      const counts: { overall: WinCount; byCategory: Array<{ category: ForecastCategory } & WinCount>; byStage: Array<{ stage: string } & WinCount> } = {
        overall: { wins: 0, observations: 0 },
        byCategory: [],
        byStage: [],
      };
      for (const row of rows) {
        const count = { wins: row.wins, observations: row.observations };
        if (row.level === "overall") counts.overall = count;
        else if (row.level === "category") counts.byCategory.push({ category: row.key as ForecastCategory, ...count });
        else counts.byStage.push({ stage: row.key!, ...count });
      }
      return counts;
    },

    async snapshot(tenantId, date, ownerIds, range) {
      const rows = await prisma.$queryRaw<Array<Omit<DealRow, "id" | "last_activity_at"> & { opportunity_id: string }>>`
        SELECT p.opportunity_id::text AS opportunity_id, p.owner_id::text AS owner_id, o.name, o.account_name,
               s.name AS stage_name, p.amount_minor::text AS amount, p.probability::int AS probability,
               p.forecast_category::text AS forecast_category, p.close_date, p.is_closed, p.is_won
          FROM pipeline_snapshot p
          JOIN opportunity o ON o.id = p.opportunity_id
          JOIN stage s ON s.id = p.stage_id
         WHERE p.tenant_id = ${tenantId}::uuid
           AND p.snapshot_date = ${date}::date
           AND p.owner_id = ANY(${[...ownerIds]}::uuid[])
           AND p.close_date BETWEEN ${range.start}::date AND ${range.end}::date`;
      // A snapshot keeps no activity times.
      return rows.map((row) => dealOf({ ...row, id: row.opportunity_id, last_activity_at: null }));
    },

    async snapshotHistory(tenantId, onOrBefore) {
      const rows = await prisma.$queryRaw<
        Array<{
          snapshot_date: Date;
          opportunity_id: string;
          owner_id: string;
          stage_name: string;
          forecast_category: OpportunityState["forecastCategory"];
          amount: string;
          close_date: Date;
          is_closed: boolean;
          is_won: boolean;
          probability: number;
        }>
      >`
        SELECT p.snapshot_date, p.opportunity_id::text AS opportunity_id, p.owner_id::text AS owner_id,
               s.name AS stage_name, p.forecast_category::text AS forecast_category, p.amount_minor::text AS amount,
               p.close_date, p.is_closed, p.is_won, p.probability::int AS probability
          FROM pipeline_snapshot p
          JOIN stage s ON s.id = p.stage_id
         WHERE p.tenant_id = ${tenantId}::uuid AND p.snapshot_date <= ${onOrBefore}::date`;
      return rows.map(
        (row): PipelineSnapshotRow => ({
          snapshotDate: isoDate(new Date(row.snapshot_date)),
          opportunityId: row.opportunity_id,
          ownerId: row.owner_id,
          stage: row.stage_name,
          forecastCategory: row.forecast_category,
          amountMinor: minorUnits(row.amount),
          closeDate: isoDate(new Date(row.close_date)),
          isClosed: row.is_closed,
          isWon: row.is_won,
          probability: row.probability,
        }),
      );
    },

    async teams(tenantId) {
      const rows = await prisma.team.findMany({
        where: { tenantId },
        select: { id: true, name: true, managerId: true, slackChannelId: true, timeZone: true },
        orderBy: { name: "asc" },
      });
      return rows.map((row): SalesTeam => ({ ...row }));
    },

    async dealsAtRisk(tenantId, ownerIds, criteria, limit) {
      const rows = await prisma.$queryRaw<Array<DealRow & { stage_entered_at: Date | null; total: number }>>`
        SELECT ${DEAL_COLUMNS}, o.stage_entered_at, COUNT(*) OVER ()::int AS total
          FROM opportunity o
          JOIN stage s ON s.id = o.stage_id
         WHERE o.tenant_id = ${tenantId}::uuid
           AND o.owner_id = ANY(${[...ownerIds]}::uuid[])
           AND NOT o.is_closed
           AND o.forecast_category <> 'Omitted'
           AND o.close_date <= ${criteria.closeDateOnOrBefore}::date
           AND (o.close_date < ${criteria.closeDateBefore}::date
                OR o.last_activity_at < ${criteria.noActivitySince.toISOString()}::timestamptz
                OR o.stage_entered_at < ${criteria.inStageSince.toISOString()}::timestamptz)
         ORDER BY o.amount_minor DESC, o.id
         LIMIT ${limit}`;
      return {
        deals: rows.map(
          (row): TrackedDeal => ({
            ...dealOf(row),
            lastActivityAt: row.last_activity_at === null ? null : new Date(row.last_activity_at),
            stageEnteredAt: row.stage_entered_at === null ? null : new Date(row.stage_entered_at),
          }),
        ),
        total: rows[0]?.total ?? 0,
      };
    },

    async topDeals(tenantId, ownerIds, range, limit) {
      return largestOpenDeals(tenantId, ownerIds, Prisma.sql`o.close_date BETWEEN ${range.start}::date AND ${range.end}::date`, limit);
    },

    async largestOverdueDeals(tenantId, ownerIds, closeDateBefore, limit) {
      return largestOpenDeals(tenantId, ownerIds, Prisma.sql`o.close_date < ${closeDateBefore}::date`, limit);
    },

    async dealChanges(tenantId, ownerIds, snapshotDate, range) {
      // From the team's deals (owner index) to their snapshot rows (primary key): a team's
      // share of the work, however large the tenant's snapshot. The LATERAL … LIMIT 1 keeps the
      // planner on one primary-key probe per deal even where no statistics were gathered yet
      // (a freshly seeded PGlite), where a plain join was planned as a scan of the whole snapshot.
      const rows = await prisma.$queryRaw<
        Array<
          DealRow & {
            in_snapshot: boolean;
            before_owner_id: string | null;
            before_stage_name: string | null;
            before_amount: string | null;
            before_probability: number | null;
            before_category: ForecastCategory | null;
            before_close_date: Date | null;
            before_is_closed: boolean | null;
            before_is_won: boolean | null;
          }
        >
      >`
        SELECT ${DEAL_COLUMNS},
               p.opportunity_id IS NOT NULL AS in_snapshot, p.owner_id::text AS before_owner_id, ps.name AS before_stage_name,
               p.amount_minor::text AS before_amount, p.probability::int AS before_probability,
               p.forecast_category::text AS before_category, p.close_date AS before_close_date,
               p.is_closed AS before_is_closed, p.is_won AS before_is_won
          FROM opportunity o
          JOIN stage s ON s.id = o.stage_id
          LEFT JOIN LATERAL (
                 SELECT * FROM pipeline_snapshot x
                  WHERE x.tenant_id = o.tenant_id AND x.snapshot_date = ${snapshotDate}::date AND x.opportunity_id = o.id
                  LIMIT 1) p ON true
          LEFT JOIN stage ps ON ps.id = p.stage_id
         WHERE o.tenant_id = ${tenantId}::uuid
           AND o.owner_id = ANY(${[...ownerIds]}::uuid[])
           AND (o.close_date BETWEEN ${range.start}::date AND ${range.end}::date
                OR p.close_date BETWEEN ${range.start}::date AND ${range.end}::date)
           AND (p.opportunity_id IS NULL
                OR p.amount_minor <> o.amount_minor OR p.stage_id <> o.stage_id
                OR p.forecast_category <> o.forecast_category OR p.probability <> o.probability
                OR p.close_date <> o.close_date OR p.is_closed <> o.is_closed OR p.is_won <> o.is_won)`;
      return rows.map((row): DealChange => {
        const after = dealOf(row);
        if (!row.in_snapshot) return { before: null, after };
        return {
          before: {
            id: after.id,
            ownerId: row.before_owner_id!,
            name: after.name,
            accountName: after.accountName,
            stageName: row.before_stage_name!,
            amountMinor: minorUnits(row.before_amount!),
            probability: row.before_probability!,
            forecastCategory: row.before_category!,
            closeDate: isoDate(new Date(row.before_close_date!)),
            isClosed: row.before_is_closed!,
            isWon: row.before_is_won!,
          },
          after,
        };
      });
    },

    async snapshotSeries(tenantId, ownerIds, range, dates) {
      // Per deal of the team, its snapshot rows by the (tenant, opportunity) index; OFFSET 0 keeps
      // the subquery a per-deal probe (see dealChanges) rather than a scan of every snapshot.
      const rows = await prisma.$queryRaw<Array<SummaryRow & { snapshot_date: Date }>>`
        SELECT p.snapshot_date, o.owner_id::text AS owner_id, p.forecast_category::text AS forecast_category,
               p.is_closed, p.is_won, s.name AS stage_name, p.probability::int AS probability,
               MIN(p.close_date) AS close_date, SUM(p.amount_minor)::text AS amount, COUNT(*)::int AS deals
          FROM opportunity o
          JOIN LATERAL (
                 SELECT * FROM pipeline_snapshot x
                  WHERE x.tenant_id = o.tenant_id AND x.opportunity_id = o.id
                    AND x.snapshot_date BETWEEN ${dates.start}::date AND ${dates.end}::date
                    AND x.close_date BETWEEN ${range.start}::date AND ${range.end}::date
                 OFFSET 0) p ON true
          JOIN stage s ON s.id = p.stage_id
         WHERE o.tenant_id = ${tenantId}::uuid
           AND o.owner_id = ANY(${[...ownerIds]}::uuid[])
         GROUP BY p.snapshot_date, o.owner_id, p.forecast_category, p.is_closed, p.is_won, s.name, p.probability
         ORDER BY p.snapshot_date`;
      return rows.map((row, index): SnapshotSummary => ({ ...summaryState(row, index), snapshotDate: isoDate(new Date(row.snapshot_date)) }));
    },
  };
}

/** Who a chat user is, for the adapters: by stored platform id, then by e-mail. */
export function createIdentityRepository(prisma: Client) {
  return {
    /**
     * The tenant of a Slack workspace and, in it, the employee with this Slack user id: one round
     * trip, read on every request (nothing cached, so a deactivation applies at once).
     */
    async askerBySlackIds(
      slackTeamId: string,
      slackUserId: string,
    ): Promise<{ tenantId: string; employee: { id: string; active: boolean } | null } | null> {
      const rows = await prisma.$queryRaw<Array<{ tenant_id: string; employee_id: string | null; active: boolean | null }>>`
        SELECT t.id::text AS tenant_id, e.id::text AS employee_id, e.active
          FROM tenant t
          LEFT JOIN employee e ON e.tenant_id = t.id AND e.slack_user_id = ${slackUserId}
         WHERE t.slack_team_id = ${slackTeamId}`;
      const row = rows[0];
      if (row === undefined) return null;
      return { tenantId: row.tenant_id, employee: row.employee_id === null ? null : { id: row.employee_id, active: row.active === true } };
    },
    /** Links the Slack id to the employee with this e-mail; returns them, or null if there is none. */
    async linkSlackIdByEmail(tenantId: string, email: string, slackUserId: string): Promise<{ id: string; active: boolean } | null> {
      const employee = await prisma.employee.findUnique({
        where: { tenantId_email: { tenantId, email: email.trim().toLowerCase() } },
        select: { id: true, active: true, slackUserId: true },
      });
      if (!employee) return null;
      if (employee.slackUserId !== slackUserId) {
        await prisma.employee.update({ where: { id: employee.id }, data: { slackUserId } });
      }
      return { id: employee.id, active: employee.active };
    },
  };
}

export type IdentityRepository = ReturnType<typeof createIdentityRepository>;
export { Prisma };
