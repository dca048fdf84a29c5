// Channel digests on a real database (PGlite always, PostgreSQL when TEST_DATABASE_URL is set)
// with the demo organisation: the digest detail set from the CLI (`npm run cli -- settings …`)
// and honoured when a slot fires — a `totals` channel names none of the deals plain SQL finds,
// a `full` one does —, the heading following the schedule, and `npm run cli -- schedule delete`
// with the digests its fired slot had already queued (they still go out: a real delivery worker
// sends them through a hand-written ChatPort).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/cli.js";
import { runScheduleCommand } from "../../src/cli/commands/schedule.js";
import { runSettingsCommand } from "../../src/cli/commands/settings.js";
import type { ChatPort, OutgoingMessage } from "../../src/core/chat-port.js";
import type { ForecastDigest } from "../../src/core/use-cases/compose-forecast-digest.js";
import { parseScheduleSpec } from "../../src/core/schedules/index.js";
import type { Database } from "../../src/db/database.js";
import { createSalesData } from "../../src/db/repositories/sales-data.js";
import { createSchedule, teamsWithChannels } from "../../src/db/repositories/schedules.js";
import { seedDemoTenant } from "../../src/db/seed/demo-tenant.js";
import { builtInRenderers } from "../../src/jobs/delivery-renderers.js";
import { startDeliveryWorker } from "../../src/jobs/delivery-worker.js";
import { renderForecastDigestDelivery } from "../../src/jobs/render/forecast-digest.js";
import { runDueSchedules } from "../../src/jobs/run-due-schedules.js";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases.js";
import { silentLogger } from "../support/delivery-fakes.js";

/** Demo data as of Monday 10 Aug 2026; the schedules below are made the day before. */
const TODAY = "2026-08-10";
const CREATED = new Date("2026-08-09T00:00:00Z");
/** Monday 10 Aug 2026 08:00 in Kuala Lumpur (UTC+8): the APAC slot; composed a minute later. */
const SLOT = new Date("2026-08-10T00:00:00Z");
const NOW = new Date("2026-08-10T00:01:00Z");

/** The team's people (manager and everyone below), as the digest counts them. */
const TEAM_CTE = `
  WITH RECURSIVE team_people(id) AS (
    SELECT manager_id FROM team WHERE id = $1::uuid
    UNION
    SELECT e.id FROM employee e JOIN team_people t ON e.manager_id = t.id
  )`;

function io(db: Database): CliContext & { lines: string[]; errors: string[] } {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, database: async () => db, out: (line) => lines.push(line), err: (line) => errors.push(line) };
}

