// The fan-out's replicas as child processes (lib/fanout-replica.ts), started the way
// test/support/processes.ts starts the app's entry points (node with tsx's loader, so a signal
// reaches the process itself), with a stdin to say "go" and "stop" and its JSON lines parsed once
// each as they arrive.
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type ReplicaLine, replicaLineSchema, type ReplicaTally } from "./fanout-tally.js";

const PROJECT_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const SCRIPT = "test/bench/lib/fanout-replica.ts";
/** Log lines at warn and above kept per replica (pino levels: 40 warn, 50 error, 60 fatal). */
const KEPT_LOG_LINES = 20;

export interface Replica {
  name: string;
  child: ChildProcess;
  /** The newest tally it printed (progress or final). */
  lastTally(): ReplicaTally | undefined;
  /** Its own log lines at warn or above, counted by message, and the last few in full. */
  logCounts(): Record<string, number>;
  logTail(): string[];
  stderrTail(): string;
  /** Resolves with the exit code, or the signal's name. */
  exited: Promise<number | string>;
  waitFor(event: ReplicaLine["fanout"], timeoutMs: number): Promise<void>;
  send(command: "go" | "stop"): void;
}

export function startReplica(name: string, env: Record<string, string>): Replica {
  const child = spawn(process.execPath, ["--import", "tsx", SCRIPT], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TZ: "UTC", REPLICA_NAME: name, ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  const seen = new Set<ReplicaLine["fanout"]>();
  const waiters: Array<() => void> = [];
  const logCounts: Record<string, number> = {};
  const logTail: string[] = [];
  let tally: ReplicaTally | undefined;
  let partial = "";
  let stderr = "";

  const take = (line: string) => {
    if (!line.startsWith("{")) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      return;
    }
    const own = replicaLineSchema.safeParse(parsed);
    if (own.success) {
      seen.add(own.data.fanout);
      if (own.data.tally) tally = own.data.tally;
      for (const waiter of waiters) waiter();
      return;
    }
    const log = parsed as { level?: unknown; msg?: unknown };
    if (typeof log.level === "number" && log.level >= 40) {
      const message = String(log.msg ?? "?");
      logCounts[message] = (logCounts[message] ?? 0) + 1;
      logTail.push(line);
      if (logTail.length > KEPT_LOG_LINES) logTail.shift();
    }
  };
  child.stdout!.on("data", (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) take(line);
  });
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  // A replica killed mid-write closes its stdin under us: that is expected, not an error.
  child.stdin!.on("error", () => {});
  const exited = new Promise<number | string>((resolve) => {
    child.on("exit", (code, signal) => {
      resolve(code ?? signal ?? -1);
      for (const waiter of waiters) waiter();
    });
  });

  return {
    name,
    child,
    lastTally: () => tally,
    logCounts: () => ({ ...logCounts }),
    logTail: () => [...logTail],
    stderrTail: () => stderr,
    exited,
    waitFor(event, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`replica ${name}: no "${event}" within ${timeoutMs / 1000} s\nstderr:\n${stderr}`)), timeoutMs);
        const check = () => {
          if (seen.has(event)) {
            clearTimeout(timer);
            resolve();
          } else if (child.exitCode !== null || child.signalCode !== null) {
            clearTimeout(timer);
            reject(new Error(`replica ${name} exited before "${event}"\nstderr:\n${stderr}`));
          }
        };
        waiters.push(check);
        check();
      });
    },
    send(command) {
      if (child.stdin!.writable) child.stdin!.write(`${command}\n`);
    },
  };
}
