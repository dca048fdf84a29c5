import { describe, expect, it } from "vitest";
import { anonymityThreshold, attainmentBand, coarsenToDay, commentThreshold } from "../../src/core/pulse/index.js";

describe("coarsenToDay", () => {
  it("keeps only the day, in the zone given", () => {
    // 2026-03-02T17:30Z is 01:30 on 3 March in Kuala Lumpur (UTC+8) and 12:30 on 2 March in New York (UTC−5).
    const instant = new Date("2026-03-02T17:30:00Z");
    expect(coarsenToDay(instant, "Asia/Kuala_Lumpur")).toBe("2026-03-03");
    expect(coarsenToDay(instant, "America/New_York")).toBe("2026-03-02");
    expect(coarsenToDay(new Date("2026-03-02T23:59:59.999Z"), "UTC")).toBe("2026-03-02");
  });

  it("refuses an unknown zone", () => {
    expect(() => coarsenToDay(new Date("2026-03-02T00:00:00Z"), "Mars/Olympus")).toThrow(/time zone/);
  });
});

describe("attainmentBand", () => {
  it.each([
    [null, null],
    [-0.1, "below 50 %"],
    [0, "below 50 %"],
    [0.4999, "below 50 %"],
    [0.5, "50–80 %"],
    [0.7999, "50–80 %"],
    [0.8, "80–100 %"],
    [0.9999, "80–100 %"],
    [1, "100 %+"],
    [2.35, "100 %+"],
  ])("%s → %s", (fraction, band) => {
    expect(attainmentBand(fraction)).toBe(band);
  });

  it("refuses NaN", () => {
    expect(() => attainmentBand(Number.NaN)).toThrow("attainment: must be a finite fraction");
  });
});

describe("thresholds", () => {
  it("is the setting, never below 3, default 5", () => {
    expect(anonymityThreshold(2)).toBe(3);
    expect(anonymityThreshold(0)).toBe(3);
    expect(anonymityThreshold(3)).toBe(3);
    expect(anonymityThreshold(8)).toBe(8);
    expect(anonymityThreshold(undefined)).toBe(5);
    expect(() => anonymityThreshold(4.5)).toThrow("threshold: must be a whole number of people.");
  });

  it("comment threshold defaults to 5 and is never below the respondent threshold", () => {
    expect(commentThreshold(undefined, 3)).toBe(5);
    expect(commentThreshold(4, 3)).toBe(4);
    expect(commentThreshold(4, 7)).toBe(7);
    expect(commentThreshold(1, 2)).toBe(3);
  });
});
