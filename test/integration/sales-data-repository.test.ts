// The Prisma repository against the rules of src/core on the demo organisation, on each
// backend: grouped queries (summaries, win-rate counts) must give exactly what the core
// computes from the underlying rows.
import { expect, it } from "vitest";
import { addDays } from "../../src/core/dates.js";
import { forecastTotals, stateFromSnapshot } from "../../src/core/forecast.js";
import { currentQuarter } from "../../src/core/periods.js";
import { learnWinRates } from "../../src/core/projection.js";
import { createSalesData } from "../../src/db/repositories/sales-data.js";
import { withCaches } from "../../src/db/repositories/cached-sales-data.js";
import { seedDemoTenant } from "../../src/db/seed/demo-tenant.js";
import { describeEachBackend } from "../support/databases.js";

const TODAY = "2026-11-26";

/** Thrown to roll a test's transaction back. */
class RolledBack extends Error {}

describeEachBackend("SalesData repository", ({ db }) => {
  async function demo() {
    const existing = await db().prisma.tenant.findFirst({ select: { id: true } });
    const tenantId = existing?.id ?? (await seedDemoTenant(db(), { today: TODAY })).tenantId;
    const data = createSalesData(db().prisma);
    const people = await data.people(tenantId);
    return { tenantId, data, ownerIds: people.map((person) => person.id) };
  }

  it("sums deals into summaries without losing a figure or a deal", async () => {
    const { tenantId, data, ownerIds } = await demo();
    const quarter = currentQuarter(TODAY, 1);
    const deals = await data.deals(tenantId, ownerIds, quarter);
    const summaries = await data.dealSummaries(tenantId, ownerIds, quarter);
    expect(deals.length).toBeGreaterThan(50);
    expect(summaries.length).toBeLessThan(deals.length);
    expect(forecastTotals(summaries, quarter)).toEqual(forecastTotals(deals, quarter));
  });

  it("sums a snapshot like the snapshot rows themselves", async () => {
    const { tenantId, data, ownerIds } = await demo();
    const quarter = currentQuarter(TODAY, 1);
    const [date] = await data.snapshotDates(tenantId, addDays(TODAY, -7), 1);
    expect(date).toBeDefined();
    const rows = await data.snapshot(tenantId, date!, ownerIds, quarter);
    const summaries = await data.snapshotSummaries(tenantId, date!, ownerIds, quarter);
    expect(rows.length).toBeGreaterThan(20);
    expect(forecastTotals(summaries, quarter)).toEqual(forecastTotals(rows, quarter));
  });

  it("sums any other range from the rows themselves, and sums owners into groups when asked", async () => {
    const { tenantId, data, ownerIds } = await demo();
    const quarter = currentQuarter(TODAY, 1);
    const odd = { start: addDays(quarter.start, 4), end: addDays(quarter.end, -11) };
    const deals = await data.deals(tenantId, ownerIds, odd);
    expect(forecastTotals(await data.dealSummaries(tenantId, ownerIds, odd), odd)).toEqual(forecastTotals(deals, odd));

    // Two groups: the first half of the owners and the rest.
    const groups = new Map(ownerIds.map((id, index) => [id, index < ownerIds.length / 2 ? "first" : "second"]));
    const quarterDeals = await data.deals(tenantId, ownerIds, quarter);
    const grouped = await data.dealSummaries(tenantId, ownerIds, quarter, groups);
    expect(new Set(grouped.map((row) => row.ownerId))).toEqual(new Set(["first", "second"]));
    for (const group of ["first", "second"]) {
      expect(forecastTotals(grouped.filter((row) => row.ownerId === group), quarter)).toEqual(
        forecastTotals(quarterDeals.filter((deal) => groups.get(deal.ownerId) === group), quarter),
      );
    }
    const [date] = await data.snapshotDates(tenantId, addDays(TODAY, -7), 1);
    const together = new Map(ownerIds.map((id) => [id, "all"]));
    expect(forecastTotals(await data.snapshotSummaries(tenantId, date!, ownerIds, quarter, together), quarter)).toEqual(
      forecastTotals(await data.snapshot(tenantId, date!, ownerIds, quarter), quarter),
    );
  });

  it("keeps the pre-summed tables equal to the rows through inserts, updates, deletes and truncation", async () => {
    const { tenantId } = await demo();
    const prisma = db().prisma;
    const dealGroups = `SELECT tenant_id, owner_id, date_trunc('month', close_date)::date AS close_month, forecast_category, is_closed, is_won,
                               stage_id, probability, SUM(amount_minor)::text AS amount, COUNT(*)::int AS deals
                          FROM opportunity GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
    const dealSummaryRows = `SELECT tenant_id, owner_id, close_month, forecast_category, is_closed, is_won, stage_id, probability,
                                    amount_minor::text AS amount, deals FROM deal_summary ORDER BY 1, 2, 3, 4, 5, 6, 7, 8`;
    const snapshotGroups = `SELECT tenant_id, snapshot_date, owner_id, date_trunc('month', close_date)::date AS close_month, forecast_category,
                                   is_closed, is_won, stage_id, probability, SUM(amount_minor)::text AS amount, COUNT(*)::int AS deals
                              FROM pipeline_snapshot GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
    const snapshotSummaryRows = `SELECT tenant_id, snapshot_date, owner_id, close_month, forecast_category, is_closed, is_won, stage_id, probability,
                                        amount_minor::text AS amount, deals FROM snapshot_summary ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9`;
    const expectInStep = async (client: Pick<typeof prisma, "$queryRawUnsafe"> = prisma) => {
      expect(await client.$queryRawUnsafe(dealSummaryRows)).toEqual(await client.$queryRawUnsafe(dealGroups));
      expect(await client.$queryRawUnsafe(snapshotSummaryRows)).toEqual(await client.$queryRawUnsafe(snapshotGroups));
    };
    await prisma.$transaction(async (tx) => {
      await expectInStep(tx);
      const before = await tx.$queryRawUnsafe<Array<{ n: number }>>(`SELECT COUNT(*)::int AS n FROM deal_summary`);
      expect(before[0]!.n).toBeGreaterThan(10);
      // Moves between groups (a month later, another stage, other amounts), deals won, an owner change.
      expect(await tx.$executeRawUnsafe(`UPDATE opportunity SET close_date = close_date + 31, amount_minor = amount_minor + 1234
                                   WHERE tenant_id = $1::uuid AND NOT is_closed AND md5(id::text) < '4'`, tenantId)).toBeGreaterThan(0);
      expect(await tx.$executeRawUnsafe(`UPDATE opportunity SET is_closed = true, is_won = true, forecast_category = 'Closed'
                                   WHERE tenant_id = $1::uuid AND NOT is_closed AND md5(id::text) > 'c'`, tenantId)).toBeGreaterThan(0);
      expect(await tx.$executeRawUnsafe(`UPDATE opportunity o SET owner_id = (SELECT owner_id FROM opportunity ORDER BY id LIMIT 1),
                                         stage_id = (SELECT id FROM stage WHERE tenant_id = o.tenant_id ORDER BY sort_order LIMIT 1)
                                   WHERE tenant_id = $1::uuid AND md5(id::text) BETWEEN '5' AND '6'`, tenantId)).toBeGreaterThan(0);
      await expectInStep(tx);
      // Deleting deals deletes their snapshot rows too (a cascade, which fires the triggers as well).
      expect(await tx.$executeRawUnsafe(`DELETE FROM opportunity WHERE tenant_id = $1::uuid AND md5(id::text) BETWEEN '8' AND '9'`, tenantId)).toBeGreaterThan(0);
      expect(await tx.$executeRawUnsafe(`INSERT INTO pipeline_snapshot (tenant_id, snapshot_date, opportunity_id, owner_id, stage_id, amount_minor,
                                         probability, forecast_category, close_date, is_closed, is_won)
                                  SELECT tenant_id, DATE '2026-11-27', id, owner_id, stage_id, amount_minor, probability, forecast_category,
                                         close_date, is_closed, is_won FROM opportunity WHERE tenant_id = $1::uuid`, tenantId)).toBeGreaterThan(0);
      await expectInStep(tx);
      await tx.$executeRawUnsafe(`TRUNCATE pipeline_snapshot`);
      expect(await tx.$queryRawUnsafe(snapshotSummaryRows)).toEqual([]);
      // Leave the demo tenant as it was for the other tests.
      throw new RolledBack();
    }, { timeout: 60_000 }).catch((error: unknown) => {
      if (!(error instanceof RolledBack)) throw error;
    });
    await expectInStep();
  });

  it("lists snapshot dates newest first, up to the day asked", async () => {
    const { tenantId, data } = await demo();
    const dates = await data.snapshotDates(tenantId, TODAY, 20);
    expect(dates).toHaveLength(20); // the demo keeps weekly snapshots since its oldest quarter: more than 20
    expect([...dates].sort().reverse()).toEqual(dates);
    expect(await data.snapshotDates(tenantId, addDays(TODAY, -7), 1)).toEqual([dates[1]]);
  });

  it.each([
    [TODAY, 35],
    [TODAY, 7],
    [addDays(TODAY, -14), 21],
    [addDays(TODAY, -28), 0],
  ])("counts win-rate observations as learnWinRates does (as of %s, %i days)", async (asOf, horizonDays) => {
    const { tenantId, data } = await demo();
    const history = await data.snapshotHistory(tenantId, asOf);
    const reference = learnWinRates(history, asOf, horizonDays);
    const counts = await data.winRateCounts(tenantId, asOf, horizonDays);
    expect(counts.overall).toEqual(reference.overall);
    expect(Object.fromEntries(counts.byCategory.map((c) => [c.category, { wins: c.wins, observations: c.observations }]))).toEqual(
      Object.fromEntries(reference.byCategory),
    );
    expect(Object.fromEntries(counts.byStage.map((c) => [c.stage, { wins: c.wins, observations: c.observations }]))).toEqual(
      Object.fromEntries(reference.byStage),
    );
    if (horizonDays === 7 && asOf === TODAY) expect(reference.overall.observations).toBeGreaterThan(0);
  });

  it("serves repeated reads of slow-changing data from its cache, and passes writes through", async () => {
    const { tenantId, data } = await demo();
    let historyReads = 0;
    const counting = { ...data, snapshotHistory: (id: string, on: string) => (historyReads++, data.snapshotHistory(id, on)) };
    const cached = withCaches(counting);
    const first = await cached.snapshotHistory(tenantId, TODAY);
    const second = await cached.snapshotHistory(tenantId, TODAY);
    expect(second).toBe(first);
    expect(historyReads).toBe(1);
    expect(stateFromSnapshot(first[0]!).id).toBe(first[0]!.opportunityId);
  });
});
