import { describe, expect, it } from "vitest";
import {
  backtestProjection,
  dealsAsOf,
  isProjectedDeal,
  learnWinRates,
  projectPeriodClose,
  winProbability,
  winRateModelFromCounts,
} from "../../src/core/projection.js";
import type { ForecastCategory, OpportunityState, PipelineSnapshotRow } from "../../src/core/types.js";

function row(
  snapshotDate: string,
  opportunityId: string,
  stage: string,
  forecastCategory: ForecastCategory,
  amountMinor: number,
  closeDate: string,
  outcome: "open" | "won" | "lost" = "open",
): PipelineSnapshotRow {
  return {
    snapshotDate,
    opportunityId,
    ownerId: "rep",
    stage: outcome === "open" ? stage : outcome === "won" ? "Closed Won" : "Closed Lost",
    forecastCategory: outcome === "won" ? "Closed" : outcome === "lost" ? "Omitted" : forecastCategory,
    amountMinor,
    closeDate,
    isClosed: outcome !== "open",
    isWon: outcome === "won",
  };
}

// History for a 30-day horizon. The snapshot of 2026-01-05 sees ten open deals expected to close
// by 2026-01-31 (inside 5 Jan + 30 days = 4 Feb):
//   Negotiation/Commit  N1-N4: N1, N2, N3 won by 1 Feb, N4 lost          -> 3 of 4
//   Discovery/Pipeline  D1-D4: D1 won only on 15 Mar (too late), rest lost -> 0 of 4
//   Proposal/BestCase   P1-P2: P1 won 25 Jan, P2 lost                     -> 1 of 2
// Overall 4 of 10 = 0.4. Not observations: X (expected to close 30 Apr, beyond the horizon),
// O (Omitted), and A's row of 18 May (its 30 days have not passed by 31 May).
const history: PipelineSnapshotRow[] = [
  ...["N1", "N2", "N3", "N4"].map((id) => row("2026-01-05", id, "Negotiation", "Commit", 10_000, "2026-01-31")),
  row("2026-01-26", "N1", "", "Commit", 10_000, "2026-01-20", "won"),
  row("2026-02-02", "N2", "", "Commit", 10_000, "2026-01-30", "won"),
  row("2026-02-02", "N3", "", "Commit", 10_000, "2026-02-01", "won"),
  row("2026-02-02", "N4", "", "Commit", 10_000, "2026-01-28", "lost"),
  ...["D1", "D2", "D3", "D4"].map((id) => row("2026-01-05", id, "Discovery", "Pipeline", 10_000, "2026-01-31")),
  row("2026-03-16", "D1", "", "Pipeline", 10_000, "2026-03-15", "won"),
  ...["D2", "D3", "D4"].map((id) => row("2026-02-02", id, "", "Pipeline", 10_000, "2026-01-30", "lost")),
  row("2026-01-05", "P1", "Proposal", "BestCase", 10_000, "2026-01-31"),
  row("2026-01-05", "P2", "Proposal", "BestCase", 10_000, "2026-01-31"),
  row("2026-01-26", "P1", "", "BestCase", 10_000, "2026-01-25", "won"),
  row("2026-02-02", "P2", "", "BestCase", 10_000, "2026-01-29", "lost"),
  row("2026-01-05", "X", "Negotiation", "Commit", 10_000, "2026-04-30"),
  row("2026-04-20", "X", "", "Commit", 10_000, "2026-04-20", "won"),
  row("2026-01-05", "O", "Negotiation", "Omitted", 10_000, "2026-01-31"),
  row("2026-01-26", "O", "", "Omitted", 10_000, "2026-01-20", "won"),
  row("2026-05-18", "A", "Negotiation", "Commit", 100_000, "2026-06-20"),
  // Taken after "today" (31 May): must never be read.
  row("2026-06-08", "N4", "", "Commit", 10_000, "2026-06-05", "won"),
];

function open(id: string, amountMinor: number, stageName: string, forecastCategory: ForecastCategory, closeDate: string, probability = 50): OpportunityState {
  return { id, ownerId: "rep", amountMinor, probability, forecastCategory, closeDate, isClosed: false, isWon: false, stageName };
}

