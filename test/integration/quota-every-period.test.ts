// Issue 9 acceptance: /quota is right for EVERY demo rep, each manager and the VP, for this
// quarter, last quarter, H1, H2, the fiscal year and two months — asked through Bolt's real HTTP
// receiver with signed requests, on both backends. The expected quota, closed won, attainment and
// gap are worked out a second way with plain SQL (test/support/independent-figures.ts
// `quotaFigures`: quota rows overlapping the period, working days by generate_series less
// weekends and the person's holiday calendar, closed won summed from the opportunity table over
// the person and everyone below them). A manager's /quota and /quota team show the same figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeForecastDigest } from "../../src/core/use-cases/compose-forecast-digest.js";
import { createSalesData } from "../../src/db/repositories/sales-data.js";
import { DEMO_TEAMS } from "../../src/db/seed/demo-people.js";
import { demoTeamId } from "../../src/db/seed/demo-tenant.js";
import { backends } from "../support/databases.js";
import { type DateSpan, type DemoPerson, formatsFor, IndependentFigures, type QuotaFigures } from "../support/independent-figures.js";
import { startBotUnderTest, type BotUnderTest, type SlackReply, replyFields as fieldsOf, unescapeMrkdwn as unescape } from "../support/slack-bot.js";

// Monday 23 Nov 2026, 14:00 UTC: the 23rd in every demo zone (Kuala Lumpur 22:00, Kolkata 19:30,
// London 14:00, New York 09:00, Chicago 08:00). The demo's fiscal year is the calendar year.
const TODAY = "2026-11-23";
const NOW = new Date("2026-11-23T14:00:00.000Z");

interface Asked {
  /** What follows /quota. */
  text: string;
  /** What follows /quota team (a lone month name counts only after a preposition). */
  teamText: string;
  span: DateSpan;
  /** Over before TODAY: the final result, no pace. */
  ended: boolean;
}

const PERIODS: readonly Asked[] = [
  { text: "", teamText: "team", span: { start: "2026-10-01", end: "2026-12-31" }, ended: false },
  { text: "last quarter", teamText: "team last quarter", span: { start: "2026-07-01", end: "2026-09-30" }, ended: true },
  { text: "H1", teamText: "team H1", span: { start: "2026-01-01", end: "2026-06-30" }, ended: true },
  { text: "H2", teamText: "team H2", span: { start: "2026-07-01", end: "2026-12-31" }, ended: false },
  { text: "FY2026", teamText: "team FY2026", span: { start: "2026-01-01", end: "2026-12-31" }, ended: false },
  { text: "October", teamText: "team in October", span: { start: "2026-10-01", end: "2026-10-31" }, ended: true },
  { text: "this month", teamText: "team this month", span: { start: "2026-11-01", end: "2026-11-30" }, ended: false },
];

/** The labels of both reply languages (the reply language follows the asker and the question). */
const WORDS = {
  en: {
    quota: "Quota",
    teamQuota: "Team quota",
    closedWon: "Closed won",
    attainment: "Attainment",
    gap: "Gap to quota",
    over: "Over quota",
    pace: "Pace",
    perWeek: "Needed per week",
    noQuota: "no quota set for",
    proRated: "Pro-rated:",
    ended: "has ended: these are the final figures.",
    reportsSum: (sum: string, share: string) => `Your reports' quotas add up to ${sum}: ${share} of your number.`,
  },
  ms: {
    quota: "Kuota",
    teamQuota: "Kuota pasukan",
    closedWon: "Jualan dimenangi",
    attainment: "Pencapaian",
    gap: "Baki untuk capai kuota",
    over: "Melebihi kuota",
    pace: "Kadar semasa",
    perWeek: "Perlu seminggu",
    noQuota: "belum ada kuota untuk",
    proRated: "Prorata:",
    ended: "sudah tamat: ini angka muktamad.",
    reportsSum: (sum: string, share: string) => `Jumlah kuota orang bawahan anda ialah ${sum}: ${share} daripada angka anda.`,
  },
} as const;


function textOf(reply: SlackReply): string {
  return reply.blocks
    .filter((block) => block.type === "section" && block.text !== undefined)
    .map((block) => unescape((block.text as { text: string }).text))
    .join("\n");
}

function languageOf(reply: SlackReply): "en" | "ms" {
  const header = reply.blocks.find((block) => block.type === "header");
  const text = (header?.text as { text: string } | undefined)?.text ?? "";
  return /^(Kuota|Pasukan)/.test(text) ? "ms" : "en";
}

const ratio = (part: bigint, whole: bigint): number => Number(part) / Number(whole);