for (const kind of backends) {
  describe(`channel digests: detail, heading and delete [${kind}]`, () => {
    let testDatabase: TestDatabase;
    let db: Database;
    let tenantId: string;
    let teams: Awaited<ReturnType<typeof teamsWithChannels>>;

    beforeAll(async () => {
      testDatabase = await createTestDatabase(kind);
      db = testDatabase.db;
      tenantId = (await seedDemoTenant(db, { today: TODAY })).tenantId;
      teams = await teamsWithChannels(db.prisma, tenantId);
    });
    afterAll(async () => {
      await testDatabase?.dispose();
    });

    const team = (name: string) => teams.find((candidate) => candidate.name === name)!;
    const clock = { now: () => NOW };

    async function sql<Row extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> {
      return db.withSession((session) => session.query<Row>(text, params));
    }

    /** Names of the deals a full digest of the team could name: open in the quarter, or moved since 3 Aug. */
    async function dealNames(teamId: string): Promise<string[]> {
      const rows = await sql<{ name: string }>(
        `${TEAM_CTE}
         SELECT DISTINCT o.name FROM opportunity o
          WHERE o.tenant_id = $2::uuid AND o.owner_id IN (SELECT id FROM team_people) AND o.close_date BETWEEN '2026-07-01' AND '2026-09-30'`,
        [teamId, tenantId],
      );
      return rows.map((row) => row.name);
    }

    it("sets the detail from the CLI, validated, naming a bad value", async () => {
      const set = io(db);
      expect(await runSettingsCommand(["digest-detail", "totals", "--team", "APAC Enterprise"], set, clock)).toBe(0);
      expect(set.lines.join("\n")).toContain("APAC Enterprise's channel digest now shows totals — team totals and counts only (a channel reps read), from the next digest on.");
      const stored = await db.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { settings: true } });
      expect(stored.settings).toEqual({ digestDetailByTeam: { [team("APAC Enterprise").id]: "totals" } });

      const bad = io(db);
      expect(await runSettingsCommand(["digest-detail", "brief"], bad, clock)).toBe(1);
      expect(bad.errors).toEqual([
        '"brief" is not a digest detail: use full (the deals named, for a managers\' channel) or totals (team totals only, for a channel reps read).',
      ]);
      const usage = io(db);
      expect(await runSettingsCommand(["colour", "blue"], usage, clock)).toBe(2);
      expect(usage.errors[0]!.split("\n")[0]).toBe('"colour" is not a setting I know; the settings are: digest-detail. See `npm run cli -- settings help`.');

      const show = io(db);
      expect(await runSettingsCommand([], show, clock)).toBe(0);
      const shown = show.lines.join("\n");
      expect(shown).toContain("full — the deals named (a managers' channel) (the default)");
      expect(shown).toContain("APAC Enterprise: totals");
      expect((await db.prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { settings: true } })).settings).toEqual(stored.settings);
    });

    it("fires a daily slot: APAC's channel gets totals only, the others every deal; the heading says daily", async () => {
      const daily = await createSchedule(
        db.prisma,
        { tenantId, kind: "forecast_digest", name: "Daily for all", ...parseScheduleSpec("daily 08:00"), timeZone: "Asia/Kuala_Lumpur", target: { allTeams: true } },
        CREATED,
      );
      const handled = await runDueSchedules({ db, data: createSalesData(db.prisma), owner: "replica-a", now: NOW, logger: silentLogger });
      expect(handled.filter((slot) => slot.scheduleId === daily.id)).toEqual([{ scheduleId: daily.id, slotAt: SLOT, outcome: "fired", deliveries: teams.length }]);
      const rows = await db.prisma.delivery.findMany({ where: { idempotencyKey: { startsWith: `forecast_digest:${daily.id}:` } } });
      const payloadOf = (name: string) => rows.map((row) => row.payload as unknown as ForecastDigest).find((digest) => digest.teamName === name)!;

      const apac = payloadOf("APAC Enterprise");
      const apacText = JSON.stringify(apac.reply);
      expect(apac.reply.blocks[0]).toEqual({ kind: "heading", text: "Daily forecast — APAC Enterprise — Q3 FY2026" });
      // The demo's snapshots are weekly (Mondays): the previous daily slot was 9 Aug, the newest snapshot then 3 Aug.
      expect(apac.reply.blocks[1]).toEqual({
        kind: "context",
        text: "Every day at 08:00 (Asia/Kuala_Lumpur) · what moved is counted since the pipeline snapshot of 3 Aug 2026, the newest at the previous digest (9 Aug 2026).",
      });
      const apacNames = await dealNames(team("APAC Enterprise").id);
      expect(apacNames.length).toBeGreaterThan(10);
      for (const name of apacNames) expect(apacText).not.toContain(name);
      expect(apacText).toContain("*Deals that moved:*");
      expect(apacText).not.toMatch(/ of RM [\d.,]+K?/); // no rep's "closed of quota"
      // The message as the renderer builds it carries the same: no deal named, and the chart.
      const message = await renderForecastDigestDelivery(apac);
      for (const name of apacNames) expect(JSON.stringify(message.blocks)).not.toContain(name);
      expect(message.image?.png.byteLength).toBeGreaterThan(1000);

      // EMEA follows the organisation's detail: full (the default), deals named.
      const emea = payloadOf("EMEA Mid-Market");
      expect(emea.reply.blocks[0]).toEqual({ kind: "heading", text: "Daily forecast — EMEA Mid-Market — Q3 FY2026" });
      const emeaNames = await dealNames(team("EMEA Mid-Market").id);
      expect(emeaNames.some((name) => JSON.stringify(emea.reply).includes(name))).toBe(true);
      expect(emea.reply.blocks.some((block) => block.kind === "list" && block.title?.startsWith("Top "))).toBe(true);
      // Totals and figures are the same whatever the detail: APAC's as plain SQL adds them up.
      const [closed] = await sql<{ closed: string }>(
        `${TEAM_CTE}
         SELECT COALESCE(SUM(amount_minor) FILTER (WHERE is_closed AND is_won), 0)::text AS closed FROM opportunity
          WHERE tenant_id = $2::uuid AND owner_id IN (SELECT id FROM team_people) AND close_date BETWEEN '2026-07-01' AND '2026-09-30'`,
        [team("APAC Enterprise").id, tenantId],
      );
      expect(apac.figures.closedMinor).toBe(Number(closed!.closed));
    });

    it("deletes a schedule from the CLI: no slot of it fires again, and the digests it queued still go out", async () => {
      const schedule = await db.prisma.schedule.findUniqueOrThrow({ where: { tenantId_name: { tenantId, name: "Daily for all" } } });
      const queued = await db.prisma.delivery.findMany({ where: { idempotencyKey: { startsWith: `forecast_digest:${schedule.id}:` } } });
      expect(queued.map((row) => row.status)).toEqual(teams.map(() => "pending"));

      const deleted = io(db);
      expect(await runScheduleCommand(["delete", "daily FOR all"], deleted, clock)).toBe(0);
      const text = deleted.lines.join("\n");
      expect(text).toContain(`Schedule "Daily for all" deleted: it sends nothing more. ${teams.length} digests it had already queued still go out.`);
      expect(text).toContain("Every day at 08:00 (Asia/Kuala_Lumpur)"); // what it was
      expect(await db.prisma.schedule.findUnique({ where: { id: schedule.id } })).toBeNull();
      expect(await db.prisma.scheduleSlot.count({ where: { scheduleId: schedule.id } })).toBe(0);

      // The next day's tick fires nothing for it.
      const nextDay = new Date("2026-08-11T00:01:00Z");
      const handled = await runDueSchedules({ db, data: createSalesData(db.prisma), owner: "replica-a", now: nextDay, logger: silentLogger });
      expect(handled.filter((slot) => slot.scheduleId === schedule.id)).toEqual([]);

      // The queued digests are sent as any queued delivery is.
      const sent: Array<{ recipient: string; message: OutgoingMessage }> = [];
      const chat: ChatPort = {
        async send(recipient, message) {
          sent.push({ recipient, message });
          return { ok: true, channel: recipient, ts: `1754784000.${String(sent.length).padStart(6, "0")}` };
        },
        async findDelivered() {
          return null;
        },
      };
      const worker = startDeliveryWorker({
        db,
        chat,
        renderers: { ...builtInRenderers, forecast_digest: (payload) => renderForecastDigestDelivery(payload) },
        owner: "worker-a",
        logger: silentLogger,
        pollIntervalMs: 25,
        channelIntervalMs: 0,
      });
      try {
        await worker.drain({ timeoutMs: 60_000 });
      } finally {
        await worker.stop();
      }
      expect(sent.map((one) => one.recipient).sort()).toEqual(teams.map((one) => one.slackChannelId!).sort());
      const after = await db.prisma.delivery.findMany({ where: { idempotencyKey: { startsWith: `forecast_digest:${schedule.id}:` } } });
      expect(after.map((row) => row.status)).toEqual(teams.map(() => "sent"));

      const again = io(db);
      expect(await runScheduleCommand(["delete", "Daily for all"], again, clock)).toBe(1);
      expect(again.errors).toEqual([`There is no schedule named "Daily for all"; there are no schedules yet.`]);
    });
  });
}
