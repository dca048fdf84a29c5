import { AppError } from "../errors.js";

/** How many answered in each eNPS group: promoters 9-10, passives 7-8, detractors 0-6. */
export interface EnpsBreakdown {
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
  /** promoters + passives + detractors: passives count in the total. */
  readonly total: number;
}

/** Sorts 0-10 answers into promoters, passives and detractors. */
export function enpsBreakdown(values: Iterable<number>): EnpsBreakdown {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const value of values) {
    if (!Number.isInteger(value) || value < 0 || value > 10) {
      throw new AppError("invalid_input", `eNPS answers are whole numbers from 0 to 10; got ${value}.`, { field: "value" });
    }
    if (value >= 9) promoters++;
    else if (value >= 7) passives++;
    else detractors++;
  }
  return { promoters, passives, detractors, total: promoters + passives + detractors };
}

/**
 * eNPS = % promoters − % detractors, both out of everyone who answered (passives included), as
 * a whole number from −100 to 100, rounded half away from zero (+12.5 → +13, −12.5 → −13).
 * Null — "no data", not 0 — when nobody answered. Exact integer arithmetic, no float drift.
 */
export function enpsScore(breakdown: Pick<EnpsBreakdown, "promoters" | "passives" | "detractors">): number | null {
  const total = breakdown.promoters + breakdown.passives + breakdown.detractors;
  if (total === 0) return null;
  const numerator = 100 * (breakdown.promoters - breakdown.detractors);
  const magnitude = Math.floor((2 * Math.abs(numerator) + total) / (2 * total));
  return numerator < 0 && magnitude > 0 ? -magnitude : magnitude;
}
