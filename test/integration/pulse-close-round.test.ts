// `/pulse close <survey>` end to end through Bolt's real HTTP receiver with requests signed like
// Slack's, on both backends, with the demo organisation: a rep or a manager is refused and nothing
// closes; an admin's close ends the round at once exactly as the tick does at its closing time —
// one `pulse_results` delivery, which the worker sends to the owner —; a second close, the CLI's
// close and the tick's own closing add nothing; and results, hidden while the round was open,
// show from then on. (Each backend gets its own bot and database from `startBotUnderTest`, so
// the suite loops over `backends` rather than sharing `describeEachBackend`'s database.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/cli.js";
import { runPulseCommand } from "../../src/cli/commands/pulse.js";
import { backends } from "../support/databases.js";
import { deliveriesOf, insertResponses, teamIdOf } from "../support/pulse-rounds.js";
import { replyText, startBotUnderTest, type BotUnderTest } from "../support/slack-bot.js";

const TODAY = "2026-08-10";
// Monday 10 Aug 2026 02:00Z = 10:00 in Kuala Lumpur: the round opens, to close Thu 13 Aug 10:00.
const OPENED = new Date("2026-08-10T02:00:00Z");
// Tuesday 11 Aug 06:30Z = 14:30 in Kuala Lumpur: the admin closes it early.
const CLOSED = new Date("2026-08-11T06:30:00Z");
const at = (local: string) => `${local}@demo.salesops.test`;
const ADMIN = at("kevin.tan");

