import { describe, expect, it } from "vitest";
import { amountToReach, commissionEarned, commissionForPeriod, nextTier, whatIfClose, type CommissionPlan, type PlanPeriod } from "../../src/core/commission.js";
import { AppError } from "../../src/core/errors.js";

// Quota 100,000.00 = 10,000,000 minor units throughout.
const QUOTA = 10_000_000;

// Below 50 % a 2 % decelerator, 8 % up to quota, a 12 % accelerator above; plan cap 10,000.00.
const marginal: CommissionPlan = {
  currency: "USD",
  payoutCapMinor: 1_000_000,
  tiers: [
    { fromAttainment: 0, toAttainment: 0.5, rate: 0.02, mode: "marginal" },
    { fromAttainment: 0.5, toAttainment: 1, rate: 0.08, mode: "marginal" },
    { fromAttainment: 1, toAttainment: null, rate: 0.12, mode: "marginal" },
  ],
};

const retroactive: CommissionPlan = {
  currency: "USD",
  payoutCapMinor: 2_000_000,
  tiers: marginal.tiers.map((tier) => ({ ...tier, mode: "retroactive" as const })),
};

describe("commissionEarned, marginal", () => {
  it("pays each band its own rate", () => {
    // 75 %: 5,000,000 × 2 % = 100,000 + 2,500,000 × 8 % = 200,000 -> 300,000 (3,000.00).
    const earned = commissionEarned(marginal, QUOTA, 7_500_000);
    expect(earned.payoutMinor).toBe(300_000);
    expect(earned.attainment).toBe(0.75);
    expect(earned.cappedByPlan).toBe(false);
    expect(earned.lines).toEqual([
      { tierIndex: 0, rate: 0.02, mode: "marginal", revenueMinor: 5_000_000, payoutMinor: 100_000, cappedByTier: false },
      { tierIndex: 1, rate: 0.08, mode: "marginal", revenueMinor: 2_500_000, payoutMinor: 200_000, cappedByTier: false },
    ]);
  });

  it("accelerates above quota", () => {
    // 120 %: 100,000 + 5,000,000 × 8 % = 400,000 + 2,000,000 × 12 % = 240,000 -> 740,000.
    expect(commissionEarned(marginal, QUOTA, 12_000_000).payoutMinor).toBe(740_000);
  });

  it("pays nothing on nothing, and counts 100 % exactly as the top tier's start", () => {
    expect(commissionEarned(marginal, QUOTA, 0).payoutMinor).toBe(0);
    // Exactly 100 %: 100,000 + 400,000; the 12 % tier is reached but has no revenue yet.
    const atQuota = commissionEarned(marginal, QUOTA, QUOTA);
    expect(atQuota.payoutMinor).toBe(500_000);
    expect(atQuota.lines.map((l) => [l.tierIndex, l.revenueMinor])).toEqual([
      [0, 5_000_000],
      [1, 5_000_000],
      [2, 0],
    ]);
  });

  it("caps the plan total", () => {
    // 200 %: 100,000 + 400,000 + 10,000,000 × 12 % = 1,200,000 -> 1,700,000, capped at 1,000,000.
    const earned = commissionEarned(marginal, QUOTA, 20_000_000);
    expect(earned.uncappedPayoutMinor).toBe(1_700_000);
    expect(earned.payoutMinor).toBe(1_000_000);
    expect(earned.cappedByPlan).toBe(true);
  });

  it("caps a single tier", () => {
    // 120 % with the accelerator capped at 150,000: 100,000 + 400,000 + min(240,000, 150,000) = 650,000.
    const plan: CommissionPlan = {
      ...marginal,
      tiers: marginal.tiers.map((t, i) => (i === 2 ? { ...t, capMinor: 150_000 } : t)),
    };
    const earned = commissionEarned(plan, QUOTA, 12_000_000);
    expect(earned.payoutMinor).toBe(650_000);
    expect(earned.lines[2]).toMatchObject({ payoutMinor: 150_000, cappedByTier: true });
  });

  it("rounds half-up once at the end", () => {
    // 25 × 2 % = 0.5 -> 1 (half-even would give 0); 125 × 2 % = 2.5 -> 3 (half-even: 2).
    expect(commissionEarned(marginal, QUOTA, 25).payoutMinor).toBe(1);
    expect(commissionEarned(marginal, QUOTA, 125).payoutMinor).toBe(3);
    // Rounded once, not per band: quota 1,240 puts 50 % at 620. Credited 625:
    // 620 × 2 % = 12.4 + 5 × 8 % = 0.4 -> 12.8 -> 13, where rounding each band would give 12 + 0.
    const once = commissionEarned(marginal, 1_240, 625);
    expect(once.payoutMinor).toBe(13);
    expect(once.lines.map((l) => l.payoutMinor)).toEqual([12, 0]);
    // A band edge between minor units stays exact: 50 % of 10,000,001 is 5,000,000.5.
    // Credited 5,000,001: 5,000,000.5 × 2 % = 100,000.01 + 0.5 × 8 % = 0.04 -> 100,000.05 -> 100,000.
    expect(commissionEarned(marginal, 10_000_001, 5_000_001).payoutMinor).toBe(100_000);
  });
});

