// The numbers a /quota or /forecast reply must show, worked out a second way: straight from the
// tables with plain SQL and with small calculations of the tests' own. Nothing here goes through
// a repository or src/core, so a wrong rule or a wrong query in the app shows up as a mismatch.
// Money is bigint minor units throughout; ratios are plain numbers only for formatting.
import type { Database } from "../../src/db/database.js";

export interface DateSpan {
  /** ISO dates, both inclusive. */
  start: string;
  end: string;
}

export interface DemoPerson {
  id: string;
  name: string;
  email: string;
  role: string;
  managerId: string | null;
  teamId: string | null;
  startDate: string | null;
  timeZone: string;
  slackUserId: string | null;
}

/** Deal sums of a set of owners over close dates in a span (minor units). */
export interface DealSums {
  wonMinor: bigint;
  /** Open deals in Commit (or still filed under Closed). */
  commitOpenMinor: bigint;
  /** Open deals in MostLikely or BestCase. */
  upsideOpenMinor: bigint;
  /** Open deals in Pipeline. */
  pipelineOnlyMinor: bigint;
  /** Σ amount × probability (whole percent) over open, non-Omitted deals. */
  weightedPercent: bigint;
}

export interface ForecastFigures {
  closed: bigint;
  commit: bigint;
  bestCase: bigint;
  pipeline: bigint;
  weighted: bigint;
}

export interface PlanTier {
  /** Attainment bounds in ten-thousandths of quota (Decimal(8,4)), `to` null = open. */
  from: bigint;
  to: bigint | null;
  /** Rate in hundred-thousandths (Decimal(8,5)). */
  rate: bigint;
}

export interface Plan {
  tiers: PlanTier[];
  payoutCapMinor: bigint | null;
}

/** `n / d` rounded half away from zero (n >= 0, d > 0). */
export function halfUp(n: bigint, d: bigint): bigint {
  const q = n / d;
  return (n % d) * 2n >= d ? q + 1n : q;
}

/** `n / d` rounded up (n >= 0, d > 0). */
export function ceilDiv(n: bigint, d: bigint): bigint {
  return n % d === 0n ? n / d : n / d + 1n;
}

/** A fixed-point decimal string ("0.0800") as an integer scaled by 10^digits. */
function scaled(text: string, digits: number): bigint {
  const [whole = "0", fraction = ""] = text.split(".");
  return BigInt(whole) * 10n ** BigInt(digits) + BigInt((fraction + "0".repeat(digits)).slice(0, digits) || "0");
}

export function forecastOf(sums: DealSums): ForecastFigures {
  const commit = sums.wonMinor + sums.commitOpenMinor;
  return {
    closed: sums.wonMinor,
    commit,
    bestCase: commit + sums.upsideOpenMinor,
    pipeline: sums.commitOpenMinor + sums.upsideOpenMinor + sums.pipelineOnlyMinor,
    weighted: halfUp(sums.weightedPercent, 100n),
  };
}

/**
 * What a plan of marginal tiers pays on `creditedMinor` against `quotaMinor`: each tier's rate on
 * the revenue inside its band (band edges = quota × bounds), summed, rounded half-up once to the
 * minor unit, then held to the plan's cap.
 */
export function marginalPayout(plan: Plan, quotaMinor: bigint, creditedMinor: bigint): bigint {
  const credited = creditedMinor * 10_000n; // minor units × 10^4, the scale of the bounds
  let total = 0n; // minor units × 10^9
  for (const tier of plan.tiers) {
    const low = quotaMinor * tier.from;
    const high = tier.to === null ? null : quotaMinor * tier.to;
    if (credited <= low) continue;
    const top = high !== null && credited > high ? high : credited;
    total += (top - low) * tier.rate;
  }
  const payout = halfUp(total, 1_000_000_000n);
  return plan.payoutCapMinor !== null && payout > plan.payoutCapMinor ? plan.payoutCapMinor : payout;
}

/** The first tier starting above what has been credited, and how much more it takes; null in the top tier. */
export function nextTierOf(plan: Plan, quotaMinor: bigint, creditedMinor: bigint): { tier: PlanTier; neededMinor: bigint } | null {
  const credited = creditedMinor * 10_000n;
  const tier = plan.tiers.find((candidate) => quotaMinor * candidate.from > credited);
  return tier === undefined ? null : { tier, neededMinor: ceilDiv(quotaMinor * tier.from - credited, 10_000n) };
}

