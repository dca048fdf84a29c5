// The digest and its admin commands through Bolt's real HTTP receiver, with requests signed like
// Slack's and the Slack stand-in behind the Web API, on each backend: `/salesops settings …`,
// `/salesops schedule delete`, the private `/forecast digest` with its chart in the asker's DM
// (uploaded as the channel digest's is), and the manager's digest showing the same quota and
// closed won as their `/quota` and `/quota team` (the same seeded demo organisation).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoney } from "../../src/core/i18n/format.js";
import { backends } from "../support/databases.js";
import { replyText, startBotUnderTest, type BotUnderTest, type SlackReply, replyFields as fieldsOf } from "../support/slack-bot.js";

/** Monday 10 Aug 2026, 08:00 in Kuala Lumpur; Q3 FY2026 is 1 Jul – 30 Sep. */
const TODAY = "2026-08-10";
const NOW = new Date("2026-08-10T00:00:00Z");
const ADMIN = "kevin.tan@demo.salesops.test";
const MANAGER = "meiling.wong@demo.salesops.test";
const REP = "weiming.tan@demo.salesops.test";
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];


for (const kind of backends) {
  describe(`digest and digest admin through Slack [${kind}]`, () => {
    let bot: BotUnderTest;
    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock: { now: () => NOW } });
    });
    afterAll(async () => {
      await bot?.close();
    });

    const prisma = () => bot.testDatabase.db.prisma;
    const settings = async () => (await prisma().tenant.findUniqueOrThrow({ where: { id: bot.tenantId }, select: { settings: true } })).settings;
    const teamId = async (name: string) => (await prisma().team.findFirstOrThrow({ where: { tenantId: bot.tenantId, name }, select: { id: true } })).id;

    it("/salesops settings: shows the default, sets the organisation's and a team's detail, stored validated", async () => {
      const shown = await bot.ask(ADMIN, "/salesops", "settings");
      expect(shown.responseType).toBe("ephemeral");
      expect(fieldsOf(shown)).toEqual({
        "Digest detail": "full — the deals named (a managers' channel) (the default)",
        "Teams with their own detail": "None: every team follows the organisation's",
        Leaderboard: expect.stringMatching(/^(off|ranks and percentages|ranks, percentages and amounts) \(the digests' leaderboard follows it/),
      });

      expect(replyText(await bot.ask(ADMIN, "/salesops", "settings digest-detail totals"))).toContain(
        "Channel digests of teams without a setting of their own now show totals — team totals and counts only (a channel reps read), from the next digest on.",
      );
      // Slack sends the quotes typographic as often as not.
      const team = await bot.ask(ADMIN, "/salesops", "settings digest-detail full --team “APAC Enterprise”");
      expect(replyText(team)).toContain("APAC Enterprise's channel digest now shows full — the deals named (a managers' channel), from the next digest on.");
      expect(fieldsOf(team)["Teams with their own detail"]).toBe("APAC Enterprise: full");
      expect(await settings()).toEqual({ digestDetail: "totals", digestDetailByTeam: { [await teamId("APAC Enterprise")]: "full" } });
    });

    it("/salesops settings: refuses a bad value and an unknown team, naming them, and a manager, saving nothing", async () => {
      const before = await settings();
      expect(replyText(await bot.ask(ADMIN, "/salesops", "settings digest-detail everything"))).toBe(
        '"everything" is not a digest detail: use full (the deals named, for a managers\' channel) or totals (team totals only, for a channel reps read).',
      );
      expect(replyText(await bot.ask(ADMIN, "/salesops", 'settings digest-detail totals --team "Antarctica"'))).toMatch(/^There is no team named "Antarctica"\./);
      expect(replyText(await bot.ask(ADMIN, "/salesops", "settings digest-detail"))).toBe(
        "Say what digest-detail becomes, e.g. `/salesops settings digest-detail totals`.",
      );
      for (const text of ["settings", "settings digest-detail full"]) {
        expect(replyText(await bot.ask(MANAGER, "/salesops", text))).toBe("Only sales-ops admins can manage schedules.");
      }
      expect(await settings()).toEqual(before);
    });

    it("/salesops schedule delete: deletes without asking and says what it deleted; a manager may not", async () => {
      await bot.ask(ADMIN, "/salesops", 'schedule add forecast_digest "EMEA monthly" monthly on the first Monday 09:00 --team "EMEA Mid-Market"');
      const row = () => prisma().schedule.findUnique({ where: { tenantId_name: { tenantId: bot.tenantId, name: "EMEA monthly" } } });
      expect(await row()).not.toBeNull();

      expect(replyText(await bot.ask(MANAGER, "/salesops", 'schedule delete "EMEA monthly"'))).toBe("Only sales-ops admins can manage schedules.");
      expect(await row()).not.toBeNull();

      const reply = await bot.ask(ADMIN, "/salesops", "schedule delete “emea MONTHLY”");
      expect(reply.responseType).toBe("ephemeral");
      const text = replyText(reply);
      expect(text).toContain('Schedule "EMEA monthly" deleted: it sends nothing more.');
      expect(text).not.toContain("still go"); // none of its slots fired, so nothing of it is queued
      expect(fieldsOf(reply)).toMatchObject({
        Kind: "Forecast digest",
        When: "On the first Monday of every month at 09:00 (Europe/London)",
        "Sent to": "EMEA Mid-Market channel",
      });
      expect(await row()).toBeNull();
      expect(replyText(await bot.ask(ADMIN, "/salesops", 'schedule delete "EMEA monthly"'))).toMatch(/^There is no schedule named "EMEA monthly"[.;]/);
    });

    it("/forecast digest answers privately and sends its chart to the asker's DM, uploaded like the channel digest's", async () => {
      const userId = await bot.slackUserId(MANAGER);
      const filesBefore = bot.standIn.workspace.files().length;
      const reply = await bot.ask(MANAGER, "/forecast", "digest");
      expect(reply.responseType).toBe("ephemeral");
      const text = replyText(reply);
      expect(text).toContain("Forecast digest — APAC Enterprise — Q3 FY2026");
      expect(text).toContain("What moved is counted since last week's pipeline snapshot (3 Aug 2026).");
      expect(text).toContain("Only you can see this digest. Its chart of the trend is on its way to your direct messages with me.");
      // A response_url answer carries no uploaded file.
      expect(JSON.stringify(reply.blocks)).not.toContain("slack_file");

      await bot.app.jobs!.drain();
      const dms = bot.standIn.workspace.dmMessagesFor(userId);
      const chart = dms.find((message) => JSON.stringify(message.blocks ?? []).includes("slack_file"));
      expect(chart).toBeDefined();
      expect(chart!.text).toBe("The chart of the forecast digest you asked for: APAC Enterprise — Q3 FY2026, as of 10 Aug 2026.");
      const image = (chart!.blocks as Array<Record<string, unknown>>).at(-1)!;
      expect(image).toMatchObject({ type: "image", title: { type: "plain_text", text: "APAC Enterprise — Q3 FY2026: forecast against quota" } });
      expect(String(image["alt_text"])).toMatch(/^Trend since 6 Jul 2026: commit /);
      const fileId = (image["slack_file"] as { id: string }).id;
      const stored = bot.standIn.workspace.file(fileId);
      expect(stored).toBeDefined();
      expect([...(stored!.bytes ?? Buffer.alloc(0)).subarray(0, 4)]).toEqual(PNG_SIGNATURE);
      expect(bot.standIn.workspace.files().length).toBe(filesBefore + 1);
      // Uploaded through the three documented steps, then posted.
      expect(bot.standIn.workspace.calls("files.getUploadURLExternal")).toBeGreaterThan(0);
      expect(bot.standIn.workspace.calls("files.completeUploadExternal")).toBeGreaterThan(0);
    });

    it("sends no chart to anyone who is not answered with a digest", async () => {
      const userId = await bot.slackUserId(REP);
      const reply = await bot.ask(REP, "/forecast", "digest");
      expect(replyText(reply)).toMatch(/^The weekly digest is for managers/);
      await bot.app.jobs!.drain();
      expect(bot.standIn.workspace.dmMessagesFor(userId).filter((message) => JSON.stringify(message.blocks ?? []).includes("slack_file"))).toEqual([]);
    });

    it("shows the manager the same quota and closed won in the digest as in /quota and /quota team", async () => {
      const digest = fieldsOf(await bot.ask(MANAGER, "/forecast", "digest"));
      const own = fieldsOf(await bot.ask(MANAGER, "/quota", ""));
      const team = fieldsOf(await bot.ask(MANAGER, "/quota", "team"));
      // Her own assigned quota (the quota rule, rule 3 and 4), and closed won of her and everyone below her.
      expect(digest["Team quota"]).toBe(own["Quota"]);
      expect(digest["Team quota"]).toBe(team["Team quota"]);
      expect(digest["Closed"]).toBe(own["Closed won"]);
      expect(digest["Closed"]).toBe(team["Closed won"] ?? team["Closed"]);
      expect(digest["Closed"]).toMatch(/^RM\s[\d,]+\.\d{2}$/);
      // And the digest's figure is exact: RM to the sen, as formatted from minor units.
      expect(digest["Team quota"]).toBe(formatMoney(Number(digest["Team quota"]!.replace(/[^\d]/g, "")), "MYR", "en"));
    });

    it("projects the quarter in the digest exactly as /forecast team does, overdue open deals included", async () => {
      const digest = fieldsOf(await bot.ask(MANAGER, "/forecast", "digest"));
      const team = fieldsOf(await bot.ask(MANAGER, "/forecast", "team"));
      const overdue = await prisma().$queryRaw<Array<{ n: bigint }>>`
        WITH RECURSIVE below AS (
          SELECT id FROM employee WHERE tenant_id = ${bot.tenantId}::uuid AND email = ${MANAGER}
          UNION SELECT e.id FROM employee e JOIN below b ON e.manager_id = b.id)
        SELECT count(*) AS n FROM opportunity o JOIN below b ON o.owner_id = b.id
        WHERE NOT o.is_closed AND o.forecast_category <> 'Omitted' AND o.close_date < DATE '2026-07-01'`;
      // The demo team has open deals due before the quarter, so the figure below depends on them.
      expect(Number(overdue[0]!.n)).toBeGreaterThan(0);
      expect(digest["Projection"]).toMatch(/^RM\s[\d,]+\.\d{2}$/);
      expect(digest["Projection"]).toBe(team["Projection"]);
    });
  });
}
