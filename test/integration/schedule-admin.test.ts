// Schedule administration on a real database (PGlite always, PostgreSQL when TEST_DATABASE_URL is
// set) with the demo organisation: the use case over the Prisma store, the CLI command, and
// `/salesops schedule …` through Bolt's real HTTP receiver with requests signed like Slack's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/cli.js";
import { runScheduleCommand } from "../../src/cli/commands/schedule.js";
import type { ScheduleStore } from "../../src/core/schedule-store.js";
import {
  addSchedule,
  changeSchedule,
  listSchedules,
  pauseSchedule,
  resumeSchedule,
  type ScheduleAdminOptions,
} from "../../src/core/use-cases/manage-schedules.js";
import type { Database } from "../../src/db/database.js";
import { claimSlot, createScheduleStore } from "../../src/db/repositories/schedules.js";
import { seedDemoTenant } from "../../src/db/seed/demo-tenant.js";
import { backends, describeEachBackend } from "../support/databases.js";
import { replyText, startBotUnderTest, type BotUnderTest } from "../support/slack-bot.js";

const TODAY = "2026-11-26";
// Thursday 26 Nov 2026, 02:00 UTC = 10:00 in Kuala Lumpur (UTC+8), 02:00 in London (GMT),
// 21:00 on Wednesday 25 Nov in New York (EST, UTC-5).
const NOW = new Date("2026-11-26T02:00:00.000Z");
const ADMIN_EMAIL = "kevin.tan@demo.salesops.test";
const MANAGER_EMAIL = "meiling.wong@demo.salesops.test";

async function employeeId(db: Database, tenantId: string, email: string): Promise<string> {
  return (await db.prisma.employee.findFirstOrThrow({ where: { tenantId, email }, select: { id: true } })).id;
}

async function teamId(db: Database, tenantId: string, name: string): Promise<string> {
  return (await db.prisma.team.findFirstOrThrow({ where: { tenantId, name }, select: { id: true } })).id;
}

async function scheduleRow(db: Database, tenantId: string, name: string) {
  return db.prisma.schedule.findUniqueOrThrow({ where: { tenantId_name: { tenantId, name } } });
}

