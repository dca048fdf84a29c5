// Work done after an acknowledgement, run at most `concurrency` at a time and the rest in arrival
// order. A burst of clicks must not keep the process so busy finishing earlier ones that the
// requests still arriving are acknowledged late: Slack allows 3 s for the acknowledgement, while
// the message update a person waits for may take a little longer under load.
export interface WorkQueue {
  /** Runs `task` when a slot is free; resolves (never rejects) once it has finished. */
  run(task: () => Promise<void>): Promise<void>;
  /** Tasks running and waiting. */
  readonly size: number;
}

/** How long after the last new task the queue counts as still receiving a burst, milliseconds. */
const BURST_GAP_MS = 20;

/**
 * `busyShare` (0 < share ≤ 1, default 1): while new tasks keep arriving, the share of the time
 * tasks may take; after a task of d ms the slot rests d × (1 − share) / share. For an embedded
 * database, whose queries run on this thread and hold up everything else, that leaves the rest
 * to acknowledging the requests still arriving; the backlog is worked off once the burst ends.
 * Measured in wall time, so it suits only work that is mostly on this thread.
 */
export function createWorkQueue(concurrency: number, onError: (error: unknown) => void, busyShare = 1): WorkQueue {
  if (!(busyShare > 0 && busyShare <= 1)) throw new RangeError(`busyShare must be in (0, 1], got ${busyShare}`);
  let running = 0;
  let lastArrival = -Infinity;
  const waiting: Array<() => void> = [];
  function next(): void {
    const start = waiting.shift();
    if (start) start();
  }
  return {
    get size() {
      return running + waiting.length;
    },
    run(task) {
      lastArrival = performance.now();
      return new Promise<void>((resolve) => {
        const start = () => {
          running += 1;
          const started = performance.now();
          task()
            .catch(onError)
            .finally(() => {
              resolve();
              const finished = performance.now();
              const rest = busyShare < 1 && finished - lastArrival < BURST_GAP_MS ? ((finished - started) * (1 - busyShare)) / busyShare : 0;
              // The slot stays taken while it rests, so no other task slips into the pause.
              const release = () => {
                running -= 1;
                next();
              };
              if (rest > 0) setTimeout(release, rest);
              else release();
            });
        };
        if (running < concurrency) start();
        else waiting.push(start);
      });
    },
  };
}
