// A hand-written, in-memory implementation of the SalesData port: plain arrays, the same
// filtering and grouping rules as the Prisma repository. For tests and offline demos; it keeps
// a log of the reads so that tests can check how an answer was computed (no per-deal loads at
// team scope, snapshot history read at most once).
import type { CommissionPlan } from "../../commission.js";
import { addDays } from "../../dates.js";
import { AppError } from "../../errors.js";
import { learnWinRates } from "../../projection.js";
import type { DateRange, DealChange, Holiday, OwnerGroups, Person, SalesData, SalesTeam, SnapshotSummary, TenantProfile, TrackedDeal } from "../../sales-data.js";
import type { ForecastCall, Opportunity, OpportunityState, PipelineSnapshotRow, QuotaRecord } from "../../types.js";

export interface PlanAssignment {
  employeeId: string;
  /** ISO dates, inclusive. */
  periodStart: string;
  periodEnd: string;
  plan: CommissionPlan;
}

/** A seeded deal; `stageEnteredAt` (UTC) feeds the "stuck in a stage" rule. */
export type SeedDeal = Opportunity & { stageEnteredAt?: Date | null };

export interface InMemorySalesSeed {
  tenant: TenantProfile;
  people: Person[];
  quotas: QuotaRecord[];
  deals: SeedDeal[];
  plans: PlanAssignment[];
  forecastCalls: ForecastCall[];
  snapshots: PipelineSnapshotRow[];
  /** Sales teams (absent: none). */
  teams?: SalesTeam[];
  /** Holiday calendars (absent: none): a person's is their team's, else the default one. */
  holidayCalendars?: Array<{ id: string; isDefault?: boolean; teamIds?: readonly string[]; holidays: readonly Holiday[] }>;
}

export interface InMemorySalesData extends SalesData {
  /** Method names in the order they were called. */
  readonly reads: string[];
  /** Calls recorded through `recordForecastCall`, in order. */
  readonly recordedCalls: ForecastCall[];
}

const inRange = (date: string, range: DateRange): boolean => date >= range.start && date <= range.end;

/** Sums states per owner, category, closed/won, stage and probability, as the repository does. */
/** The deals with each owner replaced by their group, as the port's `groups` asks. */
function inGroups<T extends OpportunityState>(states: readonly T[], groups: OwnerGroups | undefined): readonly T[] {
  if (groups === undefined) return states;
  return states.map((state) => ({ ...state, ownerId: groups.get(state.ownerId) ?? state.ownerId }));
}

