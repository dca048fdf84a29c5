// What operators see of the outbox: `npm run cli -- deliveries [--failed]` as a real process on
// the configured database, and the object /readyz merges into its details.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.js";
import { applyMigrations } from "../../src/db/migrator.js";
import { deliveryHealth } from "../../src/jobs/delivery-health.js";
import { backends, createScratchPostgresDatabase } from "../support/databases.js";
import { createDeliveryTenant } from "../support/delivery-fakes.js";
import { runScript } from "../support/processes.js";

const HOUR = 3_600_000;

for (const kind of backends) {
  describe(`deliveries visibility [${kind}]`, () => {
    let dataDir: string | undefined;
    let scratch: { url: string; drop(): Promise<void> } | undefined;
    let env: Record<string, string> = {};

    async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
      const db = await openDatabase(scratch ? { databaseUrl: scratch.url, maxConnections: 2 } : { dataDir });
      try {
        return await work(db);
      } finally {
        await db.close();
      }
    }

    beforeAll(async () => {
      if (kind === "postgres") scratch = await createScratchPostgresDatabase("cli");
      else dataDir = mkdtempSync(path.join(tmpdir(), "deliveries-cli-"));
      env = scratch ? { DATABASE_URL: scratch.url } : { DATA_DIR: dataDir! };
      await withDatabase(async (db) => {
        await applyMigrations(db);
        const tenantId = await createDeliveryTenant(db, "Visible Co");
        const base = { tenantId, kind: "announcement", payload: { text: "hi" } };
        const now = Date.now();
        await db.prisma.delivery.createMany({
          data: [
            { ...base, idempotencyKey: "v:sent", recipient: "U0SENT", status: "sent", attempts: 1, sentAt: new Date(now - 60_000), messageChannel: "D1", messageTs: "1.1" },
            // Queued two hours ago and due since then.
            { ...base, idempotencyKey: "v:waiting", recipient: "U0WAIT", createdAt: new Date(now - 2 * HOUR), notBefore: new Date(now - 2 * HOUR) },
            { ...base, idempotencyKey: "v:later", recipient: "U0LATER", notBefore: new Date(now + HOUR) },
            { ...base, idempotencyKey: "v:gone", recipient: "U0GONE", status: "failed", attempts: 1, failureReason: "account_inactive", lastError: "chat.postMessage: account_inactive", createdAt: new Date("2025-03-03T09:00:00Z") },
            { ...base, idempotencyKey: "v:nochannel", recipient: "C0NOPE", status: "failed", attempts: 1, failureReason: "channel_not_found", lastError: "chat.postMessage: channel_not_found", createdAt: new Date("2025-03-03T08:00:00Z") },
          ],
        });
        const health = await deliveryHealth(db);
        expect(health).toMatchObject({
          deliveries: { pending: 2, due: 1, sending: 0, failed: 2, failed_by_reason: { account_inactive: 1, channel_not_found: 1 } },
        });
        const oldest = (health.deliveries as { oldest_pending_age_ms: number }).oldest_pending_age_ms;
        expect(oldest).toBeGreaterThanOrEqual(2 * HOUR);
        expect(oldest).toBeLessThan(2 * HOUR + 60_000);
      });
    });
    afterAll(async () => {
      await scratch?.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    it("prints queue depth, the oldest pending row and failures by reason", async () => {
      const run = runScript("src/cli/cli.ts", env, ["deliveries"]);
      expect(await run.exited, run.stderr()).toBe(0);
      expect(run.stdout().trimEnd().split("\n")).toEqual([
        "Delivery queue",
        "  pending         2 (1 due now)",
        "  sending         0",
        "  oldest pending  2 h 0 min",
        "  sent last hour  1",
        "  failed          2",
        "",
        "Failures by reason",
        "  account_inactive   1",
        "  channel_not_found  1",
      ]);
    });

    it("lists the latest failed deliveries with --failed", async () => {
      const run = runScript("src/cli/cli.ts", env, ["deliveries", "--failed"]);
      expect(await run.exited, run.stderr()).toBe(0);
      expect(run.stdout().trimEnd().split("\n").slice(-4)).toEqual([
        "Latest failed deliveries (newest first, at most 50)",
        "  failed (UTC)          kind          recipient  reason             attempts  error",
        "  2025-03-03 09:00:00Z  announcement  U0GONE     account_inactive   1         chat.postMessage: account_inactive",
        "  2025-03-03 08:00:00Z  announcement  C0NOPE     channel_not_found  1         chat.postMessage: channel_not_found",
      ]);
    });
  });
}
