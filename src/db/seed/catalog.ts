// The sales stages and commission plan every generated tenant shares.
import type { ForecastCategory } from "../generated/enums.js";

export interface StageDefinition {
  name: string;
  /** Whole percent. */
  probability: number;
  category: ForecastCategory;
  isClosed: boolean;
  isWon: boolean;
}

/** Index in this list is the stage number the history simulator works with. */
export const STANDARD_STAGES: readonly StageDefinition[] = [
  { name: "Prospecting", probability: 10, category: "Pipeline", isClosed: false, isWon: false },
  { name: "Qualification", probability: 20, category: "Pipeline", isClosed: false, isWon: false },
  { name: "Needs Analysis", probability: 40, category: "BestCase", isClosed: false, isWon: false },
  { name: "Proposal", probability: 60, category: "MostLikely", isClosed: false, isWon: false },
  { name: "Negotiation", probability: 80, category: "Commit", isClosed: false, isWon: false },
  { name: "Closed Won", probability: 100, category: "Closed", isClosed: true, isWon: true },
  { name: "Closed Lost", probability: 0, category: "Omitted", isClosed: true, isWon: false },
];

export const STAGE_NEGOTIATION = 4;
export const STAGE_WON = 5;
export const STAGE_LOST = 6;

export interface TierDefinition {
  /** Fractions of quota (1 = 100 %). */
  from: number;
  to: number | null;
  /** Fraction of credited revenue. */
  rate: number;
}

/** Marginal tiers: 2 % up to half of quota, 8 % to quota, 12 % accelerator beyond. */
export const STANDARD_TIERS: readonly TierDefinition[] = [
  { from: 0, to: 0.5, rate: 0.02 },
  { from: 0.5, to: 1, rate: 0.08 },
  { from: 1, to: null, rate: 0.12 },
];

export const PRODUCT_LINES = ["Core Platform", "Analytics", "Payments", "Integrations", "Premium Support"] as const;
