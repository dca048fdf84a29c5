import { describe, expect, it } from "vitest";
import {
  amountToMinor,
  compareAmounts,
  looksLikeAmount,
  parseAmount,
  readAmount,
} from "../../src/core/questions/parse-amount.js";

const MYR = { currency: "MYR" };

describe("parseAmount", () => {
  it.each([
    ["50k", 5_000_000],
    ["1.2m", 120_000_000],
    ["1.5M", 150_000_000],
    ["RM 50,000", 5_000_000],
    ["RM50k", 5_000_000],
    ["rm 50k", 5_000_000],
    ["MYR 20k", 2_000_000],
    ["20k MYR", 2_000_000],
    ["50,000.50", 5_000_050],
    ["50000", 5_000_000],
    ["50 ribu", 5_000_000],
    ["50rb", 5_000_000],
    ["1.2 juta", 120_000_000],
    ["2 bilion", 200_000_000_000],
    ["+50k", 5_000_000],
    ["  75K  ", 7_500_000],
    ["０.５m", 50_000_000],
    ["1.234567m", 123_456_700],
  ])("reads %j as %d sen", (text, minor) => {
    expect(parseAmount(text, MYR)).toMatchObject({ ok: true, minor, currency: "MYR" });
  });

  // Minor units come from ISO 4217 (src/core/money.ts), never a default of two: issue 9, defect 7
  // (a JPY tenant's "what if 50k" read 50k as 5,000,000 minor units, i.e. ¥5,000,000).
  it("reads yen with no minor unit: 50k = 50,000 minor units", () => {
    // 50 × 10^3 yen × 10^0 = 50,000
    expect(parseAmount("50k", { currency: "JPY" })).toMatchObject({ ok: true, minor: 50_000, currency: "JPY" });
    expect(parseAmount("¥1.2m", { currency: "JPY" })).toMatchObject({ ok: true, minor: 1_200_000 });
    // A yen has no fractions: 1.5 yen cannot be booked.
    expect(parseAmount("1.5", { currency: "JPY" })).toMatchObject({ ok: false, reason: "too_many_decimals", currency: "JPY" });
  });

  it("reads dinar with three minor digits: 50k KWD = 50,000,000 fils", () => {
    // 50 × 10^3 dinar × 10^3 fils = 50,000,000
    expect(parseAmount("50k", { currency: "KWD" })).toMatchObject({ ok: true, minor: 50_000_000, currency: "KWD" });
    expect(parseAmount("1.234", { currency: "KWD" })).toMatchObject({ ok: true, minor: 1234 });
    expect(parseAmount("1.2345", { currency: "KWD" })).toMatchObject({ ok: false, reason: "too_many_decimals" });
    expect(parseAmount("BHD 2.5", { currency: "BHD" })).toMatchObject({ ok: true, minor: 2500 });
  });

  it("reads ringgit with two minor digits: 50k = 5,000,000 sen", () => {
    // 50 × 10^3 ringgit × 10^2 sen = 5,000,000
    expect(parseAmount("50k", { currency: "MYR" })).toMatchObject({ ok: true, minor: 5_000_000 });
    expect(parseAmount("1.5", { currency: "MYR" })).toMatchObject({ ok: true, minor: 150 });
    expect(parseAmount("1.505", { currency: "MYR" })).toMatchObject({ ok: false, reason: "too_many_decimals" });
  });

  it.each([
    ["$50,000", "USD", "$"],
    ["USD 20k", "USD", "USD"],
    ["S$ 10k", "SGD", "S$"],
    ["€5k", "EUR", "€"],
    ["£5k", "GBP", "£"],
    ["US$1m", "USD", "US$"],
  ])("reports %j as another currency than MYR", (text, mentionedCurrency, currencySymbol) => {
    expect(parseAmount(text, MYR)).toEqual({
      ok: false,
      text,
      reason: "currency_mismatch",
      currency: "MYR",
      mentionedCurrency,
      currencySymbol,
    });
  });

  it("takes a bare $ as the tenant's own dollar", () => {
    expect(parseAmount("$50,000", { currency: "SGD" })).toMatchObject({ ok: true, minor: 5_000_000, currency: "SGD" });
    expect(parseAmount("S$ 10k", { currency: "SGD" })).toMatchObject({ ok: true, minor: 1_000_000 });
    expect(parseAmount("US$ 10k", { currency: "SGD" })).toMatchObject({ ok: false, reason: "currency_mismatch" });
  });

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["-50k", "negative"],
    ["−50k", "negative"],
    ["RM -5,000", "negative"],
    ["0", "zero"],
    ["RM 0.00", "zero"],
    ["0k", "zero"],
    ["1001b", "too_large"],
    ["2,000,000,000,000", "too_large"],
    ["abc", "malformed"],
    ["k", "malformed"],
    ["50kk", "malformed"],
    ["1.2.3", "malformed"],
    ["50,00", "malformed"],
    ["5,0000", "malformed"],
    ["50.", "malformed"],
    ["RM RM 5", "malformed"],
    ["5k 6k", "malformed"],
    ["50 bananas", "malformed"],
    ["50,000.505", "too_many_decimals"],
  ])("rejects %j as %s", (text, reason) => {
    expect(parseAmount(text, MYR)).toMatchObject({ ok: false, reason });
  });

  it("accepts exactly a trillion and refuses anything above", () => {
    expect(parseAmount("1000b", MYR)).toMatchObject({ ok: true, minor: 100_000_000_000_000 });
    expect(parseAmount("1,000,000,000,000.01", MYR)).toMatchObject({ ok: false, reason: "too_large" });
  });

  it("does not throw on hostile text", () => {
    for (const text of ["'; DROP TABLE x; --", "😀".repeat(2000), "9".repeat(5000), "\u0000", "$$$", "..."]) {
      expect(() => parseAmount(text, MYR)).not.toThrow();
      expect(parseAmount(text, MYR).ok).toBe(false);
    }
  });
});

describe("readAmount", () => {
  it("keeps the exact value as a decimal string", () => {
    expect(readAmount("1.2m")).toEqual({ ok: true, text: "1.2m", major: "1200000" });
    expect(readAmount("50,000.50")).toEqual({ ok: true, text: "50,000.50", major: "50000.5" });
    expect(readAmount("RM 50k")).toEqual({ ok: true, text: "RM 50k", major: "50000", currency: "MYR", currencySymbol: "RM" });
  });

  it("converts later with the tenant's currency", () => {
    const reading = readAmount("1.2 juta");
    expect(amountToMinor(reading, MYR)).toEqual({ ok: true, text: "1.2 juta", minor: 120_000_000, currency: "MYR" });
  });

  it("compares readings exactly", () => {
    const a = readAmount("120k");
    const b = readAmount("0.12m");
    const c = readAmount("150,000.01");
    if (!a.ok || !b.ok || !c.ok) throw new Error("fixture");
    expect(compareAmounts(a, b)).toBe(0);
    expect(compareAmounts(a, c)).toBe(-1);
    expect(compareAmounts(c, a)).toBe(1);
  });
});

describe("looksLikeAmount", () => {
  it.each(["50k", "1.2m", "RM 50,000", "-5k", "50kk", "1.2 juta", "€5k"])("%j looks like an amount", (text) => {
    expect(looksLikeAmount(text)).toBe(true);
  });
  it.each(["Acme renewal", "3M renewal", "k", "", "RM", "deal 5"])("%j does not", (text) => {
    expect(looksLikeAmount(text)).toBe(false);
  });
});
