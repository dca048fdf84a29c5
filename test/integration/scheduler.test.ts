// Scheduled slots against a real database: each slot is handled once whichever replica gets
// there, a slot that fires writes its deliveries with it, and missed slots follow the digest's
// catch-up rule (under a day: late, with a line saying so; older: skipped and recorded).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseScheduleSpec } from "../../src/core/schedules/index.js";
import { type Database, openDatabase } from "../../src/db/database.js";
import { createDatabaseRunCoordinator } from "../../src/db/repositories/cron-leases.js";
import { createSalesData } from "../../src/db/repositories/sales-data.js";
import { createSchedule, teamsWithChannels } from "../../src/db/repositories/schedules.js";
import { seedDemoTenant } from "../../src/db/seed/demo-tenant.js";
import { ensureDefaultDigestSchedules } from "../../src/jobs/ensure-default-schedules.js";
import { runDueSchedules } from "../../src/jobs/run-due-schedules.js";
import { createLogger } from "../../src/logger.js";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases.js";

const logger = createLogger("silent");
const TODAY = "2026-11-26";

for (const kind of backends) {
  describe(`scheduled slots [${kind}]`, () => {
    let testDatabase: TestDatabase;
    let db: Database;
    let tenantId: string;
    let team: { id: string; name: string; slackChannelId: string | null; timeZone: string };

    beforeAll(async () => {
      testDatabase = await createTestDatabase(kind);
      db = testDatabase.db;
      tenantId = (await seedDemoTenant(db, { today: TODAY })).tenantId;
      team = (await teamsWithChannels(db.prisma, tenantId)).find((t) => t.name === "EMEA Mid-Market")!;
    });
    afterAll(async () => {
      await testDatabase?.dispose();
    });

    async function weeklyDigest(name: string, createdAt: Date) {
      const spec = parseScheduleSpec("weekly Mon 08:00");
      return createSchedule(
        db.prisma,
        { tenantId, kind: "forecast_digest", name, ...spec, timeZone: "Europe/London", target: { teamId: team.id } },
        createdAt,
      );
    }

    async function deliveriesOf(scheduleId: string) {
      return db.prisma.delivery.findMany({ where: { idempotencyKey: { startsWith: `forecast_digest:${scheduleId}:` } } });
    }

    it("fires a slot once, with one delivery per team channel, however often the tick runs", async () => {
      // Created Sunday 2026-11-22; the slot is Monday 2026-11-23 08:00 London = 08:00Z (GMT).
      const schedule = await weeklyDigest("fires once", new Date("2026-11-22T12:00:00Z"));
      const now = new Date("2026-11-23T08:01:00Z");
      const data = createSalesData(db.prisma);
      const first = await runDueSchedules({ db, data, owner: "replica-a", now, logger });
      const second = await runDueSchedules({ db, data, owner: "replica-b", now, logger });
      expect(first.filter((s) => s.scheduleId === schedule.id)).toEqual([
        { scheduleId: schedule.id, slotAt: new Date("2026-11-23T08:00:00Z"), outcome: "fired", deliveries: 1 },
      ]);
      expect(second.filter((s) => s.scheduleId === schedule.id)).toEqual([]);
      const rows = await deliveriesOf(schedule.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: "forecast_digest", recipient: team.slackChannelId, status: "pending" });
      expect((rows[0]!.payload as { teamName: string }).teamName).toBe("EMEA Mid-Market");
      const slot = await db.prisma.scheduleSlot.findUniqueOrThrow({
        where: { scheduleId_slotAt: { scheduleId: schedule.id, slotAt: new Date("2026-11-23T08:00:00Z") } },
      });
      expect(slot).toMatchObject({ outcome: "fired", handledBy: "replica-a" });
    });

    it("sends a digest missed by less than a day late, with a line saying so", async () => {
      const schedule = await weeklyDigest("late by three hours", new Date("2026-11-22T12:00:00Z"));
      const now = new Date("2026-11-23T11:00:00Z");
      const handled = await runDueSchedules({ db, data: createSalesData(db.prisma), owner: "replica-a", now, logger });
      expect(handled.filter((s) => s.scheduleId === schedule.id)).toEqual([
        { scheduleId: schedule.id, slotAt: new Date("2026-11-23T08:00:00Z"), outcome: "late", deliveries: 1 },
      ]);
      const [row] = await deliveriesOf(schedule.id);
      expect(JSON.stringify(row!.payload)).toContain("This digest is late");
    });

    it("skips and records a digest missed by more than a day, and does not send it", async () => {
      const schedule = await weeklyDigest("missed by two days", new Date("2026-11-22T12:00:00Z"));
      const now = new Date("2026-11-25T09:00:00Z");
      const handled = await runDueSchedules({ db, data: createSalesData(db.prisma), owner: "replica-a", now, logger });
      expect(handled.filter((s) => s.scheduleId === schedule.id)).toEqual([
        { scheduleId: schedule.id, slotAt: new Date("2026-11-23T08:00:00Z"), outcome: "skipped", deliveries: 0 },
      ]);
      expect(await deliveriesOf(schedule.id)).toHaveLength(0);
      const slot = await db.prisma.scheduleSlot.findFirstOrThrow({ where: { scheduleId: schedule.id } });
      expect(slot.outcome).toBe("skipped");
    });

    it("gives every team with a channel the default Monday 08:00 digest in its own zone, once", async () => {
      const first = await ensureDefaultDigestSchedules(db, [tenantId], new Date("2026-11-26T00:00:00Z"));
      const again = await ensureDefaultDigestSchedules(db, [tenantId], new Date("2026-11-26T00:00:00Z"));
      // EMEA already has digests from the tests above (they target its team): only APAC and Americas get one.
      expect(first).toBe(2);
      expect(again).toBe(0);
      const defaults = await db.prisma.schedule.findMany({ where: { tenantId, name: { startsWith: "Weekly forecast digest" } } });
      expect(defaults.map((s) => [s.name, s.cron, s.timeZone]).sort()).toEqual([
        ["Weekly forecast digest — APAC Enterprise", "0 8 * * 1", "Asia/Kuala_Lumpur"],
        ["Weekly forecast digest — Americas Commercial", "0 8 * * 1", "America/New_York"],
      ]);
    });

    it("elects one replica per cron slot", async () => {
      const a = createDatabaseRunCoordinator(db.prisma, "replica-a");
      const b = createDatabaseRunCoordinator(db.prisma, "replica-b");
      const key = `salesops-schedule-tick:${kind}:2026-11-26T08:00:00.000Z`;
      const votes = await Promise.all([a.shouldRun(key, 50_000), b.shouldRun(key, 50_000), a.shouldRun(key, 50_000)]);
      expect(votes.filter(Boolean)).toHaveLength(1);
    });
  });
}

