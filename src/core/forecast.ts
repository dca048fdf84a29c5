import { AppError } from "./errors.js";
import { divideRoundHalfUp } from "./money.js";
import { reportsUnder, type OrgChart } from "./org-chart.js";
import type { Period } from "./period-spec.js";
import { isInPeriod } from "./periods.js";
import type { ForecastCall, ForecastCategory, OpportunityState, PipelineSnapshotRow } from "./types.js";

/**
 * `/forecast`: the period's numbers per person and rolled up the management chain.
 *
 * A deal counts for the period when its close date is in it. Figures (minor units):
 * - Closed: closed-won deals.
 * - Commit: Closed + open deals in Commit.
 * - Best case: Commit + open deals in MostLikely and BestCase.
 * - Pipeline: every open deal except Omitted (Pipeline, BestCase, MostLikely, Commit).
 * - Weighted pipeline: Σ amount × probability % over the same open deals, rounded half-up once
 *   per figure shown (so a team's weighted figure is the exact sum of its people's, then rounded).
 * Closed-lost deals count nowhere. An open deal that the CRM still files under "Closed" is
 * treated as Commit: the rep says it is done, the CRM does not yet.
 */

export interface ForecastTotals {
  closedMinor: number;
  commitMinor: number;
  bestCaseMinor: number;
  pipelineMinor: number;
  weightedPipelineMinor: number;
  openDeals: number;
  wonDeals: number;
}

/** Running sums; weighted is kept in (minor unit × percent) so that roll-ups round once. */
interface Sums {
  closed: number;
  commitOpen: number;
  upsideOpen: number;
  pipelineOnly: number;
  weightedPercent: bigint;
  openDeals: number;
  wonDeals: number;
}

function emptySums(): Sums {
  return { closed: 0, commitOpen: 0, upsideOpen: 0, pipelineOnly: 0, weightedPercent: 0n, openDeals: 0, wonDeals: 0 };
}

function addDeal(sums: Sums, deal: OpportunityState, period: Pick<Period, "start" | "end">): void {
  if (!isInPeriod(deal.closeDate, period)) return;
  if (deal.isClosed) {
    if (deal.isWon) {
      sums.closed += deal.amountMinor;
      sums.wonDeals += deal.dealCount ?? 1;
    }
    return;
  }
  switch (deal.forecastCategory) {
    case "Omitted":
      return;
    case "Commit":
    case "Closed":
      sums.commitOpen += deal.amountMinor;
      break;
    case "MostLikely":
    case "BestCase":
      sums.upsideOpen += deal.amountMinor;
      break;
    case "Pipeline":
      sums.pipelineOnly += deal.amountMinor;
      break;
  }
  sums.openDeals += deal.dealCount ?? 1;
  sums.weightedPercent += BigInt(deal.amountMinor) * BigInt(deal.probability);
}

function addSums(into: Sums, from: Sums): void {
  into.closed += from.closed;
  into.commitOpen += from.commitOpen;
  into.upsideOpen += from.upsideOpen;
  into.pipelineOnly += from.pipelineOnly;
  into.weightedPercent += from.weightedPercent;
  into.openDeals += from.openDeals;
  into.wonDeals += from.wonDeals;
}

function safe(value: number): number {
  if (!Number.isSafeInteger(value)) throw new AppError("internal", "A forecast total is too large to handle exactly.");
  return value;
}

function totalsOf(sums: Sums): ForecastTotals {
  const commit = sums.closed + sums.commitOpen;
  return {
    closedMinor: safe(sums.closed),
    commitMinor: safe(commit),
    bestCaseMinor: safe(commit + sums.upsideOpen),
    pipelineMinor: safe(sums.commitOpen + sums.upsideOpen + sums.pipelineOnly),
    weightedPipelineMinor: safe(Number(divideRoundHalfUp(sums.weightedPercent, 100n))),
    openDeals: sums.openDeals,
    wonDeals: sums.wonDeals,
  };
}

/** Forecast figures of one set of deals for a period (minor units; see the module comment). */
export function forecastTotals(deals: Iterable<OpportunityState>, period: Pick<Period, "start" | "end">): ForecastTotals {
  const sums = emptySums();
  for (const deal of deals) addDeal(sums, deal, period);
  return totalsOf(sums);
}