/** The rate of the tier `creditedMinor` sits in now. */
export function currentRateOf(plan: Plan, quotaMinor: bigint, creditedMinor: bigint): bigint {
  const credited = creditedMinor * 10_000n;
  let rate = plan.tiers[0]!.rate;
  for (const tier of plan.tiers) if (credited >= quotaMinor * tier.from) rate = tier.rate;
  return rate;
}

const SUMS_SELECT = `
  COALESCE(SUM(amount_minor) FILTER (WHERE is_closed AND is_won), 0)::text AS won,
  COALESCE(SUM(amount_minor) FILTER (WHERE NOT is_closed AND forecast_category::text IN ('Commit', 'Closed')), 0)::text AS commit_open,
  COALESCE(SUM(amount_minor) FILTER (WHERE NOT is_closed AND forecast_category::text IN ('MostLikely', 'BestCase')), 0)::text AS upside_open,
  COALESCE(SUM(amount_minor) FILTER (WHERE NOT is_closed AND forecast_category::text = 'Pipeline'), 0)::text AS pipeline_only,
  COALESCE(SUM(amount_minor * probability) FILTER (WHERE NOT is_closed AND forecast_category::text <> 'Omitted'), 0)::text AS weighted_percent`;

interface SumsRow extends Record<string, unknown> {
  won: string;
  commit_open: string;
  upside_open: string;
  pipeline_only: string;
  weighted_percent: string;
}

function sumsOf(row: SumsRow | undefined): DealSums {
  return {
    wonMinor: BigInt(row?.won ?? "0"),
    commitOpenMinor: BigInt(row?.commit_open ?? "0"),
    upsideOpenMinor: BigInt(row?.upside_open ?? "0"),
    pipelineOnlyMinor: BigInt(row?.pipeline_only ?? "0"),
    weightedPercent: BigInt(row?.weighted_percent ?? "0"),
  };
}

/**
 * Plain-SQL reads of one tenant's tables. The org chart, quotas and the calendar do not change
 * while a test file runs, so those reads are remembered; deals and forecast calls are read anew.
 */
/** One person's quota figures for a period, as `IndependentFigures.quotaFigures` works them out. */
export interface QuotaFigures {
  /** Null without a quota row overlapping the period. */
  quotaMinor: bigint | null;
  /** Quota rows overlapping the period, and whether any of them reaches outside it (pro-rated). */
  rows: number;
  proRated: boolean;
  /** Closed won of the person and everyone below them. */
  wonMinor: bigint;
  /** Σ of the direct reports' quotas; null without reports who have one. */
  reportsQuotaMinor: bigint | null;
  directReports: number;
}

/** Each employee's holiday calendar: their team's, else the tenant's default ($1 = tenant id). */
const CALENDAR_CTE = `WITH calendar(employee_id, calendar_id) AS (
  SELECT e.id, COALESCE(t.holiday_calendar_id,
         (SELECT c.id FROM holiday_calendar c WHERE c.tenant_id = $1::uuid AND c.is_default ORDER BY c.name LIMIT 1))
    FROM employee e LEFT JOIN team t ON t.id = e.team_id
   WHERE e.tenant_id = $1::uuid
)`;

export class IndependentFigures {
  private readonly remembered = new Map<string, Promise<unknown>>();

  constructor(
    private readonly db: Database,
    private readonly tenantId: string,
  ) {}

  private remember<T>(key: string, read: () => Promise<T>): Promise<T> {
    let value = this.remembered.get(key) as Promise<T> | undefined;
    if (value === undefined) {
      value = read();
      this.remembered.set(key, value);
    }
    return value;
  }

  private rows<Row extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<Row[]> {
    return this.db.withSession((session) => session.query<Row>(sql, params));
  }

  async tenant(): Promise<{ currency: string; fiscalYearStartMonth: number; leaderboardVisibility: string }> {
    const [row] = await this.rows<{ currency: string; start_month: number; visibility: string }>(
      `SELECT currency, fiscal_year_start_month::int AS start_month, leaderboard_visibility::text AS visibility
         FROM tenant WHERE id = $1::uuid`,
      [this.tenantId],
    );
    return { currency: row!.currency, fiscalYearStartMonth: row!.start_month, leaderboardVisibility: row!.visibility };
  }

