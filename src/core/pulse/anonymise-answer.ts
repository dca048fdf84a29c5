/**
 * What may be kept with an anonymous answer besides its value: the day (never the time), the
 * team, and for sales roles a coarse quota-attainment band. Nothing here takes or returns a
 * person.
 */
import { AppError } from "../errors.js";
import { localDateOf } from "../periods.js";

/** The only attainment cuts kept with an answer; values are stable codes and English labels. */
export type AttainmentBand = "below 50 %" | "50–80 %" | "80–100 %" | "100 %+";

export const ATTAINMENT_BANDS: readonly AttainmentBand[] = ["below 50 %", "50–80 %", "80–100 %", "100 %+"];

/** Smallest group whose results may ever be shown, whatever the tenant sets. */
export const MIN_ANONYMITY_THRESHOLD = 3;
/** Tenant default for the respondent threshold and for the comment threshold. */
export const DEFAULT_ANONYMITY_THRESHOLD = 5;
export const DEFAULT_COMMENT_THRESHOLD = 5;

/**
 * The calendar day (`YYYY-MM-DD`) of `instant` in `timeZone`, the only trace of when an answer
 * was given. Pass the survey's (tenant's) zone, not the respondent's: a per-person zone would
 * let the day hint at where someone sits. Throws `invalid_input` on an unknown zone.
 */
export function coarsenToDay(instant: Date, timeZone: string): string {
  return localDateOf(instant, timeZone);
}

/**
 * The band of a quota attainment given as a fraction (0.85 for 85 %), half-open from below:
 * [−∞, 0.5) "below 50 %", [0.5, 0.8) "50–80 %", [0.8, 1) "80–100 %", [1, ∞) "100 %+".
 * Null (no quota: not a sales role) gives null. A negative attainment (clawbacks) is
 * "below 50 %"; NaN or an infinity throws `invalid_input`.
 */
export function attainmentBand(attainmentFraction: number | null): AttainmentBand | null {
  if (attainmentFraction === null) return null;
  if (!Number.isFinite(attainmentFraction)) {
    throw new AppError("invalid_input", "attainment: must be a finite fraction such as 0.85.", { field: "attainment" });
  }
  if (attainmentFraction < 0.5) return "below 50 %";
  if (attainmentFraction < 0.8) return "50–80 %";
  if (attainmentFraction < 1) return "80–100 %";
  return "100 %+";
}

/**
 * The respondent threshold in force: the tenant's setting (default 5) but never below 3.
 * Throws `invalid_input` unless the setting is a whole number.
 */
export function anonymityThreshold(setting?: number | null): number {
  return wholeSetting(setting ?? DEFAULT_ANONYMITY_THRESHOLD, "threshold", MIN_ANONYMITY_THRESHOLD);
}

/**
 * The comment threshold in force: the setting (default 5), never below the respondent threshold
 * in force — a comment says more about its writer than a number does.
 */
export function commentThreshold(setting: number | null | undefined, respondentThreshold: number): number {
  return wholeSetting(setting ?? DEFAULT_COMMENT_THRESHOLD, "commentThreshold", anonymityThreshold(respondentThreshold));
}

function wholeSetting(value: number, field: string, floor: number): number {
  if (!Number.isInteger(value)) {
    throw new AppError("invalid_input", `${field}: must be a whole number of people.`, { field });
  }
  return Math.max(floor, value);
}