/** The latest call `employeeId` submitted for exactly this period, or null. */
export function latestForecastCall(
  calls: Iterable<ForecastCall>,
  employeeId: string,
  period: Pick<Period, "start" | "end">,
): ForecastCall | null {
  let latest: ForecastCall | null = null;
  for (const call of calls) {
    if (call.employeeId !== employeeId || call.periodStart !== period.start || call.periodEnd !== period.end) continue;
    if (!latest || call.submittedAt.getTime() > latest.submittedAt.getTime()) latest = call;
  }
  return latest;
}

export interface PersonForecast {
  employeeId: string;
  /** Direct reports included in this roll-up. */
  directReportIds: string[];
  /** The person's own deals. */
  own: ForecastTotals;
  /** Own deals plus everyone below them, transitively. */
  team: ForecastTotals;
  /** Latest call for the period, or null. */
  call: ForecastCall | null;
  /** The person's effective quota for the period as given, minor units, or null. */
  quotaMinor: number | null;
  /** call commit ÷ quota and call best case ÷ quota, fractions; null without call or quota. */
  commitCallVsQuota: number | null;
  bestCaseCallVsQuota: number | null;
}

export interface RollUpForecastInput {
  org: OrgChart;
  period: Pick<Period, "start" | "end">;
  opportunities: Iterable<OpportunityState>;
  calls?: Iterable<ForecastCall>;
  /** Effective quota per employee id, minor units. */
  quotas?: ReadonlyMap<string, number>;
  /** Roll up only this person and everyone below them; absent = the whole organisation. */
  rootId?: string;
}

/**
 * Forecast figures per person, own and rolled up through the management chain (transitively),
 * in breadth-first order from the root(s). Linear in people + deals + calls: deals are summed
 * per owner in one pass, then each person's team sums are added once into their manager's.
 * Deals whose owner is outside the roll-up are ignored. A loop in the chain is cut where it is
 * first met, so nobody is counted twice.
 */
export function rollUpForecast(input: RollUpForecastInput): Map<string, PersonForecast> {
  const { org, period } = input;
  const order: string[] = [];
  const parent = new Map<string, string | null>();
  const visit = (rootId: string): void => {
    if (parent.has(rootId)) return;
    parent.set(rootId, null);
    order.push(rootId);
    for (let i = order.length - 1; i < order.length; i++) {
      const current = order[i]!;
      for (const report of org.directReports.get(current) ?? []) {
        if (parent.has(report)) continue;
        parent.set(report, current);
        order.push(report);
      }
    }
  };
  if (input.rootId !== undefined) {
    if (org.byId.has(input.rootId)) visit(input.rootId);
  } else {
    for (const employee of org.byId.values()) {
      const managerId = employee.managerId;
      if (!managerId || managerId === employee.id || !org.byId.has(managerId)) visit(employee.id);
    }
    // Whoever is left sits only in a loop of managers; start a walk from them.
    for (const id of org.byId.keys()) visit(id);
  }

  const own = new Map<string, Sums>();
  for (const id of order) own.set(id, emptySums());
  for (const deal of input.opportunities) {
    const sums = own.get(deal.ownerId);
    if (sums) addDeal(sums, deal, period);
  }

  const team = new Map<string, Sums>();
  for (const id of order) {
    const sums = emptySums();
    addSums(sums, own.get(id)!);
    team.set(id, sums);
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const id = order[i]!;
    const manager = parent.get(id);
    if (manager) addSums(team.get(manager)!, team.get(id)!);
  }

  const latestCall = new Map<string, ForecastCall>();
  for (const call of input.calls ?? []) {
    if (!parent.has(call.employeeId) || call.periodStart !== period.start || call.periodEnd !== period.end) continue;
    const current = latestCall.get(call.employeeId);
    if (!current || call.submittedAt.getTime() > current.submittedAt.getTime()) latestCall.set(call.employeeId, call);
  }

  const directReports = new Map<string, string[]>();
  for (const id of order) {
    const manager = parent.get(id);
    if (!manager) continue;
    const list = directReports.get(manager);
    if (list) list.push(id);
    else directReports.set(manager, [id]);
  }

  const result = new Map<string, PersonForecast>();
  for (const id of order) {
    const call = latestCall.get(id) ?? null;
    const quotaMinor = input.quotas?.get(id) ?? null;
    const vs = (amount: number | undefined): number | null =>
      amount === undefined || quotaMinor === null || quotaMinor === 0 ? null : amount / quotaMinor;
    result.set(id, {
      employeeId: id,
      directReportIds: directReports.get(id) ?? [],
      own: totalsOf(own.get(id)!),
      team: totalsOf(team.get(id)!),
      call,
      quotaMinor,
      commitCallVsQuota: vs(call?.commitMinor),
      bestCaseCallVsQuota: vs(call?.bestCaseMinor),
    });
  }
  return result;
}

