import { AppError } from "./errors.js";
import { assertMinorUnits, divideCeil, divideRoundHalfUp, PPM, toMinorNumber, toPpm } from "./money.js";

/**
 * Tiered commission plans.
 *
 * - A tier covers attainment (credited ÷ quota) from `fromAttainment` (inclusive) to
 *   `toAttainment` (exclusive; null = no ceiling). Fractions: 1 = 100 % of quota.
 * - marginal: only the revenue inside the tier's band earns the tier's rate.
 * - retroactive: once attainment reaches the tier, its rate is paid on ALL revenue from zero up
 *   to the tier's ceiling, and replaces whatever the tiers below it would have paid. Marginal
 *   tiers above the highest retroactive tier reached still add their bands on top, so mixed
 *   plans ("retroactive to 100 %, marginal accelerator above") work as sales ops expect.
 * - Accelerators and decelerators are simply tiers with a higher or lower rate.
 * - A tier's `capMinor` limits what that tier pays; the plan's `payoutCapMinor` limits the total.
 *
 * Arithmetic is exact: rates and attainment bounds are honoured to six decimals (parts per
 * million), band edges are kept in millionths of a minor unit, and the payout is rounded ONCE,
 * half-up to the minor unit, after caps. Per-tier line amounts are rounded for display only,
 * so they may differ from the total by a minor unit.
 */

export type TierMode = "marginal" | "retroactive";

export interface CommissionTier {
  /** Attainment fraction where the tier starts, inclusive (0.5 = 50 %). */
  fromAttainment: number;
  /** Attainment fraction where it ends, exclusive; null = no upper bound. */
  toAttainment: number | null;
  /** Fraction of credited revenue paid (0.08 = 8 %). */
  rate: number;
  mode: TierMode;
  /** Ceiling on what this tier alone pays, minor units. */
  capMinor?: number | null;
}

export interface CommissionPlan {
  currency: string;
  /** Ceiling on the plan's total payout per period, minor units. */
  payoutCapMinor?: number | null;
  /** Ordered by `fromAttainment`. */
  tiers: readonly CommissionTier[];
}

export interface CommissionLine {
  tierIndex: number;
  rate: number;
  mode: TierMode;
  /** Revenue this tier paid on, minor units (rounded for display). */
  revenueMinor: number;
  /** What this tier paid after its own cap, minor units (rounded for display). */
  payoutMinor: number;
  cappedByTier: boolean;
}

export interface CommissionEarned {
  currency: string;
  /** Total payout after caps, minor units, rounded half-up once. */
  payoutMinor: number;
  /** Total before the plan cap (tier caps applied), minor units. */
  uncappedPayoutMinor: number;
  cappedByPlan: boolean;
  /** credited ÷ quota, a fraction. */
  attainment: number;
  /** Tiers that paid something or were reached, in plan order. */
  lines: CommissionLine[];
}

const PPM2 = PPM * PPM;

function validatePlan(plan: CommissionPlan): void {
  const fail = (message: string): never => {
    throw new AppError("invalid_input", message, { field: "plan" });
  };
  if (plan.tiers.length === 0) fail("A commission plan needs at least one tier.");
  if (plan.payoutCapMinor != null) assertMinorUnits(plan.payoutCapMinor, "payout cap");
  plan.tiers.forEach((tier, i) => {
    if (!Number.isFinite(tier.rate) || tier.rate < 0) fail(`Tier ${i + 1} needs a rate of 0 or more.`);
    if (!Number.isFinite(tier.fromAttainment) || tier.fromAttainment < 0) fail(`Tier ${i + 1} must start at 0 % or above.`);
    if (tier.toAttainment !== null && !(tier.toAttainment > tier.fromAttainment)) fail(`Tier ${i + 1} must end above where it starts.`);
    if (tier.toAttainment === null && i !== plan.tiers.length - 1) fail("Only the last tier may be open-ended.");
    if (tier.capMinor != null) assertMinorUnits(tier.capMinor, `tier ${i + 1} cap`);
    const previous = plan.tiers[i - 1];
    if (previous && previous.toAttainment !== null && toPpm(tier.fromAttainment) < toPpm(previous.toAttainment)) {
      fail(`Tier ${i + 1} overlaps the tier before it.`);
    }
  });
}