  private static readonly PERSON_COLUMNS = `e.id::text AS id, e.name, e.email, e.role::text AS role, e.manager_id::text AS manager_id,
    e.team_id::text AS team_id, e.start_date::text AS start_date, e.time_zone, e.slack_user_id`;

  private static person(row: Record<string, unknown>): DemoPerson {
    return {
      id: row.id as string,
      name: row.name as string,
      email: row.email as string,
      role: row.role as string,
      managerId: (row.manager_id as string | null) ?? null,
      teamId: (row.team_id as string | null) ?? null,
      startDate: (row.start_date as string | null) ?? null,
      timeZone: row.time_zone as string,
      slackUserId: (row.slack_user_id as string | null) ?? null,
    };
  }

  async person(email: string): Promise<DemoPerson> {
    return this.remember(`person:${email}`, async () => {
      const [row] = await this.rows(`SELECT ${IndependentFigures.PERSON_COLUMNS} FROM employee e WHERE e.tenant_id = $1::uuid AND e.email = $2`, [
        this.tenantId,
        email,
      ]);
      if (!row) throw new Error(`no employee ${email}`);
      return IndependentFigures.person(row);
    });
  }

  /** Active reps of one team (same team id). */
  async teamReps(teamId: string): Promise<DemoPerson[]> {
    const rows = await this.rows(
      `SELECT ${IndependentFigures.PERSON_COLUMNS} FROM employee e
        WHERE e.tenant_id = $1::uuid AND e.team_id = $2::uuid AND e.role::text = 'rep' AND e.active`,
      [this.tenantId, teamId],
    );
    return rows.map(IndependentFigures.person);
  }

  async allReps(): Promise<DemoPerson[]> {
    const rows = await this.rows(
      `SELECT ${IndependentFigures.PERSON_COLUMNS} FROM employee e WHERE e.tenant_id = $1::uuid AND e.role::text = 'rep' AND e.active`,
      [this.tenantId],
    );
    return rows.map(IndependentFigures.person);
  }

  /** Every employee of the tenant. */
  async everyone(): Promise<DemoPerson[]> {
    const rows = await this.rows(`SELECT ${IndependentFigures.PERSON_COLUMNS} FROM employee e WHERE e.tenant_id = $1::uuid`, [this.tenantId]);
    return rows.map(IndependentFigures.person);
  }

  /** The people nobody is above (no manager, or one outside the tenant). */
  async topOfOrganisation(): Promise<DemoPerson[]> {
    const rows = await this.rows(
      `SELECT ${IndependentFigures.PERSON_COLUMNS} FROM employee e
        WHERE e.tenant_id = $1::uuid
          AND (e.manager_id IS NULL OR NOT EXISTS (SELECT 1 FROM employee m WHERE m.id = e.manager_id AND m.tenant_id = e.tenant_id))`,
      [this.tenantId],
    );
    return rows.map(IndependentFigures.person);
  }

  /** Direct reports, with whether each has reports of their own. */
  async directReports(managerId: string): Promise<Array<DemoPerson & { hasReports: boolean }>> {
    return this.remember(`direct:${managerId}`, async () => {
      const rows = await this.rows(
        `SELECT ${IndependentFigures.PERSON_COLUMNS},
                EXISTS (SELECT 1 FROM employee r WHERE r.tenant_id = e.tenant_id AND r.manager_id = e.id) AS has_reports
           FROM employee e WHERE e.tenant_id = $1::uuid AND e.manager_id = $2::uuid`,
        [this.tenantId, managerId],
      );
      return rows.map((row) => ({ ...IndependentFigures.person(row), hasReports: row.has_reports === true }));
    });
  }

  /** Everyone below `managerId`, transitively (recursive CTE on employee.manager_id), with whether they lead anyone. */
  async reportsUnder(managerId: string): Promise<Array<DemoPerson & { hasReports: boolean }>> {
    return this.remember(`below:${managerId}`, async () => {
      const rows = await this.rows(
        `WITH RECURSIVE below(id) AS (
           SELECT id FROM employee WHERE tenant_id = $1::uuid AND manager_id = $2::uuid
           UNION
           SELECT e.id FROM employee e JOIN below b ON e.manager_id = b.id WHERE e.tenant_id = $1::uuid
         )
         SELECT ${IndependentFigures.PERSON_COLUMNS},
                EXISTS (SELECT 1 FROM employee r WHERE r.tenant_id = e.tenant_id AND r.manager_id = e.id) AS has_reports
           FROM below JOIN employee e ON e.id = below.id`,
        [this.tenantId, managerId],
      );
      return rows.map((row) => ({ ...IndependentFigures.person(row), hasReports: row.has_reports === true }));
    });
  }

