// Short-lived per-process caches in front of the SalesData reads that are large and change
// slowly: the org (every request checks access against it), its teams and holiday calendars,
// and what the projection learns from the snapshots (taken weekly): the win-rate counts and the
// full history for back-tests. The database stays the one truth; a replica that misses the cache
// simply reads it. Writes pass straight through.
import type { SalesData } from "../../core/sales-data.js";

interface Entry<T> {
  value: Promise<T>;
  expires: number;
}

class TtlCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    if (hit && hit.expires > this.now()) return hit.value;
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    const value = load();
    this.entries.set(key, { value, expires: this.now() + this.ttlMs });
    // A failed load is not remembered: the next request tries again.
    value.catch(() => this.entries.delete(key));
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}

export interface CachedSalesDataOptions {
  /** How long the org chart may be served from memory. */
  peopleTtlMs?: number;
  /** How long snapshot history may be served from memory. */
  historyTtlMs?: number;
  /** How long win-rate counts (per tenant, day and horizon) may be served from memory. */
  winRateTtlMs?: number;
  now?: () => number;
}

export function withCaches(data: SalesData, options: CachedSalesDataOptions = {}): SalesData & { clearCaches(): void } {
  const now = options.now ?? Date.now;
  const people = new TtlCache<Awaited<ReturnType<SalesData["people"]>>>(options.peopleTtlMs ?? 30_000, 64, now);
  const history = new TtlCache<Awaited<ReturnType<SalesData["snapshotHistory"]>>>(options.historyTtlMs ?? 10 * 60_000, 16, now);
  // Keyed by day and horizon. Read from pre-summed tables in milliseconds, so kept minutes, not
  // hours: a new snapshot shows within that.
  const winRates = new TtlCache<Awaited<ReturnType<SalesData["winRateCounts"]>>>(options.winRateTtlMs ?? 5 * 60_000, 256, now);
  const tenants = new TtlCache<Awaited<ReturnType<SalesData["tenant"]>>>(options.peopleTtlMs ?? 30_000, 64, now);
  const teams = new TtlCache<Awaited<ReturnType<SalesData["teams"]>>>(options.peopleTtlMs ?? 30_000, 64, now);
  // Holiday calendars change about once a year; every /quota reads its asker's (and reports').
  const holidays = new TtlCache<Awaited<ReturnType<SalesData["holidays"]>>>(options.peopleTtlMs ?? 30_000, 256, now);
  return {
    ...data,
    tenant: (tenantId) => tenants.get(tenantId, () => data.tenant(tenantId)),
    people: (tenantId) => people.get(tenantId, () => data.people(tenantId)),
    teams: (tenantId) => teams.get(tenantId, () => data.teams(tenantId)),
    holidays: (tenantId, subjects, range) =>
      holidays.get(
        `${tenantId}:${range.start}:${range.end}:${(subjects.employeeIds ?? []).join(",")}:${(subjects.teamIds ?? []).join(",")}`,
        () => data.holidays(tenantId, subjects, range),
      ),
    winRateCounts: (tenantId, asOf, horizonDays) =>
      winRates.get(`${tenantId}:${asOf}:${horizonDays}`, () => data.winRateCounts(tenantId, asOf, horizonDays)),
    snapshotHistory: (tenantId, onOrBefore) => history.get(`${tenantId}:${onOrBefore}`, () => data.snapshotHistory(tenantId, onOrBefore)),
    clearCaches() {
      people.clear();
      history.clear();
      winRates.clear();
      tenants.clear();
      teams.clear();
      holidays.clear();
    },
  };
}