for (const kind of backends) {
  describe(`/pulse close [${kind}]`, () => {
    let bot: BotUnderTest;
    let now = OPENED;
    let roundId: string;

    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock: { now: () => now } });
      expect(replyText(await bot.ask(ADMIN, "/pulse", "start enps"))).toContain('Round 1 of "eNPS pulse" is open');
      roundId = (await bot.app.db.prisma.pulseRound.findFirstOrThrow({ where: { tenantId: bot.tenantId, survey: { name: "eNPS pulse" } } })).id;
      // APAC answers 10, 9, 9, 8, 6, 3: 3 promoters, 1 passive, 2 detractors of 6 -> (3 − 2) / 6 = +16.7 -> +17.
      const apac = await teamIdOf(bot.app.db, bot.tenantId, "APAC Enterprise");
      await insertResponses(bot.app.db, bot.tenantId, roundId, [10, 9, 9, 8, 6, 3].map((score) => ({ teamId: apac, answers: { enps: score } })));
      // Two partial responses (the engagement questions unanswered): they count nowhere, neither
      // in "6 of 30 answered" nor in any figure (issue 9, defect 6: they made it "8 of 30").
      await insertResponses(bot.app.db, bot.tenantId, roundId, [0, 0].map((score) => ({ teamId: apac, answers: { enps: score }, complete: false })));
      now = CLOSED;
    }, 60_000);

    afterAll(async () => {
      await bot?.close();
    });

    const pulse = async (email: string, text: string) => replyText(await bot.ask(email, "/pulse", text));
    const round = () => bot.app.db.prisma.pulseRound.findUniqueOrThrow({ where: { id: roundId }, select: { status: true, closedAt: true, closesAt: true, invited: true } });
    const resultsPosts = () => deliveriesOf(bot.app.db, "pulse_results", roundId);

    async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
      const out: string[] = [];
      const err: string[] = [];
      const context: CliContext = { database: async () => bot.app.db, out: (line) => out.push(line), err: (line) => err.push(line) };
      const code = await runPulseCommand(args, context, { now: () => now });
      return { code, out: out.join("\n"), err: err.join("\n") };
    }

    it("refuses a rep and a manager with the one admins-only message, whatever they name, and closes nothing", async () => {
      expect(await pulse(at("weiming.tan"), "close eNPS pulse")).toBe("Only sales-ops admins can manage pulse surveys.");
      expect(await pulse(at("weiming.tan"), "close Nothing Like This")).toBe("Only sales-ops admins can manage pulse surveys.");
      expect(await pulse(at("ahmad.faizal"), "tutup eNPS pulse")).toBe("Hanya admin sales-ops boleh mengurus tinjauan pulse.");
      expect(await pulse(at("meiling.wong"), "close enps")).toBe("Only sales-ops admins can manage pulse surveys.");
      expect(await round()).toMatchObject({ status: "open", closedAt: null });
      expect(await resultsPosts()).toEqual([]);
      // While it is open, its manager sees how many answered, not what.
      const meiling = await pulse(at("meiling.wong"), "results");
      expect(meiling).toContain("Results appear when the round closes on Thu, 13 Aug 2026, 10:00 (Asia/Kuala_Lumpur).");
      expect(meiling).not.toMatch(/eNPS [+−\d]/);
    });

    it("closes the round for an admin at once: one results post, sent by the worker to the owner, and the results shown", async () => {
      // Everyone in the demo organisation with a Slack account: 30 people.
      expect((await round()).invited).toBe(30);
      expect(await pulse(ADMIN, "close enps")).toBe(
        'Round 1 of "eNPS pulse" is closed: 6 of 30 answered. No more answers are taken. ' +
          "Its results are being sent to Kevin Tan by direct message; `/pulse results eNPS pulse` shows them.",
      );
      expect(await round()).toMatchObject({ status: "closed", closedAt: CLOSED, closesAt: new Date("2026-08-13T02:00:00Z") });
      const kevin = await bot.slackUserId(ADMIN);
      expect(await resultsPosts()).toEqual([
        { idempotencyKey: `pulse_results:${roundId}`, recipient: kevin, payload: { roundId, locale: "en" }, notBefore: expect.any(Date), status: "pending", lastError: null },
      ]);

      // Kevin gets the results post and his own survey DM closed in one channel: the worker's
      // pacing (a message a second per channel) reads the test clock, so let it run meanwhile.
      const ticking = setInterval(() => {
        now = new Date(now.getTime() + 1_000);
      }, 20);
      try {
        await bot.app.jobs!.drain();
      } finally {
        clearInterval(ticking);
        now = CLOSED;
      }
      expect((await resultsPosts()).map((post) => post.status)).toEqual(["sent"]);
      const dm = bot.standIn.workspace.dmChannelFor(kevin)!;
      const posted = bot.standIn.workspace.messages(dm).filter((message) => message.text?.startsWith("eNPS pulse — round 1 closed"));
      expect(posted.map((message) => message.text)).toEqual(["eNPS pulse — round 1 closed — eNPS +17 · 6 of 30 answered (20%)"]);
      expect(JSON.stringify(posted[0]!.blocks)).toContain("closed Tue, 11 Aug 2026, 14:30 (Asia/Kuala_Lumpur)");

      const meiling = await pulse(at("meiling.wong"), "results");
      expect(meiling).toContain("eNPS +17");
      expect(meiling).toContain("Promoters (9-10) 3 (50%) · passives (7-8) 1 (16.7%) · detractors (0-6) 2 (33.3%) · 6 answered");
      expect(meiling).not.toContain("Results appear when");
    });

    it("adds nothing when closed again — by an admin, from the CLI, or by the tick at its closing time", async () => {
      // The Malay verb: a command written in Malay is answered in Malay (issue 9's one reply-language rule).
      expect(await pulse(ADMIN, "tutup eNPS pulse")).toBe('Tiada pusingan "eNPS pulse" yang sedang dibuka: pusingan 1 sudah ditutup. Keputusannya: `/pulse keputusan eNPS pulse`.');
      const again = await cli(["close", "eNPS pulse"]);
      expect([again.code, again.err]).toEqual([0, ""]);
      expect(again.out).toContain('No round of "eNPS pulse" is open: round 1 has closed already.');
      now = new Date("2026-08-13T02:01:00Z");
      await bot.app.jobs!.tick();
      expect((await resultsPosts()).map((post) => post.idempotencyKey)).toEqual([`pulse_results:${roundId}`]);
      expect(await round()).toMatchObject({ status: "closed", closedAt: CLOSED });
    });

    it("closes from the CLI as the first admin, and refuses an unknown survey there naming the surveys", async () => {
      expect((await cli(["start", "weekly"])).out).toContain('Round 1 of "Weekly check-in" is open');
      const weekly = await bot.app.db.prisma.pulseRound.findFirstOrThrow({ where: { tenantId: bot.tenantId, survey: { name: "Weekly check-in" } } });
      const closed = await cli(["close", "Weekly check-in"]);
      expect(closed.code, closed.err).toBe(0);
      expect(closed.out).toContain(`Round 1 of "Weekly check-in" is closed: 0 of ${weekly.invited} answered.`);
      expect((await deliveriesOf(bot.app.db, "pulse_results", weekly.id)).map((post) => post.idempotencyKey)).toEqual([`pulse_results:${weekly.id}`]);
      const unknown = await cli(["close", "Culture"]);
      expect([unknown.code, unknown.err]).toEqual([1, 'There is no survey "Culture". Surveys: "eNPS pulse" and "Weekly check-in".']);
    });
  });
}
