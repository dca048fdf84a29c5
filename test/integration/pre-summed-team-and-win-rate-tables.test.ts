// The pre-summed tables a management chain's answer reads (team_deal_summary,
// team_snapshot_summary) and the projection's win-rate history (win_rate_observation,
// win_rate_win), on each backend, on the demo organisation: after the seed and after every kind
// of write that can move a figure — deals moved between months, stages, owners and teams, deals
// deleted, snapshots inserted, rewritten and deleted, people moved between teams and managers,
// added and removed, a team deleted, tables truncated — each table equals a GROUP BY over the raw
// rows, and the answers read from them equal the answers computed from the raw rows (summaries
// against every deal, win-rate counts against learnWinRates over the whole history and against
// the former raw-row SQL), to the minor unit.
import { expect, it } from "vitest";
import { addDays } from "../../src/core/dates.js";
import { forecastTotals, rollUpForecast, rollUpMembers } from "../../src/core/forecast.js";
import { buildOrgChart } from "../../src/core/org-chart.js";
import { currentQuarter } from "../../src/core/periods.js";
import { learnWinRates, projectPeriodClose, winRateModelFromCounts, type WinRateCounts } from "../../src/core/projection.js";
import type { OwnerGroups, SalesData } from "../../src/core/sales-data.js";
import type { OpportunityState } from "../../src/core/types.js";
import type { Prisma } from "../../src/db/generated/client.js";
import { createSalesData } from "../../src/db/repositories/sales-data.js";
import { seedDemoTenant } from "../../src/db/seed/demo-tenant.js";
import { describeEachBackend } from "../support/databases.js";

