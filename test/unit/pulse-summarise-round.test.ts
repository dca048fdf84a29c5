import { describe, expect, it } from "vitest";
import {
  summariseRound,
  trendOf,
  validateSurvey,
  type AttainmentBand,
  type RoundAnswer,
  type RoundSummary,
  type SummariseRoundOptions,
} from "../../src/core/pulse/index.js";

const survey = validateSurvey({
  title: { en: "Pulse" },
  questions: [
    { kind: "enps", id: "enps", prompt: { en: "Recommend?" } },
    { kind: "agreement", id: "workload", prompt: { en: "Workload is fine." } },
    {
      kind: "single_choice",
      id: "time-sink",
      prompt: { en: "Where?" },
      choices: [
        { id: "admin", label: { en: "Admin" } },
        { id: "meetings", label: { en: "Meetings" } },
        { id: "other", label: { en: "Other" } },
      ],
    },
    { kind: "free_text", id: "comment", prompt: { en: "Anything else?" } },
  ],
});

const DAY = "2026-03-03";

function answer(questionId: string, value: number | string, teamId: string | null = "apac", band: AttainmentBand | null = null): RoundAnswer {
  return { questionId, value, teamId, band, day: DAY };
}

function summarise(options: Partial<SummariseRoundOptions> & Pick<SummariseRoundOptions, "answers" | "respondents">): RoundSummary {
  return summariseRound({ survey, invited: 20, threshold: 5, seed: "round-1", ...options });
}

function question(summary: RoundSummary, id: string) {
  const found = summary.questions.find((q) => q.questionId === id);
  if (found === undefined) throw new Error(`no question ${id}`);
  return found;
}

/** eNPS answers: 6 promoters (10,10,10,9,9,9), 2 passives (8,7), 2 detractors (6,2). */
const TEN_ENPS = [10, 10, 10, 9, 9, 9, 8, 7, 6, 2];

describe("summariseRound: figures", () => {
  it("response rate, distribution, mean and eNPS for the 6/2/2 example", () => {
    const summary = summarise({ answers: TEN_ENPS.map((value) => answer("enps", value)), respondents: 10 });
    expect(summary.responseRate).toBe(0.5); // 10 of 20
    expect(summary.suppressed).toBeNull();
    const enps = question(summary, "enps");
    expect(enps.suppressed).toBeNull();
    expect(enps.kind === "enps" && enps.figures).toEqual({
      respondents: 10,
      distribution: [
        { value: 0, count: 0 }, { value: 1, count: 0 }, { value: 2, count: 1 }, { value: 3, count: 0 },
        { value: 4, count: 0 }, { value: 5, count: 0 }, { value: 6, count: 1 }, { value: 7, count: 1 },
        { value: 8, count: 1 }, { value: 9, count: 3 }, { value: 10, count: 3 },
      ],
      // (30 + 27 + 8 + 7 + 6 + 2) / 10 = 80 / 10
      mean: 8,
      breakdown: { promoters: 6, passives: 2, detractors: 2, total: 10 },
      // 60 % − 20 %
      score: 40,
    });
    // Nobody answered the other questions: "no data", not zero.
    expect(question(summary, "workload")).toMatchObject({ figures: null, suppressed: "no data" });
  });

  it("counts choices in the survey's order, every choice listed", () => {
    const values = ["meetings", "admin", "meetings", "meetings", "admin"];
    const summary = summarise({ answers: values.map((value) => answer("time-sink", value)), respondents: 5 });
    expect(question(summary, "time-sink").figures).toEqual({
      respondents: 5,
      distribution: [
        { choiceId: "admin", count: 2 },
        { choiceId: "meetings", count: 3 },
        { choiceId: "other", count: 0 },
      ],
    });
  });

  it("zero respondents: no data everywhere, eNPS null and response rate 0", () => {
    const summary = summarise({ answers: [], respondents: 0 });
    expect(summary.responseRate).toBe(0);
    expect(summary.suppressed).toBe("no data");
    expect(question(summary, "enps")).toMatchObject({ figures: null, suppressed: "no data" });
    expect(summariseRound({ survey, answers: [], respondents: 0, invited: 0, threshold: 5, seed: 1 }).responseRate).toBeNull();
  });
});

