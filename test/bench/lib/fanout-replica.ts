// One replica of the bot's delivery side for the fan-out bench, as its own process: the worker
// wired as src/app.ts wires it (same ChatPort, same renderers, the worker's default concurrency,
// batch and lease unless LEASE_MS is given), on DATABASE_URL, talking to the Slack stand-in at
// SLACK_API_URL. It opens everything, says {"fanout":"ready"} and waits for "go" on stdin, so that
// start-up is not timed; "stop" stops the worker as a shutdown would. Every PROGRESS_MS it prints
// what it did ({"fanout":"progress"}): a replica killed with SIGKILL leaves its last line behind.
import { createInterface } from "node:readline";
import { z } from "zod";
import type { ChatPort } from "../../../src/core/chat-port.js";
import { openDatabase } from "../../../src/db/database.js";
import { builtInRenderers, type DeliveryRenderers } from "../../../src/jobs/delivery-renderers.js";
import { type DeliveryWorker, startDeliveryWorker } from "../../../src/jobs/delivery-worker.js";
import { renderForecastDigestDelivery } from "../../../src/jobs/render/forecast-digest.js";
import { createLogger } from "../../../src/logger.js";
import { createSlackChatPort } from "../../../src/slack/chat-port.js";
import { emptyReplicaTally, type ReplicaTally } from "./fanout-tally.js";

const env = z
  .object({
    DATABASE_URL: z.string().min(1),
    SLACK_API_URL: z.string().url(),
    SLACK_BOT_TOKEN: z.string().min(1),
    REPLICA_NAME: z.string().min(1),
    LEASE_MS: z.coerce.number().int().positive().optional(),
    PROGRESS_MS: z.coerce.number().int().positive().default(1_000),
  })
  .parse(process.env);

function emit(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ fanout: line["fanout"], replica: env.REPLICA_NAME, ...line })}\n`);
}

const tally: ReplicaTally = emptyReplicaTally();

/** The ChatPort, counting what each call came to (rate limits by method, lookups and what they found). */
function counted(chat: ChatPort): ChatPort {
  return {
    async send(recipient, message, deliveryId) {
      const started = performance.now();
      const result = await chat.send(recipient, message, deliveryId);
      tally.sendMs += performance.now() - started;
      if (result.ok) tally.sent += 1;
      else if (result.kind === "rate_limited") tally.rateLimited[result.method] = (tally.rateLimited[result.method] ?? 0) + 1;
      else if (result.kind === "transient") tally.transient += 1;
      else tally.permanent[result.reason] = (tally.permanent[result.reason] ?? 0) + 1;
      return result;
    },
    async findDelivered(recipient, deliveryId, since) {
      tally.lookups += 1;
      const found = await chat.findDelivered(recipient, deliveryId, since);
      if (found === null) tally.lookupsNotFound += 1;
      else if ("kind" in found) {
        if (found.kind === "rate_limited") tally.rateLimited[found.method] = (tally.rateLimited[found.method] ?? 0) + 1;
        tally.lookupsFailed += 1;
      } else tally.lookupsFound += 1;
      return found;
    },
  };
}

/** The renderers, timed per kind: a digest's chart is drawn again each time its row is rendered. */
function timed(renderers: DeliveryRenderers): DeliveryRenderers {
  return Object.fromEntries(
    Object.entries(renderers).map(([kind, render]) => [
      kind,
      async (payload: unknown) => {
        const started = performance.now();
        try {
          return await render(payload);
        } finally {
          const entry = (tally.renders[kind] ??= { count: 0, ms: 0 });
          entry.count += 1;
          entry.ms += performance.now() - started;
        }
      },
    ]),
  );
}

// As src/app.ts opens it (pool of 10) and builds the worker's ports.
const db = await openDatabase({ databaseUrl: env.DATABASE_URL });
const chat = counted(createSlackChatPort({ botToken: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL }));
const renderers = timed({ ...builtInRenderers, forecast_digest: (payload) => renderForecastDigestDelivery(payload) });
const logger = createLogger("warn", { owner: env.REPLICA_NAME });

let worker: DeliveryWorker | undefined;
let progress: NodeJS.Timeout | undefined;
let stopping: Promise<void> | undefined;

function report(kind: "progress" | "stopped"): void {
  emit({ fanout: kind, tally });
}

async function stop(): Promise<void> {
  stopping ??= (async () => {
    clearInterval(progress);
    await worker?.stop();
    report("stopped");
    await db.close();
  })();
  return stopping;
}

const input = createInterface({ input: process.stdin });
input.on("line", (line) => {
  const command = line.trim();
  if (command === "go" && worker === undefined) {
    worker = startDeliveryWorker({
      db,
      chat,
      renderers,
      owner: env.REPLICA_NAME,
      logger,
      ...(env.LEASE_MS === undefined ? {} : { leaseMs: env.LEASE_MS }),
    });
    progress = setInterval(() => report("progress"), env.PROGRESS_MS);
    emit({ fanout: "started" });
  } else if (command === "stop") {
    void stop().then(() => process.exit(0));
  }
});
process.once("SIGTERM", () => void stop().then(() => process.exit(0)));
emit({ fanout: "ready", pid: process.pid });
