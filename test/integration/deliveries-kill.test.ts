// SIGKILL in the middle of a fan-out: a worker process is killed after about a third of 300 DMs
// went out, a second process takes over once the dead one's leases expire, and every recipient
// ends with exactly one message. The Slack stand-in runs in this test process, so it survives.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.js";
import { applyMigrations } from "../../src/db/migrator.js";
import { enqueueDeliveries } from "../../src/db/repositories/deliveries.js";
import { createSlackStandIn, type SlackStandIn } from "../../src/slack-stand-in/index.js";
import { backends, createScratchPostgresDatabase } from "../support/databases.js";
import { addPeople, announcements, createDeliveryTenant, deliveryIdsByRecipient, waitFor } from "../support/delivery-fakes.js";
import { runScript } from "../support/processes.js";

const RECIPIENTS = 300;
const KILL_AFTER = 100;
const LEASE_MS = 2_000;
const SCRIPT = "test/support/delivery-worker-process.ts";

for (const kind of backends) {
  describe(`a delivery worker killed mid fan-out [${kind}]`, () => {
    let standIn: SlackStandIn | undefined;
    let dataDir: string | undefined;
    let scratch: { url: string; drop(): Promise<void> } | undefined;

    beforeAll(async () => {
      standIn = createSlackStandIn();
      await standIn.start();
      if (kind === "postgres") scratch = await createScratchPostgresDatabase("kill");
      else dataDir = mkdtempSync(path.join(tmpdir(), "deliveries-kill-"));
    });
    afterAll(async () => {
      await standIn?.stop();
      await scratch?.drop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    /** PGlite's files belong to one process at a time: the test opens them only between workers. */
    async function withDatabase<T>(work: (db: Database) => Promise<T>): Promise<T> {
      const db = await openDatabase(scratch ? { databaseUrl: scratch.url, maxConnections: 2 } : { dataDir });
      try {
        return await work(db);
      } finally {
        await db.close();
      }
    }

    function workerEnv(owner: string, exitWhenDrained: boolean): Record<string, string> {
      return {
        ...(scratch ? { DATABASE_URL: scratch.url } : { DATA_DIR: dataDir! }),
        SLACK_API_URL: standIn!.url,
        SLACK_BOT_TOKEN: standIn!.botToken,
        WORKER_OWNER: owner,
        LEASE_MS: String(LEASE_MS),
        EXIT_WHEN_DRAINED: exitWhenDrained ? "1" : "0",
      };
    }

    it(`leaves each of ${RECIPIENTS} recipients exactly one message`, async () => {
      const ws = standIn!.workspace;
      const people = addPeople(ws, RECIPIENTS);
      await withDatabase(async (db) => {
        await applyMigrations(db);
        const tenantId = await createDeliveryTenant(db, "Kill Co");
        expect(await enqueueDeliveries(db.prisma, announcements(tenantId, "survey:2025-w10", people))).toBe(RECIPIENTS);
      });

      const first = runScript(SCRIPT, workerEnv("doomed", false));
      await first.waitForLog((line) => line["event"] === "started", 60_000);
      const sentMessages = () => ws.callLog("chat.postMessage").filter((call) => call.ok).length;
      await waitFor(() => sentMessages() >= KILL_AFTER || first.child.exitCode !== null, 60_000, `${KILL_AFTER} messages`);
      first.child.kill("SIGKILL");
      expect(await first.exited).toBe("SIGKILL");
      const sentBeforeKill = sentMessages();
      expect(sentBeforeKill).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(sentBeforeKill).toBeLessThan(RECIPIENTS);

      // What the dead worker left behind: rows still leased to it, some of them already in Slack.
      const orphans = await withDatabase((db) =>
        db.prisma.delivery.findMany({ where: { status: "sending" }, select: { id: true, recipient: true } }),
      );
      const orphansInSlack = orphans.filter((row) => deliveryIdsByRecipient(ws, [row.recipient]).get(row.recipient)!.includes(row.id)).length;

      const second = runScript(SCRIPT, workerEnv("survivor", true));
      expect(await second.exited, second.stderr()).toBe(0);

      const stored = await withDatabase((db) => db.prisma.delivery.findMany({ select: { id: true, recipient: true, status: true, attempts: true } }));
      expect(stored.filter((row) => row.status !== "sent")).toEqual([]);
      const idByRecipient = new Map(stored.map((row) => [row.recipient, row.id]));
      const received = deliveryIdsByRecipient(ws, people);
      expect(people.filter((userId) => received.get(userId)!.length !== 1)).toEqual([]);
      expect(people.filter((userId) => received.get(userId)![0] !== idByRecipient.get(userId))).toEqual([]);
      expect(ws.callLog("chat.postMessage").filter((call) => call.ok)).toHaveLength(RECIPIENTS);
      // Every orphan was claimed again and looked up in Slack before anything was sent again; a
      // lookup only ever happens for a row claimed more than once (on a slow machine the survivor
      // may outlive a 2 s lease of its own, and then looks that row up too).
      const looked = new Set(ws.callLog("conversations.history").map((call) => call.channel));
      for (const orphan of orphans) expect(looked.has(ws.dmChannelFor(orphan.recipient)!), orphan.recipient).toBe(true);
      const attemptsByDm = new Map(stored.map((row) => [ws.dmChannelFor(row.recipient), row.attempts]));
      expect([...looked].filter((channel) => attemptsByDm.get(channel)! < 2)).toEqual([]);
      console.log(`[${kind}] killed after ${sentBeforeKill} sent; ${orphans.length} rows left leased, ${orphansInSlack} of them already in Slack and reconciled`);
    }, 240_000); // PGlite creates its files (initdb) on first open: tens of seconds on a busy 2-core machine
  });
}