describe("learnWinRates", () => {
  it("counts open deals that won within the horizon", () => {
    const model = learnWinRates(history, "2026-05-31", 30, 2);
    expect(model.overall).toEqual({ wins: 4, observations: 10 });
    expect(model.byCategory.get("Commit")).toEqual({ wins: 3, observations: 4 });
    expect(model.byCategory.get("Pipeline")).toEqual({ wins: 0, observations: 4 });
    expect(model.byStage.get("Proposal")).toEqual({ wins: 1, observations: 2 });
  });

  it("never reads past asOf", () => {
    // As of 1 Feb with 27 days to go, the 5 Jan rows are just observable (5 Jan + 27 = 1 Feb),
    // but only the wins already snapshotted by then (N1, P1 on 26 Jan) are known: 2 of 10;
    // Negotiation 1 of 4.
    const model = learnWinRates(history, "2026-02-01", 27, 2);
    expect(model.overall).toEqual({ wins: 2, observations: 10 });
    expect(model.byStage.get("Negotiation")).toEqual({ wins: 1, observations: 4 });
    // One day earlier the 5 Jan rows' window has not closed: no observations at all.
    expect(learnWinRates(history, "2026-01-31", 27, 2).overall.observations).toBe(0);
  });
});

describe("winProbability", () => {
  const model = learnWinRates(history, "2026-05-31", 30, 2);

  it("smooths stage toward category toward overall (k = 2)", () => {
    // Commit = (3 + 2 × 0.4) / (4 + 2) = 3.8/6 = 19/30.
    // Negotiation = (3 + 2 × 19/30) / (4 + 2) = (128/30)/6 = 32/45 ≈ 0.7111.
    expect(winProbability(model, "Negotiation", "Commit", 90)).toEqual({ probability: expect.closeTo(32 / 45, 12), basis: "stage", sampleSize: 4 });
    // Unseen stage in a seen category: the category's 19/30.
    expect(winProbability(model, "Verbal", "Commit", 90)).toMatchObject({ probability: expect.closeTo(19 / 30, 12), basis: "category" });
    // Unseen category: the overall 0.4.
    expect(winProbability(model, "Qualify", "MostLikely", 90)).toMatchObject({ probability: 0.4, basis: "overall", sampleSize: 10 });
  });

  it("falls back to the CRM probability with no history", () => {
    const empty = learnWinRates([], "2026-05-31", 30);
    expect(winProbability(empty, "Negotiation", "Commit", 90)).toEqual({ probability: 0.9, basis: "crmProbability", sampleSize: 0 });
  });
});

