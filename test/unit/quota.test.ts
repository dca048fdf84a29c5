import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { resolvePeriod } from "../../src/core/periods.js";
import { effectiveQuota, quotaStanding, trailingWinRate, trailingWinRateWindow } from "../../src/core/quota.js";
import type { ForecastCategory, OpportunityState } from "../../src/core/types.js";

// Q2 FY2026 with a January start: 2026-04-01 .. 2026-06-30, 65 working days
// (April 22, May 21, June 22 — see periods.test.ts).
const q2 = resolvePeriod({ kind: "quarter", quarter: 2, fiscalYear: 2026 }, "2026-05-15", 1);
const fullQuota = { amountMinor: 10_000_000, currency: "USD", rampPercent: 100 }; // 100,000.00

let seq = 0;
function deal(amountMinor: number, closeDate: string, state: "won" | "lost" | ForecastCategory): OpportunityState {
  const closed = state === "won" || state === "lost";
  return {
    id: `o${++seq}`,
    ownerId: "rep",
    amountMinor,
    probability: 50,
    forecastCategory: state === "won" ? "Closed" : state === "lost" ? "Omitted" : state,
    closeDate,
    isClosed: closed,
    isWon: state === "won",
    stageName: closed ? "Closed" : "Proposal",
  };
}

const deals: OpportunityState[] = [
  deal(2_000_000, "2026-04-10", "won"), // in Q2
  deal(1_300_000, "2026-05-15", "won"), // in Q2, closed today
  deal(900_000, "2026-03-31", "won"), // Q1: not credited in Q2, but in the win-rate window
  deal(500_000, "2026-05-02", "lost"), // Q2 loss: counts nowhere in Q2, outside the window
  deal(2_100_000, "2025-08-01", "won"), // window
  deal(6_000_000, "2025-11-11", "lost"), // window
  deal(1_000_000, "2025-03-31", "lost"), // one day before the window
  deal(4_000_000, "2026-06-15", "Commit"), // open pipeline
  deal(3_000_000, "2026-06-30", "Pipeline"), // open pipeline, last day
  deal(5_000_000, "2026-06-01", "Omitted"), // excluded from pipeline
  deal(1_000_000, "2026-07-02", "BestCase"), // closes next quarter
  deal(800_000, "2026-03-20", "Commit"), // overdue from Q1: not this period's pipeline
];

describe("effectiveQuota", () => {
  it("applies the ramp and pro-rates a mid-period start by working days", () => {
    // Start Mon 2026-05-18: May 18-29 = 10 working days + June 22 = 32 of 65.
    // 10,000,000 × 50 % × 32/65 = 160,000,000 / 65 = 2,461,538.46 -> 2,461,538.
    const eq = effectiveQuota({ ...fullQuota, rampPercent: 50 }, q2, "2026-05-18");
    expect(eq.effectiveQuotaMinor).toBe(2_461_538);
    expect(eq.proRationFraction).toBeCloseTo(32 / 65, 12);
    expect(eq.rampFraction).toBe(0.5);
    expect(eq.countsFrom).toBe("2026-05-18");
  });

  it("does not pro-rate a start before the period, and zeroes a start after it", () => {
    expect(effectiveQuota(fullQuota, q2, "2025-01-06").effectiveQuotaMinor).toBe(10_000_000);
    expect(effectiveQuota(fullQuota, q2, "2026-07-01").effectiveQuotaMinor).toBe(0);
  });

  it("rounds half-up once: 13 minor units at 50 % is 6.5 -> 7", () => {
    expect(effectiveQuota({ amountMinor: 13, currency: "USD", rampPercent: 50 }, q2).effectiveQuotaMinor).toBe(7);
  });

  it("pro-rates holidays out of both sides", () => {
    // Holiday Mon 2026-06-01: period 64 days, in seat from May 18: 31.
    // 10,000,000 × 31/64 = 4,843,750 exactly.
    expect(effectiveQuota(fullQuota, q2, "2026-05-18", ["2026-06-01"]).effectiveQuotaMinor).toBe(4_843_750);
  });

  it("refuses a ramp outside 0-100 and a fractional quota", () => {
    expect(() => effectiveQuota({ ...fullQuota, rampPercent: 120 }, q2)).toThrow(AppError);
    expect(() => effectiveQuota({ ...fullQuota, amountMinor: 10.5 }, q2)).toThrow(/minor units/);
  });
});

