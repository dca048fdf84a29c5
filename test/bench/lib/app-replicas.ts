// The app as separate processes (`src/main.ts`, as `npm start` runs it) for benches that measure
// the app alone: the load generator and the Slack stand-in stay in the bench's process, as Slack
// itself is remote. Each replica's URL is read from its "listening" log line; its error lines
// (level 50 and above) are kept.
import { runScript, type StartedProcess } from "../../support/processes.js";

export interface AppReplica {
  name: string;
  url: string;
  process: StartedProcess;
  /** Error lines it logged, as "msg: err.message". */
  errors(): string[];
}

/** `nodeArgs` go to node itself (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
export async function startAppReplicas(count: number, env: Record<string, string>, nodeArgs: string[] = [], timeoutMs = 120_000): Promise<AppReplica[]> {
  const started = Array.from({ length: count }, (_, index) => ({
    name: `replica-${index + 1}`,
    process: runScript("src/main.ts", { ...env, PORT: "0", HOST: "127.0.0.1" }, [], nodeArgs),
  }));
  try {
    return await Promise.all(
      started.map(async ({ name, process }) => {
        const line = await process.waitForLog((entry) => entry.msg === "listening", timeoutMs);
        return {
          name,
          url: String(line.url).replace("0.0.0.0", "127.0.0.1"),
          process,
          errors: () =>
            process
              .stdout()
              .split("\n")
              .flatMap((text) => {
                if (!text.startsWith("{")) return [];
                try {
                  const entry = JSON.parse(text) as { level?: number; msg?: string; err?: { message?: string } };
                  return (entry.level ?? 0) >= 50 ? [[entry.msg, entry.err?.message].filter(Boolean).join(": ")] : [];
                } catch {
                  return [];
                }
              }),
        };
      }),
    );
  } catch (error) {
    await stopAppReplicas(started.map(({ process }) => ({ process })));
    throw error;
  }
}

/** SIGTERM (the app finishes what it is doing and closes its database), SIGKILL after 30 s. */
export async function stopAppReplicas(replicas: ReadonlyArray<{ process: StartedProcess }>): Promise<void> {
  await Promise.all(
    replicas.map(async ({ process }) => {
      if (process.child.exitCode !== null || process.child.signalCode !== null) return;
      process.child.kill("SIGTERM");
      const timer = setTimeout(() => process.child.kill("SIGKILL"), 30_000);
      await process.exited;
      clearTimeout(timer);
    }),
  );
}
