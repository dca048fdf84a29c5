import { afterEach, describe, expect, it, vi } from "vitest";
import { createWorkQueue } from "../../src/slack/work-queue.js";

function deferred(): { promise: Promise<void>; resolve(): void; reject(error: Error): void } {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("the work queue behind answer acknowledgements", () => {
  it("runs at most `concurrency` tasks at once, the rest in arrival order", async () => {
    const queue = createWorkQueue(2, () => {});
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const done = gates.map((gate, index) =>
      queue.run(async () => {
        started.push(index);
        await gate.promise;
      }),
    );
    await tick();
    expect(started).toEqual([0, 1]);
    expect(queue.size).toBe(4);
    gates[1]!.resolve();
    await done[1];
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[0]!.resolve();
    gates[2]!.resolve();
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    gates[3]!.resolve();
    await Promise.all(done);
    expect(queue.size).toBe(0);
  });

  it("hands a failed task's error to its handler and goes on", async () => {
    const errors: unknown[] = [];
    const queue = createWorkQueue(1, (error) => errors.push(error));
    const failing = deferred();
    const first = queue.run(() => failing.promise);
    let secondRan = false;
    const second = queue.run(async () => {
      secondRan = true;
    });
    failing.reject(new Error("database down"));
    await expect(first).resolves.toBeUndefined();
    await second;
    expect(secondRan).toBe(true);
    expect(errors).toEqual([new Error("database down")]);
  });

  describe("with a busy share (an embedded database on this thread)", () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** Runs two 40 ms tasks, the second arriving at `secondAt` ms; returns when each started. */
    async function twoTasks(busyShare: number, secondAt: number): Promise<number[]> {
      vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setImmediate", "performance"] });
      const queue = createWorkQueue(1, () => {}, busyShare);
      const startedAt: number[] = [];
      const task = () => {
        startedAt.push(performance.now());
        return new Promise<void>((resolve) => setTimeout(resolve, 40));
      };
      const first = queue.run(task);
      await vi.advanceTimersByTimeAsync(secondAt);
      const second = queue.run(task);
      await vi.advanceTimersByTimeAsync(1_000);
      await Promise.all([first, second]);
      return startedAt;
    }

    it("rests after a task while new tasks keep arriving: 40 ms of work at a quarter share, 120 ms of rest", async () => {
      expect(await twoTasks(0.25, 30)).toEqual([0, 160]);
    });

    it("does not rest once the burst is over (nothing new for 20 ms), nor with the whole share", async () => {
      expect(await twoTasks(0.25, 0)).toEqual([0, 40]);
      expect(await twoTasks(1, 30)).toEqual([0, 40]);
    });

    it("refuses a share outside (0, 1]", () => {
      expect(() => createWorkQueue(1, () => {}, 0)).toThrow("busyShare must be in (0, 1]");
      expect(() => createWorkQueue(1, () => {}, 1.5)).toThrow("busyShare must be in (0, 1]");
    });
  });
});
