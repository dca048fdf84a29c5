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