describe.runIf(backends.includes("postgres"))("replicas ticking together [postgres]", () => {
  it("fire each slot once across three pools", async () => {
    const target = await createTestDatabase("postgres");
    const replicas = await Promise.all([1, 2].map(() => openDatabase({ databaseUrl: target.url!, maxConnections: 3 })));
    try {
      const tenantId = (await seedDemoTenant(target.db, { today: TODAY })).tenantId;
      const spec = parseScheduleSpec("weekly Mon 08:00");
      const schedule = await createSchedule(
        target.db.prisma,
        { tenantId, kind: "forecast_digest", name: "all teams", ...spec, timeZone: "Asia/Kuala_Lumpur", target: { allTeams: true } },
        new Date("2026-11-20T00:00:00Z"),
      );
      // Monday 2026-11-23 08:00 in Kuala Lumpur = 00:00Z.
      const now = new Date("2026-11-23T00:00:30Z");
      const results = await Promise.all(
        [target.db, ...replicas].map((db, i) => runDueSchedules({ db, data: createSalesData(db.prisma), owner: `replica-${i}`, now, logger })),
      );
      const fired = results.flat().filter((s) => s.scheduleId === schedule.id);
      expect(fired).toHaveLength(1);
      expect(fired[0]!.deliveries).toBe(3);
      expect(await target.db.prisma.delivery.count({ where: { idempotencyKey: { startsWith: `forecast_digest:${schedule.id}:` } } })).toBe(3);
    } finally {
      await Promise.all(replicas.map((db) => db.close()));
      await target.dispose();
    }
  });
});