describe("projectPeriodClose", () => {
  it("adds expected wins of open deals to what has closed", () => {
    const q2 = { start: "2026-04-01", end: "2026-06-30" };
    const deals: OpportunityState[] = [
      { ...open("W1", 200_000, "Closed Won", "Closed", "2026-04-10"), isClosed: true, isWon: true },
      { ...open("L1", 70_000, "Closed Lost", "Omitted", "2026-05-01"), isClosed: true },
      open("A", 100_000, "Negotiation", "Commit", "2026-06-20"), // × 32/45 = 71,111.11
      open("B", 90_000, "Verbal", "Commit", "2026-06-10"), // × 19/30 = 57,000
      open("C", 50_000, "Qualify", "MostLikely", "2026-06-25"), // × 0.4 = 20,000
      // Pipeline = (0 + 2 × 0.4)/6 = 2/15; Discovery = (0 + 2 × 2/15)/6 = 2/45: × 2/45 = 2,000
      open("D", 45_000, "Discovery", "Pipeline", "2026-06-30"),
      // Overdue from Q1 but still open: BestCase = (1 + 0.8)/4 = 0.45; Proposal = (1 + 0.9)/4 = 0.475
      open("G", 30_000, "Proposal", "BestCase", "2026-03-20"), // × 0.475 = 14,250
      open("E", 70_000, "Negotiation", "Omitted", "2026-06-20"), // Omitted: left out
      open("F", 80_000, "Negotiation", "Commit", "2026-07-15"), // closes next quarter: left out
    ];
    const p = projectPeriodClose({ period: q2, today: "2026-05-31", opportunities: deals, history, priorStrength: 2 });
    expect(p.horizonDays).toBe(30);
    expect(p.closedMinor).toBe(200_000);
    // 71,111.11 + 57,000 + 20,000 + 2,000 + 14,250 = 164,361.11 -> 164,361.
    expect(p.expectedFromOpenMinor).toBe(164_361);
    expect(p.projectedMinor).toBe(364_361);
    expect(p.deals.map((d) => [d.opportunityId, d.basis])).toEqual([
      ["A", "stage"],
      ["B", "category"],
      ["C", "overall"],
      ["D", "stage"],
      ["G", "stage"],
    ]);
  });

  it("flags the overdue deals it counts while the period is under way", () => {
    const q2 = { start: "2026-04-01", end: "2026-06-30" };
    const deals = [open("G", 30_000, "Proposal", "BestCase", "2026-03-20"), open("A", 100_000, "Negotiation", "Commit", "2026-06-20")];
    const p = projectPeriodClose({ period: q2, today: "2026-05-31", opportunities: deals, history, priorStrength: 2 });
    // G: 30,000 × 0.475 = 14,250 (see above), counted and flagged; A in the period, not overdue.
    expect(p.deals.map((d) => [d.opportunityId, d.overdue])).toEqual([["G", true], ["A", false]]);
    expect(p.expectedFromOverdueMinor).toBe(14_250);
  });

  it("projects only a coming period's own deals: a deal due before it would close before it", () => {
    const q3 = { start: "2026-07-01", end: "2026-09-30" };
    const deals = [
      open("G", 30_000, "Proposal", "BestCase", "2026-03-20"), // overdue today: not Q3's
      open("A", 100_000, "Negotiation", "Commit", "2026-06-20"), // closes this quarter: not Q3's
      open("F", 80_000, "Negotiation", "Commit", "2026-07-15"),
    ];
    expect(deals.map((deal) => isProjectedDeal(deal, q3, "2026-05-31"))).toEqual([false, false, true]);
    const p = projectPeriodClose({ period: q3, today: "2026-05-31", opportunities: deals, history, priorStrength: 2 });
    // Horizon 31 May -> 30 Sep = 122 days; observable rows are those of 5 Jan (<= 29 Jan), closing
    // by 7 May: N1-N4, D1-D4, P1, P2, X (O is Omitted). Won by then: N1-N3, D1 (15 Mar), P1, X (20 Apr)
    // = 6 of 11. Commit (N1-N4, X) 4 of 5: (4 + 2 × 6/11) / 7 = 0.727273;
    // Negotiation 4 of 5: (4 + 2 × 0.727273) / 7 = 0.779221. F: 80,000 × 0.779221 = 62,337.66 -> 62,338.
    expect(p.horizonDays).toBe(122);
    expect(p.deals.map((d) => d.opportunityId)).toEqual(["F"]);
    expect(p.projectedMinor).toBe(62_338);
    expect(p.expectedFromOverdueMinor).toBe(0);
  });

  it("is what has closed once the period is over", () => {
    const p = projectPeriodClose({
      period: { start: "2026-04-01", end: "2026-06-30" },
      today: "2026-07-02",
      opportunities: [{ ...open("W", 5_000, "Closed Won", "Closed", "2026-06-30"), isClosed: true, isWon: true }, open("A", 100_000, "Negotiation", "Commit", "2026-06-20")],
      history,
    });
    expect(p.projectedMinor).toBe(5_000);
  });
});

describe("dealsAsOf", () => {
  it("takes each deal's latest row by then, dropping open deals the last snapshot no longer has", () => {
    const rows: PipelineSnapshotRow[] = [
      row("2025-07-21", "W", "", "Commit", 50_000, "2025-07-15", "won"),
      row("2025-07-21", "GONE", "Negotiation", "Commit", 70_000, "2025-09-05"),
      row("2025-08-31", "A", "Negotiation", "Commit", 100_000, "2025-09-15"),
      row("2025-09-22", "A", "", "Commit", 100_000, "2025-09-15", "won"),
    ];
    const { snapshotDate, deals } = dealsAsOf(rows, "2025-09-01");
    expect(snapshotDate).toBe("2025-08-31");
    // W is closed (kept: a snapshot drops closed deals after their quarter); GONE left the CRM; A open then.
    expect(deals.map((d) => [d.id, d.isClosed])).toEqual([["W", true], ["A", false]]);
  });
});

