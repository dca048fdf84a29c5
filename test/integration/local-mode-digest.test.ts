// Local mode end to end: the real app started as `npm start` starts it without Slack credentials
// (the demo organisation seeded, the Slack stand-in in-process, the default Monday 08:00 digest
// schedules), its scheduler ticked by hand under a pinned clock, and the digest read back the way
// a newcomer reads it — `npm run chat -- --channel "APAC Enterprise"`, chart saved to a file.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type RunningApp } from "../../src/app.js";
import { runChat } from "../../src/cli/chat.js";
import { loadConfig } from "../../src/config.js";
import { demoTeamId } from "../../src/db/seed/demo-tenant.js";
import { readLocalSlackFile } from "../../src/local/local-slack.js";
import type { LocalChannelsAnswer, LocalMessagesAnswer } from "../../src/slack-stand-in/control.js";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases.js";

// Monday 10 Aug 2026. Kuala Lumpur is UTC+8 all year; London is on BST (UTC+1) and New York on
// EDT (UTC-4) in August. Each team's default digest is Monday 08:00 in its own zone:
//   APAC Enterprise     08:00 +08:00 = 2026-08-10T00:00Z
//   EMEA Mid-Market     08:00 +01:00 = 2026-08-10T07:00Z
//   Americas Commercial 08:00 -04:00 = 2026-08-10T12:00Z
const KL_0759 = new Date("2026-08-09T23:59:00Z"); // 07:59 in Kuala Lumpur: the app starts here
const KL_0801 = new Date("2026-08-10T00:01:00Z"); // a minute after APAC's slot
const KL_0802 = new Date("2026-08-10T00:02:00Z");
const LONDON_0801 = new Date("2026-08-10T07:01:00Z"); // a minute after EMEA's slot, five hours before the Americas'
const APAC_SLOT = "2026-08-10T00:00:00.000Z";
const EMEA_SLOT = "2026-08-10T07:00:00.000Z";
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** The quarter's closed-won total of a team (its manager and everyone below), in minor units, by plain SQL. */
const CLOSED_WON_SQL = `
  WITH RECURSIVE team_people(id) AS (
    SELECT manager_id FROM team WHERE id = $1::uuid
    UNION
    SELECT e.id FROM employee e JOIN team_people t ON e.manager_id = t.id
  )
  SELECT COALESCE(SUM(amount_minor), 0)::text AS closed
    FROM opportunity
   WHERE owner_id IN (SELECT id FROM team_people) AND is_closed AND is_won AND close_date BETWEEN $2::date AND $3::date`;