function validateQuota(quotaMinor: number, creditedMinor: number): void {
  assertMinorUnits(quotaMinor, "quota");
  assertMinorUnits(creditedMinor, "credited revenue");
  if (quotaMinor === 0) throw new AppError("invalid_input", "Commission needs a quota above zero.", { field: "quota" });
}

/**
 * Commission earned on `creditedMinor` of credited revenue against `quotaMinor` (both minor
 * units of the plan currency) under `plan`. Payout in minor units, rounded half-up once.
 */
export function commissionEarned(plan: CommissionPlan, quotaMinor: number, creditedMinor: number): CommissionEarned {
  validatePlan(plan);
  validateQuota(quotaMinor, creditedMinor);
  const quota = BigInt(quotaMinor);
  const credited = BigInt(creditedMinor) * PPM; // millionths of a minor unit
  const edges = plan.tiers.map((tier) => ({
    low: quota * toPpm(tier.fromAttainment),
    high: tier.toAttainment === null ? null : quota * toPpm(tier.toAttainment),
  }));
  const reached = (i: number): boolean => credited >= edges[i]!.low;

  let lastRetroactive = -1;
  plan.tiers.forEach((tier, i) => {
    if (tier.mode === "retroactive" && reached(i)) lastRetroactive = i;
  });

  let total = 0n; // millionths of millionths of a minor unit
  const lines: CommissionLine[] = [];
  plan.tiers.forEach((tier, i) => {
    if (i < lastRetroactive || !reached(i)) return;
    const { low, high } = edges[i]!;
    const top = high === null || credited < high ? credited : high;
    const revenue = tier.mode === "retroactive" ? top : top - low;
    let payout = revenue * toPpm(tier.rate);
    let cappedByTier = false;
    if (tier.capMinor != null && payout > BigInt(tier.capMinor) * PPM2) {
      payout = BigInt(tier.capMinor) * PPM2;
      cappedByTier = true;
    }
    total += payout;
    lines.push({
      tierIndex: i,
      rate: tier.rate,
      mode: tier.mode,
      revenueMinor: toMinorNumber(divideRoundHalfUp(revenue, PPM)),
      payoutMinor: toMinorNumber(divideRoundHalfUp(payout, PPM2)),
      cappedByTier,
    });
  });

  const uncapped = total;
  const cappedByPlan = plan.payoutCapMinor != null && total > BigInt(plan.payoutCapMinor) * PPM2;
  if (cappedByPlan) total = BigInt(plan.payoutCapMinor!) * PPM2;
  return {
    currency: plan.currency,
    payoutMinor: toMinorNumber(divideRoundHalfUp(total, PPM2)),
    uncappedPayoutMinor: toMinorNumber(divideRoundHalfUp(uncapped, PPM2)),
    cappedByPlan,
    attainment: creditedMinor / quotaMinor,
    lines,
  };
}

export interface WhatIfClose {
  /** Minor units. */
  payoutBefore: number;
  payoutAfter: number;
  /** payoutAfter − payoutBefore, minor units. */
  payoutChange: number;
  /** Fractions of quota. */
  attainmentBefore: number;
  attainmentAfter: number;
}

/** What closing a deal of `dealMinor` would do to payout and attainment (all minor units / fractions). */
export function whatIfClose(plan: CommissionPlan, quotaMinor: number, creditedMinor: number, dealMinor: number): WhatIfClose {
  assertMinorUnits(dealMinor, "deal amount");
  const before = commissionEarned(plan, quotaMinor, creditedMinor);
  const after = commissionEarned(plan, quotaMinor, creditedMinor + dealMinor);
  return {
    payoutBefore: before.payoutMinor,
    payoutAfter: after.payoutMinor,
    payoutChange: after.payoutMinor - before.payoutMinor,
    attainmentBefore: before.attainment,
    attainmentAfter: after.attainment,
  };
}

/**
 * Minor units still to credit to reach `attainmentTarget` (a fraction, 1 = 100 %) of
 * `quotaMinor`; rounded up (reaching needs at least that much), 0 when already there.
 */
