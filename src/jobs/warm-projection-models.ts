// The projection's win-rate counts come from one grouped query over the whole snapshot history
// (about a second on a 500,000-deal tenant). They change slowly, so each tick makes sure the
// cache already holds today's counts for every tenant's current quarter: the first `/forecast`
// of the day does not pay for them.
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