for (const kind of backends) {
  describe(`/quota for every period and every person [${kind}]`, () => {
    let bot: BotUnderTest;
    let sql: IndependentFigures;
    let subjects: DemoPerson[];
    /** Period text -> person id -> the independent figures. */
    const expected = new Map<string, Map<string, QuotaFigures>>();

    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock: { now: () => NOW } });
      sql = new IndependentFigures(bot.testDatabase.db, bot.tenantId);
      // Every rep, every manager and the VP (the admin carries no quota and is not a subject).
      subjects = (await sql.everyone()).filter((person) => person.role === "rep" || person.role === "manager");
      for (const period of PERIODS) expected.set(period.text, await sql.quotaFigures(subjects, period.span));
    }, 120_000);
    afterAll(async () => {
      await bot?.close();
    });

    it("seeds every office's holidays, and the figures depend on them", async () => {
      expect(subjects.filter((person) => person.role === "rep")).toHaveLength(25);
      expect(subjects.filter((person) => person.role === "manager")).toHaveLength(4);
      // Kuala Lumpur: Deepavali (Sun 8 Nov) replaced on Mon 9 Nov, Christmas; London: Christmas
      // (Fri) and Boxing Day (Sat, taken Mon 28 Dec); New York: Columbus Day, Veterans Day,
      // Thanksgiving, Christmas.
      const person = async (local: string) => sql.person(`${local}@demo.salesops.test`);
      const q4 = { start: "2026-10-01", end: "2026-12-31" };
      expect(await sql.holidays((await person("weiming.tan")).id, q4)).toEqual(["2026-11-08", "2026-11-09", "2026-12-25"]);
      expect(await sql.holidays((await person("oliver.bennett")).id, q4)).toEqual(["2026-12-25", "2026-12-28"]);
      expect(await sql.holidays((await person("michael.johnson")).id, q4)).toEqual(["2026-10-12", "2026-11-11", "2026-11-26", "2026-12-25"]);
      // The VP has no team: the tenant's default calendar (Malaysia).
      expect(await sql.holidays((await person("aina.rahman")).id, q4)).toEqual(["2026-11-08", "2026-11-09", "2026-12-25"]);
      // Working days of November: 21 weekdays, less Deepavali's replacement in KL (20), Veterans
      // Day and Thanksgiving in New York (19), none in London (21).
      expect(await sql.workingDays("2026-11-01", "2026-11-30", (await person("weiming.tan")).id)).toBe(20);
      expect(await sql.workingDays("2026-11-01", "2026-11-30", (await person("michael.johnson")).id)).toBe(19);
      expect(await sql.workingDays("2026-11-01", "2026-11-30", (await person("oliver.bennett")).id)).toBe(21);
      // So a month's share of the same quarterly quota differs by office.
      const month = expected.get("this month")!;
      const weiming = month.get((await person("weiming.tan")).id)!;
      expect(weiming.proRated).toBe(true);
      expect(weiming.quotaMinor).not.toBeNull();
    });

    it("reads holidays per person or team through the port, and quota rows and plans that overlap a range", async () => {
      const data = createSalesData(bot.testDatabase.db.prisma);
      const person = async (local: string) => sql.person(`${local}@demo.salesops.test`);
      const [weiming, oliver, vp] = [await person("weiming.tan"), await person("oliver.bennett"), await person("aina.rahman")];
      const december = { start: "2026-12-01", end: "2026-12-31" };
      const calendars = await data.holidays(bot.tenantId, { employeeIds: [weiming.id, oliver.id, vp.id], teamIds: [demoTeamId("americas")] }, december);
      const datesOf = (id: string) => (calendars.holidays.get(calendars.calendarOf.get(id) ?? "") ?? []).map((holiday) => holiday.date);
      expect(datesOf(weiming.id)).toEqual(["2026-12-25"]);
      expect(datesOf(oliver.id)).toEqual(["2026-12-25", "2026-12-28"]);
      expect(datesOf(vp.id)).toEqual(["2026-12-25"]); // no team: the default calendar
      expect(calendars.calendarOf.get(vp.id)).toBe(calendars.calendarOf.get(weiming.id));
      expect(datesOf(demoTeamId("americas"))).toEqual(["2026-12-25"]);
      expect(calendars.holidays.get(calendars.calendarOf.get(oliver.id)!)![1]!.name).toBe("Boxing Day");
      // An unknown id gets no calendar rather than someone else's.
      const none = await data.holidays(bot.tenantId, { employeeIds: ["00000000-0000-4000-8000-000000000000"] }, december);
      expect(none.calendarOf.get("00000000-0000-4000-8000-000000000000")).toBeNull();
      // Quota rows and plan assignments overlapping H2: the two quarters of it.
      const h2 = { start: "2026-07-01", end: "2026-12-31" };
      expect((await data.quotas(bot.tenantId, [weiming.id], h2)).map((row) => row.periodStart)).toEqual(["2026-07-01", "2026-10-01"]);
      expect((await data.planAssignments(bot.tenantId, weiming.id, h2)).map((plan) => [plan.start, plan.end, plan.plan.payoutCapMinor])).toEqual([
        ["2026-07-01", "2026-09-30", 7_000_000],
        ["2026-10-01", "2026-12-31", 7_000_000],
      ]);
      // A month inside a quarter overlaps that quarter's row.
      expect((await data.quotas(bot.tenantId, [weiming.id], { start: "2026-11-01", end: "2026-11-30" })).map((row) => row.periodEnd)).toEqual(["2026-12-31"]);
    });

    it("answers /quota for every rep, manager and the VP, for every period, as the SQL says", async () => {
      let checked = 0;
      for (const subject of subjects) {
        const replies = await Promise.all(PERIODS.map((period) => bot.ask(subject.email, "/quota", period.text)));
        replies.forEach((reply, index) => {
          const period = PERIODS[index]!;
          const figures = expected.get(period.text)!.get(subject.id)!;
          const language = languageOf(reply);
          const w = WORDS[language];
          const f = formatsFor(language);
          const where = `${subject.email} /quota ${period.text || "(this quarter)"}`;
          const fields = fieldsOf(reply);
          if (figures.quotaMinor === null) {
            expect(textOf(reply), where).toContain(w.noQuota);
            expect(fields[w.closedWon], where).toBe(f.money(figures.wonMinor));
            return;
          }
          expect(fields[w.quota], where).toBe(f.money(figures.quotaMinor));
          expect(fields[w.closedWon], where).toBe(f.money(figures.wonMinor));
          expect(fields[w.attainment], where).toBe(f.percent(ratio(figures.wonMinor, figures.quotaMinor)));
          const gap = figures.quotaMinor - figures.wonMinor;
          if (gap >= 0n) expect(fields[w.gap], where).toBe(f.money(gap));
          else expect(fields[w.over], where).toBe(f.money(-gap));
          // An ended period shows the final result only.
          expect(fields[w.pace] === undefined, where).toBe(period.ended);
          if (period.ended) {
            expect(fields[w.perWeek], where).toBeUndefined();
            expect(textOf(reply), where).toContain(w.ended);
          }
          // Said when a row was pro-rated (a month inside a quarter), and only then.
          expect(textOf(reply).includes(w.proRated), where).toBe(figures.proRated);
          // A manager's own number, and beside it what their reports' quotas add up to.
          if (figures.reportsQuotaMinor !== null) {
            expect(textOf(reply), where).toContain(
              w.reportsSum(f.money(figures.reportsQuotaMinor), f.percent(ratio(figures.reportsQuotaMinor, figures.quotaMinor))),
            );
          }
          checked++;
        });
      }
      // 29 people × 7 periods, less the periods without a quota row (the new hire before this
      // quarter: last quarter and H1).
      expect(checked).toBe(29 * 7 - 2);
    }, 300_000);

    it("gives a manager and the VP the same quota and closed won in /quota team as in /quota", async () => {
      const leaders = subjects.filter((person) => person.role === "manager");
      for (const leader of leaders) {
        const replies = await Promise.all(PERIODS.map((period) => bot.ask(leader.email, "/quota", period.teamText)));
        replies.forEach((reply, index) => {
          const period = PERIODS[index]!;
          const figures = expected.get(period.text)!.get(leader.id)!;
          const language = languageOf(reply);
          const w = WORDS[language];
          const f = formatsFor(language);
          const where = `${leader.email} /quota ${period.teamText}`;
          const fields = fieldsOf(reply);
          expect(figures.quotaMinor, where).not.toBeNull();
          expect(fields[w.teamQuota], where).toBe(f.money(figures.quotaMinor!));
          expect(fields[w.closedWon], where).toBe(f.money(figures.wonMinor));
          expect(fields[w.attainment], where).toBe(f.percent(ratio(figures.wonMinor, figures.quotaMinor!)));
          if (figures.reportsQuotaMinor !== null) {
            expect(textOf(reply), where).toContain(
              w.reportsSum(f.money(figures.reportsQuotaMinor), f.percent(ratio(figures.reportsQuotaMinor, figures.quotaMinor!))),
            );
          }
        });
      }
    }, 120_000);

    it("gives each team's digest the manager's own quota and closed won, as /quota shows them", async () => {
      const data = createSalesData(bot.testDatabase.db.prisma);
      const quarter = expected.get("")!;
      for (const team of DEMO_TEAMS) {
        const digest = await composeForecastDigest({ data, tenantId: bot.tenantId, teamId: demoTeamId(team.key), now: NOW });
        const [row] = await bot.testDatabase.db.withSession((session) =>
          session.query<{ manager_id: string }>(`SELECT manager_id::text AS manager_id FROM team WHERE id = $1::uuid`, [demoTeamId(team.key)]),
        );
        const figures = quarter.get(row!.manager_id)!;
        expect(digest.figures.quotaMinor, team.key).toBe(Number(figures.quotaMinor));
        expect(digest.figures.closedMinor, team.key).toBe(Number(figures.wonMinor));
      }
    });
  });
}