/** The ids a roll-up rooted at `rootId` covers (root first); handy for loading only their deals. */
export function rollUpMembers(org: OrgChart, rootId: string): string[] {
  return org.byId.has(rootId) ? [rootId, ...reportsUnder(org, rootId)] : [];
}

/** A snapshot row as an opportunity state, so that two snapshots (or one and live data) compare. */
export function stateFromSnapshot(row: PipelineSnapshotRow): OpportunityState {
  return {
    id: row.opportunityId,
    ownerId: row.ownerId,
    amountMinor: row.amountMinor,
    probability: row.probability ?? 0,
    forecastCategory: row.forecastCategory,
    closeDate: row.closeDate,
    isClosed: row.isClosed,
    isWon: row.isWon,
    stageName: row.stage,
  };
}

export type DealMoveKind = "new" | "won" | "lost" | "pushed" | "pulledIn" | "changed" | "removed" | "reopened";

/** One deal whose place in the period's forecast changed between two snapshots. */
export interface DealMove {
  kind: DealMoveKind;
  opportunityId: string;
  ownerId: string;
  name: string | null;
  accountName: string | null;
  /** Minor units; null where the deal is absent from that snapshot. */
  amountBeforeMinor: number | null;
  amountAfterMinor: number | null;
  /** What the move did to the deal's amount (after − before, absent = 0), minor units. */
  amountChangeMinor: number;
  categoryBefore: ForecastCategory | null;
  categoryAfter: ForecastCategory | null;
  stageBefore: string | null;
  stageAfter: string | null;
  closeDateBefore: string | null;
  closeDateAfter: string | null;
  /** For 'changed': what changed. */
  amountChanged: boolean;
  categoryChanged: boolean;
  stageChanged: boolean;
  closeDateChanged: boolean;
}

export interface ForecastChange {
  before: ForecastTotals;
  after: ForecastTotals;
  /** after − before, per figure, minor units (deal counts as differences too). */
  delta: ForecastTotals;
  /** Ordered by kind (won, lost, pushed, pulled in, new, changed, reopened, removed), then size. */
  moves: DealMove[];
}

type PeriodState = "open" | "won" | "lost" | "outside";

function periodState(deal: OpportunityState | undefined, period: Pick<Period, "start" | "end">): PeriodState | "absent" {
  if (!deal) return "absent";
  if (deal.isClosed) {
    if (!deal.isWon) return "lost";
    return isInPeriod(deal.closeDate, period) ? "won" : "outside";
  }
  return isInPeriod(deal.closeDate, period) ? "open" : "outside";
}

function classify(b: PeriodState | "absent", a: PeriodState | "absent", changed: boolean): DealMoveKind | null {
  if (a === "won") return b === "won" ? (changed ? "changed" : null) : "won";
  switch (b) {
    case "absent":
      return a === "open" ? "new" : null;
    case "open":
      if (a === "lost") return "lost";
      if (a === "outside") return "pushed";
      if (a === "absent") return "removed";
      return changed ? "changed" : null;
    case "outside":
      return a === "open" ? "pulledIn" : null;
    case "won":
      // A won deal that left the period's closed figure some other way was corrected in the CRM.
      return a === "open" ? "reopened" : a === "absent" ? "removed" : "changed";
    case "lost":
      return a === "open" ? "reopened" : null;
  }
}

