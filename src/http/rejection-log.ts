// Requests refused before any work (wrong method, bad signature, replay, malformed body) are
// logged at most once per reason per window, with how many there were: 50 probes of
// /slack/events once wrote 660 kB of error logs. Never the request's headers or body.
import type { Logger } from "../logger.js";

export interface RejectionLog {
  /** Counts one refusal; logs it now if it is the first of its reason in this window. */
  note(reason: string, details?: Record<string, string | number | undefined>): void;
  /** Logs what is still counted and stops the timer. */
  close(): void;
}

export interface RejectionLogOptions {
  logger: Logger;
  /** Default one minute. */
  windowMs?: number;
  level?: "info" | "warn";
}

export function createRejectionLog(options: RejectionLogOptions): RejectionLog {
  const windowMs = options.windowMs ?? 60_000;
  const level = options.level ?? "warn";
  /** Per reason: refusals since its last line. */
  const pending = new Map<string, { count: number; details: Record<string, string | number | undefined> | undefined }>();
  /** Reasons that logged a line in the current window. */
  const logged = new Set<string>();
  let timer: NodeJS.Timeout | undefined;

  function flush(): void {
    for (const [reason, { count, details }] of pending) {
      options.logger[level]({ reason, count, windowSeconds: windowMs / 1000, ...details }, "requests refused");
    }
    // A reason still arriving stays quiet for the next window too: in a steady stream it logs one
    // line a window; one that stopped logs its next refusal at once.
    logged.clear();
    for (const reason of pending.keys()) logged.add(reason);
    const active = pending.size > 0;
    pending.clear();
    timer = undefined;
    if (active) arm();
  }

  function arm(): void {
    if (timer) return;
    timer = setTimeout(flush, windowMs);
    timer.unref();
  }

  return {
    note(reason, details) {
      if (!logged.has(reason)) {
        logged.add(reason);
        options.logger[level]({ reason, count: 1, ...details }, "request refused");
        arm();
        return;
      }
      const entry = pending.get(reason);
      if (entry) entry.count += 1;
      else pending.set(reason, { count: 1, details });
      arm();
    },
    close() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const [reason, { count, details }] of pending) {
        options.logger[level]({ reason, count, ...details }, "requests refused");
      }
      pending.clear();
      logged.clear();
    },
  };
}