const TODAY = "2026-11-26";
/** Owners who hold nothing, to make an owner list long. */
const NOBODY = Array.from({ length: 320 }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, "0")}`);

/** Thrown to roll a test's transaction back. */
class RolledBack extends Error {}

type Sql = Pick<Prisma.TransactionClient, "$queryRawUnsafe" | "$executeRawUnsafe">;

const KEYS = "forecast_category, is_closed, is_won, stage_id, probability";
/** Each pre-summed table beside the same sums taken over the raw rows now. */
const TABLES = [
  {
    name: "team_deal_summary",
    summed: `SELECT tenant_id, team_id, close_month, ${KEYS}, amount_minor::text AS amount, deals FROM team_deal_summary ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
    raw: `SELECT o.tenant_id, e.team_id, date_trunc('month', o.close_date)::date AS close_month, o.forecast_category, o.is_closed, o.is_won,
                 o.stage_id, o.probability, SUM(o.amount_minor)::text AS amount, COUNT(*)::int AS deals
            FROM opportunity o JOIN employee e ON e.id = o.owner_id AND e.tenant_id = o.tenant_id
           WHERE e.team_id IS NOT NULL
           GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`,
  },
  {
    name: "team_snapshot_summary",
    summed: `SELECT tenant_id, snapshot_date, team_id, close_month, ${KEYS}, amount_minor::text AS amount, deals
               FROM team_snapshot_summary ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
    raw: `SELECT p.tenant_id, p.snapshot_date, e.team_id, date_trunc('month', p.close_date)::date AS close_month, p.forecast_category,
                 p.is_closed, p.is_won, p.stage_id, p.probability, SUM(p.amount_minor)::text AS amount, COUNT(*)::int AS deals
            FROM pipeline_snapshot p JOIN employee e ON e.id = p.owner_id AND e.tenant_id = p.tenant_id
           WHERE e.team_id IS NOT NULL
           GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`,
  },
  {
    name: "win_rate_observation",
    summed: `SELECT tenant_id, snapshot_date, close_lag, forecast_category, stage_id, observations FROM win_rate_observation ORDER BY 1, 2, 3, 4, 5`,
    raw: `SELECT tenant_id, snapshot_date, GREATEST(close_date - snapshot_date, 0) AS close_lag, forecast_category, stage_id, COUNT(*)::int AS observations
            FROM pipeline_snapshot WHERE NOT is_closed AND forecast_category <> 'Omitted'
           GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5`,
  },
  {
    // Recounted from scratch over every row (what the migration's backfill does), against the
    // table the triggers kept up statement by statement.
    name: "win_rate_win",
    summed: `SELECT tenant_id, snapshot_date, win_lag, known_from, known_until, forecast_category, stage_id, wins FROM win_rate_win ORDER BY 1, 2, 3, 4, 5, 6, 7`,
    raw: `SELECT tenant_id, snapshot_date, win_lag, known_from, known_until, forecast_category, stage_id, wins::int AS wins
            FROM win_rate_recount() ORDER BY 1, 2, 3, 4, 5, 6, 7`,
  },
];

/**
 * The win-rate counts as the repository computed them from the raw snapshot rows before the
 * pre-summed tables existed: an independent SQL reading of the rule of learnWinRates.
 */
async function rawWinRateCounts(sql: Sql, tenantId: string, asOf: string, horizonDays: number): Promise<WinRateCounts> {
  const rows = await sql.$queryRawUnsafe<Array<{ level: string; key: string | null; wins: number; observations: number }>>(
    `WITH candidates AS (
       SELECT p.opportunity_id, p.snapshot_date, p.forecast_category::text AS category, s.name AS stage
         FROM pipeline_snapshot p JOIN stage s ON s.id = p.stage_id
        WHERE p.tenant_id = $1::uuid AND NOT p.is_closed AND p.forecast_category <> 'Omitted'
          AND p.snapshot_date <= $2::date - $3::int AND p.close_date <= p.snapshot_date + $3::int
     ), latest AS (
       SELECT DISTINCT ON (h.opportunity_id) h.opportunity_id, h.is_closed, h.is_won, h.close_date
         FROM pipeline_snapshot h
        WHERE h.tenant_id = $1::uuid AND h.snapshot_date <= $2::date
        ORDER BY h.opportunity_id, h.snapshot_date DESC
     ), observed AS (
       SELECT c.category, c.stage, (l.is_closed AND l.is_won AND l.close_date <= c.snapshot_date + $3::int) AS won
         FROM candidates c JOIN latest l ON l.opportunity_id = c.opportunity_id
     )
     SELECT CASE WHEN GROUPING(category) = 0 THEN 'category' WHEN GROUPING(stage) = 0 THEN 'stage' ELSE 'overall' END AS level,
            COALESCE(CASE WHEN GROUPING(category) = 0 THEN category END, CASE WHEN GROUPING(stage) = 0 THEN stage END) AS key,
            COUNT(*) FILTER (WHERE won)::int AS wins, COUNT(*)::int AS observations
       FROM observed GROUP BY GROUPING SETS ((), (category), (stage))`,
    tenantId,
    asOf,
    horizonDays,
  );
  return {
    overall: rows.find((row) => row.level === "overall") ?? { wins: 0, observations: 0 },
    byCategory: rows.filter((row) => row.level === "category").map((row) => ({ category: row.key as never, wins: row.wins, observations: row.observations })),
    byStage: rows.filter((row) => row.level === "stage").map((row) => ({ stage: row.key!, wins: row.wins, observations: row.observations })),
  };
}

/** Counts as plain objects keyed by level, without the zero-observation levels a query may omit. */
function comparable(counts: WinRateCounts | ReturnType<typeof learnWinRates>) {
  const entries = (list: Iterable<[string, { wins: number; observations: number }]>) =>
    Object.fromEntries([...list].filter(([, count]) => count.observations > 0).map(([key, count]) => [key, { wins: count.wins, observations: count.observations }]));
  if ("asOf" in counts) return { overall: counts.overall, byCategory: entries(counts.byCategory), byStage: entries(counts.byStage) };
  return {
    overall: { wins: counts.overall.wins, observations: counts.overall.observations },
    byCategory: entries(counts.byCategory.map((c) => [c.category, c])),
    byStage: entries(counts.byStage.map((c) => [c.stage, c])),
  };
}

describeEachBackend("Pre-summed team and win-rate tables", ({ kind, db }) => {
  async function demo() {
    const prisma = db().prisma;
    const existing = await prisma.tenant.findFirst({ select: { id: true } });
    const tenantId = existing?.id ?? (await seedDemoTenant(db(), { today: TODAY })).tenantId;
    // The migration's recount, as a set-returning function the checks can call (test-only, in this database).
    await prisma.$executeRawUnsafe(`
      CREATE OR REPLACE FUNCTION win_rate_recount() RETURNS TABLE (tenant_id uuid, snapshot_date date, win_lag int, known_from date,
        known_until date, forecast_category "ForecastCategory", stage_id uuid, wins bigint) LANGUAGE plpgsql AS $$
      BEGIN RETURN QUERY EXECUTE win_rate_wins_sql('SELECT * FROM pipeline_snapshot'); END $$`);
    return { tenantId, prisma };
  }

  async function expectTablesInStep(sql: Sql, step: string) {
    for (const table of TABLES) {
      expect(await sql.$queryRawUnsafe(table.summed), `${table.name} after ${step}`).toEqual(await sql.$queryRawUnsafe(table.raw));
    }
  }

  /** Grid of (asOf, horizon) the win-rate counts are checked on: every snapshot date, days between them, and later. */
  async function asOfGrid(sql: Sql, tenantId: string, every: number): Promise<Array<[string, number]>> {
    const dates = (await sql.$queryRawUnsafe<Array<{ d: string }>>(
      `SELECT DISTINCT snapshot_date::text AS d FROM pipeline_snapshot WHERE tenant_id = $1::uuid ORDER BY 1`,
      tenantId,
    )).map((row) => row.d);
    const days = [...dates.filter((_, index) => index % every === 0).flatMap((date) => [date, addDays(date, 3)]), TODAY, addDays(TODAY, 40)];
    return days.flatMap((asOf) => [0, 7, 30, 91].map((horizonDays): [string, number] => [asOf, horizonDays]));
  }

  async function expectWinRatesExact(sql: Sql, data: SalesData, tenantId: string, step: string, every: number) {
    const history = await data.snapshotHistory(tenantId, "9999-12-31");
    for (const [asOf, horizonDays] of await asOfGrid(sql, tenantId, every)) {
      const counts = await data.winRateCounts(tenantId, asOf, horizonDays);
      const label = `${step}: as of ${asOf}, ${horizonDays} days`;
      expect(comparable(counts), label).toEqual(comparable(learnWinRates(history, asOf, horizonDays)));
      expect(comparable(counts), label).toEqual(comparable(await rawWinRateCounts(sql, tenantId, asOf, horizonDays)));
    }
  }

  /** The top of the demo's chain and its lines, as team-scope.ts groups them: the root's own deals, then each direct report's subtree. */
  async function chain(data: SalesData, tenantId: string) {
    const people = await data.people(tenantId);
    const org = buildOrgChart(people);
    const root = people.find((person) => person.managerId === null && (org.directReports.get(person.id)?.length ?? 0) > 0)!;
    const members = rollUpMembers(org, root.id);
    const groups = new Map<string, string>([[root.id, root.id]]);
    for (const line of org.directReports.get(root.id) ?? []) for (const id of rollUpMembers(org, line)) if (!groups.has(id)) groups.set(id, line);
    return { people, org, root, members, groups };
  }

  function byGroup(deals: readonly OpportunityState[], groups: OwnerGroups, period: { start: string; end: string }) {
    const sets = new Map<string, OpportunityState[]>();
    for (const deal of deals) {
      const group = groups.get(deal.ownerId) ?? deal.ownerId;
      sets.set(group, [...(sets.get(group) ?? []), deal]);
    }
    return Object.fromEntries([...sets].map(([group, list]) => [group, forecastTotals(list, period)]).sort(([a], [b]) => String(a).localeCompare(String(b))));
  }

  /** Team answers from the summaries equal the same answers from every deal, to the minor unit. */
  async function expectAnswersExact(data: SalesData, tenantId: string, step: string, scope?: Awaited<ReturnType<typeof chain>>) {
    const { org, root, members, groups } = scope ?? (await chain(data, tenantId));
    const quarter = currentQuarter(TODAY, 1);
    const periods = [quarter, { start: "2026-07-01", end: "2026-12-31" }, { start: "2026-01-01", end: "2026-12-31" }, { start: "2026-11-01", end: "2026-11-30" }];
    for (const period of periods) {
      const label = `${step}: ${period.start}..${period.end}`;
      const [summaries, deals] = await Promise.all([data.dealSummaries(tenantId, members, period, groups), data.deals(tenantId, members, period)]);
      expect(summaries.length, label).toBeLessThanOrEqual(deals.length);
      expect(byGroup(summaries, new Map(), period), label).toEqual(byGroup(deals, groups, period));
      // Without groups, per owner (no team is summed for anyone); and both again with a list long
      // enough (owners who hold nothing added) to be joined rather than looked up one by one.
      const perOwner = byGroup(deals, new Map(), period);
      expect(byGroup(await data.dealSummaries(tenantId, members, period), new Map(), period), `${label} per owner`).toEqual(perOwner);
      const padded = [...members, ...NOBODY];
      expect(byGroup(await data.dealSummaries(tenantId, padded, period), new Map(), period), `${label} per owner, long list`).toEqual(perOwner);
      expect(byGroup(await data.dealSummaries(tenantId, padded, period, groups), new Map(), period), `${label} long list`).toEqual(byGroup(deals, groups, period));
      // Rolled up the chain, and projected with the model the answer uses.
      const fromSummaries = rollUpForecast({ org, period, opportunities: summaries, rootId: root.id });
      const fromDeals = rollUpForecast({ org, period, opportunities: deals, rootId: root.id });
      for (const id of [root.id, ...(org.directReports.get(root.id) ?? [])]) expect(fromSummaries.get(id)?.team, `${label} ${id}`).toEqual(fromDeals.get(id)?.team);
      const horizonDays = Math.max(0, Math.round((Date.parse(period.end) - Date.parse(TODAY)) / 86_400_000));
      const model = winRateModelFromCounts(await data.winRateCounts(tenantId, TODAY, horizonDays), TODAY, horizonDays);
      const projected = (opportunities: OpportunityState[]) => projectPeriodClose({ period, today: TODAY, opportunities, model });
      expect(projected(summaries).projectedMinor, label).toBe(projected(deals).projectedMinor);
    }
    const dates = await data.snapshotDates(tenantId, TODAY, 3);
    for (const date of dates) {
      const whole = new Map(members.map((id) => [id, "team"]));
      const [summed, rows] = await Promise.all([data.snapshotSummaries(tenantId, date, members, quarter, whole), data.snapshot(tenantId, date, members, quarter)]);
      expect(forecastTotals(summed, quarter), `${step}: snapshot ${date}`).toEqual(forecastTotals(rows, quarter));
      const lines = await data.snapshotSummaries(tenantId, date, members, quarter, groups);
      expect(byGroup(lines, new Map(), quarter), `${step}: snapshot ${date} per line`).toEqual(byGroup(rows, groups, quarter));
    }
  }

  it("equal GROUP BYs over the raw rows after the seed, and the answers read from them equal the raw-row answers", { timeout: 300_000 }, async () => {
    const { tenantId, prisma } = await demo();
    const data = createSalesData(prisma);
    const counts = await prisma.$queryRawUnsafe<Array<{ teams: number; wins: number }>>(
      `SELECT (SELECT COUNT(*) FROM team_deal_summary)::int AS teams, (SELECT COUNT(*) FROM win_rate_win)::int AS wins`,
    );
    expect(counts[0]!.teams).toBeGreaterThan(20);
    expect(counts[0]!.wins).toBeGreaterThan(20);
    await expectTablesInStep(prisma, "the seed");
    await expectWinRatesExact(prisma, data, tenantId, "the seed", 3);
    await expectAnswersExact(data, tenantId, "the seed");
  });

  it("stay exact through deal, snapshot and org changes, deletes and truncation", { timeout: 600_000 }, async () => {
    const { tenantId, prisma } = await demo();
    await prisma.$transaction(
      async (tx) => {
        const data = createSalesData(tx);
        const exec = async (statement: string, ...params: unknown[]) => {
          const changed = await tx.$executeRawUnsafe(statement, tenantId, ...params);
          expect(changed, statement).toBeGreaterThan(0);
        };
        const check = async (step: string, every = 8) => {
          await expectTablesInStep(tx, step);
          await expectWinRatesExact(tx, data, tenantId, step, every);
          await expectAnswersExact(data, tenantId, step);
        };
        const one = async (query: string, ...params: unknown[]) => (await tx.$queryRawUnsafe<Array<{ id: string }>>(query, tenantId, ...params))[0]!.id;
        const teamA = await one(`SELECT id::text AS id FROM team WHERE tenant_id = $1::uuid ORDER BY name LIMIT 1`);
        const teamB = await one(`SELECT id::text AS id FROM team WHERE tenant_id = $1::uuid ORDER BY name OFFSET 1 LIMIT 1`);
        const repA = await one(`SELECT id::text AS id FROM employee WHERE tenant_id = $1::uuid AND team_id = $2::uuid AND role = 'rep' ORDER BY name LIMIT 1`, teamA);
        const repB = await one(`SELECT id::text AS id FROM employee WHERE tenant_id = $1::uuid AND team_id = $2::uuid AND role = 'rep' ORDER BY name LIMIT 1`, teamB);
        const managerB = await one(`SELECT manager_id::text AS id FROM employee WHERE id = $2::uuid AND tenant_id = $1::uuid`, repB);

        // Deals move between months, stages, owners (across teams) and outcomes.
        await exec(`UPDATE opportunity SET close_date = close_date + 31, amount_minor = amount_minor + 1234 WHERE tenant_id = $1::uuid AND NOT is_closed AND md5(id::text) < '4'`);
        await exec(`UPDATE opportunity SET is_closed = true, is_won = true, forecast_category = 'Closed' WHERE tenant_id = $1::uuid AND NOT is_closed AND md5(id::text) > 'c'`);
        await exec(`UPDATE opportunity SET owner_id = $2::uuid WHERE tenant_id = $1::uuid AND owner_id = $3::uuid AND md5(id::text) < '8'`, repB, repA);
        await exec(`UPDATE opportunity o SET stage_id = (SELECT id FROM stage WHERE tenant_id = o.tenant_id ORDER BY sort_order LIMIT 1)
                     WHERE tenant_id = $1::uuid AND md5(id::text) BETWEEN '5' AND '6'`);
        await check("deals moved");

        // A scope read before an org change is still summed exactly after it (membership is read with the rows).
        const before = await chain(data, tenantId);
        await exec(`UPDATE employee SET team_id = $2::uuid WHERE tenant_id = $1::uuid AND id = $3::uuid`, teamB, repA);
        await expectAnswersExact(data, tenantId, "a scope read before repA changed team", before);
        await check("repA moved to team B");
        // Someone changes manager but not team: the subtree changes, the team rows do not.
        await exec(`UPDATE employee SET manager_id = $2::uuid WHERE tenant_id = $1::uuid AND id = $3::uuid`, managerB, repA);
        await exec(`UPDATE employee SET team_id = NULL WHERE tenant_id = $1::uuid AND id = $2::uuid`, repB);
        await check("repA under B's manager, repB without a team");
        // A manager and their whole team move under another line.
        await exec(`UPDATE employee SET manager_id = (SELECT id FROM employee WHERE tenant_id = $1::uuid AND role = 'admin' ORDER BY name LIMIT 1)
                     WHERE tenant_id = $1::uuid AND id = $2::uuid`, managerB);
        await check("a manager moved under the admin");

        // Someone new joins team A, takes deals and appears in a new snapshot; weekly snapshot of every deal.
        const newcomer = await one(
          `INSERT INTO employee (id, tenant_id, email, name, role, manager_id, team_id, time_zone, updated_at)
           SELECT gen_random_uuid(), $1::uuid, 'newcomer@demo.test', 'New Comer', 'rep', manager_id, team_id, time_zone, now()
             FROM employee WHERE tenant_id = $1::uuid AND id = $2::uuid RETURNING id::text AS id`,
          repA,
        );
        await exec(`UPDATE opportunity SET owner_id = $2::uuid WHERE tenant_id = $1::uuid AND owner_id = $3::uuid AND NOT is_closed`, newcomer, repA);
        await exec(`INSERT INTO pipeline_snapshot (tenant_id, snapshot_date, opportunity_id, owner_id, stage_id, amount_minor, probability, forecast_category, close_date, is_closed, is_won)
                    SELECT tenant_id, DATE '2026-11-27', id, owner_id, stage_id, amount_minor, probability, forecast_category, close_date, is_closed, is_won
                      FROM opportunity WHERE tenant_id = $1::uuid`);
        await check("a newcomer and a new snapshot");

        // Snapshot rows rewritten: some open rows of a middle snapshot become won (a deal won, then reopened), a later one changes date.
        const middle = (await tx.$queryRawUnsafe<Array<{ d: string }>>(
          `SELECT DISTINCT snapshot_date::text AS d FROM pipeline_snapshot WHERE tenant_id = $1::uuid ORDER BY 1 DESC OFFSET 6 LIMIT 1`, tenantId))[0]!.d;
        await exec(`UPDATE pipeline_snapshot SET is_closed = true, is_won = true, forecast_category = 'Closed'
                     WHERE tenant_id = $1::uuid AND snapshot_date = $2::date AND NOT is_closed AND md5(opportunity_id::text) < '6'`, middle);
        await exec(`UPDATE pipeline_snapshot SET close_date = close_date - 20, stage_id = (SELECT id FROM stage WHERE tenant_id = $1::uuid ORDER BY sort_order DESC LIMIT 1)
                     WHERE tenant_id = $1::uuid AND snapshot_date = $2::date + 14 AND md5(opportunity_id::text) > 'a'`, middle);
        await check("snapshot rows rewritten", 4);
        // A whole snapshot deleted (spans either side of it merge), then some deals' rows of every snapshot.
        await exec(`DELETE FROM pipeline_snapshot WHERE tenant_id = $1::uuid AND snapshot_date = $2::date + 7`, middle);
        await exec(`DELETE FROM pipeline_snapshot WHERE tenant_id = $1::uuid AND md5(opportunity_id::text) BETWEEN '2' AND '3'`);
        await check("snapshot rows deleted", 4);

        // Deals deleted (their snapshot rows go with them), the newcomer leaves (deals handed back;
        // their snapshot rows stay, owned by nobody now), a team is deleted (its people lose their team).
        await exec(`DELETE FROM opportunity WHERE tenant_id = $1::uuid AND md5(id::text) BETWEEN '8' AND '9'`);
        await exec(`UPDATE opportunity SET owner_id = $2::uuid WHERE tenant_id = $1::uuid AND owner_id = $3::uuid`, repA, newcomer);
        await exec(`DELETE FROM employee WHERE tenant_id = $1::uuid AND id = $2::uuid`, newcomer);
        await exec(`DELETE FROM team WHERE tenant_id = $1::uuid AND id = $2::uuid`, teamA);
        await check("deals, a person and a team deleted");

        await tx.$executeRawUnsafe(`TRUNCATE pipeline_snapshot`);
        for (const table of ["team_snapshot_summary", "win_rate_observation", "win_rate_win"]) {
          expect(await tx.$queryRawUnsafe(`SELECT * FROM ${table}`), table).toEqual([]);
        }
        expect((await data.winRateCounts(tenantId, TODAY, 30)).overall).toEqual({ wins: 0, observations: 0 });
        await tx.$executeRawUnsafe(`TRUNCATE opportunity CASCADE`);
        expect(await tx.$queryRawUnsafe(`SELECT * FROM team_deal_summary`)).toEqual([]);
        throw new RolledBack();
      },
      { timeout: 600_000, maxWait: 60_000 },
    ).catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
    await expectTablesInStep(prisma, "the rollback");
  });

  it("stays exact when a team change and snapshot writes race with other writers (PostgreSQL: two sessions)", { timeout: 300_000 }, async (context) => {
    if (kind !== "postgres") return context.skip();
    const { tenantId, prisma } = await demo();
    const ids = await prisma.$queryRawUnsafe<Array<{ rep: string; other_team: string; deal: string }>>(
      `SELECT e.id::text AS rep, (SELECT id::text FROM team t WHERE t.tenant_id = e.tenant_id AND t.id <> e.team_id ORDER BY name LIMIT 1) AS other_team,
              (SELECT o.id::text FROM opportunity o WHERE o.tenant_id = e.tenant_id AND NOT o.is_closed ORDER BY o.id LIMIT 1) AS deal
         FROM employee e WHERE e.tenant_id = $1::uuid AND e.role = 'rep' AND e.team_id IS NOT NULL ORDER BY e.name LIMIT 1`,
      tenantId,
    );
    const { rep, other_team: otherTeam, deal } = ids[0]!;
    /** Runs `second` while `first`'s transaction is open, checks it waits, then commits `first`. */
    const race = async (first: string[], second: string[]) => {
      let releaseFirst!: () => void;
      const firstOpen = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstWrote!: () => void;
      const wrote = new Promise<void>((resolve) => (firstWrote = resolve));
      const one = db().withSession(async (session) => {
        await session.exec("BEGIN");
        for (const statement of first) await session.query(statement, [tenantId]);
        firstWrote();
        await firstOpen;
        await session.exec("COMMIT");
      });
      await wrote;
      let secondDone = false;
      const two = db().withSession(async (session) => {
        await session.exec("BEGIN");
        for (const statement of second) await session.query(statement, [tenantId]);
        await session.exec("COMMIT");
        secondDone = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(secondDone, "the second writer waits for the first").toBe(false);
      releaseFirst();
      await Promise.all([one, two]);
    };
    const newDeal = (key: string) =>
      `INSERT INTO opportunity (id, tenant_id, source, external_id, name, owner_id, amount_minor, currency, stage_id, probability, forecast_category,
                                close_date, created_date, updated_at)
       SELECT gen_random_uuid(), $1::uuid, 'csv', '${key}', '${key}', '${rep}'::uuid, 777777, currency, stage_id, probability, forecast_category,
              DATE '2026-12-15', DATE '2026-11-01', now()
         FROM opportunity WHERE id = '${deal}'::uuid`;
    // A deal written for someone, then their team changed by another session, and the other way round.
    await race([newDeal("race-1")], [`UPDATE employee SET team_id = '${otherTeam}'::uuid WHERE tenant_id = $1::uuid AND id = '${rep}'::uuid`]);
    await race([`UPDATE employee SET team_id = NULL WHERE tenant_id = $1::uuid AND id = '${rep}'::uuid`], [newDeal("race-2")]);
    // Two sessions writing snapshot rows of the same deal: won in one, open again in the other.
    const snapshotRow = (date: string, won: boolean) =>
      `INSERT INTO pipeline_snapshot (tenant_id, snapshot_date, opportunity_id, owner_id, stage_id, amount_minor, probability, forecast_category, close_date, is_closed, is_won)
       SELECT tenant_id, DATE '${date}', id, owner_id, stage_id, amount_minor, probability, forecast_category, DATE '2026-12-01', ${won}, ${won}
         FROM opportunity WHERE tenant_id = $1::uuid AND id = '${deal}'::uuid`;
    await race([snapshotRow("2026-12-07", true)], [snapshotRow("2026-12-14", false)]);
    await expectTablesInStep(prisma, "racing writers");
    await expectWinRatesExact(prisma, createSalesData(prisma), tenantId, "racing writers", 8);
  });

  it("refuses an employee id change and snapshot writes in REPEATABLE READ, which would leave them stale", async () => {
    const { tenantId, prisma } = await demo();
    await expect(
      prisma.$executeRawUnsafe(`UPDATE employee SET id = gen_random_uuid() WHERE tenant_id = $1::uuid AND role = 'admin'`, tenantId),
    ).rejects.toThrow(/id and tenant cannot change/);
    // On one session, as a job writing a snapshot in a REPEATABLE READ transaction would.
    await db().withSession(async (session) => {
      await session.exec("BEGIN ISOLATION LEVEL REPEATABLE READ");
      try {
        await expect(
          session.query(
            `INSERT INTO pipeline_snapshot (tenant_id, snapshot_date, opportunity_id, owner_id, stage_id, amount_minor, probability, forecast_category, close_date, is_closed, is_won)
             SELECT tenant_id, DATE '2026-12-28', id, owner_id, stage_id, amount_minor, probability, forecast_category, close_date, is_closed, is_won
               FROM opportunity WHERE tenant_id = $1::uuid`,
            [tenantId],
          ),
        ).rejects.toThrow(/REPEATABLE READ/);
      } finally {
        await session.exec("ROLLBACK");
      }
    });
    expect(await prisma.pipelineSnapshot.count({ where: { snapshotDate: new Date("2026-12-28T00:00:00Z") } })).toBe(0);
  });
});