describe("summariseRound: thresholds", () => {
  it("shows a survey exactly at the threshold and hides it one below", () => {
    const five = [9, 9, 8, 3, 10].map((value) => answer("enps", value));
    const atThreshold = summarise({ answers: five, respondents: 5 });
    // 3 promoters, 1 passive, 1 detractor of 5: 60 % − 20 % = +40.
    expect(question(atThreshold, "enps").figures).toMatchObject({ score: 40, respondents: 5 });

    const below = summarise({ answers: five.slice(0, 4), respondents: 4 });
    expect(below.suppressed).toBe("below threshold");
    expect(below.responseRate).toBe(0.2); // 4 of 20: who took part is not hidden
    for (const q of below.questions) expect(q).toMatchObject({ figures: null, suppressed: "below threshold" });
    expect(question(below, "enps")).toMatchObject({ cuts: { team: [], band: [] } });
  });

  it("raises a threshold setting of 2 to 3", () => {
    const three = [10, 9, 0].map((value) => answer("enps", value));
    const shown = summarise({ answers: three, respondents: 3, threshold: 2 });
    expect(shown.threshold).toBe(3);
    // (2 − 1) / 3 = 33.3 % → +33
    expect(question(shown, "enps").figures).toMatchObject({ score: 33 });
    const hidden = summarise({ answers: three.slice(0, 2), respondents: 2, threshold: 2 });
    expect(hidden.suppressed).toBe("below threshold");
    expect(question(hidden, "enps").figures).toBeNull();
  });

  it("hides a question fewer than the threshold answered while the survey is shown", () => {
    const answers = [
      ...[9, 9, 9, 7, 7, 3].map((value) => answer("enps", value)),
      ...[4, 5, 2, 4].map((value) => answer("workload", value)),
    ];
    const summary = summarise({ answers, respondents: 6 });
    // 3 promoters, 2 passives, 1 detractor of 6: (3 − 1) / 6 = 33.3 % → +33
    expect(question(summary, "enps").figures).toMatchObject({ score: 33, respondents: 6 });
    expect(question(summary, "workload")).toMatchObject({ figures: null, suppressed: "below threshold", cuts: { team: [], band: [] } });
  });

  it("hides a team below the threshold while the total is shown, and the next smallest so it cannot be subtracted", () => {
    const answers = [
      ...[10, 10, 9, 9, 8, 6].map((value) => answer("enps", value, "apac")), // 6
      ...[0, 2, 4].map((value) => answer("enps", value, "emea")), // 3 < 5
      ...[9, 9, 9, 9, 9].map((value) => answer("enps", value, "amer")), // 5
    ];
    const summary = summarise({ answers, respondents: 14 });
    const enps = question(summary, "enps");
    // Total: 9 promoters, 1 passive, 4 detractors of 14: (9 − 4) / 14 = 35.7 % → +36
    expect(enps.figures).toMatchObject({ respondents: 14, score: 36 });
    if (enps.kind !== "enps") throw new Error("expected eNPS");
    // EMEA's 3 alone could be worked out as total − APAC − AMER, so AMER (5, the smallest shown) is hidden too.
    expect(enps.cuts.team.map((cut) => [cut.key, cut.suppressed, cut.figures?.score ?? null])).toEqual([
      ["amer", "protects a hidden group", null],
      ["apac", null, 50], // 4 promoters, 1 passive, 1 detractor of 6: (4 − 1) / 6 = 50 %
      ["emea", "below threshold", null],
    ]);
  });

  it("needs no second hiding when the hidden cuts together reach the threshold", () => {
    const answers = [
      ...[9, 9, 9, 9, 9, 9, 9].map((value) => answer("enps", value, "apac")), // 7
      ...[0, 0, 0].map((value) => answer("enps", value, "emea")), // 3
      ...[8, 8].map((value) => answer("enps", value, null)), // 2, no team; 3 + 2 = 5 hidden
    ];
    const enps = question(summarise({ answers, respondents: 12 }), "enps");
    if (enps.kind !== "enps") throw new Error("expected eNPS");
    expect(enps.cuts.team.map((cut) => [cut.key, cut.suppressed])).toEqual([
      ["apac", null],
      ["emea", "below threshold"],
      [null, "below threshold"],
    ]);
  });

  it("cuts by attainment band, counting answers with no band as a group of their own", () => {
    const answers = [
      ...[4, 4, 5, 5, 3].map((value) => answer("workload", value, "apac", "100 %+")),
      ...[2, 2, 1, 3, 2].map((value) => answer("workload", value, "apac", "below 50 %")),
      ...[4, 4].map((value) => answer("workload", value, "apac", null)), // 2 without a band: hidden
    ];
    const workload = question(summarise({ answers, respondents: 12 }), "workload");
    if (workload.kind !== "agreement") throw new Error("expected agreement");
    // (4+4+5+5+3+2+2+1+3+2+4+4) / 12 = 39 / 12 = 3.25
    expect(workload.figures?.mean).toBe(3.25);
    expect(workload.cuts.band.map((cut) => [cut.key, cut.suppressed, cut.figures?.mean ?? null])).toEqual([
      // Both bands have 5; one is hidden so the two no-band answers cannot be worked out as
      // 12 − 5 − 5 (ties: the group whose id sorts first, "band:all:100 %+", is hidden).
      ["below 50 %", null, 2], // 10 / 5
      ["100 %+", "protects a hidden group", null],
      [null, "below threshold", null],
    ]);
  });
});

