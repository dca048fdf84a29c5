import { describe, expect, it } from "vitest";
import { parseForecastQuestion, type ForecastIntent } from "../../src/core/questions/forecast-question.js";

const NEXT_QUARTER = { kind: "relative", unit: "quarter", offset: 1 } as const;
const read = (text: string, major: string) => ({ ok: true, text, major });

describe("parseForecastQuestion", () => {
  it.each([
    ["", { kind: "own" }],
    ["Q1", { kind: "own", period: { kind: "quarter", quarter: 1 } }],
    ["next quarter", { kind: "own", period: NEXT_QUARTER, language: "en" }],
    ["my forecast", { kind: "own", language: "en" }],
    ["suku depan", { kind: "own", period: NEXT_QUARTER, language: "ms" }],
    ["team", { kind: "team", language: "en" }],
    ["team Q2 FY2027", { kind: "team", period: { kind: "quarter", quarter: 2, fiscalYear: 2027 }, language: "en" }],
    ["pasukan suku depan", { kind: "team", period: NEXT_QUARTER, language: "ms" }],
    ["@maria", { kind: "subject", subject: { handle: "maria" } }],
    ["<@U024BE7LH|maria> next quarter", { kind: "subject", subject: { slackUserId: "U024BE7LH", handle: "maria" }, period: NEXT_QUARTER, language: "en" }],
    [
      "submit commit 120k best 150k",
      { kind: "submit", commitText: "120k", commit: read("120k", "120000"), bestCaseText: "150k", bestCase: read("150k", "150000"), language: "en" },
    ],
    [
      "hantar commit 120k best 150k",
      { kind: "submit", commitText: "120k", commit: read("120k", "120000"), bestCaseText: "150k", bestCase: read("150k", "150000"), language: "ms" },
    ],
    [
      "hantar komit 120k kes terbaik 150k",
      { kind: "submit", commitText: "120k", commit: read("120k", "120000"), bestCaseText: "150k", bestCase: read("150k", "150000"), language: "ms" },
    ],
    ["submit commit 120k", { kind: "submit", commitText: "120k", commit: read("120k", "120000"), language: "en" }],
    [
      "Submit Commit: 1.2m, Best Case: 1.5m",
      { kind: "submit", commitText: "1.2m", commit: read("1.2m", "1200000"), bestCaseText: "1.5m", bestCase: read("1.5m", "1500000"), language: "en" },
    ],
    [
      "submit 120k / 150k",
      { kind: "submit", commitText: "120k", commit: read("120k", "120000"), bestCaseText: "150k", bestCase: read("150k", "150000"), language: "en" },
    ],
    [
      "hantar 1.2 juta 1.5 juta",
      { kind: "submit", commitText: "1.2 juta", commit: read("1.2 juta", "1200000"), bestCaseText: "1.5 juta", bestCase: read("1.5 juta", "1500000"), language: "ms" },
    ],
    [
      "commit RM 120,000",
      { kind: "submit", commitText: "RM 120,000", commit: { ...read("RM 120,000", "120000"), currency: "MYR", currencySymbol: "RM" } },
    ],
    [
      "submit commit 120k best 150k for next quarter",
      {
        kind: "submit", commitText: "120k", commit: read("120k", "120000"), bestCaseText: "150k", bestCase: read("150k", "150000"),
        period: NEXT_QUARTER, language: "en",
      },
    ],
    [
      "submit Q3 commit 120k best 150k",
      {
        kind: "submit", commitText: "120k", commit: read("120k", "120000"), bestCaseText: "150k", bestCase: read("150k", "150000"),
        period: { kind: "quarter", quarter: 3 }, language: "en",
      },
    ],
    ["submit commit 150k best 120k", { kind: "submitRejected", reason: "best_below_commit", commitText: "150k", bestCaseText: "120k", language: "en" }],
    ["submit", { kind: "submitRejected", reason: "missing_commit", language: "en" }],
    ["hantar", { kind: "submitRejected", reason: "missing_commit", language: "ms" }],
    [
      "submit commit -5k",
      { kind: "submitRejected", reason: "amount_invalid", field: "commit", amountText: "-5k", amountReason: "negative", commitText: "-5k", language: "en" },
    ],
    [
      "submit commit 120k best lots",
      {
        kind: "submitRejected", reason: "amount_invalid", field: "bestCase", amountText: "lots", amountReason: "malformed",
        commitText: "120k", bestCaseText: "lots", language: "en",
      },
    ],
    ["method", { kind: "method", language: "en" }],
    ["how is the projection made", { kind: "method", language: "en" }],
    ["how accurate is this?", { kind: "method", language: "en" }],
    ["kaedah", { kind: "method", language: "ms" }],
    ["macam mana unjuran dikira", { kind: "method", language: "ms" }],
    ["history", { kind: "history" }],
    ["my past calls", { kind: "history", language: "en" }],
    ["sejarah ramalan", { kind: "history", language: "ms" }],
    ["digest", { kind: "digest", language: "en" }],
    ["ringkasan mingguan", { kind: "digest", language: "ms" }],
    ["help", { kind: "help", language: "en" }],
    ["bantuan", { kind: "help", language: "ms" }],
    ["?", { kind: "help" }],
  ] as [string, ForecastIntent][])("%j", (text, intent) => {
    expect(parseForecastQuestion(text)).toStrictEqual(intent);
  });

  it("compares best case with commit only in the same currency", () => {
    expect(parseForecastQuestion("submit commit RM 120k best USD 100k")).toMatchObject({ kind: "submit" });
    expect(parseForecastQuestion("submit commit RM 120k best RM 100k")).toMatchObject({ kind: "submitRejected", reason: "best_below_commit" });
    expect(parseForecastQuestion("submit commit 120k best 120k")).toMatchObject({ kind: "submit" });
  });

  it("lets ordinary questions that start with a verb through", () => {
    expect(parseForecastQuestion("send digest")).toMatchObject({ kind: "digest" });
  });

  it.each(["blah", "what is love", "@maria @john", "'; DROP TABLE employee; --"])("%j is not understood", (text) => {
    expect(parseForecastQuestion(text).kind).toBe("unknown");
  });
});