describe("commissionEarned, retroactive", () => {
  it("pays the highest tier reached on everything from zero", () => {
    // 75 %: the 8 % tier is reached -> 7,500,000 × 8 % = 600,000.
    expect(commissionEarned(retroactive, QUOTA, 7_500_000).payoutMinor).toBe(600_000);
    // 120 %: 12 % × 12,000,000 = 1,440,000 (under the 2,000,000 cap).
    expect(commissionEarned(retroactive, QUOTA, 12_000_000).payoutMinor).toBe(1_440_000);
    // Just below 50 %: 2 % × 4,999,999 = 99,999.98 -> 100,000.
    expect(commissionEarned(retroactive, QUOTA, 4_999_999).payoutMinor).toBe(100_000);
  });

  it("lets a marginal accelerator sit on top of a retroactive tier", () => {
    // 3 % marginal to 50 %, 6 % retroactive 50-100 %, 10 % marginal above.
    const mixed: CommissionPlan = {
      currency: "USD",
      tiers: [
        { fromAttainment: 0, toAttainment: 0.5, rate: 0.03, mode: "marginal" },
        { fromAttainment: 0.5, toAttainment: 1, rate: 0.06, mode: "retroactive" },
        { fromAttainment: 1, toAttainment: null, rate: 0.1, mode: "marginal" },
      ],
    };
    // 120 %: 6 % × 10,000,000 (zero to the tier's ceiling) = 600,000 + 2,000,000 × 10 % = 200,000.
    expect(commissionEarned(mixed, QUOTA, 12_000_000).payoutMinor).toBe(800_000);
    // 40 %: the retroactive tier is not reached; 4,000,000 × 3 % = 120,000.
    expect(commissionEarned(mixed, QUOTA, 4_000_000).payoutMinor).toBe(120_000);
  });
});

describe("whatIfClose", () => {
  it("shows the payout change of closing one more deal (marginal)", () => {
    // 75 % -> 115 %: after = 100,000 + 400,000 + 1,500,000 × 12 % = 180,000 -> 680,000.
    expect(whatIfClose(marginal, QUOTA, 7_500_000, 4_000_000)).toEqual({
      payoutBefore: 300_000,
      payoutAfter: 680_000,
      payoutChange: 380_000,
      attainmentBefore: 0.75,
      attainmentAfter: 1.15,
    });
  });

  it("shows the retroactive cliff", () => {
    // 49 %: 4,900,000 × 2 % = 98,000. A 100,000 deal reaches 50 %: 5,000,000 × 8 % = 400,000.
    expect(whatIfClose(retroactive, QUOTA, 4_900_000, 100_000)).toMatchObject({
      payoutBefore: 98_000,
      payoutAfter: 400_000,
      payoutChange: 302_000,
    });
  });
});

describe("amountToReach and nextTier", () => {
  it("says what is missing, rounded up, never negative", () => {
    expect(amountToReach(QUOTA, 7_500_000, 1)).toBe(2_500_000);
    expect(amountToReach(QUOTA, 12_000_000, 1)).toBe(0);
    // 50 % of 10,000,001 is 5,000,000.5: reaching it takes 5,000,001.
    expect(amountToReach(10_000_001, 0, 0.5)).toBe(5_000_001);
  });

  it("finds the next tier, or null in the top tier", () => {
    expect(nextTier(marginal, QUOTA, 7_500_000)).toMatchObject({ tierIndex: 2, amountNeeded: 2_500_000, rateThere: 0.12 });
    expect(nextTier(marginal, QUOTA, 0)).toMatchObject({ tierIndex: 1, amountNeeded: 5_000_000, rateThere: 0.08 });
    expect(nextTier(marginal, QUOTA, QUOTA)).toBeNull();
    expect(nextTier(marginal, QUOTA, 12_000_000)).toBeNull();
  });
});

