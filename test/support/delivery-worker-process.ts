// A delivery worker as its own process, for the kill-in-the-middle test: opens DATABASE_URL (or
// the PGlite files under DATA_DIR) and sends to the Slack (stand-in) at SLACK_API_URL. With
// EXIT_WHEN_DRAINED=1 it exits 0 once no delivery is pending or sending; otherwise it runs until
// a signal. Prints one JSON line per milestone ({"event":"started"|"drained"}).
import { z } from "zod";
import { openDatabase } from "../../src/db/database.js";
import { builtInRenderers } from "../../src/jobs/delivery-renderers.js";
import { startDeliveryWorker } from "../../src/jobs/delivery-worker.js";
import { createLogger } from "../../src/logger.js";
import { createSlackChatPort } from "../../src/slack/chat-port.js";

const env = z
  .object({
    DATABASE_URL: z.string().min(1).optional(),
    DATA_DIR: z.string().min(1).optional(),
    SLACK_API_URL: z.string().url(),
    SLACK_BOT_TOKEN: z.string().min(1),
    WORKER_OWNER: z.string().min(1),
    LEASE_MS: z.coerce.number().int().positive(),
    EXIT_WHEN_DRAINED: z.enum(["0", "1"]).default("0"),
  })
  .refine((value) => value.DATABASE_URL !== undefined || value.DATA_DIR !== undefined, "DATABASE_URL or DATA_DIR is required")
  .parse(process.env);

const db = await openDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATABASE_URL ? undefined : env.DATA_DIR, maxConnections: 5 });
const worker = startDeliveryWorker({
  db,
  chat: createSlackChatPort({ botToken: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL, timeoutMs: 5_000 }),
  renderers: builtInRenderers,
  owner: env.WORKER_OWNER,
  logger: createLogger("warn", { owner: env.WORKER_OWNER }),
  leaseMs: env.LEASE_MS,
  pollIntervalMs: 50,
});
console.log(JSON.stringify({ event: "started", owner: env.WORKER_OWNER }));

async function shutDown(code: number): Promise<never> {
  await worker.stop();
  await db.close();
  process.exit(code);
}

if (env.EXIT_WHEN_DRAINED === "1") {
  await worker.drain({ timeoutMs: 120_000 });
  console.log(JSON.stringify({ event: "drained", owner: env.WORKER_OWNER }));
  await shutDown(0);
} else {
  process.once("SIGTERM", () => void shutDown(0));
}