describe("parseForecastQuestion — `/forecast deals` (issue 9)", () => {
  it.each([
    ["deals", {}],
    ["my open deals", {}],
    ["deals Q3", { period: { kind: "quarter", quarter: 3 } }],
    ["deals @maria", { subject: { handle: "maria" } }],
    ["deal saya", {}],
    ["senarai deal terbuka suku depan", { period: { kind: "relative", unit: "quarter", offset: 1 } }],
  ])("%j asks for the open deals", (text, rest) => {
    expect(parseForecastQuestion(text)).toMatchObject({ kind: "deals", ...rest });
  });

  it("takes a bare quarter in a call as named; the use case decides which Q1 it is", () => {
    expect(parseForecastQuestion("submit commit 120k Q1")).toMatchObject({ kind: "submit", period: { kind: "quarter", quarter: 1 } });
    expect(parseForecastQuestion("submit commit 120k Q1")).not.toHaveProperty("period.fiscalYear");
  });
});

describe("parseForecastQuestion — a lone month beside a command word (issue 9)", () => {
  it.each([
    ["team October", { kind: "team", period: { kind: "month", month: 10 } }],
    ["pasukan Ogos", { kind: "team", period: { kind: "month", month: 8 } }],
    ["deals March", { kind: "deals", period: { kind: "month", month: 3 } }],
  ])("%j names the month", (text, expected) => {
    expect(parseForecastQuestion(text)).toMatchObject(expected);
  });

  it("does not take a month for a command word it is not beside", () => {
    expect(parseForecastQuestion("pipeline May renewal").kind).toBe("unknown");
  });
});
