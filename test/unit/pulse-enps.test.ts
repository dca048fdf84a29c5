import { describe, expect, it } from "vitest";
import { enpsBreakdown, enpsScore } from "../../src/core/pulse/index.js";

/** `count` answers of `value`. */
const answers = (...groups: [value: number, count: number][]): number[] =>
  groups.flatMap(([value, count]) => new Array<number>(count).fill(value));

describe("eNPS: worked examples from public guides", () => {
  it("10 respondents, 6 promoters, 2 passives, 2 detractors → 60 % − 20 % = +40", () => {
    const breakdown = enpsBreakdown(answers([10, 3], [9, 3], [8, 1], [7, 1], [6, 1], [2, 1]));
    expect(breakdown).toEqual({ promoters: 6, passives: 2, detractors: 2, total: 10 });
    expect(enpsScore(breakdown)).toBe(40);
  });

  it("100 respondents, 45 promoters, 35 passives, 20 detractors → 45 % − 20 % = +25", () => {
    expect(enpsScore(enpsBreakdown(answers([9, 45], [7, 35], [0, 20])))).toBe(25);
  });

  it("all passives → 0 (not no data)", () => {
    expect(enpsScore(enpsBreakdown(answers([7, 4], [8, 4])))).toBe(0);
  });

  it("only detractors → −100, only promoters → +100", () => {
    expect(enpsScore(enpsBreakdown(answers([0, 2], [6, 3])))).toBe(-100);
    expect(enpsScore(enpsBreakdown(answers([10, 5])))).toBe(100);
  });

  it("zero respondents → null (no data), not 0", () => {
    expect(enpsScore(enpsBreakdown([]))).toBeNull();
  });

  it("sorts the boundaries 6/7 and 8/9 as the guides do", () => {
    expect(enpsBreakdown([6, 7, 8, 9])).toEqual({ promoters: 1, passives: 2, detractors: 1, total: 4 });
  });

  it("rounds half away from zero", () => {
    // 3 promoters, 3 passives, 2 detractors of 8: (3 − 2) / 8 = 12.5 % → +13; mirrored → −13.
    expect(enpsScore({ promoters: 3, passives: 3, detractors: 2 })).toBe(13);
    expect(enpsScore({ promoters: 2, passives: 3, detractors: 3 })).toBe(-13);
    // (2 − 1) / 3 = 33.33 % → +33; (1 − 2) / 3 → −33.
    expect(enpsScore({ promoters: 2, passives: 0, detractors: 1 })).toBe(33);
    expect(enpsScore({ promoters: 1, passives: 0, detractors: 2 })).toBe(-33);
    // (0 − 1) / 300 = −0.33 % → 0, not −0.
    expect(Object.is(enpsScore({ promoters: 0, passives: 299, detractors: 1 }), 0)).toBe(true);
  });
});
