import { describe, expect, it } from "vitest";
import { forecastChange, forecastTotals, latestForecastCall, rollUpForecast, rollUpMembers, stateFromSnapshot } from "../../src/core/forecast.js";
import { buildOrgChart } from "../../src/core/org-chart.js";
import type { ForecastCall, ForecastCategory, OpportunityState, OrgEmployee } from "../../src/core/types.js";

const q2 = { start: "2026-04-01", end: "2026-06-30" };

function deal(
  id: string,
  ownerId: string,
  amountMinor: number,
  probability: number,
  state: ForecastCategory | "won" | "lost",
  closeDate: string,
  stageName = "Proposal",
): OpportunityState {
  const closed = state === "won" || state === "lost";
  return {
    id,
    ownerId,
    amountMinor,
    probability,
    forecastCategory: state === "won" ? "Closed" : state === "lost" ? "Omitted" : state,
    closeDate,
    isClosed: closed,
    isWon: state === "won",
    stageName,
  };
}

function employee(id: string, managerId: string | null, role: OrgEmployee["role"] = "rep"): OrgEmployee {
  return { id, name: id, email: `${id}@example.com`, role, managerId, teamId: null, active: true };
}

const r1Deals = [
  deal("a", "r1", 1_000_000, 100, "won", "2026-04-05"),
  deal("b", "r1", 2_000_000, 90, "Commit", "2026-06-10"),
  deal("c", "r1", 500_000, 70, "MostLikely", "2026-06-20"),
  deal("d", "r1", 300_000, 40, "BestCase", "2026-05-30"),
  deal("e", "r1", 1_000_000, 10, "Pipeline", "2026-06-01"),
  deal("f", "r1", 9_000_000, 5, "Omitted", "2026-06-01"),
  deal("g", "r1", 700_000, 0, "lost", "2026-05-01"),
  deal("h", "r1", 4_000_000, 90, "Commit", "2026-07-15"),
];

describe("forecastTotals", () => {
  it("builds closed, commit, best case, pipeline and weighted figures", () => {
    // Closed a 1,000,000. Commit = 1,000,000 + b 2,000,000. Best = 3,000,000 + c 500,000 + d 300,000.
    // Pipeline (open, not Omitted, in Q2) = b + c + d + e = 3,800,000; f is Omitted, h closes in Q3.
    // Weighted = 2,000,000×90 % + 500,000×70 % + 300,000×40 % + 1,000,000×10 %
    //          = 1,800,000 + 350,000 + 120,000 + 100,000 = 2,370,000.
    expect(forecastTotals(r1Deals, q2)).toEqual({
      closedMinor: 1_000_000,
      commitMinor: 3_000_000,
      bestCaseMinor: 3_800_000,
      pipelineMinor: 3_800_000,
      weightedPipelineMinor: 2_370_000,
      openDeals: 4,
      wonDeals: 1,
    });
  });

  it("treats an open deal filed under Closed as Commit", () => {
    expect(forecastTotals([deal("z", "r1", 100, 100, "Closed", "2026-05-01")], q2)).toMatchObject({
      closedMinor: 0,
      commitMinor: 100,
      pipelineMinor: 100,
    });
  });
});

