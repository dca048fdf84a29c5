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

  it("lists snapshot dates newest first, up to the day asked", async () => {
    const { tenantId, data } = await demo();
    const dates = await data.snapshotDates(tenantId, TODAY, 20);
    expect(dates).toHaveLength(8);
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