  /** The quota row starting on the period's first day. */
  async quota(employeeId: string, period: DateSpan): Promise<{ fullMinor: bigint; rampPercent: number } | null> {
    return this.remember(`quota:${employeeId}:${period.start}:${period.end}`, async () => {
      const [row] = await this.rows<{ amount: string; ramp: number }>(
        `SELECT amount_minor::text AS amount, ramp_percent::int AS ramp FROM quota
          WHERE tenant_id = $1::uuid AND employee_id = $2::uuid AND period_start = $3::date AND period_end = $4::date`,
        [this.tenantId, employeeId, period.start, period.end],
      );
      return row ? { fullMinor: BigInt(row.amount), rampPercent: row.ramp } : null;
    });
  }

  /**
   * Monday-to-Friday days from `start` to `end`, both inclusive (0 when `end` is earlier), less
   * the holidays of `personId`'s calendar (their team's holiday calendar, else the tenant's
   * default one) when a person is given.
   */
  async workingDays(start: string, end: string, personId?: string): Promise<number> {
    return this.remember(`days:${start}:${end}:${personId ?? ""}`, async () => {
      const [row] = await this.rows<{ n: number }>(
        `${CALENDAR_CTE}
         SELECT count(*)::int AS n FROM generate_series($2::date, $3::date, interval '1 day') AS d
          WHERE extract(isodow FROM d) < 6
            AND NOT EXISTS (SELECT 1 FROM holiday h JOIN calendar c ON c.calendar_id = h.calendar_id
                             WHERE c.employee_id = $4::uuid AND h.date = d::date)`,
        [this.tenantId, start, end, personId ?? null],
      );
      return row!.n;
    });
  }

  /** The holiday dates of a person's calendar in a span (ISO, ascending). */
  async holidays(personId: string, span: DateSpan): Promise<string[]> {
    const rows = await this.rows<{ date: string }>(
      `${CALENDAR_CTE}
       SELECT h.date::text AS date FROM holiday h JOIN calendar c ON c.calendar_id = h.calendar_id
        WHERE c.employee_id = $4::uuid AND h.date BETWEEN $2::date AND $3::date ORDER BY h.date`,
      [this.tenantId, span.start, span.end, personId],
    );
    return rows.map((row) => row.date);
  }

