// What the process does with an error nobody caught. Two cases, two answers:
//
// - `unhandledRejection` (a promise that failed with nobody awaiting it — Bolt's receiver starts
//   its work in such a promise): logged, and the process keeps serving. Every piece of state
//   that matters is in the database and changes only in transactions, so a request that died
//   half-way left nothing half-written; the rest of the process is unaffected. Logged at most a
//   line a minute per message, so that a request that provokes one cannot fill the disk.
// - `uncaughtException` (a synchronous throw out of a callback): logged as fatal, then the app is
//   stopped (up to 5 s) and the process exits 1 for its supervisor to restart. Node documents
//   the process as in an undefined state after one — a stream, a timer or the embedded database's
//   WebAssembly instance may be mid-way — and a restart recovers every committed row.
import type { Logger } from "./logger.js";

export interface CrashHandlerOptions {
  logger: Logger;
  /** Stops the app (in-flight requests, jobs, the database). */
  stop: () => Promise<void>;
  exit: (code: number) => void;
  /** How long stopping may take before exiting anyway. Default 5 s. */
  stopTimeoutMs?: number;
  /** Milliseconds since the epoch, for the log limit. Default Date.now. */
  now?: () => number;
}

/** The part of `process` used here (an EventEmitter in tests). */
export interface ProcessEvents {
  on(event: "unhandledRejection", listener: (reason: unknown) => void): unknown;
  on(event: "uncaughtException", listener: (error: Error) => void): unknown;
}

const REJECTION_LOG_WINDOW_MS = 60_000;

export function installCrashHandlers(target: ProcessEvents, options: CrashHandlerOptions): void {
  const now = options.now ?? Date.now;
  const lastLogged = new Map<string, { at: number; suppressed: number }>();
  let crashing = false;

  target.on("unhandledRejection", (reason) => {
    const key = reason instanceof Error ? `${reason.name}: ${reason.message}`.slice(0, 200) : String(reason).slice(0, 200);
    const seen = lastLogged.get(key);
    const at = now();
    if (seen && at - seen.at < REJECTION_LOG_WINDOW_MS) {
      seen.suppressed += 1;
      return;
    }
    if (lastLogged.size > 1_000) lastLogged.clear();
    lastLogged.set(key, { at, suppressed: 0 });
    options.logger.error({ err: reason, suppressedBefore: seen?.suppressed ?? 0 }, "unhandled promise rejection; still serving");
  });

  target.on("uncaughtException", (error) => {
    options.logger.fatal({ err: error }, "uncaught exception; stopping for the supervisor to restart the process");
    if (crashing) return;
    crashing = true;
    const timer = setTimeout(() => options.exit(1), options.stopTimeoutMs ?? 5_000);
    timer.unref?.();
    options.stop().then(
      () => options.exit(1),
      () => options.exit(1),
    );
  });
}