describe("quotaStanding", () => {
  it("works out a mid-quarter standing", () => {
    const s = quotaStanding({ period: q2, today: "2026-05-15", quota: fullQuota, opportunities: deals, fiscalYearStartMonth: 1 });
    // Closed-won in Q2: 2,000,000 + 1,300,000 = 3,300,000 -> 33 % of 10,000,000.
    expect(s.closedWonMinor).toBe(3_300_000);
    expect(s.attainment).toBeCloseTo(0.33, 12);
    expect(s.gapMinor).toBe(6_700_000);
    expect(s.overAttainmentMinor).toBe(0);
    // Elapsed, today included: April 22 + May 1, 4-8, 11-15 = 11 -> 33 of 65; 32 remain.
    expect(s.workingDaysTotal).toBe(65);
    expect(s.workingDaysElapsed).toBe(33);
    expect(s.workingDaysRemaining).toBe(32);
    // Pace = 0.33 / (33/65) = 0.65.
    expect(s.pace).toBeCloseTo(0.65, 12);
    // On-track by today: 10,000,000 × 33/65 = 5,076,923.08 -> 5,076,923.
    expect(s.expectedToDateMinor).toBe(5_076_923);
    // 32 working days left = 6.4 weeks; 6,700,000 / 6.4 = 1,046,875.
    expect(s.remainingWeeks).toBeCloseTo(6.4, 12);
    expect(s.neededPerWeekMinor).toBe(1_046_875);
    // Open pipeline in Q2, not Omitted: 4,000,000 + 3,000,000; coverage 7,000,000 / 6,700,000.
    expect(s.openPipelineMinor).toBe(7_000_000);
    expect(s.coverage).toBeCloseTo(1.044776, 6);
    // Window Q2 2025 .. Q1 2026: won 900,000 + 2,100,000 = 3,000,000; lost 6,000,000;
    // win rate 3/9 = 1/3; needed coverage 3.
    expect(s.trailingWinRate).toMatchObject({
      wonMinor: 3_000_000,
      lostMinor: 6_000_000,
      closedDeals: 3,
      windowStart: "2025-04-01",
      windowEnd: "2026-03-31",
    });
    expect(s.trailingWinRate.winRate).toBeCloseTo(1 / 3, 12);
    expect(s.neededCoverage).toBeCloseTo(3, 12);
    expect(s.currency).toBe("USD");
  });

  it("reports over-attainment and stops asking for more", () => {
    const s = quotaStanding({
      period: q2,
      today: "2026-06-10",
      quota: fullQuota,
      opportunities: [deal(12_500_000, "2026-06-01", "won"), deal(1_000_000, "2026-06-20", "Commit")],
      fiscalYearStartMonth: 1,
    });
    expect(s.attainment).toBeCloseTo(1.25, 12);
    expect(s.gapMinor).toBe(0);
    expect(s.overAttainmentMinor).toBe(2_500_000);
    expect(s.neededPerWeekMinor).toBe(0);
    expect(s.coverage).toBeNull();
  });

  it("takes the win rate over the four whole fiscal quarters before today's", () => {
    // April start, today 2026-05-15 is in Q1 FY2027 (Apr-Jun 2026): window = Apr 2025 .. Mar 2026.
    expect(trailingWinRateWindow("2026-05-15", 4)).toEqual({ start: "2025-04-01", end: "2026-03-31" });
    // November start, today 2026-12-01 is in Q1 FY2027 (Nov 2026 - Jan 2027): Nov 2025 .. Oct 2026.
    expect(trailingWinRateWindow("2026-12-01", 11)).toEqual({ start: "2025-11-01", end: "2026-10-31" });
  });

  it("has no win rate without history, and no needed coverage with only losses", () => {
    const none = quotaStanding({ period: q2, today: "2026-05-15", quota: fullQuota, opportunities: [], fiscalYearStartMonth: 1 });
    expect(none.trailingWinRate.winRate).toBeNull();
    expect(none.neededCoverage).toBeNull();
    expect(none.attainment).toBe(0);
    const lossesOnly = trailingWinRate([deal(100, "2026-01-05", "lost")], "2026-05-15", 1);
    expect(lossesOnly.winRate).toBe(0);
    const s = quotaStanding({ period: q2, today: "2026-05-15", quota: fullQuota, opportunities: [deal(100, "2026-01-05", "lost")], fiscalYearStartMonth: 1 });
    expect(s.neededCoverage).toBeNull();
  });

  it("counts the first day as elapsed and floors the last week at one", () => {
    const first = quotaStanding({ period: q2, today: "2026-04-01", quota: fullQuota, opportunities: [], fiscalYearStartMonth: 1 });
    expect(first.workingDaysElapsed).toBe(1);
    expect(first.pace).toBe(0); // 0 attainment / (1/65)
    // Monday 2026-06-29: only Tuesday 30 June is left -> one week; the whole gap is due.
    const last = quotaStanding({ period: q2, today: "2026-06-29", quota: fullQuota, opportunities: [], fiscalYearStartMonth: 1 });
    expect(last.workingDaysRemaining).toBe(1);
    expect(last.remainingWeeks).toBe(1);
    expect(last.neededPerWeekMinor).toBe(10_000_000);
    // After the period: everything elapsed, pace = attainment.
    const after = quotaStanding({
      period: q2,
      today: "2026-07-03",
      quota: fullQuota,
      opportunities: [deal(4_000_000, "2026-04-20", "won")],
      fiscalYearStartMonth: 1,
    });
    expect(after.elapsedShare).toBe(1);
    expect(after.pace).toBeCloseTo(0.4, 12);
  });

  it("measures pace over a new starter's own span", () => {
    // Ramp 50 %, start Mon 2026-05-18: effective 2,461,538 (above); span 32 working days.
    // Today Fri 2026-06-05: May 18-22, 25-29, Jun 1-5 = 15 elapsed.
    // Attainment 1,000,000 / 2,461,538 ≈ 0.40625; pace ≈ 0.40625 × 32/15 = 13/15 ≈ 0.866667.
    const s = quotaStanding({
      period: q2,
      today: "2026-06-05",
      quota: { ...fullQuota, rampPercent: 50 },
      startDate: "2026-05-18",
      opportunities: [deal(1_000_000, "2026-06-02", "won")],
      fiscalYearStartMonth: 1,
    });
    expect(s.effectiveQuotaMinor).toBe(2_461_538);
    expect(s.workingDaysTotal).toBe(32);
    expect(s.workingDaysElapsed).toBe(15);
    expect(s.pace).toBeCloseTo(0.866667, 5);
    // Remaining 17 working days = 3.4 weeks; gap 1,461,538 × 5/17 = 429,864.1 -> 429,864.
    expect(s.neededPerWeekMinor).toBe(429_864);
  });

  it("has no pace before a new starter's first day", () => {
    const s = quotaStanding({
      period: q2,
      today: "2026-05-15",
      quota: fullQuota,
      startDate: "2026-05-18",
      opportunities: [],
      fiscalYearStartMonth: 1,
    });
    expect(s.workingDaysElapsed).toBe(0);
    expect(s.pace).toBeNull();
    expect(s.remainingWeeks).toBeCloseTo(6.4, 12); // 32 days from the start date
  });
});