describe("rollUpForecast", () => {
  //     vp
  //    /  \
  //   m1   r3
  //  /  \
  // r1   r2
  const org = buildOrgChart([employee("vp", null, "manager"), employee("m1", "vp", "manager"), employee("r1", "m1"), employee("r2", "m1"), employee("r3", "vp")]);
  const deals = [
    ...r1Deals,
    deal("r2-won", "r2", 500_000, 100, "won", "2026-04-20"),
    deal("r2-commit", "r2", 1_000_000, 80, "Commit", "2026-06-01"),
    deal("r3-pipe", "r3", 2_000_000, 20, "Pipeline", "2026-05-20"),
    deal("stranger", "not-in-org", 5_000_000, 50, "Commit", "2026-05-20"),
  ];
  const calls: ForecastCall[] = [
    { employeeId: "m1", periodStart: q2.start, periodEnd: q2.end, commitMinor: 4_000_000, bestCaseMinor: 5_000_000, currency: "USD", submittedAt: new Date("2026-05-01T09:00:00Z") },
    { employeeId: "m1", periodStart: q2.start, periodEnd: q2.end, commitMinor: 4_200_000, bestCaseMinor: 5_500_000, currency: "USD", submittedAt: new Date("2026-05-08T09:00:00Z") },
    { employeeId: "m1", periodStart: "2026-01-01", periodEnd: "2026-03-31", commitMinor: 1, bestCaseMinor: 1, currency: "USD", submittedAt: new Date("2026-05-10T09:00:00Z") },
  ];

  it("rolls own figures up the chain", () => {
    const result = rollUpForecast({ org, period: q2, opportunities: deals, calls, quotas: new Map([["m1", 6_000_000]]) });
    expect([...result.keys()]).toEqual(["vp", "m1", "r3", "r1", "r2"]);
    // r2: closed 500,000; commit 1,500,000; best 1,500,000; pipeline 1,000,000; weighted 800,000.
    expect(result.get("r2")!.own).toMatchObject({ closedMinor: 500_000, commitMinor: 1_500_000, weightedPipelineMinor: 800_000 });
    // m1 = r1 + r2: closed 1,500,000; commit 4,500,000; best 5,300,000; pipeline 4,800,000;
    // weighted 2,370,000 + 800,000 = 3,170,000. m1 owns nothing.
    const m1 = result.get("m1")!;
    expect(m1.own.pipelineMinor).toBe(0);
    expect(m1.team).toEqual({
      closedMinor: 1_500_000,
      commitMinor: 4_500_000,
      bestCaseMinor: 5_300_000,
      pipelineMinor: 4_800_000,
      weightedPipelineMinor: 3_170_000,
      openDeals: 5,
      wonDeals: 2,
    });
    expect(m1.directReportIds).toEqual(["r1", "r2"]);
    // vp = m1 + r3 (pipeline 2,000,000 at 20 % = 400,000). The stranger's deal counts nowhere.
    expect(result.get("vp")!.team).toMatchObject({ pipelineMinor: 6_800_000, weightedPipelineMinor: 3_570_000, commitMinor: 4_500_000 });
    // Latest Q2 call (8 May) against a 6,000,000 quota: 4,200,000 = 70 %, 5,500,000 ≈ 91.67 %.
    expect(m1.call?.commitMinor).toBe(4_200_000);
    expect(m1.commitCallVsQuota).toBeCloseTo(0.7, 12);
    expect(m1.bestCaseCallVsQuota).toBeCloseTo(5.5 / 6, 12);
    expect(result.get("r1")!.call).toBeNull();
    expect(result.get("r1")!.commitCallVsQuota).toBeNull();
  });

  it("rolls up one manager's subtree only", () => {
    const result = rollUpForecast({ org, period: q2, opportunities: deals, rootId: "m1" });
    expect([...result.keys()]).toEqual(["m1", "r1", "r2"]);
    expect(result.get("m1")!.team.closedMinor).toBe(1_500_000);
    expect(rollUpForecast({ org, period: q2, opportunities: deals, rootId: "nobody" }).size).toBe(0);
    expect(rollUpMembers(org, "m1")).toEqual(["m1", "r1", "r2"]);
    expect(rollUpMembers(org, "nobody")).toEqual([]);
  });

  it("rounds the weighted figure once per roll-up, not once per person", () => {
    // Two people with 5 at 10 % each: 0.5 each -> 1 each when shown alone, but the team's
    // weighted figure is 0.5 + 0.5 = 1.0 -> 1, not 1 + 1 = 2.
    const small = buildOrgChart([employee("m", null, "manager"), employee("p", "m"), employee("q", "m")]);
    const result = rollUpForecast({
      org: small,
      period: q2,
      opportunities: [deal("p1", "p", 5, 10, "Pipeline", "2026-05-01"), deal("q1", "q", 5, 10, "Pipeline", "2026-05-01")],
    });
    expect(result.get("p")!.own.weightedPipelineMinor).toBe(1);
    expect(result.get("m")!.team.weightedPipelineMinor).toBe(1);
  });

  it("counts each person once in a loop of managers", () => {
    // l1 -> l2 -> l1 has no root; l3 reports to l1. Each owns 100 of Commit.
    const loop = buildOrgChart([employee("l1", "l2"), employee("l2", "l1"), employee("l3", "l1")]);
    const result = rollUpForecast({
      org: loop,
      period: q2,
      opportunities: ["l1", "l2", "l3"].map((id) => deal(`${id}-d`, id, 100, 50, "Commit", "2026-05-01")),
    });
    expect(result.size).toBe(3);
    // The walk starts at l1 (first in input); l1's team is everyone once: 300.
    expect(result.get("l1")!.team.commitMinor).toBe(300);
  });

  it("rolls 2,000 people and 500,000 deals up to totals equal to the sum of the leaves", () => {
    // vp -> 10 directors -> 9 managers each (90) -> 1,899 reps spread over the managers.
    const people: OrgEmployee[] = [employee("vp", null, "manager")];
    for (let d = 0; d < 10; d++) people.push(employee(`d${d}`, "vp", "manager"));
    for (let m = 0; m < 90; m++) people.push(employee(`m${m}`, `d${m % 10}`, "manager"));
    const reps: string[] = [];
    for (let r = 0; r < 1_899; r++) {
      reps.push(`r${r}`);
      people.push(employee(`r${r}`, `m${r % 90}`));
    }
    expect(people).toHaveLength(2_000);

    // A fixed linear congruential generator so the data is the same on every run.
    let seed = 12_345;
    const next = (n: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const categories: ForecastCategory[] = ["Omitted", "Pipeline", "BestCase", "MostLikely", "Commit"];
    const deals: OpportunityState[] = [];
    // Leaf sums kept by category while generating, independent of the roll-up's own code.
    let closed = 0;
    let commitOpen = 0;
    let upsideOpen = 0;
    let pipelineOnly = 0;
    let weightedCents = 0; // amount × probability, in minor units × percent
    let d1Pipeline = 0; // everything open (not Omitted) owned below director d1
    for (let i = 0; i < 500_000; i++) {
      const owner = reps[next(reps.length)]!;
      const amount = 1_000 + next(1_000_000);
      const probability = next(101);
      const inPeriod = next(10) < 8;
      const closeDate = inPeriod ? "2026-05-15" : "2026-08-15";
      const roll = next(10);
      let d: OpportunityState;
      if (roll === 0) d = deal(`o${i}`, owner, amount, 100, "won", closeDate);
      else if (roll === 1) d = deal(`o${i}`, owner, amount, 0, "lost", closeDate);
      else d = deal(`o${i}`, owner, amount, probability, categories[next(5)]!, closeDate);
      deals.push(d);
      if (!inPeriod || (d.isClosed && !d.isWon)) continue;
      if (d.isWon) closed += amount;
      else if (d.forecastCategory === "Commit") commitOpen += amount;
      else if (d.forecastCategory === "BestCase" || d.forecastCategory === "MostLikely") upsideOpen += amount;
      else if (d.forecastCategory === "Pipeline") pipelineOnly += amount;
      if (!d.isClosed && d.forecastCategory !== "Omitted") {
        weightedCents += amount * probability;
        if (Number(owner.slice(1)) % 90 % 10 === 1) d1Pipeline += amount;
      }
    }

    const result = rollUpForecast({ org: buildOrgChart(people), period: q2, opportunities: deals });
    expect(result.size).toBe(2_000);
    const vp = result.get("vp")!.team;
    expect(vp.closedMinor).toBe(closed);
    expect(vp.commitMinor).toBe(closed + commitOpen);
    expect(vp.bestCaseMinor).toBe(closed + commitOpen + upsideOpen);
    expect(vp.pipelineMinor).toBe(commitOpen + upsideOpen + pipelineOnly);
    expect(vp.weightedPipelineMinor).toBe(Math.round(weightedCents / 100));
    // Director d1 manages m1, m11, …, m81, i.e. reps whose index mod 90 mod 10 is 1.
    expect(result.get("d1")!.team.pipelineMinor).toBe(d1Pipeline);
    // And the roll-up agrees with itself: vp's team = sum of every rep's own figures.
    let leafCommit = 0;
    for (const rep of reps) leafCommit += result.get(rep)!.own.commitMinor;
    expect(vp.commitMinor).toBe(leafCommit);
  });
});

describe("latestForecastCall", () => {
  it("takes the latest submission for exactly the period", () => {
    const calls: ForecastCall[] = [
      { employeeId: "r1", periodStart: q2.start, periodEnd: q2.end, commitMinor: 1, bestCaseMinor: 2, currency: "USD", submittedAt: new Date("2026-05-02T00:00:00Z") },
      { employeeId: "r1", periodStart: q2.start, periodEnd: q2.end, commitMinor: 3, bestCaseMinor: 4, currency: "USD", submittedAt: new Date("2026-05-01T00:00:00Z") },
    ];
    expect(latestForecastCall(calls, "r1", q2)?.commitMinor).toBe(1);
    expect(latestForecastCall(calls, "r2", q2)).toBeNull();
  });
});

describe("forecastChange", () => {
  const before = [
    deal("k1", "r1", 1_000_000, 90, "Commit", "2026-05-20", "Negotiation"),
    deal("k2", "r1", 500_000, 40, "BestCase", "2026-06-01"),
    deal("k3", "r1", 800_000, 80, "Commit", "2026-06-20", "Negotiation"),
    deal("k4", "r1", 300_000, 10, "Pipeline", "2026-07-05", "Discovery"),
    deal("k6", "r1", 400_000, 60, "MostLikely", "2026-06-15", "Proposal"),
    deal("k7", "r1", 100_000, 10, "Pipeline", "2026-06-15", "Discovery"),
    deal("k8", "r1", 50_000, 10, "Pipeline", "2026-06-15", "Discovery"),
  ];
  const after = [
    { ...deal("k1", "r1", 1_000_000, 100, "won", "2026-05-12", "Closed Won"), name: "Acme renewal", accountName: "Acme" },
    deal("k2", "r1", 500_000, 0, "lost", "2026-05-13"),
    deal("k3", "r1", 800_000, 80, "Commit", "2026-07-10", "Negotiation"),
    deal("k4", "r1", 300_000, 20, "Pipeline", "2026-06-25", "Discovery"),
    deal("k5", "r1", 200_000, 10, "Pipeline", "2026-06-01", "Discovery"),
    deal("k6", "r1", 450_000, 80, "Commit", "2026-06-15", "Negotiation"),
    deal("k7", "r1", 100_000, 10, "Pipeline", "2026-06-15", "Discovery"),
    deal("k9", "someone-else", 999_000, 50, "Commit", "2026-06-15"),
  ];

  it("explains the week's change deal by deal", () => {
    const change = forecastChange(before, after, q2, new Set(["r1"]));
    // Before: commit k1 + k3 = 1,800,000; best + k2 + k6 = 2,700,000; pipeline + k7 + k8 = 2,850,000;
    // weighted 900,000 + 200,000 + 640,000 + 240,000 + 10,000 + 5,000 = 1,995,000 (k4 is in Q3).
    expect(change.before).toMatchObject({ closedMinor: 0, commitMinor: 1_800_000, bestCaseMinor: 2_700_000, pipelineMinor: 2_850_000, weightedPipelineMinor: 1_995_000 });
    // After: closed k1 1,000,000; commit + k6 450,000 = 1,450,000; best the same;
    // pipeline k6 + k4 + k5 + k7 = 1,050,000; weighted 360,000 + 60,000 + 20,000 + 10,000 = 450,000.
    expect(change.after).toMatchObject({ closedMinor: 1_000_000, commitMinor: 1_450_000, bestCaseMinor: 1_450_000, pipelineMinor: 1_050_000, weightedPipelineMinor: 450_000 });
    expect(change.delta).toMatchObject({
      closedMinor: 1_000_000,
      commitMinor: -350_000,
      bestCaseMinor: -1_250_000,
      pipelineMinor: -1_800_000,
      weightedPipelineMinor: -1_545_000,
    });
    expect(change.moves.map((m) => [m.kind, m.opportunityId])).toEqual([
      ["won", "k1"],
      ["lost", "k2"],
      ["pushed", "k3"],
      ["pulledIn", "k4"],
      ["new", "k5"],
      ["changed", "k6"],
      ["removed", "k8"],
    ]);
    expect(change.moves[0]).toMatchObject({ name: "Acme renewal", accountName: "Acme" });
    expect(change.moves[2]).toMatchObject({ closeDateBefore: "2026-06-20", closeDateAfter: "2026-07-10", closeDateChanged: true });
    expect(change.moves[5]).toMatchObject({
      amountChangeMinor: 50_000,
      amountChanged: true,
      categoryBefore: "MostLikely",
      categoryAfter: "Commit",
      stageBefore: "Proposal",
      stageAfter: "Negotiation",
      closeDateChanged: false,
    });
    expect(change.moves[6]).toMatchObject({ amountAfterMinor: null, amountChangeMinor: -50_000 });
  });

  it("reads snapshot rows as deal states", () => {
    const state = stateFromSnapshot({
      snapshotDate: "2026-05-08",
      opportunityId: "k1",
      ownerId: "r1",
      stage: "Negotiation",
      forecastCategory: "Commit",
      amountMinor: 1_000_000,
      closeDate: "2026-05-20",
      isClosed: false,
      isWon: false,
      probability: 90,
    });
    expect(state).toEqual(before[0]);
  });
});
