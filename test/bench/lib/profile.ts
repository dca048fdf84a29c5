// Where a request's time goes: the use cases run directly (no HTTP, no Slack) on the app's own
// SalesData stack (Prisma repository behind the same caches), with every repository call that
// reaches the database timed, and the SQL it sent attributed to it (lib/recording-adapter.ts).
import type { SalesData } from "../../../src/core/sales-data.js";
import { repositoryMethod } from "./recording-adapter.js";

export interface RecordedCall {
  method: string;
  args: unknown[];
  /** performance.now() at the call and when it settled. */
  start: number;
  end: number;
  rows: number | null;
  failed: boolean;
}

export interface CallLog {
  calls: RecordedCall[];
}

/** Wraps every method of `inner`, appending to `log.calls` as each settles. */
export function timedSalesData(inner: SalesData, log: CallLog): SalesData {
  const wrapped: Record<string, unknown> = {};
  for (const [method, value] of Object.entries(inner)) {
    if (typeof value !== "function") {
      wrapped[method] = value;
      continue;
    }
    wrapped[method] = async (...args: unknown[]) => {
      const start = performance.now();
      try {
        const result: unknown = await repositoryMethod.run(method, () => (value as (...a: unknown[]) => Promise<unknown>).apply(inner, args));
        log.calls.push({ method, args, start, end: performance.now(), rows: Array.isArray(result) ? result.length : null, failed: false });
        return result;
      } catch (error) {
        log.calls.push({ method, args, start, end: performance.now(), rows: null, failed: true });
        throw error;
      }
    };
  }
  return wrapped as unknown as SalesData;
}

/** Total length of the union of the calls' [start, end] intervals: time spent waiting on the database. */
export function busyTime(calls: readonly RecordedCall[]): number {
  const sorted = [...calls].sort((a, b) => a.start - b.start);
  let total = 0;
  let currentStart = Number.NaN;
  let currentEnd = Number.NaN;
  for (const call of sorted) {
    if (Number.isNaN(currentEnd) || call.start > currentEnd) {
      if (!Number.isNaN(currentEnd)) total += currentEnd - currentStart;
      currentStart = call.start;
      currentEnd = call.end;
    } else {
      currentEnd = Math.max(currentEnd, call.end);
    }
  }
  if (!Number.isNaN(currentEnd)) total += currentEnd - currentStart;
  return total;
}

/** Milliseconds `work` takes, `repetitions` times. */
export async function timeRepeated(repetitions: number, work: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < repetitions; index++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}
