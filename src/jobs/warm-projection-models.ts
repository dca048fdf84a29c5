// The projection's win-rate counts come from the pre-summed win-rate tables (a few thousand rows,
// a few milliseconds, however long the snapshot history; migration team_summaries_and_win_rates).
// Each tick still makes sure the cache holds today's counts for every tenant's current quarter,
// so that a `/forecast` after a restart or a day change reads none of it itself.
import { currentQuarter, localDateOf } from "../core/periods.js";
import { projectionHorizonDays } from "../core/projection.js";
import type { SalesData } from "../core/sales-data.js";

export async function warmProjectionModels(data: SalesData, tenantIds: readonly string[], now: Date): Promise<void> {
  for (const tenantId of tenantIds) {
    const tenant = await data.tenant(tenantId);
    const today = localDateOf(now, tenant.timeZone);
    const quarter = currentQuarter(today, tenant.fiscalYearStartMonth);
    await data.winRateCounts(tenantId, today, projectionHorizonDays(today, quarter));
  }
}