export function amountToReach(quotaMinor: number, creditedMinor: number, attainmentTarget: number): number {
  validateQuota(quotaMinor, creditedMinor);
  if (!Number.isFinite(attainmentTarget) || attainmentTarget < 0) {
    throw new AppError("invalid_input", "The attainment target must be 0 or more.", { field: "attainmentTarget" });
  }
  const missing = BigInt(quotaMinor) * toPpm(attainmentTarget) - BigInt(creditedMinor) * PPM;
  return missing <= 0n ? 0 : toMinorNumber(divideCeil(missing, PPM));
}

export interface NextTier {
  tierIndex: number;
  tier: CommissionTier;
  /** Minor units still to credit to enter the tier. */
  amountNeeded: number;
  /** The tier's rate, a fraction. */
  rateThere: number;
}

/** The next tier above current attainment and what it takes to get there; null in the top tier. */
export function nextTier(plan: CommissionPlan, quotaMinor: number, creditedMinor: number): NextTier | null {
  validatePlan(plan);
  validateQuota(quotaMinor, creditedMinor);
  const credited = BigInt(creditedMinor) * PPM;
  const quota = BigInt(quotaMinor);
  const index = plan.tiers.findIndex((tier) => quota * toPpm(tier.fromAttainment) > credited);
  if (index === -1) return null;
  const tier = plan.tiers[index]!;
  return { tierIndex: index, tier, amountNeeded: amountToReach(quotaMinor, creditedMinor, tier.fromAttainment), rateThere: tier.rate };
}

/** A plan assigned to a person for a plan period (ISO dates, inclusive). */
export interface PlanPeriod {
  start: string;
  end: string;
  plan: CommissionPlan;
}

/** One plan period's part of a period's commission (THE QUOTA RULE 5). */
export interface PlanPeriodCommission {
  planPeriod: PlanPeriod;
  /** The plan period's quota over its own dates (rule 2), minor units. */
  quotaMinor: number;
  /** Closed-won credited from the plan period's start to the earlier of its end and the asked period's end. */
  creditedMinor: number;
  /** Last day credited (the earlier of the plan period's end and the asked period's end). */
  creditedTo: string;
  /** Whether the plan period runs past the asked period (the payout is the plan period's to date). */
  toDate: boolean;
  /** Null when the plan period has no quota (nothing can be paid against it). */
  earned: CommissionEarned | null;
}

export interface PeriodCommission {
  /** Σ of the plan periods' payouts, minor units. */
  payoutMinor: number;
  planPeriods: PlanPeriodCommission[];
  /** Whether any plan period's payout is its to-date figure (the asked period ends inside it). */
  toDate: boolean;
  /** Whether any plan period's payout hit the plan's cap. */
  cappedByPlan: boolean;
}

/**
 * Commission for an asked period: Σ over the plan periods overlapping it of payout(plan,
 * quota of the plan period over its own dates, closed-won from its start to the earlier of its
 * end and the period's end). Tiers, accelerators and caps apply per plan period, never to the
 * sum. `quotaOf` and `creditedIn` are the caller's (THE QUOTA RULE and closed-won of a range).
 */
export function commissionForPeriod(
  planPeriods: readonly PlanPeriod[],
  period: { start: string; end: string },
  quotaOf: (range: { start: string; end: string }) => number,
  creditedIn: (range: { start: string; end: string }) => number,
): PeriodCommission {
  const lines: PlanPeriodCommission[] = [];
  let payout = 0;
  for (const planPeriod of [...planPeriods].sort((a, b) => a.start.localeCompare(b.start))) {
    if (planPeriod.end < period.start || planPeriod.start > period.end) continue;
    const creditedTo = planPeriod.end < period.end ? planPeriod.end : period.end;
    const quotaMinor = quotaOf({ start: planPeriod.start, end: planPeriod.end });
    const creditedMinor = creditedIn({ start: planPeriod.start, end: creditedTo });
    const earned = quotaMinor > 0 ? commissionEarned(planPeriod.plan, quotaMinor, creditedMinor) : null;
    if (earned) payout += earned.payoutMinor;
    lines.push({ planPeriod, quotaMinor, creditedMinor, creditedTo, toDate: creditedTo < planPeriod.end, earned });
  }
  return {
    payoutMinor: payout,
    planPeriods: lines,
    toDate: lines.some((line) => line.toDate),
    cappedByPlan: lines.some((line) => line.earned?.cappedByPlan === true),
  };
}
