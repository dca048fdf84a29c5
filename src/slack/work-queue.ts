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

export function createWorkQueue(concurrency: number, onError: (error: unknown) => void): WorkQueue {
  let running = 0;
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
      return new Promise<void>((resolve) => {
        const start = () => {
          running += 1;
          task()
            .catch(onError)
            .finally(() => {
              running -= 1;
              resolve();
              next();
            });
        };
        if (running < concurrency) start();
        else waiting.push(start);
      });
    },
  };
}
