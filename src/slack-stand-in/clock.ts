/** Milliseconds since the Unix epoch (UTC). Injected so tests can move time by hand. */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();

export interface ManualClock {
  readonly now: Clock;
  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void;
  /** Jumps to an absolute instant (ms since the epoch, UTC). */
  set(epochMs: number): void;
}

export function createManualClock(startEpochMs: number): ManualClock {
  let current = startEpochMs;
  return {
    now: () => current,
    advance(ms) {
      if (ms < 0) throw new RangeError("a manual clock only moves forward");
      current += ms;
    },
    set(epochMs) {
      current = epochMs;
    },
  };
}