describe("backtestProjection", () => {
  // Training deals H1-H4 (snapshot 2 Jun 2025, close by 30 Jun): H1, H2 won, H3, H4 lost -> 0.5.
  // Q3 2025: W 50,000 won 15 Jul; on 31 Aug Q3a 100,000 and Q3b 60,000 are open in Negotiation;
  //   both win in September.
  // Q4 2025: W 30,000 won 10 Oct; on 1 Dec Q4a 90,000 is open in Negotiation; it is lost.
  const backHistory: PipelineSnapshotRow[] = [
    ...["H1", "H2", "H3", "H4"].map((id) => row("2025-06-02", id, "Negotiation", "Commit", 10_000, "2025-06-30")),
    row("2025-06-23", "H1", "", "Commit", 10_000, "2025-06-20", "won"),
    row("2025-06-30", "H2", "", "Commit", 10_000, "2025-06-25", "won"),
    row("2025-06-30", "H3", "", "Commit", 10_000, "2025-06-27", "lost"),
    row("2025-06-30", "H4", "", "Commit", 10_000, "2025-06-27", "lost"),
    row("2025-07-21", "Q3w", "", "Commit", 50_000, "2025-07-15", "won"),
    row("2025-08-31", "Q3a", "Negotiation", "Commit", 100_000, "2025-09-15"),
    row("2025-08-31", "Q3b", "Negotiation", "Commit", 60_000, "2025-09-20"),
    row("2025-09-22", "Q3a", "", "Commit", 100_000, "2025-09-15", "won"),
    row("2025-09-22", "Q3b", "", "Commit", 60_000, "2025-09-20", "won"),
    row("2025-10-13", "Q4w", "", "Commit", 30_000, "2025-10-10", "won"),
    row("2025-12-01", "Q4a", "Negotiation", "Commit", 90_000, "2025-12-20"),
    row("2025-12-22", "Q4a", "", "Commit", 90_000, "2025-12-19", "lost"),
  ];

  it("replays each past quarter at the same point and scores it", () => {
    const result = backtestProjection(
      backHistory,
      [
        { start: "2025-01-01", end: "2025-03-31", label: "Q1 FY2025" },
        { start: "2025-07-01", end: "2025-09-30", label: "Q3 FY2025" },
        { start: "2025-10-01", end: "2025-12-31", label: "Q4 FY2025" },
      ],
      61,
    );
    const [q1, q3, q4] = result.quarters;
    // Q1 2025: no snapshot existed yet, nothing to replay or score.
    expect(q1).toMatchObject({ asOf: "2025-03-03", projectedMinor: null, actualMinor: 0, absolutePercentageError: null });
    // Q3: as of 31 Aug (1 Jul + 61), 30 days left; only H1-H4 are observable: P = 2/4 = 0.5 at
    // every level. 50,000 + 0.5 × (100,000 + 60,000) = 130,000 against 210,000 actual:
    // error -80,000 = -38.10 %.
    expect(q3).toMatchObject({ asOf: "2025-08-31", projectedMinor: 130_000, actualMinor: 210_000, errorMinor: -80_000 });
    expect(q3!.absolutePercentageError).toBeCloseTo(80 / 210, 12);
    expect(q3!.signedPercentageError).toBeCloseTo(-80 / 210, 12);
    // Q4: as of 1 Dec, 30 days left; H1-H4 and Q3a/Q3b (both won within 30 days of 31 Aug)
    // give 4 of 6 = 2/3. 30,000 + 2/3 × 90,000 = 90,000 against 30,000: +60,000 = +200 %.
    expect(q4).toMatchObject({ asOf: "2025-12-01", projectedMinor: 90_000, actualMinor: 30_000, errorMinor: 60_000 });
    expect(q4!.absolutePercentageError).toBeCloseTo(2, 12);
    // MAPE = (0.380952 + 2) / 2 = 1.190476; bias = (-0.380952 + 2) / 2 = 0.809524.
    expect(result.meanAbsolutePercentageError).toBeCloseTo(1.190476, 6);
    expect(result.bias).toBeCloseTo(0.809524, 6);
  });
});

