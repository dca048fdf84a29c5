import { describe, expect, it } from "vitest";
import { AppError } from "../../src/core/errors.js";
import { resolvePeriod } from "../../src/core/periods.js";
import { formatPercent } from "../../src/core/i18n/format.js";
import { quotaForPeriod, quotaStanding, trailingWinRate, trailingWinRateWindow } from "../../src/core/quota.js";
import type { ForecastCategory, OpportunityState, QuotaRecord } from "../../src/core/types.js";

// Q2 FY2026 with a January start: 2026-04-01 .. 2026-06-30, 65 working days
// (April 22, May 21, June 22 — see periods.test.ts).
const q2 = resolvePeriod({ kind: "quarter", quarter: 2, fiscalYear: 2026 }, "2026-05-15", 1);
const q2Row = (rampPercent = 100): QuotaRecord => ({
  employeeId: "rep",
  periodStart: "2026-04-01",
  periodEnd: "2026-06-30",
  amountMinor: 10_000_000, // 100,000.00
  currency: "USD",
  rampPercent,
});
const fullQuota = quotaForPeriod([q2Row()], q2, []);

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

// Q4 FY2026 (January start): 2026-10-01 .. 2026-12-31. Weekdays: October 22 (Thu 1st), November
// 21 (Sun 1st), December 23 (Tue 1st) = 66.
const q4Row = (amountMinor: number, rampPercent = 100): QuotaRecord => ({
  employeeId: "rep",
  periodStart: "2026-10-01",
  periodEnd: "2026-12-31",
  amountMinor,
  currency: "MYR",
  rampPercent,
});
const q3Row: QuotaRecord = { employeeId: "rep", periodStart: "2026-07-01", periodEnd: "2026-09-30", amountMinor: 60_000_000, currency: "MYR", rampPercent: 100 };
// Kuala Lumpur's Q4 2026: Deepavali Sun 8 Nov (a weekend: no working day lost), its replacement
// Mon 9 Nov, Christmas Fri 25 Dec -> Q4 has 66 - 2 = 64 working days, November 21 - 1 = 20.
const klQ4 = ["2026-11-08", "2026-11-09", "2026-12-25"];
// New York's: Columbus Day Mon 12 Oct, Veterans Day Wed 11 Nov, Thanksgiving Thu 26 Nov,
// Christmas Fri 25 Dec -> Q4 66 - 4 = 62, November 21 - 2 = 19.
const nyQ4 = ["2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"];
const month = (m: number) => resolvePeriod({ kind: "month", month: m, calendarYear: 2026 }, "2026-11-23", 1);
const q4 = resolvePeriod({ kind: "quarter", quarter: 4, fiscalYear: 2026 }, "2026-11-23", 1);
const h2 = resolvePeriod({ kind: "half", half: 2, fiscalYear: 2026 }, "2026-11-23", 1);
const fy = resolvePeriod({ kind: "year", fiscalYear: 2026 }, "2026-11-23", 1);

