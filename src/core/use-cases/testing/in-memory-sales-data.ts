// A hand-written, in-memory implementation of the SalesData port: plain arrays, the same
// filtering and grouping rules as the Prisma repository. For tests and offline demos; it keeps
// a log of the reads so that tests can check how an answer was computed (no per-deal loads at
// team scope, snapshot history read at most once).
import type { CommissionPlan } from "../../commission.js";
import { AppError } from "../../errors.js";
import { learnWinRates } from "../../projection.js";
import type { DateRange, Person, SalesData, TenantProfile } from "../../sales-data.js";
import type { ForecastCall, Opportunity, OpportunityState, PipelineSnapshotRow, QuotaRecord } from "../../types.js";

export interface PlanAssignment {
  employeeId: string;
  /** ISO dates, inclusive. */
  periodStart: string;
  periodEnd: string;
  plan: CommissionPlan;
}

export interface InMemorySalesSeed {
  tenant: TenantProfile;
  people: Person[];
  quotas: QuotaRecord[];
  deals: Opportunity[];
  plans: PlanAssignment[];
  forecastCalls: ForecastCall[];
  snapshots: PipelineSnapshotRow[];
}

export interface InMemorySalesData extends SalesData {
  /** Method names in the order they were called. */
  readonly reads: string[];
  /** Calls recorded through `recordForecastCall`, in order. */
  readonly recordedCalls: ForecastCall[];
}

const inRange = (date: string, range: DateRange): boolean => date >= range.start && date <= range.end;

/** Sums states per owner, category, closed/won, stage and probability, as the repository does. */
function summarise(states: readonly OpportunityState[], prefix: string): OpportunityState[] {
  const groups = new Map<string, OpportunityState>();
  for (const state of states) {
    const key = [state.ownerId, state.forecastCategory, state.isClosed, state.isWon, state.stageName, state.probability].join("|");
    const group = groups.get(key);
    if (group) {
      group.amountMinor += state.amountMinor;
      group.dealCount = (group.dealCount ?? 1) + 1;
      if (state.closeDate < group.closeDate) group.closeDate = state.closeDate;
    } else {
      groups.set(key, {
        id: `${prefix}-${groups.size}`,
        ownerId: state.ownerId,
        amountMinor: state.amountMinor,
        probability: state.probability,
        forecastCategory: state.forecastCategory,
        closeDate: state.closeDate,
        isClosed: state.isClosed,
        isWon: state.isWon,
        stageName: state.stageName,
        dealCount: 1,
      });
    }
  }
  return [...groups.values()];
}

export function createInMemorySalesData(seed: InMemorySalesSeed): InMemorySalesData {
  const reads: string[] = [];
  const recordedCalls: ForecastCall[] = [];
  const calls = [...seed.forecastCalls];
  const checkTenant = (tenantId: string): void => {
    if (tenantId !== seed.tenant.id) throw new AppError("not_found", "That organisation does not exist.");
  };
  const snapshotDeals = (date: string, ownerIds: readonly string[], range: DateRange): Opportunity[] => {
    const owners = new Set(ownerIds);
    const names = new Map(seed.deals.map((deal) => [deal.id, deal]));
    return seed.snapshots
      .filter((row) => row.snapshotDate === date && owners.has(row.ownerId) && inRange(row.closeDate, range))
      .map((row) => ({
        id: row.opportunityId,
        ownerId: row.ownerId,
        name: names.get(row.opportunityId)?.name ?? row.opportunityId,
        accountName: names.get(row.opportunityId)?.accountName ?? null,
        stageName: row.stage,
        amountMinor: row.amountMinor,
        probability: row.probability ?? 0,
        forecastCategory: row.forecastCategory,
        closeDate: row.closeDate,
        isClosed: row.isClosed,
        isWon: row.isWon,
      }));
  };
  const liveDeals = (ownerIds: readonly string[], range: DateRange): Opportunity[] => {
    const owners = new Set(ownerIds);
    return seed.deals.filter((deal) => owners.has(deal.ownerId) && inRange(deal.closeDate, range)).map((deal) => ({ ...deal }));
  };

  return {
    reads,
    recordedCalls,
    async tenant(tenantId) {
      reads.push("tenant");
      checkTenant(tenantId);
      return { ...seed.tenant };
    },
    async people(tenantId) {
      reads.push("people");
      checkTenant(tenantId);
      return seed.people.map((person) => ({ ...person }));
    },
    async quotas(tenantId, employeeIds, period) {
      reads.push("quotas");
      checkTenant(tenantId);
      const ids = new Set(employeeIds);
      return seed.quotas.filter((quota) => ids.has(quota.employeeId) && quota.periodStart === period.start).map((quota) => ({ ...quota }));
    },
    async deals(tenantId, ownerIds, range) {
      reads.push("deals");
      checkTenant(tenantId);
      return liveDeals(ownerIds, range);
    },
    async dealSummaries(tenantId, ownerIds, range) {
      reads.push("dealSummaries");
      checkTenant(tenantId);
      return summarise(liveDeals(ownerIds, range), "summary");
    },
    async commissionPlan(tenantId, employeeId, date) {
      reads.push("commissionPlan");
      checkTenant(tenantId);
      const assignment = seed.plans.find((plan) => plan.employeeId === employeeId && plan.periodStart <= date && plan.periodEnd >= date);
      return assignment?.plan ?? null;
    },
    async forecastCalls(tenantId, employeeIds, period) {
      reads.push("forecastCalls");
      checkTenant(tenantId);
      const ids = new Set(employeeIds);
      return calls.filter((call) => ids.has(call.employeeId) && call.periodStart === period.start && call.periodEnd === period.end);
    },
    async recordForecastCall(tenantId, call) {
      checkTenant(tenantId);
      calls.push({ ...call });
      recordedCalls.push({ ...call });
    },
    async snapshotDates(tenantId, onOrBefore, limit) {
      reads.push("snapshotDates");
      checkTenant(tenantId);
      const dates = [...new Set(seed.snapshots.map((row) => row.snapshotDate))].filter((date) => date <= onOrBefore);
      return dates.sort().reverse().slice(0, limit);
    },
    async snapshot(tenantId, date, ownerIds, range) {
      reads.push("snapshot");
      checkTenant(tenantId);
      return snapshotDeals(date, ownerIds, range);
    },
    async snapshotSummaries(tenantId, date, ownerIds, range) {
      reads.push("snapshotSummaries");
      checkTenant(tenantId);
      return summarise(snapshotDeals(date, ownerIds, range), "snapshot-summary");
    },
    async winRateCounts(tenantId, asOf, horizonDays) {
      reads.push("winRateCounts");
      checkTenant(tenantId);
      // The reference rule itself, over the seed's rows.
      const model = learnWinRates(seed.snapshots, asOf, horizonDays);
      return {
        overall: model.overall,
        byCategory: [...model.byCategory].map(([category, count]) => ({ category, ...count })),
        byStage: [...model.byStage].map(([stage, count]) => ({ stage, ...count })),
      };
    },
    async snapshotHistory(tenantId, onOrBefore) {
      reads.push("snapshotHistory");
      checkTenant(tenantId);
      return seed.snapshots.filter((row) => row.snapshotDate <= onOrBefore).map((row) => ({ ...row }));
    },
  };
}