describe("summariseRound: comments", () => {
  const comments = ["More leads please", "Fix the CRM", "Great manager", "Too many meetings", "Clearer comp plan", "Love the team"];
  const base = [10, 9, 8].map((value) => answer("enps", value));

  it("needs the comment threshold (default 5) even when the survey is shown", () => {
    const summary = summarise({ answers: [...base, ...comments.slice(0, 4).map((text) => answer("comment", text))], respondents: 4, threshold: 3 });
    expect(summary.commentThreshold).toBe(5);
    expect(question(summary, "enps").suppressed).toBeNull();
    expect(question(summary, "comment")).toEqual({ questionId: "comment", kind: "free_text", figures: null, suppressed: "below threshold" });
  });

  it("returns comments alone, shuffled by the seed: same seed same order", () => {
    const answers = [...base, ...comments.map((text, index) => answer("comment", text, `team-${index}`, "100 %+"))];
    const order = (seed: string) => {
      const comment = question(summarise({ answers, respondents: 6, threshold: 3, seed }), "comment");
      if (comment.kind !== "free_text" || comment.figures === null) throw new Error("expected comments");
      expect(comment.figures.respondents).toBe(6);
      expect(Object.keys(comment)).not.toContain("cuts");
      return comment.figures.comments;
    };
    const first = order("round-1");
    expect(first.every((text) => typeof text === "string")).toBe(true);
    expect([...first].sort()).toEqual([...comments].sort());
    expect(order("round-1")).toEqual(first);
    const orders = new Set(["round-1", "round-2", "round-3", "round-4"].map((seed) => order(seed).join("|")));
    expect(orders.size).toBeGreaterThan(1);
    expect(orders.has(comments.join("|"))).toBe(false);
  });

  it("honours a higher comment threshold setting", () => {
    const answers = [...base, ...comments.map((text) => answer("comment", text))];
    const summary = summarise({ answers, respondents: 6, threshold: 3, commentThreshold: 7 });
    expect(question(summary, "comment").suppressed).toBe("below threshold");
  });
});

describe("summariseRound: bad input", () => {
  it("refuses an answer that does not fit the survey", () => {
    expect(() => summarise({ answers: [answer("enps", 11)], respondents: 1 })).toThrow(
      "answers[0]: eNPS answers are whole numbers from 0 to 10; 11 is not one.",
    );
  });

  it("refuses more answers to a question than respondents, and more respondents than invited", () => {
    expect(() => summarise({ answers: [answer("enps", 9), answer("enps", 9)], respondents: 1 })).toThrow(
      'answers: 2 answers to "enps" but only 1 respondents.',
    );
    expect(() => summarise({ answers: [], respondents: 21 })).toThrow("respondents: 21 is more than the 20 invited.");
  });
});

describe("trendOf", () => {
  const round = (scores: number[], respondents = scores.length) =>
    summarise({ answers: scores.map((value) => answer("enps", value)), respondents });

  it("lists eNPS oldest first, skipping hidden rounds in the change", () => {
    const trend = trendOf([
      { closesOn: "2026-03-31", summary: round([10, 9, 9, 8, 6]) }, // 3 P, 1 Pa, 1 D of 5: +40
      { closesOn: "2026-01-31", summary: round([9, 9, 7, 7, 0]) }, // 2 P, 2 Pa, 1 D of 5: +20
      { closesOn: "2026-02-28", summary: round([9, 9, 9]) }, // 3 < 5: hidden
    ]);
    expect(trend.points).toEqual([
      { closesOn: "2026-01-31", score: 20, change: null },
      { closesOn: "2026-02-28", score: null, change: null },
      { closesOn: "2026-03-31", score: 40, change: 20 },
    ]);
    expect(trend.latest).toBe(40);
    expect(trend.change).toBe(20);
  });

  it("is empty with no rounds", () => {
    expect(trendOf([])).toEqual({ points: [], latest: null, change: null });
  });
});