describeEachBackend("schedule administration through the use case and the CLI", ({ db }) => {
  let tenantId: string;
  let store: ScheduleStore;
  let admin: ScheduleAdminOptions;

  beforeAll(async () => {
    tenantId = (await seedDemoTenant(db(), { today: TODAY })).tenantId;
    store = createScheduleStore(db().prisma);
    admin = { store, tenantId, employeeId: await employeeId(db(), tenantId, ADMIN_EMAIL), locale: "en", now: NOW };
  });

  it("adds a team's weekly digest in the team's zone, stored as cron with the team as target", async () => {
    const added = await addSchedule({ ...admin, kind: "forecast_digest", name: "APAC weekly", when: "weekly Mon 08:00", target: { team: "APAC Enterprise" } });
    // Mon 30 Nov 08:00 in KL = 00:00 UTC.
    expect(added.nextAt).toEqual(new Date("2026-11-30T00:00:00.000Z"));
    const row = await scheduleRow(db(), tenantId, "APAC weekly");
    expect(row).toMatchObject({
      kind: "forecast_digest",
      cron: "0 8 * * 1",
      preset: "weekly Mon 08:00",
      everyWeeks: 1,
      anchorDate: null,
      timeZone: "Asia/Kuala_Lumpur",
      target: { teamId: await teamId(db(), tenantId, "APAC Enterprise") },
      enabled: true,
      // Counts slots from now: nothing before it was added fires late.
      lastSlotAt: NOW,
    });
  });

  it("adds a fortnightly digest for all teams anchored on this week's Monday", async () => {
    const added = await addSchedule({ ...admin, kind: "forecast_digest", name: "All teams fortnightly", when: "every 2 weeks Mon 09:00", target: { allTeams: true } });
    // Week 0 = Mon 23 Nov (Thu 26 Nov's week in KL); 30 Nov is week 1 (off); Mon 7 Dec 09:00 KL = 01:00 UTC.
    expect(added.nextAt).toEqual(new Date("2026-12-07T01:00:00.000Z"));
    const row = await scheduleRow(db(), tenantId, "All teams fortnightly");
    expect(row).toMatchObject({ everyWeeks: 2, anchorDate: new Date("2026-11-23T00:00:00.000Z"), target: { allTeams: true }, timeZone: "Asia/Kuala_Lumpur" });
  });

  it("refuses a duplicate, a bad cron, a bad zone and an unknown team, writing nothing", async () => {
    const before = await db().prisma.schedule.count({ where: { tenantId } });
    await expect(addSchedule({ ...admin, kind: "forecast_digest", name: "apac WEEKLY", when: "daily 08:00" })).rejects.toThrow(
      'There is already a schedule named "apac WEEKLY".',
    );
    await expect(addSchedule({ ...admin, kind: "forecast_digest", name: "Bad cron", when: "0 25 * * 1" })).rejects.toThrow(
      '"0 25 * * 1" is not a schedule I can run: hour 25 is out of range (0-23).',
    );
    await expect(addSchedule({ ...admin, kind: "forecast_digest", name: "Bad zone", when: "daily 08:00", timeZone: "Mars/Olympus" })).rejects.toThrow(
      '"Mars/Olympus" is not a known IANA time zone',
    );
    await expect(addSchedule({ ...admin, kind: "forecast_digest", name: "Bad team", when: "daily 08:00", target: { team: "Antarctica" } })).rejects.toThrow(
      'There is no team named "Antarctica". Teams with a channel: "Americas Commercial", "APAC Enterprise", and "EMEA Mid-Market".',
    );
    expect(await db().prisma.schedule.count({ where: { tenantId } })).toBe(before);
  });

  it("reports a name taken between the check and the insert as a duplicate (the unique key)", async () => {
    const result = await store.create(
      tenantId,
      { kind: "forecast_digest", name: "APAC weekly", spec: { cron: "0 8 * * 1", preset: null, everyWeeks: 1, anchorDate: null }, timeZone: "UTC", target: { kind: "allTeams" } },
      NOW,
    );
    expect(result).toBe("duplicate");
  });

  it("refuses a manager", async () => {
    const manager = { ...admin, employeeId: await employeeId(db(), tenantId, MANAGER_EMAIL) };
    await expect(listSchedules(manager)).rejects.toMatchObject({ code: "forbidden" });
    await expect(pauseSchedule({ ...manager, name: "APAC weekly" })).rejects.toMatchObject({ code: "forbidden" });
    expect((await scheduleRow(db(), tenantId, "APAC weekly")).enabled).toBe(true);
  });

  it("changes the zone: same wall time in New York, slots counted from the change", async () => {
    const changedAt = new Date("2026-11-26T03:00:00.000Z");
    const { schedule, changed } = await changeSchedule({ ...admin, now: changedAt, name: "APAC weekly", timeZone: "America/New_York" });
    expect(changed).toEqual(["timeZone"]);
    // Mon 30 Nov 08:00 EST (UTC-5) = 13:00 UTC.
    expect(schedule.nextAt).toEqual(new Date("2026-11-30T13:00:00.000Z"));
    expect(await scheduleRow(db(), tenantId, "APAC weekly")).toMatchObject({ timeZone: "America/New_York", cron: "0 8 * * 1", lastSlotAt: changedAt });
  });

  it("pauses without moving the last slot, and resumes from the time of resuming", async () => {
    const pausedAt = new Date("2026-11-26T04:00:00.000Z");
    await pauseSchedule({ ...admin, now: pausedAt, name: "APAC weekly" });
    expect(await scheduleRow(db(), tenantId, "APAC weekly")).toMatchObject({ enabled: false, lastSlotAt: new Date("2026-11-26T03:00:00.000Z") });
    const resumedAt = new Date("2026-12-08T00:00:00.000Z");
    const { schedule } = await resumeSchedule({ ...admin, now: resumedAt, name: "APAC weekly" });
    // Missed Mon 30 Nov and Mon 7 Dec stay missed; next is Mon 14 Dec 08:00 EST = 13:00 UTC.
    expect(schedule.nextAt).toEqual(new Date("2026-12-14T13:00:00.000Z"));
    expect(await scheduleRow(db(), tenantId, "APAC weekly")).toMatchObject({ enabled: true, lastSlotAt: resumedAt });
  });

  it("lists schedules by name with the latest handled slot", async () => {
    const apac = await scheduleRow(db(), tenantId, "APAC weekly");
    for (const [slotAt, outcome] of [
      [new Date("2026-11-30T13:00:00.000Z"), "fired"],
      [new Date("2026-12-14T13:00:00.000Z"), "late"],
    ] as const) {
      await db().prisma.$transaction((tx) => claimSlot(tx, { scheduleId: apac.id, tenantId, slotAt, outcome, note: null, handledBy: "test" }));
    }
    const list = await listSchedules({ ...admin, now: new Date("2026-12-15T00:00:00.000Z") });
    expect(list.map((schedule) => [schedule.name, schedule.lastSlot, schedule.nextAt])).toEqual([
      ["All teams fortnightly", null, new Date("2026-12-21T01:00:00.000Z")], // week 4 from 23 Nov: Mon 21 Dec 09:00 KL
      ["APAC weekly", { slotAt: new Date("2026-12-14T13:00:00.000Z"), outcome: "late" }, new Date("2026-12-21T13:00:00.000Z")],
    ]);
  });

  describe("npm run cli -- schedule …", () => {
    function io(): CliContext & { lines: string[]; errors: string[] } {
      const lines: string[] = [];
      const errors: string[] = [];
      return { lines, errors, database: async () => db(), out: (line) => lines.push(line), err: (line) => errors.push(line) };
    }
    const clock = { now: () => NOW };

    it("lists as the tenant's first admin, and says so", async () => {
      const context = io();
      expect(await runScheduleCommand(["list"], context, clock)).toBe(0);
      expect(context.lines[0]).toBe('Tenant "Demo Sdn Bhd", acting as its first admin: Kevin Tan <kevin.tan@demo.salesops.test>.');
      const text = context.lines.slice(1).join("\n");
      expect(text).toContain("SCHEDULES (2)");
      expect(text).toContain("Every 2 weeks on Monday at 09:00 (Asia/Kuala_Lumpur)");
      expect(text).toContain("Every Monday at 08:00 (America/New_York)");
      expect(context.errors).toEqual([]);
    });

    it("adds, pauses and resumes with words the shell has split", async () => {
      const add = io();
      expect(
        await runScheduleCommand(["add", "forecast_digest", "EMEA weekly", "weekly", "Mon", "08:00", "--team", "EMEA Mid-Market", "--tenant", "demo sdn bhd"], add, clock),
      ).toBe(0);
      expect(add.lines.join("\n")).toContain('Schedule "EMEA weekly" added.');
      // Mon 30 Nov 08:00 GMT = 08:00 UTC.
      expect(add.lines.join("\n")).toContain("Mon, 30 Nov 2026, 08:00");
      expect(await scheduleRow(db(), tenantId, "EMEA weekly")).toMatchObject({ timeZone: "Europe/London", cron: "0 8 * * 1" });

      expect(await runScheduleCommand(["pause", "EMEA weekly", `--tenant=${tenantId}`], io(), clock)).toBe(0);
      expect((await scheduleRow(db(), tenantId, "EMEA weekly")).enabled).toBe(false);
      expect(await runScheduleCommand(["resume", "EMEA weekly"], io(), clock)).toBe(0);
      expect((await scheduleRow(db(), tenantId, "EMEA weekly")).enabled).toBe(true);
    });

    it("exits 1 with one line for a refused request, 2 for bad usage", async () => {
      const badCron = io();
      expect(await runScheduleCommand(["add", "forecast_digest", "Bad", "0 25 * * 1"], badCron, clock)).toBe(1);
      expect(badCron.errors).toEqual(['"0 25 * * 1" is not a schedule I can run: hour 25 is out of range (0-23).']);

      const badZone = io();
      expect(await runScheduleCommand(["change", "EMEA weekly", "--tz", "Europe/Lodnon"], badZone, clock)).toBe(1);
      expect(badZone.errors).toEqual(['"Europe/Lodnon" is not a known IANA time zone; use a name such as "Asia/Kuala_Lumpur" or "Europe/London".']);

      const badTenant = io();
      expect(await runScheduleCommand(["list", "--tenant", "Acme"], badTenant, clock)).toBe(1);
      expect(badTenant.errors[0]).toMatch(/^There is no tenant "Acme"\. Tenants: "Demo Sdn Bhd" \(/);

      const usage = io();
      expect(await runScheduleCommand(["remove", "EMEA weekly"], usage, clock)).toBe(2);
      expect(usage.errors[0]!.split("\n")[0]).toBe(
        '"remove" is not something I can do with schedules; use list, add, change, pause, resume or delete. See `npm run cli -- schedule help`.',
      );
      expect(await runScheduleCommand([], io(), clock)).toBe(2);
      expect(await runScheduleCommand(["pause"], io(), clock)).toBe(2);
    });
  });
});

for (const kind of backends) {
  describe(`/salesops schedule through Slack [${kind}]`, () => {
    let bot: BotUnderTest;
    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock: { now: () => NOW } });
    });
    afterAll(async () => {
      await bot?.close();
    });

    const schedule = (name: string) => bot.testDatabase.db.prisma.schedule.findUnique({ where: { tenantId_name: { tenantId: bot.tenantId, name } } });

    it("lets the admin add a schedule, answered ephemerally with what was saved", async () => {
      const reply = await bot.ask(ADMIN_EMAIL, "/salesops", 'schedule add forecast_digest "APAC Monday" weekly Mon 08:00 --team "APAC Enterprise"');
      expect(reply.responseType).toBe("ephemeral");
      const text = replyText(reply);
      expect(text).toContain('Schedule "APAC Monday" added.');
      expect(text).toContain("Every Monday at 08:00 (Asia/Kuala_Lumpur)");
      // Mon 30 Nov 08:00 KL.
      expect(text).toContain("Mon, 30 Nov 2026, 08:00");
      const apacTeam = await bot.testDatabase.db.prisma.team.findFirstOrThrow({ where: { tenantId: bot.tenantId, name: "APAC Enterprise" } });
      expect(await schedule("APAC Monday")).toMatchObject({ cron: "0 8 * * 1", timeZone: "Asia/Kuala_Lumpur", target: { teamId: apacTeam.id }, enabled: true });
    });

    it("lists it, changes it, pauses it and resumes it", async () => {
      const list = replyText(await bot.ask(ADMIN_EMAIL, "/salesops", "schedule list"));
      const count = await bot.testDatabase.db.prisma.schedule.count({ where: { tenantId: bot.tenantId } });
      expect(list).toContain(`Schedules (${count})`);
      expect(list).toContain("*APAC Monday*");
      expect(list).toContain("APAC Enterprise channel");

      const change = replyText(await bot.ask(ADMIN_EMAIL, "/salesops", 'schedule change "APAC Monday" weekdays 07:45 --all-teams'));
      expect(change).toContain('Schedule "APAC Monday" changed: when and sent to.');
      expect(change).toContain("Every weekday at 07:45 (Asia/Kuala_Lumpur)");
      expect(await schedule("APAC Monday")).toMatchObject({ cron: "45 7 * * 1-5", target: { allTeams: true } });

      expect(replyText(await bot.ask(ADMIN_EMAIL, "/salesops", 'schedule pause "APAC Monday"'))).toContain('Schedule "APAC Monday" paused.');
      expect((await schedule("APAC Monday"))?.enabled).toBe(false);
      expect(replyText(await bot.ask(ADMIN_EMAIL, "/salesops", 'schedule resume "apac monday"'))).toContain('Schedule "APAC Monday" resumed.');
      expect((await schedule("APAC Monday"))?.enabled).toBe(true);
    });

    it("refuses a manager with the refusal every command uses, and saves nothing", async () => {
      for (const text of ["schedule list", 'schedule add forecast_digest "Mine" daily 08:00', 'schedule pause "APAC Monday"']) {
        const reply = await bot.ask(MANAGER_EMAIL, "/salesops", text);
        expect(reply.responseType).toBe("ephemeral");
        expect(replyText(reply)).toBe("Only sales-ops admins can manage schedules.");
      }
      expect(await schedule("Mine")).toBeNull();
      expect((await schedule("APAC Monday"))?.enabled).toBe(true);
    });

    it("refuses a bad cron and an unknown zone, naming them", async () => {
      expect(replyText(await bot.ask(ADMIN_EMAIL, "/salesops", 'schedule add forecast_digest "Bad cron" 0 25 * * 1 --all-teams'))).toBe(
        '"0 25 * * 1" is not a schedule I can run: hour 25 is out of range (0-23).',
      );
      expect(replyText(await bot.ask(ADMIN_EMAIL, "/salesops", 'schedule add forecast_digest "Bad zone" daily 08:00 --tz Mars/Olympus'))).toBe(
        '"Mars/Olympus" is not a known IANA time zone; use a name such as "Asia/Kuala_Lumpur" or "Europe/London".',
      );
      expect(await schedule("Bad cron")).toBeNull();
      expect(await schedule("Bad zone")).toBeNull();
    });
  });
}
