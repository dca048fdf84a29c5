// Scripted failures for tests of the delivery engine: the next matching call to a method
// answers as Slack does when something goes wrong, instead of (or after) doing its work.

export type Fault =
  /** Answer with this HTTP status and do nothing. 429 carries Retry-After and `ratelimited`. */
  | { status: number; retryAfterSeconds?: number }
  /** Answer `{ ok: false, error }` with HTTP 200 and do nothing, e.g. "channel_not_found". */
  | { error: string }
  /** Do the work (the message IS stored) but destroy the connection instead of answering. */
  | { dropResponseAfterCommit: true };

export interface FaultOptions {
  /** How many consecutive matching calls fail. Default 1. */
  times?: number;
  /** Only calls whose arguments satisfy this fail, e.g. (args) => args.channel === "C1". */
  when?: (args: Record<string, unknown>) => boolean;
}

interface PendingFault {
  fault: Fault;
  remaining: number;
  when?: (args: Record<string, unknown>) => boolean;
}

export function describeFault(fault: Fault): string {
  if ("dropResponseAfterCommit" in fault) return "dropResponseAfterCommit";
  if ("error" in fault) return `error:${fault.error}`;
  return `status:${fault.status}`;
}

export class FaultQueue {
  private readonly pending = new Map<string, PendingFault[]>();

  add(method: string, fault: Fault, options: FaultOptions = {}): void {
    const times = options.times ?? 1;
    if (!Number.isInteger(times) || times < 1) throw new RangeError("times must be a positive integer");
    const queue = this.pending.get(method) ?? [];
    queue.push({ fault, remaining: times, ...(options.when ? { when: options.when } : {}) });
    this.pending.set(method, queue);
  }

  /** Removes and returns the first fault queued for `method` that matches `args`. */
  take(method: string, args: Record<string, unknown>): Fault | undefined {
    const queue = this.pending.get(method);
    if (!queue) return undefined;
    const index = queue.findIndex((entry) => !entry.when || entry.when(args));
    const entry = queue[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining === 0) queue.splice(index, 1);
    return entry.fault;
  }

  clear(): void {
    this.pending.clear();
  }
}