describe("backtestProjection with overdue deals", () => {
  // H1-H4 (2 Jun 2025, close by 30 Jun): H1, H2 won, H3, H4 lost -> 0.5 at every level (k = 5).
  // Q3 2025 replayed as of 31 Aug (day 61, 30 days left), from the 31 Aug snapshot:
  //   W won 50,000 (15 Jul); Q3a 100,000 and Q3b 60,000 open; OD 40,000 open, due 25 Jun (overdue
  //   for Q3, still open then: counted, as today's answer counts it); GONE 70,000 was open on
  //   21 Jul but is not in the 31 Aug snapshot (left the CRM): not counted.
  //   Projected 50,000 + 0.5 × (100,000 + 60,000 + 40,000) = 150,000.
  //   Actual: W + Q3a + Q3b + OD (won 10 Sep) = 250,000. Error −100,000 = −40 %.
  const rows: PipelineSnapshotRow[] = [
    ...["H1", "H2", "H3", "H4"].map((id) => row("2025-06-02", id, "Negotiation", "Commit", 10_000, "2025-06-30")),
    row("2025-06-23", "H1", "", "Commit", 10_000, "2025-06-20", "won"),
    row("2025-06-30", "H2", "", "Commit", 10_000, "2025-06-25", "won"),
    row("2025-06-30", "H3", "", "Commit", 10_000, "2025-06-27", "lost"),
    row("2025-06-30", "H4", "", "Commit", 10_000, "2025-06-27", "lost"),
    row("2025-07-21", "W", "", "Commit", 50_000, "2025-07-15", "won"),
    row("2025-07-21", "GONE", "Negotiation", "Commit", 70_000, "2025-09-05"),
    row("2025-08-31", "Q3a", "Negotiation", "Commit", 100_000, "2025-09-15"),
    row("2025-08-31", "Q3b", "Negotiation", "Commit", 60_000, "2025-09-20"),
    row("2025-08-31", "OD", "Negotiation", "Commit", 40_000, "2025-06-25"),
    row("2025-09-22", "Q3a", "", "Commit", 100_000, "2025-09-15", "won"),
    row("2025-09-22", "Q3b", "", "Commit", 60_000, "2025-09-20", "won"),
    row("2025-09-22", "OD", "", "Commit", 40_000, "2025-09-10", "won"),
  ];
  const q3 = [{ start: "2025-07-01", end: "2025-09-30", label: "Q3 FY2025" }];

  it("replays the answer's estimator with the overdue deals of the snapshot then", () => {
    const [quarter] = backtestProjection(rows, q3, 61).quarters;
    expect(quarter).toMatchObject({
      asOf: "2025-08-31",
      horizonDays: 30,
      snapshotDate: "2025-08-31",
      overdueDeals: 1,
      projectedMinor: 150_000,
      actualMinor: 250_000,
      errorMinor: -100_000,
    });
    expect(quarter!.signedPercentageError).toBeCloseTo(-0.4, 12);
  });

  it("scores against what finally closed when told (a deal won after its quarter's last snapshot)", () => {
    // Say the live deals show 300,000 won in Q3 (one more win than the snapshots saw): 150,000 − 300,000 = −50 %.
    const [quarter] = backtestProjection(rows, q3, 61, { actualMinor: (period) => (period.start === "2025-07-01" ? 300_000 : 0) }).quarters;
    expect(quarter).toMatchObject({ projectedMinor: 150_000, actualMinor: 300_000, errorMinor: -150_000 });
    expect(quarter!.signedPercentageError).toBeCloseTo(-0.5, 12);
  });

  it("uses the model the answer would have used that day when given one", () => {
    // Counts as a data source would hand them: 1 win of 4 overall, nothing per level -> 0.25 for every deal.
    const modelAt = (asOf: string, horizonDays: number) =>
      winRateModelFromCounts({ overall: { wins: 1, observations: 4 }, byCategory: [], byStage: [] }, asOf, horizonDays);
    const [quarter] = backtestProjection(rows, q3, 61, { modelAt }).quarters;
    // 50,000 + 0.25 × 200,000 = 100,000.
    expect(quarter!.projectedMinor).toBe(100_000);
  });
});