describe("quotaForPeriod (THE QUOTA RULE)", () => {
  it("gives a month inside a quarterly quota its working-day share, holidays excluded", () => {
    // November: 75,000,000 × 20/64 = 23,437,500 exactly.
    const november = quotaForPeriod([q4Row(75_000_000)], month(11), klQ4);
    expect(november.quotaMinor).toBe(23_437_500);
    expect(november.proRated).toBe(true);
    expect(november.rows).toEqual([{ row: q4Row(75_000_000), shareWorkingDays: 20, rowWorkingDays: 64, quotaMinor: 23_437_500 }]);
    // October (no KL holiday): 75,000,000 × 22/64 = 25,781,250.
    expect(quotaForPeriod([q4Row(75_000_000)], month(10), klQ4).quotaMinor).toBe(25_781_250);
    // The three months add back up to the quarter: December 22 of 64 -> 25,781,250.
    // 25,781,250 + 23,437,500 + 25,781,250 = 75,000,000.
    expect(quotaForPeriod([q4Row(75_000_000)], month(12), klQ4).quotaMinor).toBe(25_781_250);
  });

  it("depends on the person's calendar, not on time zones or DST", () => {
    // New York's November (DST ends Sun 1 Nov, irrelevant to dates): 75,000,000 × 19/62 =
    // 22,983,870.97 -> 22,983,871.
    const november = quotaForPeriod([q4Row(75_000_000)], month(11), nyQ4);
    expect(november.rows[0]).toMatchObject({ shareWorkingDays: 19, rowWorkingDays: 62 });
    expect(november.quotaMinor).toBe(22_983_871);
    // Without holidays: 75,000,000 × 21/66 = 23,863,636.36 -> 23,863,636.
    expect(quotaForPeriod([q4Row(75_000_000)], month(11), []).quotaMinor).toBe(23_863_636);
  });

  it("sums the rows a half or a year covers, each wholly, ramp applied once", () => {
    // H2 = Q3 60,000,000 + Q4 75,000,000 × 50 % = 97,500,000; nothing pro-rated.
    const half = quotaForPeriod([q3Row, q4Row(75_000_000, 50)], h2, klQ4);
    expect(half.quotaMinor).toBe(97_500_000);
    expect(half.proRated).toBe(false);
    expect(half.rows.map((share) => share.quotaMinor)).toEqual([60_000_000, 37_500_000]);
    // FY2026 has only those two rows: the same sum. Q4 alone is its row.
    expect(quotaForPeriod([q3Row, q4Row(75_000_000, 50)], fy, klQ4).quotaMinor).toBe(97_500_000);
    expect(quotaForPeriod([q3Row, q4Row(75_000_000, 50)], q4, klQ4).quotaMinor).toBe(37_500_000);
  });

  it("pro-rates a ramped row that only partly overlaps, rounding half-up once", () => {
    // October at 50 % ramp: 75,000,000 × 50 × 22 / (100 × 64) = 12,890,625.
    expect(quotaForPeriod([q4Row(75_000_000, 50)], month(10), klQ4).quotaMinor).toBe(12_890_625);
    // A period from Wed 30 Sep to Thu 1 Oct overlaps both rows by one working day. Q3 has 66
    // weekdays (July 23, August 21, September 22; the list has no Q3 holiday): 60,000,000 × 1/66 =
    // 909,090.9 -> 909,091. Q4: 75,000,000 × 1/64 = 1,171,875.
    const straddle = quotaForPeriod([q3Row, q4Row(75_000_000)], { start: "2026-09-30", end: "2026-10-01" }, klQ4);
    expect(straddle.rows.map((share) => [share.shareWorkingDays, share.rowWorkingDays, share.quotaMinor])).toEqual([
      [1, 66, 909_091],
      [1, 64, 1_171_875],
    ]);
    expect(straddle.quotaMinor).toBe(909_091 + 1_171_875);
    // 13 minor units at 50 %, whole row: 6.5 -> 7.
    expect(quotaForPeriod([q4Row(13, 50)], q4, []).quotaMinor).toBe(7);
  });

  it("never pro-rates by the person's start date (the ramp says it)", () => {
    // The row is worth amount × ramp for its own dates, whoever started when: 75,000,000 × 50 %.
    expect(quotaForPeriod([q4Row(75_000_000, 50)], q4, []).quotaMinor).toBe(37_500_000);
  });

  it("has no quota without an overlapping row, and refuses bad rows", () => {
    const none = quotaForPeriod([q3Row], q4, []);
    expect(none).toEqual({ quotaMinor: 0, proRated: false, rows: [] });
    expect(quotaForPeriod([], month(11), klQ4).rows).toEqual([]);
    expect(() => quotaForPeriod([q4Row(75_000_000, 120)], q4, [])).toThrow(AppError);
    expect(() => quotaForPeriod([q4Row(10.5)], q4, [])).toThrow(/minor units/);
  });
});

describe("attainment display", () => {
  it("never shows 100 % that is not reached", () => {
    // 749,700 of 750,000 = 99.96 %: one decimal would round it to 100 %; it shows 99.9 %.
    expect(formatPercent(74_970_000 / 75_000_000, "en")).toBe("99.9%");
    expect(formatPercent(1.19996, "en")).toBe("119.9%");
    expect(formatPercent(1, "en")).toBe("100%");
    // Ordinary values still round to the nearest tenth (0.29 is 28.999… in binary).
    expect(formatPercent(0.29, "en")).toBe("29%");
    expect(formatPercent(0.87549, "en")).toBe("87.5%");
    expect(formatPercent(0.8756, "en")).toBe("87.6%");
  });
});

