// The one ISO 4217 table of minor-unit digits (src/core/money.ts) that reading and formatting
// amounts both use; checked here against what `Intl` (ICU's copy of ISO 4217) says.
import { describe, expect, it } from "vitest";
import { isKnownCurrency, minorUnitDigits } from "../../src/core/money.js";
import { currencyExponent } from "../../src/core/i18n/format.js";

const intlDigits = (currency: string) =>
  new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits;

describe("minorUnitDigits", () => {
  it.each([
    ["JPY", 0],
    ["KRW", 0],
    ["VND", 0],
    ["KWD", 3],
    ["BHD", 3],
    ["OMR", 3],
    ["MYR", 2],
    ["USD", 2],
    ["GBP", 2],
    ["EUR", 2],
    ["SGD", 2],
    ["CLF", 4],
  ])("%s has %d minor digits, as Intl agrees", (currency, digits) => {
    expect(minorUnitDigits(currency)).toBe(digits);
    expect(currencyExponent(currency)).toBe(digits);
    expect(intlDigits(currency)).toBe(digits);
  });

  it("is case-insensitive", () => {
    expect(minorUnitDigits("jpy")).toBe(0);
    expect(isKnownCurrency("myr")).toBe(true);
  });

  it("refuses a code it does not know instead of guessing two digits", () => {
    expect(isKnownCurrency("XAU")).toBe(false);
    expect(() => minorUnitDigits("ABC")).toThrow(/ISO 4217/);
  });

  it("differs from Intl only where ICU rounds to whole units by usage (ISO 4217 keeps the minor unit)", () => {
    // ICU gives IDR, HUF, PKR, IQD… 0 digits because cents are not used in practice; ISO 4217
    // (and therefore the amounts a CRM sends) keeps 2 (IQD 3). Any other difference is a typo here.
    const differences: Array<[string, number, number | undefined]> = [];
    for (const code of Intl.supportedValuesOf("currency")) {
      if (isKnownCurrency(code) && minorUnitDigits(code) !== intlDigits(code)) differences.push([code, minorUnitDigits(code), intlDigits(code)]);
    }
    expect(differences.length).toBeGreaterThan(0);
    for (const [code, iso, icu] of differences) expect({ code, icu, isoAbove: iso > 0 }).toEqual({ code, icu: 0, isoAbove: true });
    expect(differences.map(([code]) => code)).toEqual(expect.arrayContaining(["IDR", "HUF", "IQD"]));
  });
});
