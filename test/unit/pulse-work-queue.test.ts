import { describe, expect, it } from "vitest";
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
});
