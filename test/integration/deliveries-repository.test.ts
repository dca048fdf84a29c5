// The outbox repository on a real database: idempotent enqueue (also inside the caller's
// transaction), claims under a lease with SKIP LOCKED, writes guarded by the lease, statistics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/database.js";
import {
  claimDeliveries,
  deliveryStats,
  enqueueDeliveries,
  latestFailedDeliveries,
  markFailed,
  markSent,
  reschedule,
} from "../../src/db/repositories/deliveries.js";
import { backends, createTestDatabase, describeEachBackend, type TestDatabase } from "../support/databases.js";
import { announcements, createDeliveryTenant } from "../support/delivery-fakes.js";

const MINUTE = 60_000;

describeEachBackend("delivery repository", ({ db }) => {
  it("enqueues one row per idempotency key, however often the same occurrence is written", async () => {
    const tenantId = await createDeliveryTenant(db(), "Enqueue Co");
    const rows = announcements(tenantId, "enqueue:2025-03-03", ["U1", "U2", "U3"]);
    expect(await enqueueDeliveries(db().prisma, rows)).toBe(3);
    // A second replica planning the same occurrence: every insert collides.
    expect(await enqueueDeliveries(db().prisma, rows)).toBe(0);
    // One new recipient among old ones: 1 new row.
    expect(await enqueueDeliveries(db().prisma, announcements(tenantId, "enqueue:2025-03-03", ["U2", "U4"]))).toBe(1);
    const stored = await db().prisma.delivery.findMany({ where: { tenantId }, orderBy: { recipient: "asc" }, select: { recipient: true, status: true, attempts: true } });
    expect(stored).toEqual(["U1", "U2", "U3", "U4"].map((recipient) => ({ recipient, status: "pending", attempts: 0 })));
  });

  it("writes deliveries with the state they announce: a rolled-back transaction leaves none", async () => {
    const tenantId = await createDeliveryTenant(db(), "Rollback Co");
    await expect(
      db().prisma.$transaction(async (tx) => {
        await enqueueDeliveries(tx, announcements(tenantId, "rollback", ["U1", "U2"]));
        throw new Error("the schedule slot could not be recorded");
      }),
    ).rejects.toThrow("the schedule slot could not be recorded");
    expect(await db().prisma.delivery.count({ where: { tenantId } })).toBe(0);
  });

  it("claims due rows once, leases them, and only the lease holder may finish them", async () => {
    const tenantId = await createDeliveryTenant(db(), "Claim Co");
    await db().prisma.delivery.deleteMany({});
    await enqueueDeliveries(db().prisma, announcements(tenantId, "claim", ["U1", "U2", "U3"]));
    await enqueueDeliveries(db().prisma, announcements(tenantId, "later", ["U9"], { notBefore: new Date(Date.now() + 10 * MINUTE) }));
    await enqueueDeliveries(db().prisma, announcements(tenantId, "teams", ["aad-1"], { platform: "teams" }));

    const first = await claimDeliveries(db().prisma, { owner: "replica-a", limit: 2, leaseMs: MINUTE, platform: "slack" });
    const second = await claimDeliveries(db().prisma, { owner: "replica-b", limit: 10, leaseMs: MINUTE, platform: "slack" });
    expect(first).toHaveLength(2);
    // The third due row; U9 is not due for ten minutes.
    expect(second.map((row) => row.recipient)).toHaveLength(1);
    expect(new Set([...first, ...second].map((row) => row.recipient))).toEqual(new Set(["U1", "U2", "U3"]));
    expect([...first, ...second].map((row) => row.attempts)).toEqual([1, 1, 1]);
    expect(first[0]!.payload).toEqual({ text: `claim for ${first[0]!.recipient}` });
    expect(await claimDeliveries(db().prisma, { owner: "replica-c", limit: 10, leaseMs: MINUTE, platform: "slack" })).toEqual([]);
    // The Teams row waits for a Teams worker.
    expect((await claimDeliveries(db().prisma, { owner: "replica-t", limit: 10, leaseMs: MINUTE, platform: "teams" })).map((row) => row.recipient)).toEqual(["aad-1"]);

    const [a1, a2] = first as [(typeof first)[0], (typeof first)[0]];
    const [b1] = second as [(typeof second)[0]];
    expect(await markSent(db().prisma, a1.id, "replica-b", { channel: "D1", ts: "1.000001" })).toBe(false);
    expect(await markSent(db().prisma, a1.id, "replica-a", { channel: "D1", ts: "1.000001" })).toBe(true);
    expect(await markSent(db().prisma, a1.id, "replica-a", { channel: "D1", ts: "1.000001" })).toBe(false);
    expect(await markFailed(db().prisma, b1.id, "replica-b", "account_inactive", "chat.postMessage: account_inactive")).toBe(true);
    expect(await reschedule(db().prisma, a2.id, "replica-a", { delayMs: 5 * MINUTE }, "chat.postMessage: HTTP 500")).toBe(true);

    const rows = await db().prisma.delivery.findMany({ where: { id: { in: [a1.id, a2.id, b1.id] } }, select: { id: true, status: true, messageTs: true, failureReason: true, lastError: true, leaseOwner: true, attempts: true } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(a1.id)).toMatchObject({ status: "sent", messageTs: "1.000001", leaseOwner: null });
    expect(byId.get(b1.id)).toMatchObject({ status: "failed", failureReason: "account_inactive", lastError: "chat.postMessage: account_inactive" });
    expect(byId.get(a2.id)).toMatchObject({ status: "pending", lastError: "chat.postMessage: HTTP 500", attempts: 1, leaseOwner: null });
    // Rescheduled five minutes out: not due yet.
    expect(await claimDeliveries(db().prisma, { owner: "replica-c", limit: 10, leaseMs: MINUTE })).toEqual([]);
  });

  it("takes over a row whose lease expired, and the old owner can no longer finish it", async () => {
    const tenantId = await createDeliveryTenant(db(), "Lease Co");
    await db().prisma.delivery.deleteMany({});
    await enqueueDeliveries(db().prisma, announcements(tenantId, "lease", ["U1"]));
    const [claimed] = await claimDeliveries(db().prisma, { owner: "dead-replica", limit: 5, leaseMs: MINUTE });
    expect(await claimDeliveries(db().prisma, { owner: "replica-b", limit: 5, leaseMs: MINUTE })).toEqual([]);
    // Two minutes later (pinned), the one-minute lease has expired.
    const later = new Date(Date.now() + 2 * MINUTE);
    const [takenOver] = await claimDeliveries(db().prisma, { owner: "replica-b", limit: 5, leaseMs: MINUTE, now: later });
    expect(takenOver).toMatchObject({ id: claimed!.id, attempts: 2 });
    // lease_expires_at = pinned now + 60 s
    expect(takenOver!.leaseExpiresAt.getTime()).toBe(later.getTime() + MINUTE);
    expect(await markSent(db().prisma, claimed!.id, "dead-replica", { channel: "D1", ts: "1.1" })).toBe(false);
    // Giving back a claim that sent nothing does not count as an attempt: 2 - 1 = 1.
    expect(await reschedule(db().prisma, claimed!.id, "replica-b", { delayMs: 0 }, null, { countAttempt: false })).toBe(true);
    expect(await db().prisma.delivery.findUniqueOrThrow({ where: { id: claimed!.id }, select: { attempts: true, status: true } })).toEqual({ attempts: 1, status: "pending" });
  });

  it("reports queue depth, the oldest waiting row and failures by reason", async () => {
    const tenantId = await createDeliveryTenant(db(), "Stats Co");
    await db().prisma.delivery.deleteMany({});
    expect(await deliveryStats(db().prisma)).toEqual({ pending: 0, due: 0, sending: 0, oldestPendingAgeMs: null, failed: 0, failedByReason: {} });

    await enqueueDeliveries(db().prisma, announcements(tenantId, "stats", ["U1", "U2", "U3", "U4", "U5", "U6"]));
    await enqueueDeliveries(db().prisma, announcements(tenantId, "stats-later", ["U7"], { notBefore: new Date(Date.now() + 10 * MINUTE) }));
    // The oldest row was queued 5 minutes ago.
    await db().prisma.delivery.updateMany({ where: { idempotencyKey: "stats:U6" }, data: { createdAt: new Date(Date.now() - 5 * MINUTE) } });
    const claimed = await claimDeliveries(db().prisma, { owner: "r", limit: 5, leaseMs: MINUTE });
    const byRecipient = new Map(claimed.map((row) => [row.recipient, row.id]));
    await markSent(db().prisma, byRecipient.get("U1")!, "r", { channel: "D1", ts: "1.1" });
    await markFailed(db().prisma, byRecipient.get("U2")!, "r", "account_inactive", "chat.postMessage: account_inactive");
    await markFailed(db().prisma, byRecipient.get("U3")!, "r", "account_inactive", "chat.postMessage: account_inactive");
    await markFailed(db().prisma, byRecipient.get("U4")!, "r", "channel_not_found", "chat.postMessage: channel_not_found");

    const stats = await deliveryStats(db().prisma, { includeSentLastHour: true });
    // 7 rows: 1 sent, 3 failed, 1 still sending (U5 or U6, whichever the claim took), 2 pending of which 1 due.
    expect(stats).toMatchObject({ pending: 2, due: 1, sending: 1, sentLastHour: 1, failed: 3, failedByReason: { account_inactive: 2, channel_not_found: 1 } });
    expect(stats.oldestPendingAgeMs).toBeGreaterThanOrEqual(5 * MINUTE);
    expect(stats.oldestPendingAgeMs).toBeLessThan(6 * MINUTE);

    const failed = await latestFailedDeliveries(db().prisma, 2);
    expect(failed).toHaveLength(2);
    expect(failed.every((row) => row.kind === "announcement" && row.attempts === 1)).toBe(true);
  });
});

for (const kind of backends) {
  describe(`delivery claims under contention [${kind}]`, () => {
    let test: TestDatabase | undefined;
    let second: Database | undefined;
    beforeAll(async () => {
      test = await createTestDatabase(kind);
      // On PostgreSQL a second pool plays a second replica; PGlite has one connection to share.
      second = test.url ? await openDatabase({ databaseUrl: test.url, maxConnections: 5 }) : test.db;
    });
    afterAll(async () => {
      if (second !== test?.db) await second?.close();
      await test?.dispose();
    });

    it("never hands one row to two concurrent claimers", async () => {
      const tenantId = await createDeliveryTenant(test!.db, "Race Co");
      await enqueueDeliveries(test!.db.prisma, announcements(tenantId, "race", Array.from({ length: 120 }, (_, n) => `U${n}`)));
      const claimers = Array.from({ length: 6 }, (_, n) => claimDeliveries((n % 2 === 0 ? test!.db : second!).prisma, { owner: `replica-${n}`, limit: 25, leaseMs: MINUTE }));
      const claimed = (await Promise.all(claimers)).flat();
      // 6 claimers x 25 = 150 > 120: every row claimed, and exactly once.
      expect(claimed).toHaveLength(120);
      expect(new Set(claimed.map((row) => row.id)).size).toBe(120);
      expect(claimed.every((row) => row.attempts === 1)).toBe(true);
    });
  });
}
