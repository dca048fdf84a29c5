// Latency summaries: nearest-rank percentiles over the raw samples (milliseconds).
import { loadavg } from "node:os";

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  min: number;
  mean: number;
  /** Samples above the limit given to `summarize` (Slack's 3 s by default). */
  over: number;
  overLimitMs: number;
}

/** The smallest sample with at least `fraction` of all samples at or below it. */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(fraction * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

export function summarize(samples: readonly number[], overLimitMs = 3_000): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    count: sorted.length,
    p50: percentile(sorted, 0.5),
    p90: percentile(sorted, 0.9),
    p99: percentile(sorted, 0.99),
    max: sorted.length === 0 ? Number.NaN : sorted[sorted.length - 1]!,
    min: sorted.length === 0 ? Number.NaN : sorted[0]!,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
    over: sorted.filter((value) => value > overLimitMs).length,
    overLimitMs,
  };
}

/** Milliseconds, one decimal below 100 ms, whole above. */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "–";
  return value < 100 ? value.toFixed(1) : value.toFixed(0);
}

/** The 1/5/15-minute load averages as "1.23 1.10 0.98". */
export function loadAverage(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}