describe("plan validation", () => {
  it("refuses overlapping tiers, an open tier in the middle and a zero quota", () => {
    const overlapping: CommissionPlan = {
      currency: "USD",
      tiers: [
        { fromAttainment: 0, toAttainment: 0.6, rate: 0.02, mode: "marginal" },
        { fromAttainment: 0.5, toAttainment: null, rate: 0.08, mode: "marginal" },
      ],
    };
    expect(() => commissionEarned(overlapping, QUOTA, 1)).toThrow(AppError);
    const openMiddle: CommissionPlan = {
      currency: "USD",
      tiers: [
        { fromAttainment: 0, toAttainment: null, rate: 0.02, mode: "marginal" },
        { fromAttainment: 1, toAttainment: null, rate: 0.08, mode: "marginal" },
      ],
    };
    expect(() => commissionEarned(openMiddle, QUOTA, 1)).toThrow(/open-ended/);
    expect(() => commissionEarned(marginal, 0, 1)).toThrow(/quota above zero/);
    expect(() => whatIfClose(marginal, QUOTA, 1, -5)).toThrow(AppError);
  });
});

describe("commissionForPeriod (THE QUOTA RULE 5: per plan period)", () => {
  // A flat 10 % plan capped at 70,000.00 per plan period (7,000,000 minor units), by quarter.
  const flat: CommissionPlan = { currency: "MYR", payoutCapMinor: 7_000_000, tiers: [{ fromAttainment: 0, toAttainment: null, rate: 0.1, mode: "marginal" }] };
  const q3: PlanPeriod = { start: "2026-07-01", end: "2026-09-30", plan: flat };
  const q4: PlanPeriod = { start: "2026-10-01", end: "2026-12-31", plan: flat };
  // Quota 600,000.00 each quarter; closed won 1,000,000.00 in Q3 and 300,000.00 in Q4 (on the 15th).
  const quotaOf = () => 60_000_000;
  const wins = [
    { date: "2026-08-15", minor: 100_000_000 },
    { date: "2026-10-15", minor: 30_000_000 },
  ];
  const creditedIn = (range: { start: string; end: string }) =>
    wins.filter((win) => win.date >= range.start && win.date <= range.end).reduce((sum, win) => sum + win.minor, 0);

  it("caps each plan period on its own, never the sum", () => {
    // Q3: 10 % of 100,000,000 = 10,000,000 -> capped at 7,000,000. Q4: 10 % of 30,000,000 =
    // 3,000,000. H2 = 7,000,000 + 3,000,000 = 10,000,000. (Capping the H2 sum, 13,000,000, would
    // wrongly give 7,000,000.)
    const h2 = commissionForPeriod([q4, q3], { start: "2026-07-01", end: "2026-12-31" }, quotaOf, creditedIn);
    expect(h2.payoutMinor).toBe(10_000_000);
    expect(h2.cappedByPlan).toBe(true);
    expect(h2.toDate).toBe(false);
    expect(h2.planPeriods.map((line) => [line.planPeriod.start, line.creditedMinor, line.earned?.payoutMinor, line.earned?.cappedByPlan])).toEqual([
      ["2026-07-01", 100_000_000, 7_000_000, true],
      ["2026-10-01", 30_000_000, 3_000_000, false],
    ]);
  });

  it("gives a month inside a plan period the plan period's payout to date", () => {
    // November: the Q4 plan period credited from 1 Oct to 30 Nov: 30,000,000 × 10 % = 3,000,000;
    // October's win counts, since tiers apply over the plan period.
    const november = commissionForPeriod([q3, q4], { start: "2026-11-01", end: "2026-11-30" }, quotaOf, creditedIn);
    expect(november.payoutMinor).toBe(3_000_000);
    expect(november.toDate).toBe(true);
    expect(november.planPeriods).toHaveLength(1);
    expect(november.planPeriods[0]).toMatchObject({ creditedTo: "2026-11-30", toDate: true, quotaMinor: 60_000_000 });
    // September ends where Q3 ends: the whole plan period, not "to date"; capped at 7,000,000.
    const september = commissionForPeriod([q3, q4], { start: "2026-09-01", end: "2026-09-30" }, quotaOf, creditedIn);
    expect(september).toMatchObject({ payoutMinor: 7_000_000, toDate: false, cappedByPlan: true });
  });

  it("pays nothing for a plan period without a quota, and nothing without a plan", () => {
    expect(commissionForPeriod([q4], { start: "2026-10-01", end: "2026-12-31" }, () => 0, creditedIn).payoutMinor).toBe(0);
    expect(commissionForPeriod([], { start: "2026-10-01", end: "2026-12-31" }, quotaOf, creditedIn).planPeriods).toEqual([]);
  });
});
