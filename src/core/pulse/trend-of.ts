import { epochDayOf } from "../dates.js";
import { roundEnps, type RoundSummary } from "./summarise-round.js";

export interface TrendRound {
  /** The day the round closed, `YYYY-MM-DD`. */
  readonly closesOn: string;
  readonly summary: RoundSummary;
}

export interface TrendPoint {
  readonly closesOn: string;
  /** Whole-number eNPS, null when the round had no data or was below the threshold. */
  readonly score: number | null;
  /** Points since the latest earlier round with a score; null for the first such round or no score. */
  readonly change: number | null;
}

export interface EnpsTrend {
  /** Oldest first. */
  readonly points: readonly TrendPoint[];
  /** The newest round's score (null if hidden or no data). */
  readonly latest: number | null;
  /** The newest round's change (see `TrendPoint.change`). */
  readonly change: number | null;
}

/**
 * eNPS over past rounds, oldest first. A hidden round stays hidden (its score is null, never
 * recomputed from answers) and the next round's change skips over it. Throws `invalid_input`
 * on a malformed date.
 */
export function trendOf(rounds: readonly TrendRound[]): EnpsTrend {
  const sorted = [...rounds].sort((a, b) => epochDayOf(a.closesOn) - epochDayOf(b.closesOn));
  let previous: number | null = null;
  const points = sorted.map((round): TrendPoint => {
    const score = roundEnps(round.summary);
    const change = score === null || previous === null ? null : score - previous;
    if (score !== null) previous = score;
    return { closesOn: round.closesOn, score, change };
  });
  const last = points.at(-1);
  return { points, latest: last?.score ?? null, change: last?.change ?? null };
}