for (const kind of backends) {
  describe(`Local mode: the demo digests reach the stand-in on schedule [${kind}]`, () => {
    let dataDir: string;
    let app: RunningApp;
    let external: TestDatabase | undefined;
    let now = KL_0759;

    beforeAll(async () => {
      dataDir = path.join(await mkdtemp(path.join(tmpdir(), "local-mode-digest-")), "data");
      const config = loadConfig({ DATA_DIR: dataDir, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent" });
      // PGlite: the database in DATA_DIR, as `npm start` opens it. PostgreSQL: an empty scratch
      // database handed in, which the app migrates and seeds itself.
      external = kind === "postgres" ? await createTestDatabase("postgres", { migrate: false }) : undefined;
      app = await startApp({ config, clock: { now: () => now }, ...(external ? { database: external.db } : {}) });
    }, 60_000);

    afterAll(async () => {
      await app?.stop();
      await external?.dispose().catch(() => {});
      if (dataDir) await rm(path.dirname(dataDir), { recursive: true, force: true });
    });

    function jobs(): NonNullable<RunningApp["jobs"]> {
      if (!app.jobs) throw new Error("the app runs no jobs (JOBS=off?)");
      return app.jobs;
    }

    async function control<T>(pathAndQuery: string): Promise<T> {
      const local = await readLocalSlackFile(dataDir);
      const response = await fetch(new URL(pathAndQuery, local!.controlUrl), { headers: { authorization: `Bearer ${local!.controlSecret}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as T;
    }

    async function channelsByTeam(): Promise<Record<string, { id: string; messageCount: number }>> {
      const answer = await control<LocalChannelsAnswer>("channels");
      return Object.fromEntries(answer.channels.map((channel) => [channel.team ?? channel.name, channel]));
    }

    async function chat(argv: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runChat(argv, {
        stdout: (line) => out.push(line),
        stderr: (line) => err.push(line),
        env: { DATA_DIR: dataDir },
        timeZone: "Asia/Kuala_Lumpur",
      });
      return { code, out, err };
    }

    async function scheduleId(name: string): Promise<string> {
      const row = await app.db.prisma.schedule.findFirstOrThrow({ where: { name }, select: { id: true } });
      return row.id;
    }

    it("starts with the three default digest schedules and nothing posted before 08:00", async () => {
      const schedules = await app.db.prisma.schedule.findMany({ select: { name: true, cron: true, timeZone: true } });
      // Sorted here: the two backends collate "APAC" and "Americas" differently.
      expect(schedules.sort((a, b) => (a.timeZone < b.timeZone ? -1 : 1))).toEqual([
        { name: "Weekly forecast digest — Americas Commercial", cron: "0 8 * * 1", timeZone: "America/New_York" },
        { name: "Weekly forecast digest — APAC Enterprise", cron: "0 8 * * 1", timeZone: "Asia/Kuala_Lumpur" },
        { name: "Weekly forecast digest — EMEA Mid-Market", cron: "0 8 * * 1", timeZone: "Europe/London" },
      ]);
      expect(await jobs().tick()).toEqual([]);
      const channels = await channelsByTeam();
      expect(Object.keys(channels).sort()).toEqual(["APAC Enterprise", "Americas Commercial", "EMEA Mid-Market"]);
      expect(Object.values(channels).map((channel) => channel.messageCount)).toEqual([0, 0, 0]);
    });

    it("posts APAC's digest at its slot, with the chart, and `npm run chat -- --channel` shows it and saves the PNG", async () => {
      now = KL_0801;
      expect(await jobs().tick()).toEqual([
        { scheduleId: await scheduleId("Weekly forecast digest — APAC Enterprise"), slotAt: new Date(APAC_SLOT), outcome: "fired", deliveries: 1 },
      ]);
      await jobs().drain();

      const channels = await channelsByTeam();
      const apac = await control<LocalMessagesAnswer>(`messages?channel=${channels["APAC Enterprise"]!.id}`);
      expect(apac.total).toBe(1);
      const [message] = apac.messages;
      expect(message).toMatchObject({ byBot: true, userName: "SalesOps", metadata: { event_type: "salesops_delivery" } });
      const image = (message!.blocks as Array<Record<string, unknown>>).at(-1)!;
      expect(image).toMatchObject({ type: "image", title: { type: "plain_text", text: "APAC Enterprise — Q3 FY2026: forecast against quota" } });
      const fileId = (image["slack_file"] as { id: string }).id;
      expect(fileId).toMatch(/^F[A-Z0-9]+$/);

      // The outbox row records where the message went.
      const deliveries = await app.db.prisma.delivery.findMany({ select: { status: true, recipient: true, messageTs: true } });
      expect(deliveries).toEqual([{ status: "sent", recipient: channels["APAC Enterprise"]!.id, messageTs: message!.ts }]);

      const { code, out, err } = await chat(["--channel", "APAC Enterprise"]);
      expect(err).toEqual([]);
      expect(code).toBe(0);
      expect(out[0]).toBe("#apac-enterprise (APAC Enterprise) — 1 message, newest last");
      expect(out[1]).toBe("");
      expect(out[2]).toMatch(/^── SalesOps \(app\) · \w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} GMT\+8 ──$/);
      expect(out.slice(3, 5)).toEqual(["WEEKLY FORECAST — APAC ENTERPRISE — Q3 FY2026", "=".repeat("WEEKLY FORECAST — APAC ENTERPRISE — Q3 FY2026".length)]);

      // Q3 of a fiscal year starting in January: 1 Jul – 30 Sep 2026 (en-GB writes "Sept"); the digest's "today" is 10 Aug in Kuala Lumpur.
      const text = out.join("\n").replace(/\u00a0/g, " ");
      expect(text).toContain("Q3 FY2026 (1 Jul 2026 – 30 Sept 2026) · as of 10 Aug 2026");
      const [{ closed }] = (await app.db.withSession((session) =>
        session.query<{ closed: string }>(CLOSED_WON_SQL, [demoTeamId("apac"), "2026-07-01", "2026-09-30"]),
      )) as [{ closed: string }];
      expect(Number(closed)).toBeGreaterThan(0);
      // Minor units to "RM 1,234,567.89", formatted here by hand.
      const ringgit = `RM ${(Number(closed) / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
      expect(text).toMatch(new RegExp(`^Closed:\\s+${ringgit.replace(/[.$]/g, "\\$&")}$`, "m"));
      for (const label of ["Commit", "Best case", "Pipeline", "Team quota", "Attainment \\(closed ÷ quota\\)"]) {
        expect(text).toMatch(new RegExp(`^${label}:\\s+(RM [\\d,]+\\.\\d{2}|\\d+(\\.\\d)?%)$`, "m"));
      }

      const saved = path.join(dataDir, "local-files", `${fileId}.png`);
      expect(out.at(-1)).toBe(`[image: APAC Enterprise — Q3 FY2026: forecast against quota — saved to ${saved}]`);
      const png = await readFile(saved);
      expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      // IHDR: width and height, big-endian, at bytes 16 and 20.
      expect(png.readUInt32BE(16)).toBeGreaterThan(100);
      expect(png.readUInt32BE(20)).toBeGreaterThan(100);
      const local = await readLocalSlackFile(dataDir);
      const served = Buffer.from(await (await fetch(new URL(`files/${fileId}`, local!.controlUrl), { headers: { authorization: `Bearer ${local!.controlSecret}` } })).arrayBuffer());
      expect(png.equals(served)).toBe(true);
    });

    it("posts nothing more to APAC at the next tick, and nothing to the other teams before their own slots", async () => {
      now = KL_0802;
      expect(await jobs().tick()).toEqual([]);
      await jobs().drain();
      const channels = await channelsByTeam();
      expect(channels["APAC Enterprise"]!.messageCount).toBe(1);
      expect(channels["EMEA Mid-Market"]!.messageCount).toBe(0);
      expect(channels["Americas Commercial"]!.messageCount).toBe(0);
      const emea = await chat(["--channel", "#emea-mid-market"]);
      expect(emea).toEqual({ code: 0, out: ["No messages in #emea-mid-market (EMEA Mid-Market) yet."], err: [] });
    });

    it("posts EMEA's digest at 08:00 London time, and still none to the Americas", async () => {
      now = LONDON_0801;
      expect(await jobs().tick()).toEqual([
        { scheduleId: await scheduleId("Weekly forecast digest — EMEA Mid-Market"), slotAt: new Date(EMEA_SLOT), outcome: "fired", deliveries: 1 },
      ]);
      await jobs().drain();
      const channels = await channelsByTeam();
      expect([channels["APAC Enterprise"]!.messageCount, channels["EMEA Mid-Market"]!.messageCount, channels["Americas Commercial"]!.messageCount]).toEqual([1, 1, 0]);
      const { code, out } = await chat(["--channel", "EMEA Mid-Market", "--last", "1"]);
      expect(code).toBe(0);
      expect(out[3]).toBe("WEEKLY FORECAST — EMEA MID-MARKET — Q3 FY2026");
      expect(out.at(-1)).toMatch(/^\[image: EMEA Mid-Market — Q3 FY2026: forecast against quota — saved to .+\/local-files\/F[A-Z0-9]+\.png\]$/);
    });
  });
}