  /**
   * The quota of each person for a period by the documented rule (README "/quota"), straight
   * from the tables: every quota row overlapping the period, each worth round_half_up(amount ×
   * ramp % × working days of the row inside the period ÷ working days of the row), working days
   * being Mon-Fri less the person's calendar's holidays (generate_series over dates). Also the
   * closed-won credited to them (their own deals and everyone's below them, transitively) and
   * the sum of their direct reports' quotas. One query for all the people.
   */
  async quotaFigures(people: readonly DemoPerson[], period: DateSpan): Promise<Map<string, QuotaFigures>> {
    const rows = await this.rows<{
      id: string;
      quota: string | null;
      rows: number;
      partial_rows: number;
      won: string;
      reports_quota: string | null;
      direct_reports: number;
    }>(
      `WITH RECURSIVE ${CALENDAR_CTE.replace(/^WITH /, "")},
       subject AS (SELECT unnest($4::uuid[]) AS id),
       part AS (
         SELECT q.employee_id,
                (q.period_start < $2::date OR q.period_end > $3::date) AS partial,
                q.amount_minor, q.ramp_percent,
                (SELECT count(*) FROM generate_series(q.period_start, q.period_end, interval '1 day') d
                  WHERE extract(isodow FROM d) < 6
                    AND NOT EXISTS (SELECT 1 FROM holiday h WHERE h.calendar_id = c.calendar_id AND h.date = d::date)) AS row_days,
                (SELECT count(*) FROM generate_series(GREATEST(q.period_start, $2::date), LEAST(q.period_end, $3::date), interval '1 day') d
                  WHERE extract(isodow FROM d) < 6
                    AND NOT EXISTS (SELECT 1 FROM holiday h WHERE h.calendar_id = c.calendar_id AND h.date = d::date)) AS share_days
           FROM quota q JOIN calendar c ON c.employee_id = q.employee_id
          WHERE q.tenant_id = $1::uuid AND q.period_start <= $3::date AND q.period_end >= $2::date
       ),
       own AS (
         SELECT employee_id, SUM(round(amount_minor::numeric * ramp_percent * share_days / (100 * row_days))) AS quota,
                COUNT(*)::int AS rows, COUNT(*) FILTER (WHERE partial)::int AS partial_rows
           FROM part GROUP BY employee_id
       ),
       tree(root, id) AS (
         SELECT id, id FROM subject
         UNION
         SELECT t.root, e.id FROM tree t JOIN employee e ON e.manager_id = t.id AND e.tenant_id = $1::uuid
       )
       SELECT s.id::text AS id, o.quota::text AS quota, COALESCE(o.rows, 0) AS rows, COALESCE(o.partial_rows, 0) AS partial_rows,
              (SELECT COALESCE(SUM(d.amount_minor), 0)::text FROM opportunity d
                WHERE d.tenant_id = $1::uuid AND d.is_closed AND d.is_won AND d.close_date BETWEEN $2::date AND $3::date
                  AND d.owner_id IN (SELECT t.id FROM tree t WHERE t.root = s.id)) AS won,
              (SELECT SUM(r.quota)::text FROM employee e JOIN own r ON r.employee_id = e.id
                WHERE e.tenant_id = $1::uuid AND e.manager_id = s.id) AS reports_quota,
              (SELECT count(*)::int FROM employee e WHERE e.tenant_id = $1::uuid AND e.manager_id = s.id) AS direct_reports
         FROM subject s LEFT JOIN own o ON o.employee_id = s.id`,
      [this.tenantId, period.start, period.end, people.map((person) => person.id)],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        {
          quotaMinor: row.quota === null ? null : BigInt(row.quota),
          rows: row.rows,
          proRated: row.partial_rows > 0,
          wonMinor: BigInt(row.won),
          reportsQuotaMinor: row.reports_quota === null ? null : BigInt(row.reports_quota),
          directReports: row.direct_reports,
        },
      ]),
    );
  }

  /**
   * The quota that applies to one person for a period, by the rule `quotaFigures` documents
   * (rows overlapping the period, working-day pro-ration of partly overlapping rows, the
   * person's holidays), with the full amount and ramp of the first row. Null without a row.
   */
  async effectiveQuota(person: DemoPerson, period: DateSpan): Promise<{ effectiveMinor: bigint; fullMinor: bigint; rampPercent: number; proRated: boolean } | null> {
    return this.remember(`effective:${person.id}:${period.start}:${period.end}`, async () => {
      const figures = (await this.quotaFigures([person], period)).get(person.id)!;
      if (figures.quotaMinor === null) return null;
      const [first] = await this.rows<{ amount: string; ramp: number }>(
        `SELECT amount_minor::text AS amount, ramp_percent::int AS ramp FROM quota
          WHERE tenant_id = $1::uuid AND employee_id = $2::uuid AND period_start <= $4::date AND period_end >= $3::date
          ORDER BY period_start LIMIT 1`,
        [this.tenantId, person.id, period.start, period.end],
      );
      return { effectiveMinor: figures.quotaMinor, fullMinor: BigInt(first!.amount), rampPercent: first!.ramp, proRated: figures.proRated };
    });
  }

  /** Live deals of these owners closing in the span, summed. */
  async deals(ownerIds: readonly string[], span: DateSpan): Promise<DealSums> {
    const [row] = await this.rows<SumsRow>(
      `SELECT ${SUMS_SELECT} FROM opportunity
        WHERE tenant_id = $1::uuid AND owner_id = ANY($2::uuid[]) AND close_date BETWEEN $3::date AND $4::date`,
      [this.tenantId, [...ownerIds], span.start, span.end],
    );
    return sumsOf(row);
  }

  /** Won and lost amounts of deals closed in the span (for the trailing win rate). */
  async closedOutcomes(ownerId: string, span: DateSpan): Promise<{ wonMinor: bigint; lostMinor: bigint }> {
    const [row] = await this.rows<{ won: string; lost: string }>(
      `SELECT COALESCE(SUM(amount_minor) FILTER (WHERE is_won), 0)::text AS won,
              COALESCE(SUM(amount_minor) FILTER (WHERE NOT is_won), 0)::text AS lost
         FROM opportunity WHERE tenant_id = $1::uuid AND owner_id = $2::uuid AND is_closed AND close_date BETWEEN $3::date AND $4::date`,
      [this.tenantId, ownerId, span.start, span.end],
    );
    return { wonMinor: BigInt(row!.won), lostMinor: BigInt(row!.lost) };
  }

  /** Open deals of one owner closing in the span, largest first. */
  async openDeals(ownerId: string, span: DateSpan): Promise<Array<{ name: string; accountName: string | null; amountMinor: bigint; closeDate: string }>> {
    const rows = await this.rows<{ name: string; account_name: string | null; amount: string; close_date: string }>(
      `SELECT name, account_name, amount_minor::text AS amount, close_date::text AS close_date FROM opportunity
        WHERE tenant_id = $1::uuid AND owner_id = $2::uuid AND NOT is_closed AND close_date BETWEEN $3::date AND $4::date
        ORDER BY amount_minor DESC, name`,
      [this.tenantId, ownerId, span.start, span.end],
    );
    return rows.map((row) => ({ name: row.name, accountName: row.account_name, amountMinor: BigInt(row.amount), closeDate: row.close_date }));
  }

  /** The newest snapshot date on or before `date`, or null. */
  async snapshotOnOrBefore(date: string): Promise<string | null> {
    const [row] = await this.rows<{ d: string | null }>(
      `SELECT max(snapshot_date)::text AS d FROM pipeline_snapshot WHERE tenant_id = $1::uuid AND snapshot_date <= $2::date`,
      [this.tenantId, date],
    );
    return row?.d ?? null;
  }

  async earliestSnapshot(): Promise<string | null> {
    const [row] = await this.rows<{ d: string | null }>(`SELECT min(snapshot_date)::text AS d FROM pipeline_snapshot WHERE tenant_id = $1::uuid`, [
      this.tenantId,
    ]);
    return row?.d ?? null;
  }

  /**
   * These owners' deals closing in the span as a snapshot showed them. A snapshot keeps a closed
   * deal only through the calendar quarter of its close date (the demo's fiscal quarters), so
   * deals already closed before the snapshot's quarter are taken as they are now (they cannot
   * have changed since); the rule is the one the app documents for its weekly change.
   */
  async snapshotDeals(ownerIds: readonly string[], snapshotDate: string, span: DateSpan): Promise<DealSums> {
    const [row] = await this.rows<SumsRow>(
      `WITH snap AS (
         SELECT opportunity_id, amount_minor, probability, forecast_category, close_date, is_closed, is_won
           FROM pipeline_snapshot
          WHERE tenant_id = $1::uuid AND snapshot_date = $2::date AND owner_id = ANY($3::uuid[])
       ), carried AS (
         SELECT o.id AS opportunity_id, o.amount_minor, o.probability, o.forecast_category, o.close_date, o.is_closed, o.is_won
           FROM opportunity o
          WHERE o.tenant_id = $1::uuid AND o.owner_id = ANY($3::uuid[]) AND o.is_closed
            AND o.close_date < date_trunc('quarter', $2::date::timestamp)::date
            AND NOT EXISTS (SELECT 1 FROM snap WHERE snap.opportunity_id = o.id)
       )
       SELECT ${SUMS_SELECT} FROM (SELECT * FROM snap UNION ALL SELECT * FROM carried) deals
        WHERE close_date BETWEEN $4::date AND $5::date`,
      [this.tenantId, snapshotDate, [...ownerIds], span.start, span.end],
    );
    return sumsOf(row);
  }

  /** The latest forecast call for exactly this period, or null. */
  async latestCall(employeeId: string, period: DateSpan): Promise<{ commitMinor: bigint; bestCaseMinor: bigint; currency: string; submittedAt: Date } | null> {
    const [row] = await this.rows<{ commit: string; best: string; currency: string; ms: string }>(
      `SELECT commit_minor::text AS commit, best_case_minor::text AS best, currency,
              (extract(epoch FROM submitted_at) * 1000)::bigint::text AS ms
         FROM forecast_call
        WHERE tenant_id = $1::uuid AND employee_id = $2::uuid AND period_start = $3::date AND period_end = $4::date
        ORDER BY submitted_at DESC LIMIT 1`,
      [this.tenantId, employeeId, period.start, period.end],
    );
    return row ? { commitMinor: BigInt(row.commit), bestCaseMinor: BigInt(row.best), currency: row.currency, submittedAt: new Date(Number(row.ms)) } : null;
  }

  async callCount(employeeId: string): Promise<number> {
    const [row] = await this.rows<{ n: number }>(`SELECT count(*)::int AS n FROM forecast_call WHERE tenant_id = $1::uuid AND employee_id = $2::uuid`, [
      this.tenantId,
      employeeId,
    ]);
    return row!.n;
  }

  /** The commission plan assigned to the person on `date`; only marginal, uncapped tiers are modelled here. */
  async plan(employeeId: string, date: string): Promise<Plan | null> {
    const rows = await this.rows<{ from_a: string; to_a: string | null; rate: string; mode: string; cap: string | null; plan_cap: string | null }>(
      `SELECT t.from_attainment::text AS from_a, t.to_attainment::text AS to_a, t.rate::text AS rate, t.mode::text AS mode,
              t.cap_minor::text AS cap, p.payout_cap_minor::text AS plan_cap
         FROM plan_assignment a
         JOIN commission_plan p ON p.id = a.plan_id
         JOIN commission_tier t ON t.plan_id = p.id
        WHERE a.tenant_id = $1::uuid AND a.employee_id = $2::uuid AND a.period_start <= $3::date AND a.period_end >= $3::date
        ORDER BY t.sort_order`,
      [this.tenantId, employeeId, date],
    );
    if (rows.length === 0) return null;
    for (const row of rows) {
      if (row.mode !== "marginal" || row.cap !== null) throw new Error("these figures model marginal, uncapped tiers only");
    }
    return {
      payoutCapMinor: rows[0]!.plan_cap === null ? null : BigInt(rows[0]!.plan_cap),
      tiers: rows.map((row) => ({ from: scaled(row.from_a, 4), to: row.to_a === null ? null : scaled(row.to_a, 4), rate: scaled(row.rate, 5) })),
    };
  }
}