function summarise(states: readonly OpportunityState[], prefix: string): OpportunityState[] {
  const groups = new Map<string, OpportunityState>();
  for (const state of states) {
    const key = [state.ownerId, state.forecastCategory, state.isClosed, state.isWon, state.stageName, state.probability, state.closeDate.slice(0, 7)].join("|");
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
    return seed.deals
      .filter((deal) => owners.has(deal.ownerId) && inRange(deal.closeDate, range))
      .map(({ stageEnteredAt: _stageEnteredAt, ...deal }) => ({ ...deal }));
  };
  const largestFirst = (a: Opportunity, b: Opportunity): number => b.amountMinor - a.amountMinor || a.id.localeCompare(b.id);
  /** Snapshot row of one deal on one date, as a deal (named from the live deal). */
  const snapshotOf = (date: string, deal: SeedDeal): Opportunity | null => {
    const row = seed.snapshots.find((candidate) => candidate.snapshotDate === date && candidate.opportunityId === deal.id);
    if (!row) return null;
    return {
      id: row.opportunityId,
      ownerId: row.ownerId,
      name: deal.name,
      accountName: deal.accountName,
      stageName: row.stage,
      amountMinor: row.amountMinor,
      probability: row.probability ?? 0,
      forecastCategory: row.forecastCategory,
      closeDate: row.closeDate,
      isClosed: row.isClosed,
      isWon: row.isWon,
    };
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
      return seed.quotas
        .filter((quota) => ids.has(quota.employeeId) && quota.periodStart <= period.end && quota.periodEnd >= period.start)
        .sort((a, b) => a.employeeId.localeCompare(b.employeeId) || a.periodStart.localeCompare(b.periodStart))
        .map((quota) => ({ ...quota }));
    },
    async deals(tenantId, ownerIds, range) {
      reads.push("deals");
      checkTenant(tenantId);
      return liveDeals(ownerIds, range);
    },
    async dealSummaries(tenantId, ownerIds, range, groups) {
      reads.push("dealSummaries");
      checkTenant(tenantId);
      return summarise(inGroups(liveDeals(ownerIds, range), groups), "summary");
    },
    async commissionPlan(tenantId, employeeId, date) {
      reads.push("commissionPlan");
      checkTenant(tenantId);
      const assignment = seed.plans.find((plan) => plan.employeeId === employeeId && plan.periodStart <= date && plan.periodEnd >= date);
      return assignment?.plan ?? null;
    },
    async planAssignments(tenantId, employeeId, range) {
      reads.push("planAssignments");
      checkTenant(tenantId);
      return seed.plans
        .filter((plan) => plan.employeeId === employeeId && plan.periodStart <= range.end && plan.periodEnd >= range.start)
        .sort((a, b) => a.periodStart.localeCompare(b.periodStart))
        .map((plan) => ({ start: plan.periodStart, end: plan.periodEnd, plan: plan.plan }));
    },
    async holidays(tenantId, subjects, range) {
      reads.push("holidays");
      checkTenant(tenantId);
      const calendars = seed.holidayCalendars ?? [];
      const fallback = calendars.find((calendar) => calendar.isDefault === true)?.id ?? null;
      const ofTeam = (teamId: string | null): string | null =>
        (teamId === null ? undefined : calendars.find((calendar) => calendar.teamIds?.includes(teamId))?.id) ?? fallback;
      const calendarOf = new Map<string, string | null>();
      for (const id of subjects.employeeIds ?? []) calendarOf.set(id, ofTeam(seed.people.find((person) => person.id === id)?.teamId ?? null));
      for (const id of subjects.teamIds ?? []) calendarOf.set(id, ofTeam(id));
      const holidays = new Map<string, Holiday[]>();
      for (const id of calendarOf.values()) {
        if (id === null || holidays.has(id)) continue;
        const calendar = calendars.find((candidate) => candidate.id === id)!;
        holidays.set(id, calendar.holidays.filter((holiday) => inRange(holiday.date, range)).sort((a, b) => a.date.localeCompare(b.date)));
      }
      return { calendarOf, holidays };
    },
    async forecastCalls(tenantId, employeeIds, period) {
      reads.push("forecastCalls");
      checkTenant(tenantId);
      const ids = new Set(employeeIds);
      return calls.filter((call) => ids.has(call.employeeId) && call.periodStart === period.start && call.periodEnd === period.end);
    },
    async forecastCallHistory(tenantId, employeeIds) {
      reads.push("forecastCallHistory");
      checkTenant(tenantId);
      const ids = new Set(employeeIds);
      return calls
        .filter((call) => ids.has(call.employeeId))
        .sort((a, b) => a.submittedAt.getTime() - b.submittedAt.getTime())
        .map((call) => ({ ...call }));
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
    async snapshotSummaries(tenantId, date, ownerIds, range, groups) {
      reads.push("snapshotSummaries");
      checkTenant(tenantId);
      return summarise(inGroups(snapshotDeals(date, ownerIds, range), groups), "snapshot-summary");
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
    async teams(tenantId) {
      reads.push("teams");
      checkTenant(tenantId);
      return [...(seed.teams ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map((team) => ({ ...team }));
    },
    async dealsAtRisk(tenantId, ownerIds, criteria, limit) {
      reads.push("dealsAtRisk");
      checkTenant(tenantId);
      const owners = new Set(ownerIds);
      const before = (instant: Date | null | undefined, limitInstant: Date): boolean =>
        instant != null && instant.getTime() < limitInstant.getTime();
      const matching: TrackedDeal[] = seed.deals
        .filter(
          (deal) =>
            owners.has(deal.ownerId) &&
            !deal.isClosed &&
            deal.forecastCategory !== "Omitted" &&
            deal.closeDate <= criteria.closeDateOnOrBefore &&
            (deal.closeDate < criteria.closeDateBefore ||
              before(deal.lastActivityAt, criteria.noActivitySince) ||
              before(deal.stageEnteredAt, criteria.inStageSince)),
        )
        .map((deal) => ({ ...deal, lastActivityAt: deal.lastActivityAt ?? null, stageEnteredAt: deal.stageEnteredAt ?? null }));
      matching.sort(largestFirst);
      return { deals: matching.slice(0, limit), total: matching.length };
    },
    async topDeals(tenantId, ownerIds, range, limit) {
      reads.push("topDeals");
      checkTenant(tenantId);
      return liveDeals(ownerIds, range)
        .filter((deal) => !deal.isClosed && deal.forecastCategory !== "Omitted")
        .sort(largestFirst)
        .slice(0, limit);
    },
    async largestOverdueDeals(tenantId, ownerIds, closeDateBefore, limit) {
      reads.push("largestOverdueDeals");
      checkTenant(tenantId);
      return liveDeals(ownerIds, { start: "0001-01-01", end: addDays(closeDateBefore, -1) })
        .filter((deal) => !deal.isClosed && deal.forecastCategory !== "Omitted")
        .sort(largestFirst)
        .slice(0, limit);
    },
    async dealChanges(tenantId, ownerIds, snapshotDate, range) {
      reads.push("dealChanges");
      checkTenant(tenantId);
      const owners = new Set(ownerIds);
      const changes: DealChange[] = [];
      for (const deal of seed.deals) {
        if (!owners.has(deal.ownerId)) continue;
        const before = snapshotOf(snapshotDate, deal);
        if (!inRange(deal.closeDate, range) && !(before !== null && inRange(before.closeDate, range))) continue;
        const same =
          before !== null &&
          before.amountMinor === deal.amountMinor &&
          before.stageName === deal.stageName &&
          before.forecastCategory === deal.forecastCategory &&
          before.probability === deal.probability &&
          before.closeDate === deal.closeDate &&
          before.isClosed === deal.isClosed &&
          before.isWon === deal.isWon;
        if (same) continue;
        const { stageEnteredAt: _stageEnteredAt, ...after } = deal;
        changes.push({ before, after: { ...after } });
      }
      return changes;
    },
    async snapshotSeries(tenantId, ownerIds, range, dates) {
      reads.push("snapshotSeries");
      checkTenant(tenantId);
      const owners = new Set(ownerIds);
      const ownerNow = new Map(seed.deals.filter((deal) => owners.has(deal.ownerId)).map((deal) => [deal.id, deal.ownerId]));
      const byDate = new Map<string, OpportunityState[]>();
      for (const row of seed.snapshots) {
        const owner = ownerNow.get(row.opportunityId);
        if (owner === undefined || !inRange(row.snapshotDate, dates) || !inRange(row.closeDate, range)) continue;
        const list = byDate.get(row.snapshotDate) ?? [];
        list.push({
          id: row.opportunityId,
          ownerId: owner,
          amountMinor: row.amountMinor,
          probability: row.probability ?? 0,
          forecastCategory: row.forecastCategory,
          closeDate: row.closeDate,
          isClosed: row.isClosed,
          isWon: row.isWon,
          stageName: row.stage,
        });
        byDate.set(row.snapshotDate, list);
      }
      const series: SnapshotSummary[] = [];
      for (const [snapshotDate, states] of [...byDate].sort(([a], [b]) => a.localeCompare(b))) {
        for (const summary of summarise(states, `series-${snapshotDate}`)) series.push({ ...summary, snapshotDate });
      }
      return series;
    },
  };
}