const MOVE_ORDER: Record<DealMoveKind, number> = {
  won: 0,
  lost: 1,
  pushed: 2,
  pulledIn: 3,
  new: 4,
  changed: 5,
  reopened: 6,
  removed: 7,
};

/**
 * What changed in the period's forecast between two snapshots (e.g. last week's snapshot and
 * today's deals): per-figure deltas and the deals that moved. "pushed" is an open deal whose
 * close date left the period (a slipped deal); "pulledIn" one that moved into it. Pass
 * `ownerIds` to limit both snapshots to the people in scope.
 */
export function forecastChange(
  before: Iterable<OpportunityState>,
  after: Iterable<OpportunityState>,
  period: Pick<Period, "start" | "end">,
  ownerIds?: ReadonlySet<string>,
): ForecastChange {
  const inScope = (deal: OpportunityState): boolean => !ownerIds || ownerIds.has(deal.ownerId);
  const beforeById = new Map<string, OpportunityState>();
  const afterById = new Map<string, OpportunityState>();
  for (const deal of before) if (inScope(deal)) beforeById.set(deal.id, deal);
  for (const deal of after) if (inScope(deal)) afterById.set(deal.id, deal);

  const beforeTotals = forecastTotals(beforeById.values(), period);
  const afterTotals = forecastTotals(afterById.values(), period);

  const moves: DealMove[] = [];
  const ids = new Set<string>([...beforeById.keys(), ...afterById.keys()]);
  for (const id of ids) {
    const b = beforeById.get(id);
    const a = afterById.get(id);
    const amountChanged = !!a && !!b && a.amountMinor !== b.amountMinor;
    const categoryChanged = !!a && !!b && a.forecastCategory !== b.forecastCategory;
    const stageChanged = !!a && !!b && a.stageName !== b.stageName;
    const closeDateChanged = !!a && !!b && a.closeDate !== b.closeDate;
    const kind = classify(
      periodState(b, period),
      periodState(a, period),
      amountChanged || categoryChanged || stageChanged || closeDateChanged,
    );
    if (!kind) continue;
    const either = (a ?? b)!;
    moves.push({
      kind,
      opportunityId: id,
      ownerId: either.ownerId,
      name: a?.name ?? b?.name ?? null,
      accountName: a?.accountName ?? b?.accountName ?? null,
      amountBeforeMinor: b?.amountMinor ?? null,
      amountAfterMinor: a?.amountMinor ?? null,
      amountChangeMinor: (a?.amountMinor ?? 0) - (b?.amountMinor ?? 0),
      categoryBefore: b?.forecastCategory ?? null,
      categoryAfter: a?.forecastCategory ?? null,
      stageBefore: b?.stageName ?? null,
      stageAfter: a?.stageName ?? null,
      closeDateBefore: b?.closeDate ?? null,
      closeDateAfter: a?.closeDate ?? null,
      amountChanged,
      categoryChanged,
      stageChanged,
      closeDateChanged,
    });
  }
  const size = (m: DealMove): number => Math.max(m.amountBeforeMinor ?? 0, m.amountAfterMinor ?? 0);
  moves.sort((x, y) => MOVE_ORDER[x.kind] - MOVE_ORDER[y.kind] || size(y) - size(x) || x.opportunityId.localeCompare(y.opportunityId));

  const delta: ForecastTotals = {
    closedMinor: afterTotals.closedMinor - beforeTotals.closedMinor,
    commitMinor: afterTotals.commitMinor - beforeTotals.commitMinor,
    bestCaseMinor: afterTotals.bestCaseMinor - beforeTotals.bestCaseMinor,
    pipelineMinor: afterTotals.pipelineMinor - beforeTotals.pipelineMinor,
    weightedPipelineMinor: afterTotals.weightedPipelineMinor - beforeTotals.weightedPipelineMinor,
    openDeals: afterTotals.openDeals - beforeTotals.openDeals,
    wonDeals: afterTotals.wonDeals - beforeTotals.wonDeals,
  };
  return { before: beforeTotals, after: afterTotals, delta, moves };
}