/** Formats expected values with `Intl` directly: ringgit and percentages as `en-MY` / `ms-MY` print them. */
export function formatsFor(language: "en" | "ms", currency = "MYR") {
  const tag = language === "ms" ? "ms-MY" : "en-MY";
  const major = (minor: bigint): number => Number(minor) / 100;
  return {
    tag,
    money: (minor: bigint): string =>
      new Intl.NumberFormat(tag, { style: "currency", currency, minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(major(minor)),
    compact: (minor: bigint): string =>
      new Intl.NumberFormat(tag, { style: "currency", currency, notation: "compact", minimumFractionDigits: 0, maximumFractionDigits: 1 }).format(
        major(minor),
      ),
    signedCompact(minor: bigint): string {
      const sign = minor > 0n ? "+" : minor < 0n ? "-" : "";
      return `${sign}${this.compact(minor < 0n ? -minor : minor)}`;
    },
    /**
     * One decimal, except that a value just below a whole percent is never rounded up onto it
     * (99.96 % prints 99.9 %, not 100 %), as the README promises.
     */
    percent: (fraction: number): string => {
      const tenths = fraction * 1000;
      const nearest = Math.round(tenths);
      const shown = nearest % 10 === 0 && nearest - tenths > 1e-9 ? (nearest - 1) / 1000 : fraction;
      return new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 }).format(shown);
    },
    /** A rate in hundred-thousandths as a percentage. */
    rate: (rate: bigint): string => new Intl.NumberFormat(tag, { style: "percent", maximumFractionDigits: 1 }).format(Number(rate) / 100_000),
    /** 3.84 -> "3.8×". */
    times: (value: number): string => `${new Intl.NumberFormat(tag, { maximumFractionDigits: 2 }).format(Math.round(value * 10) / 10)}×`,
    date: (iso: string): string =>
      new Intl.DateTimeFormat(tag, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`)),
  };
}
