import { describe, expect, it } from "vitest";
import { extractPeriod, matchPeriod, parsePeriod } from "../../src/core/questions/parse-period.js";

describe("parsePeriod", () => {
  it.each([
    ["this quarter", { kind: "relative", unit: "quarter", offset: 0 }],
    ["current quarter", { kind: "relative", unit: "quarter", offset: 0 }],
    ["next quarter", { kind: "relative", unit: "quarter", offset: 1 }],
    ["last quarter", { kind: "relative", unit: "quarter", offset: -1 }],
    ["previous quarter", { kind: "relative", unit: "quarter", offset: -1 }],
    ["This Month", { kind: "relative", unit: "month", offset: 0 }],
    ["last month", { kind: "relative", unit: "month", offset: -1 }],
    ["this year", { kind: "relative", unit: "year", offset: 0 }],
    ["next year", { kind: "relative", unit: "year", offset: 1 }],
    ["next half", { kind: "relative", unit: "half", offset: 1 }],
    ["Q3", { kind: "quarter", quarter: 3 }],
    ["q3 fy2027", { kind: "quarter", quarter: 3, fiscalYear: 2027 }],
    ["Q3 FY27", { kind: "quarter", quarter: 3, fiscalYear: 2027 }],
    ["Q3FY27", { kind: "quarter", quarter: 3, fiscalYear: 2027 }],
    ["Q1 FY 2026", { kind: "quarter", quarter: 1, fiscalYear: 2026 }],
    ["Q4 2027", { kind: "quarter", quarter: 4, fiscalYear: 2027 }],
    ["FY27 Q2", { kind: "quarter", quarter: 2, fiscalYear: 2027 }],
    ["third quarter", { kind: "quarter", quarter: 3 }],
    ["FY2027", { kind: "year", fiscalYear: 2027 }],
    ["fy27", { kind: "year", fiscalYear: 2027 }],
    ["fiscal year 2028", { kind: "year", fiscalYear: 2028 }],
    ["H1", { kind: "half", half: 1 }],
    ["H2 FY2027", { kind: "half", half: 2, fiscalYear: 2027 }],
    ["second half", { kind: "half", half: 2 }],
    ["March", { kind: "month", month: 3 }],
    ["march 2027", { kind: "month", month: 3, calendarYear: 2027 }],
    ["Sept", { kind: "month", month: 9 }],
    ["suku ini", { kind: "relative", unit: "quarter", offset: 0 }],
    ["suku depan", { kind: "relative", unit: "quarter", offset: 1 }],
    ["suku seterusnya", { kind: "relative", unit: "quarter", offset: 1 }],
    ["suku lepas", { kind: "relative", unit: "quarter", offset: -1 }],
    ["suku tahun lalu", { kind: "relative", unit: "quarter", offset: -1 }],
    ["bulan ini", { kind: "relative", unit: "month", offset: 0 }],
    ["bulan lepas", { kind: "relative", unit: "month", offset: -1 }],
    ["tahun ini", { kind: "relative", unit: "year", offset: 0 }],
    ["tahun depan", { kind: "relative", unit: "year", offset: 1 }],
    ["suku 3", { kind: "quarter", quarter: 3 }],
    ["suku ketiga", { kind: "quarter", quarter: 3 }],
    ["suku ke-2", { kind: "quarter", quarter: 2 }],
    ["suku pertama FY2027", { kind: "quarter", quarter: 1, fiscalYear: 2027 }],
    ["tahun kewangan 2027", { kind: "year", fiscalYear: 2027 }],
    ["separuh kedua", { kind: "half", half: 2 }],
    ["Mac", { kind: "month", month: 3 }],
    ["Ogos 2026", { kind: "month", month: 8, calendarYear: 2026 }],
    ["Q3?", { kind: "quarter", quarter: 3 }],
  ])("%j", (text, spec) => {
    expect(parsePeriod(text)).toEqual(spec);
  });

  it.each(["", "Q5", "Q0", "H3", "FY1850", "q3 fy3000", "quarter", "next", "suku", "someday", "S3", "march 1850"])(
    "%j is not a period",
    (text) => {
      expect(parsePeriod(text)).toBeUndefined();
    },
  );

  it("tells the language of the phrase where it can", () => {
    expect(matchPeriod("next quarter")?.language).toBe("en");
    expect(matchPeriod("suku depan")?.language).toBe("ms");
    expect(matchPeriod("Mac")?.language).toBe("ms");
    expect(matchPeriod("March")?.language).toBe("en");
    expect(matchPeriod("Q3")?.language).toBeUndefined();
    expect(matchPeriod("FY2027")?.language).toBeUndefined();
    expect(matchPeriod("April")?.language).toBeUndefined();
  });
});

describe("extractPeriod", () => {
  it("finds a period at either end", () => {
    expect(extractPeriod("team next quarter")).toEqual({
      rest: "team",
      match: { period: { kind: "relative", unit: "quarter", offset: 1 }, language: "en" },
    });
    expect(extractPeriod("Q3 FY27 team").rest).toBe("team");
    expect(extractPeriod("how much to 100% for Q3")).toMatchObject({ rest: "how much to 100%", match: { period: { kind: "quarter", quarter: 3 } } });
    expect(extractPeriod("pasukan untuk suku depan").rest).toBe("pasukan");
  });

  it("leaves the middle alone", () => {
    expect(extractPeriod("close Q3 renewal now")).toEqual({ rest: "close Q3 renewal now", match: undefined });
  });

  it("counts a lone month name at an edge only after a preposition", () => {
    expect(extractPeriod("close Big Mac").match).toBeUndefined();
    expect(extractPeriod("may I see").match).toBeUndefined();
    expect(extractPeriod("team in March")).toMatchObject({ rest: "team", match: { period: { kind: "month", month: 3 } } });
    expect(extractPeriod("March").match?.period).toEqual({ kind: "month", month: 3 });
  });

  it("can be told to look at the end only", () => {
    expect(extractPeriod("Q3 renewal", { endOnly: true }).match).toBeUndefined();
    expect(extractPeriod("renewal Q3", { endOnly: true }).rest).toBe("renewal");
  });
});