describe("quotaStanding", () => {
  it("works out a mid-quarter standing", () => {
    const s = quotaStanding({ period: q2, today: "2026-05-15", quota: fullQuota, currency: "USD", opportunities: deals, fiscalYearStartMonth: 1 });
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
      currency: "USD",
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
    const none = quotaStanding({ period: q2, today: "2026-05-15", quota: fullQuota, currency: "USD", opportunities: [], fiscalYearStartMonth: 1 });
    expect(none.trailingWinRate.winRate).toBeNull();
    expect(none.neededCoverage).toBeNull();
    expect(none.attainment).toBe(0);
    const lossesOnly = trailingWinRate([deal(100, "2026-01-05", "lost")], "2026-05-15", 1);
    expect(lossesOnly.winRate).toBe(0);
    const s = quotaStanding({ period: q2, today: "2026-05-15", quota: fullQuota, currency: "USD", opportunities: [deal(100, "2026-01-05", "lost")], fiscalYearStartMonth: 1 });
    expect(s.neededCoverage).toBeNull();
  });

  it("counts the first day as elapsed and floors the last week at one", () => {
    const first = quotaStanding({ period: q2, today: "2026-04-01", quota: fullQuota, currency: "USD", opportunities: [], fiscalYearStartMonth: 1 });
    expect(first.workingDaysElapsed).toBe(1);
    expect(first.pace).toBe(0); // 0 attainment / (1/65)
    // Monday 2026-06-29: only Tuesday 30 June is left -> one week; the whole gap is due.
    const last = quotaStanding({ period: q2, today: "2026-06-29", quota: fullQuota, currency: "USD", opportunities: [], fiscalYearStartMonth: 1 });
    expect(last.workingDaysRemaining).toBe(1);
    expect(last.remainingWeeks).toBe(1);
    expect(last.neededPerWeekMinor).toBe(10_000_000);
    // After the period: everything elapsed, pace = attainment.
    const after = quotaStanding({
      period: q2,
      today: "2026-07-03",
      quota: fullQuota,
      currency: "USD",
      opportunities: [deal(4_000_000, "2026-04-20", "won")],
      fiscalYearStartMonth: 1,
    });
    expect(after.elapsedShare).toBe(1);
    expect(after.pace).toBeCloseTo(0.4, 12);
  });

  it("measures pace over a new starter's own span, without pro-rating the quota again", () => {
    // CHANGED for THE QUOTA RULE 1: this test used to expect 10,000,000 × 50 % × 32/65 =
    // 2,461,538 (ramp AND start-date pro-ration, the double reduction of issue 9). The ramped row
    // alone now sets the quota: 10,000,000 × 50 % = 5,000,000. Pace still counts the person's own
    // span: start Mon 2026-05-18, 32 working days; today Fri 2026-06-05: 15 elapsed.
    // Attainment 1,000,000 / 5,000,000 = 0.2; pace = 0.2 × 32/15 ≈ 0.426667.
    const s = quotaStanding({
      period: q2,
      today: "2026-06-05",
      quota: quotaForPeriod([q2Row(50)], q2, []),
      currency: "USD",
      startDate: "2026-05-18",
      opportunities: [deal(1_000_000, "2026-06-02", "won")],
      fiscalYearStartMonth: 1,
    });
    expect(s.effectiveQuotaMinor).toBe(5_000_000);
    expect(s.countsFrom).toBe("2026-05-18");
    expect(s.workingDaysTotal).toBe(32);
    expect(s.workingDaysElapsed).toBe(15);
    expect(s.pace).toBeCloseTo(0.426667, 5);
    // Remaining 17 working days = 3.4 weeks; gap 4,000,000 × 5/17 = 1,176,470.6 -> 1,176,471.
    expect(s.neededPerWeekMinor).toBe(1_176_471);
  });

  it("shows an ended period's final result: nothing needed per week", () => {
    // Q2 asked on 2026-07-03: 4,000,000 of 10,000,000 closed, gap 6,000,000 stays, but the period
    // is over: no remaining weeks, nothing "needed per week".
    const s = quotaStanding({
      period: q2,
      today: "2026-07-03",
      quota: fullQuota,
      currency: "USD",
      opportunities: [deal(4_000_000, "2026-04-20", "won")],
      fiscalYearStartMonth: 1,
    });
    expect(s.ended).toBe(true);
    expect(s.gapMinor).toBe(6_000_000);
    expect(s.neededPerWeekMinor).toBe(0);
    expect(s.remainingWeeks).toBe(0);
    // The last day itself is not ended.
    expect(quotaStanding({ period: q2, today: "2026-06-30", quota: fullQuota, currency: "USD", opportunities: [], fiscalYearStartMonth: 1 }).ended).toBe(false);
  });

  it("takes pace and needed-per-week over working days less holidays", () => {
    // Holiday Mon 2026-06-01 in Q2: 64 working days; today Fri 2026-05-15: 33 elapsed, 31 left.
    // Needed per week: 10,000,000 × 5/31 = 1,612,903.2 -> 1,612,903.
    const s = quotaStanding({ period: q2, today: "2026-05-15", quota: fullQuota, currency: "USD", opportunities: [], fiscalYearStartMonth: 1, holidays: ["2026-06-01"] });
    expect(s.workingDaysTotal).toBe(64);
    expect(s.workingDaysRemaining).toBe(31);
    expect(s.neededPerWeekMinor).toBe(1_612_903);
  });

  it("has no pace before a new starter's first day", () => {
    const s = quotaStanding({
      period: q2,
      today: "2026-05-15",
      quota: fullQuota,
      currency: "USD",
      startDate: "2026-05-18",
      opportunities: [],
      fiscalYearStartMonth: 1,
    });
    expect(s.workingDaysElapsed).toBe(0);
    expect(s.pace).toBeNull();
    expect(s.remainingWeeks).toBeCloseTo(6.4, 12); // 32 days from the start date
  });
});
