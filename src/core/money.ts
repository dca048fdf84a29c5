import { AppError } from "./errors.js";

/**
 * Exact money arithmetic. Amounts are integer minor units in a JS `number` (safe integers);
 * products that could pass 2^53 are taken in BigInt and rounded once, half-up (half away from
 * zero), which is how payroll and most CRMs round a payout to the cent.
 */

/** Parts per million: fractions (rates, attainment bounds) are honoured to six decimals. */
export const PPM = 1_000_000n;

/** Throws `invalid_input` unless `value` is a safe integer of minor units (>= 0 unless `allowNegative`). */
export function assertMinorUnits(value: number, field: string, allowNegative = false): void {
  if (!Number.isSafeInteger(value) || (!allowNegative && value < 0)) {
    throw new AppError("invalid_input", `${field} must be a whole number of minor units${allowNegative ? "" : " (0 or more)"}.`, {
      field,
    });
  }
}

/** `numerator / denominator` rounded half away from zero; `denominator` must be positive. */
export function divideRoundHalfUp(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const quotient = abs / denominator;
  const rounded = (abs % denominator) * 2n >= denominator ? quotient + 1n : quotient;
  return negative ? -rounded : rounded;
}

/** `numerator / denominator` rounded up (toward +infinity); `denominator` must be positive. */
export function divideCeil(numerator: bigint, denominator: bigint): bigint {
  if (denominator <= 0n) throw new RangeError("denominator must be positive");
  const quotient = numerator / denominator;
  return numerator % denominator > 0n ? quotient + 1n : quotient;
}

/** A fraction (0.08 = 8 %) as integer parts per million. */
export function toPpm(fraction: number): bigint {
  return BigInt(Math.round(fraction * 1_000_000));
}

/** A BigInt of minor units back to a number; throws `internal` past the safe-integer range. */
export function toMinorNumber(value: bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new AppError("internal", "An amount is too large to handle exactly.");
  return n;
}

/** `amountMinor × numerator / denominator`, rounded half-up to minor units. */
export function scaleMinor(amountMinor: number, numerator: number | bigint, denominator: number | bigint): number {
  return toMinorNumber(divideRoundHalfUp(BigInt(amountMinor) * BigInt(numerator), BigInt(denominator)));
}

/** `part / whole` as a fraction, or null when `whole` is 0 (a ratio of nothing is not 0 %). */
export function ratioOrNull(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * ISO 4217 minor-unit digits (the "E" column of the standard's list one), the one table every
 * amount a person types or reads goes through: "50k" in yen is 50,000 minor units, in ringgit
 * 5,000,000 (sen), in dinar 50,000,000 (fils). Codes listed under 0, 3 and 4 are every active
 * code with that exponent; every other active code has 2 and is listed too. Funds and metals
 * without a minor unit (XAU, XDR…) are not money a sales team books and are left out.
 */
const MINOR_UNIT_DIGITS: ReadonlyMap<string, number> = (() => {
  const byDigits: Record<number, string> = {
    0: "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF",
    2:
      "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF " +
      "CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD " +
      "HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT " +
      "MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB " +
      "SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN " +
      "UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG",
    3: "BHD IQD JOD KWD LYD OMR TND",
    4: "CLF UYW",
  };
  const table = new Map<string, number>();
  for (const [digits, codes] of Object.entries(byDigits)) {
    for (const code of codes.split(" ")) table.set(code, Number(digits));
  }
  return table;
})();

/** Whether `currency` is an active ISO 4217 code this table knows. */
export function isKnownCurrency(currency: string): boolean {
  return MINOR_UNIT_DIGITS.has(currency.toUpperCase());
}

/**
 * Digits of `currency`'s minor unit per ISO 4217 (JPY 0, MYR 2, KWD 3). A code the table does not
 * know is refused (`invalid_input`, field `currency`) rather than guessed: a wrong guess would
 * misstate every amount by a power of ten.
 */
export function minorUnitDigits(currency: string): number {
  const digits = MINOR_UNIT_DIGITS.get(currency.toUpperCase());
  if (digits === undefined) {
    throw new AppError("invalid_input", `"${currency}" is not an ISO 4217 currency code this assistant knows.`, { field: "currency" });
  }
  return digits;
}
