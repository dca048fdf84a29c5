// Every /quota and /forecast answer gives the right numbers: asked as a rep, a ramping new hire,
// a manager, the VP and the sales-ops admin of the demo organisation, in English and in Malay,
// through Bolt's real HTTP receiver with signed requests. The expected figures are worked out a
// second way, from the tables with plain SQL (test/support/independent-figures.ts), and
// formatted with `Intl` directly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/databases.js";
import {
  currentRateOf,
  type DateSpan,
  type DemoPerson,
  forecastOf,
  formatsFor,
  halfUp,
  IndependentFigures,
  marginalPayout,
  nextTierOf,
} from "../support/independent-figures.js";
import { replyText, startBotUnderTest, type BotUnderTest, type SlackReply, replyFields as fieldsOf, unescapeMrkdwn as unescape } from "../support/slack-bot.js";

const TODAY = "2026-11-25";
const NOW = new Date("2026-11-25T02:00:00.000Z"); // 10:00 in Kuala Lumpur
const clock = { now: () => NOW };

// The demo tenant is in ringgit with a January fiscal year: FY2026 is calendar 2026.
const Q4: DateSpan = { start: "2026-10-01", end: "2026-12-31" };
const Q3: DateSpan = { start: "2026-07-01", end: "2026-09-30" };
const Q1: DateSpan = { start: "2026-01-01", end: "2026-03-31" };
const NEXT_QUARTER: DateSpan = { start: "2027-01-01", end: "2027-03-31" }; // Q1 FY2027
/** The four fiscal quarters before today's: where the trailing win rate comes from. */
const WIN_RATE_WINDOW: DateSpan = { start: "2025-10-01", end: "2026-09-30" };
const FIFTY_K = 5_000_000n;

const email = (local: string) => `${local}@demo.salesops.test`;
const REP = email("weiming.tan"); // en
const REP_MS = email("ahmad.faizal"); // Slack locale ms-MY
const NEW_HIRE = email("aiman.zulkifli"); // ms, ramping
const MANAGER = email("meiling.wong"); // APAC Enterprise
const VP = email("aina.rahman");
const ADMIN = email("kevin.tan");
const OTHER_TEAM_REP = email("oliver.bennett"); // EMEA
const TEAM_PEER = email("nurul.izzati"); // APAC, a rep like the asker

type Language = "en" | "ms";

const WORDS = {
  en: {
    quarter: (index: number) => `Q${index} FY2026`,
    quota: "Quota",
    closedWon: "Closed won",
    attainment: "Attainment",
    gap: "Gap to quota",
    over: "Over quota",
    pace: "Pace",
    ahead: "Ahead",
    behind: "Behind",
    perWeek: "Needed per week",
    coverage: "Pipeline coverage",
    coverageNeeded: "Coverage needed",
    winRate: "win rate",
    noWinRateHistory: "No win-rate history yet (no deals closed in the last four quarters)",
    commission: "Commission earned",
    payoutChange: "Payout change",
    payout: "Payout",
    toReach100: "To reach 100%",
    attainmentNow: "Attainment now",
    nextTier: "Next tier",
    stillToClose: "Still to close",
    rateNow: "Rate now",
    closed: "Closed",
    commit: "Commit",
    bestCase: "Best case",
    pipeline: "Pipeline",
    weighted: "Weighted pipeline",
    projection: "Projection",
    yourCall: "Your call",
    call: "Call",
    teamQuota: "Team quota",
    teamQuotaOfReports: "Team quota (sum of reports' quotas)",
    ended: "has ended: these are the final figures.",
    teamCall: "Team call",
    noCall: "No call submitted yet",
    of: "of",
    you: "(you)",
    noQuotaLine: (closed: string) => `no quota (${closed} closed)`,
    teamLine: (name: string, standing: string | null, commit: string, best: string, pipeline: string, call: string | null, vsCommit: string | null) =>
      `${name} — ${standing ?? "no quota"} · commit ${commit} · best ${best} · pipeline ${pipeline} · ${call === null ? "no call" : `call ${call} (${vsCommit})`}`,
    vsCommit: (delta: bigint, compact: (minor: bigint) => string) =>
      delta === 0n ? "= commit" : delta > 0n ? `${compact(delta)} above commit` : `${compact(-delta)} below commit`,
    change: (date: string, closed: string, commit: string, best: string, pipeline: string) =>
      `*Change since ${date}:* closed ${closed} · commit ${commit} · best case ${best} · pipeline ${pipeline}`,
    noMoves: "No deals were won, lost, pushed out, pulled in or added.",
    forbidden: "Sorry, you can't see those numbers.",
    managersOnly: "Team numbers are for managers",
    forecastManagersOnly: "Team forecasts are for managers",
    replayed: "Replayed over the last 4 quarters, it was off by",
    method: "The projection is what has closed won in the period so far",
    help: "Here's what you can ask `/quota`:",
    submitted: (period: string, commit: string, best: string) => `Forecast call submitted for ${period}: commit ${commit}, best case ${best}.`,
    ramping: (ramp: string, full: string) => `Ramping: ${ramp} of full quota (${full}).`,
  },
  ms: {
    quarter: (index: number) => `S${index} TK2026`,
    quota: "Kuota",
    closedWon: "Jualan dimenangi",
    attainment: "Pencapaian",
    gap: "Baki untuk capai kuota",
    over: "Melebihi kuota",
    pace: "Kadar semasa",
    ahead: "Mendahului",
    behind: "Ketinggalan",
    perWeek: "Perlu seminggu",
    coverage: "Liputan pipeline",
    coverageNeeded: "Liputan diperlukan",
    winRate: "kadar menang",
    noWinRateHistory: "Belum ada sejarah kadar menang (tiada deal ditutup dalam empat suku lepas)",
    commission: "Komisen diperoleh",
    payoutChange: "Perubahan bayaran",
    payout: "Bayaran",
    toReach100: "Untuk capai 100%",
    attainmentNow: "Pencapaian sekarang",
    nextTier: "Tier seterusnya",
    stillToClose: "Perlu ditutup lagi",
    rateNow: "Kadar sekarang",
    closed: "Dimenangi",
    commit: "Komit",
    bestCase: "Best case",
    pipeline: "Pipeline",
    weighted: "Pipeline berwajaran",
    projection: "Unjuran",
    yourCall: "Ramalan anda",
    call: "Ramalan",
    teamQuota: "Kuota pasukan",
    teamQuotaOfReports: "Kuota pasukan (jumlah kuota orang bawahan)",
    ended: "sudah tamat: ini angka muktamad.",
    teamCall: "Ramalan pasukan",
    noCall: "Belum ada ramalan dihantar",
    of: "daripada",
    you: "(anda)",
    noQuotaLine: (closed: string) => `tiada kuota (${closed} dimenangi)`,
    teamLine: (name: string, standing: string | null, commit: string, best: string, pipeline: string, call: string | null, vsCommit: string | null) =>
      `${name} — ${standing ?? "tiada kuota"} · komit ${commit} · best ${best} · pipeline ${pipeline} · ${call === null ? "tiada ramalan" : `ramalan ${call} (${vsCommit})`}`,
    vsCommit: (delta: bigint, compact: (minor: bigint) => string) =>
      delta === 0n ? "= komit" : delta > 0n ? `${compact(delta)} melebihi komit` : `${compact(-delta)} di bawah komit`,
    change: (date: string, closed: string, commit: string, best: string, pipeline: string) =>
      `*Perubahan sejak ${date}:* dimenangi ${closed} · komit ${commit} · best case ${best} · pipeline ${pipeline}`,
    noMoves: "Tiada deal yang dimenangi, kalah, ditolak keluar, ditarik masuk atau baharu.",
    forbidden: "Maaf, anda tidak boleh lihat angka tersebut.",
    managersOnly: "Angka pasukan untuk pengurus sahaja",
    forecastManagersOnly: "Ramalan pasukan untuk pengurus sahaja",
    replayed: "Apabila diulang dalam 4 suku yang lalu, unjuran ini meleset",
    method: "Unjuran ialah jualan yang sudah dimenangi dalam tempoh itu",
    help: "Ini yang anda boleh tanya dengan `/quota`:",
    submitted: (period: string, commit: string, best: string) => `Ramalan untuk ${period} sudah dihantar: komit ${commit}, best case ${best}.`,
    ramping: (ramp: string, full: string) => `Dalam tempoh ramp: ${ramp} daripada kuota penuh (${full}).`,
  },
} as const;

// --- reading a Block Kit reply ---------------------------------------------------------------


function headerOf(reply: SlackReply): string {
  const header = reply.blocks.find((block) => block.type === "header");
  return (header?.text as { text: string } | undefined)?.text ?? "";
}

/** Section texts that are not lists. */
function textsOf(reply: SlackReply): string[] {
  return reply.blocks
    .filter((block) => block.type === "section" && block.text !== undefined)
    .map((block) => unescape((block.text as { text: string }).text))
    .filter((text) => !text.startsWith("• "));
}

/** The lines of list sections, without their bullets. */
function listOf(reply: SlackReply): string[] {
  return reply.blocks
    .filter((block) => block.type === "section" && block.text !== undefined)
    .flatMap((block) => unescape((block.text as { text: string }).text).split("\n"))
    .filter((line) => line.startsWith("• "))
    .map((line) => line.slice(2));
}

function contextsOf(reply: SlackReply): string[] {
  return reply.blocks
    .filter((block) => block.type === "context")
    .flatMap((block) => (block.elements as Array<{ text: string }>).map((element) => unescape(element.text)));
}

const ratio = (part: bigint, whole: bigint): number => Number(part) / Number(whole);
const maxOf = (a: bigint, b: bigint): bigint => (a > b ? a : b);
const laterOf = (a: string, b: string): string => (a > b ? a : b);
const earlierOf = (a: string, b: string): string => (a < b ? a : b);
const addDays = (iso: string, days: number): string => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

for (const kind of backends) {
  describe(`/quota and /forecast give the right numbers [${kind}]`, () => {
    let bot: BotUnderTest;
    let sql: IndependentFigures;

    beforeAll(async () => {
      bot = await startBotUnderTest(kind, { today: TODAY, clock });
      sql = new IndependentFigures(bot.testDatabase.db, bot.tenantId);
    });
    afterAll(async () => {
      await bot?.close();
    });

    // --- independent figures ---------------------------------------------------------------

    /** Where one person stands against quota in a period, as of TODAY. */
    async function standing(person: DemoPerson, period: DateSpan) {
      const quota = await sql.effectiveQuota(person, period);
      if (quota === null) throw new Error(`${person.email} has no quota for ${period.start}`);
      const effective = quota.effectiveMinor;
      const deals = forecastOf(await sql.deals([person.id], period));
      const won = deals.closed;
      const countsFrom = person.startDate !== null && person.startDate > period.start ? person.startDate : period.start;
      // Working days less the person's holidays (their team's calendar).
      const total = await sql.workingDays(countsFrom, period.end, person.id);
      const elapsed = await sql.workingDays(countsFrom, earlierOf(TODAY, period.end), person.id);
      const remainingDays = Math.max(5, await sql.workingDays(laterOf(addDays(TODAY, 1), countsFrom), period.end, person.id));
      const gap = maxOf(0n, effective - won);
      const outcomes = await sql.closedOutcomes(person.id, WIN_RATE_WINDOW);
      const winRate = outcomes.wonMinor + outcomes.lostMinor === 0n ? null : ratio(outcomes.wonMinor, outcomes.wonMinor + outcomes.lostMinor);
      const plan = await sql.plan(person.id, laterOf(period.start, earlierOf(TODAY, period.end)));
      return {
        ...quota,
        effective,
        won,
        pipeline: deals.pipeline,
        attainment: ratio(won, effective),
        gap,
        over: maxOf(0n, won - effective),
        expectedToDate: halfUp(effective * BigInt(elapsed), BigInt(total)),
        pace: ratio(won * BigInt(total), effective * BigInt(elapsed)),
        neededPerWeek: halfUp(gap * 5n, BigInt(remainingDays)),
        winRate,
        plan,
        payout: plan === null ? null : marginalPayout(plan, effective, won),
      };
    }

    /**
     * A team as the team answers roll it up: everyone below `root` (null = the whole organisation,
     * for an admin who leads nobody), one line per direct report (or per person at the top).
     */
    async function teamRollUp(root: DemoPerson | null, period: DateSpan, asker?: DemoPerson) {
      const members = root === null ? await sql.everyone() : [root, ...(await sql.reportsUnder(root.id))];
      const lineHolders = root === null ? (await sql.topOfOrganisation()).filter((person) => person.id !== asker?.id) : await sql.directReports(root.id);
      const quotaOf = async (person: DemoPerson) => (await sql.effectiveQuota(person, period))?.effectiveMinor ?? null;
      // A team's quota is its head's own quota; only without one, the sum of their direct
      // reports' team quotas (README, "/quota": the quota rule).
      async function subtreeQuota(person: DemoPerson): Promise<bigint | null> {
        const own = await quotaOf(person);
        if (own !== null) return own;
        let total: bigint | null = null;
        for (const report of await sql.directReports(person.id)) {
          const quota = await subtreeQuota(report);
          if (quota !== null) total = (total ?? 0n) + quota;
        }
        return total;
      }
      const lines = [];
      for (const holder of lineHolders) {
        const ids = [holder.id, ...(await sql.reportsUnder(holder.id)).map((person) => person.id)];
        const figures = forecastOf(await sql.deals(ids, period));
        const quota = await subtreeQuota(holder);
        const call = await sql.latestCall(holder.id, period);
        lines.push({ person: holder, figures, quota, attainment: quota ? ratio(figures.closed, quota) : null, call });
      }
      let linesQuota: bigint | null = null;
      for (const line of lines) if (line.quota !== null) linesQuota = (linesQuota ?? 0n) + line.quota;
      const teamQuota = (root === null ? null : await quotaOf(root)) ?? linesQuota;
      const figures = forecastOf(await sql.deals(members.map((person) => person.id), period));
      return { members, lines, teamQuota, figures };
    }

    /** Last week's snapshot and the change since, for these owners. */
    async function weeklyChange(ownerIds: string[], period: DateSpan) {
      const snapshotDate = (await sql.snapshotOnOrBefore(addDays(TODAY, -7)))!;
      const before = forecastOf(await sql.snapshotDeals(ownerIds, snapshotDate, period));
      const after = forecastOf(await sql.deals(ownerIds, period));
      return {
        snapshotDate,
        closed: after.closed - before.closed,
        commit: after.commit - before.commit,
        bestCase: after.bestCase - before.bestCase,
        pipeline: after.pipeline - before.pipeline,
      };
    }

    // --- expectations shared by several askers --------------------------------------------------

    async function expectStanding(reply: SlackReply, language: Language, subject: DemoPerson, period: DateSpan) {
      const w = WORDS[language];
      const f = formatsFor(language);
      const s = await standing(subject, period);
      const fields = fieldsOf(reply);
      expect(fields[w.quota]).toBe(f.money(s.effective));
      expect(fields[w.closedWon]).toBe(f.money(s.won));
      expect(fields[w.attainment]).toBe(f.percent(s.attainment));
      if (TODAY > period.end) {
        // An ended period shows its final result: no pace, nothing needed per week, no coverage.
        expect(fields[w.pace]).toBeUndefined();
        expect(fields[w.perWeek]).toBeUndefined();
        expect(fields[w.coverage]).toBeUndefined();
        expect(textsOf(reply).join("\n")).toContain(w.ended);
        if (s.gap > 0n) expect(fields[w.gap]).toBe(f.money(s.gap));
        else expect(fields[w.over]).toBe(f.money(s.over));
      } else {
      expect(fields[w.pace]).toContain(f.percent(s.pace));
      expect(fields[w.pace]).toContain(f.money(s.expectedToDate));
      expect(fields[w.pace]).toContain(s.pace >= 1 ? w.ahead : w.behind);
      if (s.gap > 0n) {
        expect(fields[w.gap]).toBe(f.money(s.gap));
        expect(fields[w.perWeek]).toBe(f.money(s.neededPerWeek));
        expect(fields[w.coverage]).toBe(f.times(ratio(s.pipeline, s.gap)));
        expect(fields[w.coverageNeeded]).toBe(
          s.winRate === null ? w.noWinRateHistory : `${f.times(1 / s.winRate)} (${w.winRate} ${f.percent(s.winRate)})`,
        );
      } else {
        expect(fields[w.over]).toBe(f.money(s.over));
        expect(fields[w.gap]).toBeUndefined();
      }
      }
      expect(s.payout).not.toBeNull();
      expect(fields[w.commission]).toBe(f.money(s.payout!));
      expect(contextsOf(reply).join("\n")).toContain(f.date(period.start));
      return s;
    }

    async function expectWhatIf(reply: SlackReply, language: Language, subject: DemoPerson, period: DateSpan, dealMinor: bigint) {
      const w = WORDS[language];
      const f = formatsFor(language);
      const s = await standing(subject, period);
      const before = marginalPayout(s.plan!, s.effective, s.won);
      const after = marginalPayout(s.plan!, s.effective, s.won + dealMinor);
      const fields = fieldsOf(reply);
      expect(fields[w.payoutChange]).toBe(`+${f.money(after - before)}`);
      expect(fields[w.payout]).toBe(`${f.money(before)} → ${f.money(after)}`);
      expect(fields[w.attainment]).toBe(`${f.percent(ratio(s.won, s.effective))} → ${f.percent(ratio(s.won + dealMinor, s.effective))}`);
      expect(fields[w.closedWon]).toBe(`${f.money(s.won)} → ${f.money(s.won + dealMinor)}`);
    }

    async function expectToTarget(reply: SlackReply, language: Language, subject: DemoPerson) {
      const w = WORDS[language];
      const f = formatsFor(language);
      const s = await standing(subject, Q4);
      expect(s.gap).toBeGreaterThan(0n);
      const fields = fieldsOf(reply);
      expect(fields[w.toReach100]).toBe(f.money(s.gap));
      expect(fields[w.attainmentNow]).toBe(f.percent(s.attainment));
      expect(fields[w.quota]).toBe(f.money(s.effective));
      expect(fields[w.closedWon]).toBe(f.money(s.won));
    }

    async function expectNextTier(reply: SlackReply, language: Language, subject: DemoPerson) {
      const w = WORDS[language];
      const f = formatsFor(language);
      const s = await standing(subject, Q4);
      const next = nextTierOf(s.plan!, s.effective, s.won);
      expect(next).not.toBeNull();
      const fields = fieldsOf(reply);
      expect(fields[w.nextTier]).toContain(f.rate(next!.tier.rate));
      expect(fields[w.nextTier]).toContain(f.percent(Number(next!.tier.from) / 10_000));
      expect(fields[w.stillToClose]).toBe(f.money(next!.neededMinor));
      expect(fields[w.attainmentNow]).toBe(f.percent(s.attainment));
      expect(fields[w.rateNow]).toBe(f.rate(currentRateOf(s.plan!, s.effective, s.won)));
    }

    /** The leaderboard lines `asker` should see among `people` (percentages only, as the demo tenant shows it). */
    async function expectedLeaderboard(language: Language, asker: DemoPerson, people: DemoPerson[]): Promise<string[]> {
      const w = WORDS[language];
      const f = formatsFor(language);
      const rows: Array<{ person: DemoPerson; attainment: number }> = [];
      for (const person of people) {
        const quota = await sql.effectiveQuota(person, Q4);
        if (quota === null || quota.effectiveMinor === 0n) continue;
        rows.push({ person, attainment: ratio((await sql.deals([person.id], Q4)).wonMinor, quota.effectiveMinor) });
      }
      rows.sort((a, b) => b.attainment - a.attainment || a.person.name.localeCompare(b.person.name));
      let rank = 0;
      return rows.map((row, i) => {
        if (i === 0 || rows[i - 1]!.attainment !== row.attainment) rank = i + 1;
        const who = row.person.id === asker.id ? `*${row.person.name} ${w.you}*` : row.person.name;
        return `${rank}. ${who} — ${f.percent(row.attainment)}`;
      });
    }

    async function expectPersonForecast(reply: SlackReply, language: Language, subject: DemoPerson, period: DateSpan, own: boolean) {
      const w = WORDS[language];
      const f = formatsFor(language);
      const figures = forecastOf(await sql.deals([subject.id], period));
      const quota = (await sql.effectiveQuota(subject, period))!.effectiveMinor;
      const call = await sql.latestCall(subject.id, period);
      const fields = fieldsOf(reply);
      expect(fields[w.closed]).toBe(f.money(figures.closed));
      expect(fields[w.commit]).toBe(f.money(figures.commit));
      expect(fields[w.bestCase]).toBe(f.money(figures.bestCase));
      expect(fields[w.pipeline]).toBe(f.money(figures.pipeline));
      expect(fields[w.weighted]).toBe(f.money(figures.weighted));
      expect(fields[w.quota]).toBe(f.money(quota));
      const callField = fields[own ? w.yourCall : w.call];
      if (call === null) {
        expect(callField).toBe(w.noCall);
      } else {
        expect(callField).toContain(f.money(call.commitMinor));
        expect(callField).toContain(f.money(call.bestCaseMinor));
        expect(callField).toContain(f.percent(ratio(call.commitMinor, quota)));
      }
      const change = await weeklyChange([subject.id], period);
      expect(textsOf(reply)).toContain(
        w.change(f.date(change.snapshotDate), f.signedCompact(change.closed), f.signedCompact(change.commit), f.signedCompact(change.bestCase), f.signedCompact(change.pipeline)),
      );
      return { figures, fields, change };
    }

    async function expectTeamQuota(reply: SlackReply, language: Language, root: DemoPerson | null, asker?: DemoPerson) {
      const w = WORDS[language];
      const f = formatsFor(language);
      const team = await teamRollUp(root, Q4, asker);
      expect(team.teamQuota).not.toBeNull();
      const fields = fieldsOf(reply);
      // The root's own quota; without a root (the whole organisation), the lines' sum, labelled so.
      expect(fields[root === null ? w.teamQuotaOfReports : w.teamQuota]).toBe(f.money(team.teamQuota!));
      expect(fields[w.closedWon]).toBe(f.money(team.figures.closed));
      expect(fields[w.attainment]).toBe(f.percent(ratio(team.figures.closed, team.teamQuota!)));
      expect(fields[w.gap]).toBe(f.money(team.teamQuota! - team.figures.closed));
      const lines = [...team.lines]
        .sort((a, b) => (b.attainment ?? -1) - (a.attainment ?? -1) || a.person.name.localeCompare(b.person.name))
        .map((line) =>
          line.quota === null
            ? `${line.person.name} — ${w.noQuotaLine(f.compact(line.figures.closed))}`
            : `${line.person.name} — ${f.percent(line.attainment!)} (${f.compact(line.figures.closed)} ${w.of} ${f.compact(line.quota)})`,
        );
      expect(listOf(reply)).toEqual(lines);
      return team;
    }

    async function expectTeamForecast(reply: SlackReply, language: Language, root: DemoPerson | null, period: DateSpan = Q4, asker?: DemoPerson) {
      const w = WORDS[language];
      const f = formatsFor(language);
      const team = await teamRollUp(root, period, asker);
      const fields = fieldsOf(reply);
      expect(fields[w.closed]).toBe(f.money(team.figures.closed));
      expect(fields[w.commit]).toBe(f.money(team.figures.commit));
      expect(fields[w.bestCase]).toBe(f.money(team.figures.bestCase));
      expect(fields[w.pipeline]).toBe(f.money(team.figures.pipeline));
      expect(fields[w.weighted]).toBe(f.money(team.figures.weighted));
      expect(fields[root === null ? w.teamQuotaOfReports : w.teamQuota]).toBe(f.money(team.teamQuota!));
      if (root !== null) {
        const call = await sql.latestCall(root.id, period);
        expect(call).not.toBeNull();
        expect(fields[w.teamCall]).toContain(f.money(call!.commitMinor));
        expect(fields[w.teamCall]).toContain(f.money(call!.bestCaseMinor));
        expect(fields[w.teamCall]).toContain(f.percent(ratio(call!.commitMinor, team.teamQuota!)));
      } else {
        expect(fields[w.teamCall]).toBeUndefined();
      }
      // Per report: attainment against their quota, figures, and their latest call against their commit.
      const lines = [...team.lines]
        .sort((a, b) => Number(b.figures.commit - a.figures.commit) || a.person.name.localeCompare(b.person.name))
        .map((line) =>
          w.teamLine(
            line.person.name,
            line.quota === null || line.quota === 0n ? null : `${f.percent(line.attainment!)} ${w.of} ${f.compact(line.quota)}`,
            f.compact(line.figures.commit),
            f.compact(line.figures.bestCase),
            f.compact(line.figures.pipeline),
            line.call === null ? null : f.compact(line.call.commitMinor),
            line.call === null ? null : w.vsCommit(line.call.commitMinor - line.figures.commit, f.compact),
          ),
        );
      // The overdue deals' list (checked in forecast-every-period.test.ts) follows the lines.
      expect(listOf(reply).slice(0, lines.length)).toEqual(lines);
      const change = await weeklyChange(
        team.members.map((person) => person.id),
        period,
      );
      expect(textsOf(reply)).toContain(
        w.change(f.date(change.snapshotDate), f.signedCompact(change.closed), f.signedCompact(change.commit), f.signedCompact(change.bestCase), f.signedCompact(change.pipeline)),
      );
      return { team, change };
    }

    /** A call (in thousands, as typed) of 20k above what `person` has closed in Q4, and its best case 30k above that. */
    async function callAboveClosed(person: DemoPerson) {
      const closed = forecastOf(await sql.deals([person.id], Q4)).closed;
      const commitK = Number(closed / 100_000n) + 20;
      return { commitK, commitMinor: BigInt(commitK) * 100_000n, bestMinor: BigInt(commitK + 30) * 100_000n };
    }

    /** The largest open deal of `owner` closing this quarter whose name no other open deal of theirs shares. */
    async function dealToClose(owner: DemoPerson) {
      const everyOpen = await sql.openDeals(owner.id, { start: "2000-01-01", end: "2100-12-31" });
      const deal = (await sql.openDeals(owner.id, Q4)).find((candidate) => everyOpen.filter((other) => other.name === candidate.name).length === 1);
      if (deal === undefined) throw new Error(`${owner.email} has no open deal with a name of its own this quarter`);
      return deal;
    }

    async function mention(address: string): Promise<string> {
      const person = await sql.person(address);
      return `<@${person.slackUserId}|${address.split("@")[0]}>`;
    }

    // --- the calendar the answers are about -----------------------------------------------------

    it("asks on 25 Nov 2026 in every asker's own zone, in Q4 FY2026 of a ringgit tenant", async () => {
      expect(await sql.tenant()).toEqual({ currency: "MYR", fiscalYearStartMonth: 1, leaderboardVisibility: "percentages" });
      for (const address of [REP, REP_MS, NEW_HIRE, MANAGER, VP, ADMIN]) {
        const person = await sql.person(address);
        expect(new Intl.DateTimeFormat("en-CA", { timeZone: person.timeZone }).format(NOW)).toBe(TODAY);
      }
      expect(await sql.workingDays(Q4.start, Q4.end)).toBe(66);
      // Last week's snapshot (the newest one taken on or before a week ago).
      expect(await sql.snapshotOnOrBefore(addDays(TODAY, -7))).toBe("2026-11-16");
    });

    // --- a rep, in English -------------------------------------------------------------------

    describe("a rep in English", () => {
      let rep: DemoPerson;
      beforeAll(async () => {
        rep = await sql.person(REP);
      });

      it("/quota: quota, closed won, attainment, gap, pace, per week, coverage and commission", async () => {
        const reply = await bot.ask(REP, "/quota", "");
        expect(headerOf(reply)).toBe("Your quota — Q4 FY2026");
        const s = await expectStanding(reply, "en", rep, Q4);
        expect(s.rampPercent).toBe(100);
        expect(s.gap).toBeGreaterThan(0n);
      });

      it("/quota Q3: a past quarter, over quota, with the accelerator paid", async () => {
        const reply = await bot.ask(REP, "/quota", "Q3");
        expect(headerOf(reply)).toBe("Your quota — Q3 FY2026");
        const s = await expectStanding(reply, "en", rep, Q3);
        expect(s.over).toBeGreaterThan(0n);
      });

      it("/quota what if 50k and /quota if I close <an open deal of theirs>", async () => {
        const f = formatsFor("en");
        const whatIf = await bot.ask(REP, "/quota", "what if 50k");
        expect(headerOf(whatIf)).toBe(`If you close ${f.money(FIFTY_K)}`);
        await expectWhatIf(whatIf, "en", rep, Q4, FIFTY_K);

        // The largest open deal closing this quarter, typed exactly as the CRM names it (em dash included).
        const deal = await dealToClose(rep);
        const ifDeal = await bot.ask(REP, "/quota", `if I close ${deal.name}`);
        expect(headerOf(ifDeal)).toBe(`If you close ${deal.name}`);
        // Demo deals are named after their account ("Acme — Payments renewal" of "Acme"): the account is not printed twice.
        expect(deal.name.startsWith(`${deal.accountName} `)).toBe(true);
        expect(textsOf(ifDeal)[0]).toBe(`${deal.name} · ${f.money(deal.amountMinor)} · closing ${f.date(deal.closeDate)}`);
        await expectWhatIf(ifDeal, "en", rep, Q4, deal.amountMinor);
      });

      it("/quota how much to 100% and /quota next tier", async () => {
        await expectToTarget(await bot.ask(REP, "/quota", "how much to 100%"), "en", rep);
        await expectNextTier(await bot.ask(REP, "/quota", "next tier"), "en", rep);
      });

      it("/quota leaderboard: their own team's reps, by attainment", async () => {
        const reply = await bot.ask(REP, "/quota", "leaderboard");
        expect(headerOf(reply)).toBe("Leaderboard — Q4 FY2026");
        expect(listOf(reply)).toEqual(await expectedLeaderboard("en", rep, await sql.teamReps(rep.teamId!)));
      });

      it("/quota help and /quota team (managers only)", async () => {
        expect(replyText(await bot.ask(REP, "/quota", "help"))).toContain(WORDS.en.help);
        const team = replyText(await bot.ask(REP, "/quota", "team"));
        expect(team).toContain(WORDS.en.managersOnly);
        expect(team).not.toMatch(/RM/);
      });

      it("/forecast: closed, commit, best case, pipeline, weighted, quota, call and last week's change", async () => {
        const reply = await bot.ask(REP, "/forecast", "");
        expect(headerOf(reply)).toBe("Your forecast — Q4 FY2026");
        await expectPersonForecast(reply, "en", rep, Q4, true);
      });

      it("/forecast Q1: a past quarter, all closed, and no week's change invented for it", async () => {
        const reply = await bot.ask(REP, "/forecast", "Q1");
        expect(headerOf(reply)).toBe("Your forecast — Q1 FY2026");
        const { figures, fields, change } = await expectPersonForecast(reply, "en", rep, Q1, true);
        expect(figures.closed).toBeGreaterThan(0n);
        expect(figures.pipeline).toBe(0n);
        // Nothing is open in a quarter that ended: the projection is what closed.
        expect(fields[WORDS.en.projection]).toBe(formatsFor("en").money(figures.closed));
        expect(change).toMatchObject({ closed: 0n, commit: 0n, bestCase: 0n, pipeline: 0n });
        expect(contextsOf(reply)).toContain(WORDS.en.noMoves);
      });

      it("/forecast next quarter: open pipeline only, against next quarter's quota", async () => {
        const reply = await bot.ask(REP, "/forecast", "next quarter");
        expect(headerOf(reply)).toBe("Your forecast — Q1 FY2027");
        const { figures } = await expectPersonForecast(reply, "en", rep, NEXT_QUARTER, true);
        expect(figures.closed).toBe(0n);
        expect(figures.pipeline).toBeGreaterThan(0n);
      });

      it("/forecast submit commit 120k best 150k: stored in minor units at the pinned instant, then shown", async () => {
        const callsBefore = await sql.callCount(rep.id);
        const f = formatsFor("en");
        // A commit includes what has closed (a lower one is refused): call above it.
        const { commitK, commitMinor, bestMinor } = await callAboveClosed(rep);
        const reply = await bot.ask(REP, "/forecast", `submit commit ${commitK}k best ${commitK + 30}k`);
        expect(textsOf(reply)[0]).toBe(WORDS.en.submitted("Q4 FY2026", f.money(commitMinor), f.money(bestMinor)));
        expect(await sql.callCount(rep.id)).toBe(callsBefore + 1);
        expect(await sql.latestCall(rep.id, Q4)).toEqual({ commitMinor, bestCaseMinor: bestMinor, currency: "MYR", submittedAt: NOW });

        const after = await bot.ask(REP, "/forecast", "");
        await expectPersonForecast(after, "en", rep, Q4, true);
        expect(fieldsOf(after)[WORDS.en.yourCall]).toContain(f.money(commitMinor));
      });

      it("/forecast method, and /forecast team (managers only)", async () => {
        const reply = replyText(await bot.ask(REP, "/forecast", "method"));
        expect(reply).toContain(WORDS.en.method);
        // The snapshots go back to Q4 FY2025: each of the last four quarters is replayed and scored.
        expect((await sql.earliestSnapshot())! <= "2025-11-25").toBe(true);
        expect(reply).toContain(WORDS.en.replayed);
        for (const quarter of ["Q4 FY2025", "Q1 FY2026", "Q2 FY2026", "Q3 FY2026"]) expect(reply).toContain(`${quarter}: projected`);
        const team = replyText(await bot.ask(REP, "/forecast", "team"));
        expect(team).toContain(WORDS.en.forecastManagersOnly);
        expect(team).not.toMatch(/RM/);
      });

      it("is refused another team's rep, and a peer, without a figure", async () => {
        for (const target of [await mention(OTHER_TEAM_REP), "@oliver.bennett", "@nurul.izzati"]) {
          const quota = replyText(await bot.ask(REP, "/quota", target));
          expect(quota).toBe(WORDS.en.forbidden);
          const forecast = replyText(await bot.ask(REP, "/forecast", target));
          expect(forecast).toBe(WORDS.en.forbidden);
        }
        expect(replyText(await bot.ask(REP, "/quota", `what if 50k ${await mention(TEAM_PEER)}`))).toBe(WORDS.en.forbidden);
      });

      it("gets a Malay answer to a Malay question", async () => {
        const reply = await bot.ask(REP, "/quota", "kalau saya tutup 50k");
        expect(headerOf(reply)).toBe(`Kalau anda tutup ${formatsFor("ms").money(FIFTY_K)}`);
        await expectWhatIf(reply, "ms", rep, Q4, FIFTY_K);
      });
    });

    // --- a rep, in Malay (Slack locale ms-MY) ------------------------------------------------

    describe("a rep in Malay", () => {
      let rep: DemoPerson;
      beforeAll(async () => {
        rep = await sql.person(REP_MS);
      });

      it("/quota and /quota Q3", async () => {
        const now = await bot.ask(REP_MS, "/quota", "");
        expect(headerOf(now)).toBe("Kuota anda — S4 TK2026");
        await expectStanding(now, "ms", rep, Q4);
        const past = await bot.ask(REP_MS, "/quota", "Q3");
        expect(headerOf(past)).toBe("Kuota anda — S3 TK2026");
        await expectStanding(past, "ms", rep, Q3);
      });

      it("/quota kalau saya tutup 50k and kalau saya tutup <an open deal of theirs>", async () => {
        const f = formatsFor("ms");
        const whatIf = await bot.ask(REP_MS, "/quota", "kalau saya tutup 50k");
        expect(headerOf(whatIf)).toBe(`Kalau anda tutup ${f.money(FIFTY_K)}`);
        await expectWhatIf(whatIf, "ms", rep, Q4, FIFTY_K);

        const deal = await dealToClose(rep);
        const ifDeal = await bot.ask(REP_MS, "/quota", `kalau saya tutup ${deal.name}`);
        expect(headerOf(ifDeal)).toBe(`Kalau anda tutup ${deal.name}`);
        expect(textsOf(ifDeal)[0]).toContain(f.money(deal.amountMinor));
        await expectWhatIf(ifDeal, "ms", rep, Q4, deal.amountMinor);
      });

      it("/quota berapa lagi untuk capai kuota, tier seterusnya, kedudukan, bantuan and pasukan", async () => {
        await expectToTarget(await bot.ask(REP_MS, "/quota", "berapa lagi untuk capai kuota"), "ms", rep);
        await expectNextTier(await bot.ask(REP_MS, "/quota", "tier seterusnya"), "ms", rep);
        const board = await bot.ask(REP_MS, "/quota", "kedudukan");
        expect(headerOf(board)).toBe("Papan pendahulu — S4 TK2026");
        expect(listOf(board)).toEqual(await expectedLeaderboard("ms", rep, await sql.teamReps(rep.teamId!)));
        expect(replyText(await bot.ask(REP_MS, "/quota", "bantuan"))).toContain(WORDS.ms.help);
        expect(replyText(await bot.ask(REP_MS, "/quota", "pasukan"))).toContain(WORDS.ms.managersOnly);
      });

      it("/forecast, /forecast Q1 and /forecast kaedah", async () => {
        const now = await bot.ask(REP_MS, "/forecast", "");
        expect(headerOf(now)).toBe("Ramalan anda — S4 TK2026");
        await expectPersonForecast(now, "ms", rep, Q4, true);
        const past = await bot.ask(REP_MS, "/forecast", "Q1");
        expect(headerOf(past)).toBe("Ramalan anda — S1 TK2026");
        const { figures, change } = await expectPersonForecast(past, "ms", rep, Q1, true);
        expect(fieldsOf(past)[WORDS.ms.projection]).toBe(formatsFor("ms").money(figures.closed));
        expect(change).toMatchObject({ closed: 0n, commit: 0n, bestCase: 0n, pipeline: 0n });
        const method = replyText(await bot.ask(REP_MS, "/forecast", "kaedah"));
        expect(method).toContain(WORDS.ms.method);
        expect(method).toContain(WORDS.ms.replayed);
        expect(replyText(await bot.ask(REP_MS, "/forecast", "pasukan"))).toContain(WORDS.ms.forecastManagersOnly);
      });

      it("/forecast hantar komit 120k terbaik 150k", async () => {
        const f = formatsFor("ms");
        const { commitK, commitMinor, bestMinor } = await callAboveClosed(rep);
        const reply = await bot.ask(REP_MS, "/forecast", `hantar komit ${commitK}k terbaik ${commitK + 30}k`);
        expect(textsOf(reply)[0]).toBe(WORDS.ms.submitted("S4 TK2026", f.money(commitMinor), f.money(bestMinor)));
        expect(await sql.latestCall(rep.id, Q4)).toEqual({ commitMinor, bestCaseMinor: bestMinor, currency: "MYR", submittedAt: NOW });
        await expectPersonForecast(await bot.ask(REP_MS, "/forecast", ""), "ms", rep, Q4, true);
      });

      it("is refused a colleague's numbers, in Malay", async () => {
        expect(replyText(await bot.ask(REP_MS, "/quota", "@weiming.tan"))).toBe(WORDS.ms.forbidden);
        expect(replyText(await bot.ask(REP_MS, "/forecast", await mention(OTHER_TEAM_REP)))).toBe(WORDS.ms.forbidden);
      });
    });

    // --- the ramping new hire -------------------------------------------------------------------

    it("a ramping new hire: quota at ramp % (the row), not pro-rated again by the start date", async () => {
      // CHANGED for issue 9 (THE QUOTA RULE 1): the quota used to be ramp % × working days from
      // the start date ÷ the quarter's, the ramp and pro-ration applied twice. Pace still counts
      // from the start date (expectStanding checks it).
      const hire = await sql.person(NEW_HIRE);
      const f = formatsFor("ms");
      const reply = await bot.ask(NEW_HIRE, "/quota", "");
      const s = await expectStanding(reply, "ms", hire, Q4);
      expect(s.rampPercent).toBeLessThan(100);
      expect(hire.startDate! > Q4.start).toBe(true);
      expect(s.effective).toBe(halfUp(s.fullMinor * BigInt(s.rampPercent), 100n));
      expect(textsOf(reply)).toContain(WORDS.ms.ramping(f.percent(s.rampPercent / 100), f.money(s.fullMinor)));
      await expectToTarget(await bot.ask(NEW_HIRE, "/quota", "berapa lagi untuk capai kuota"), "ms", hire);
      await expectNextTier(await bot.ask(NEW_HIRE, "/quota", "tier seterusnya"), "ms", hire);
    });

    // --- a manager ----------------------------------------------------------------------------

    describe("a manager", () => {
      let manager: DemoPerson;
      let rep: DemoPerson;
      beforeAll(async () => {
        manager = await sql.person(MANAGER);
        rep = await sql.person(REP);
      });

      it("/quota team: team quota, closed won, attainment, gap, and one line per report", async () => {
        const reply = await bot.ask(MANAGER, "/quota", "team");
        expect(headerOf(reply)).toBe("Your team — Q4 FY2026");
        const team = await expectTeamQuota(reply, "en", manager);
        expect(team.lines.map((line) => line.person.email)).toContain(REP);
      });

      it("/quota kuota pasukan: the same in Malay", async () => {
        const reply = await bot.ask(MANAGER, "/quota", "kuota pasukan");
        expect(headerOf(reply)).toBe("Pasukan anda — S4 TK2026");
        await expectTeamQuota(reply, "ms", manager);
      });

      it("/quota @report and /quota @report what if 50k", async () => {
        const reply = await bot.ask(MANAGER, "/quota", "@weiming.tan");
        expect(headerOf(reply)).toBe("Tan Wei Ming — Q4 FY2026");
        await expectStanding(reply, "en", rep, Q4);
        const whatIf = await bot.ask(MANAGER, "/quota", `what if 50k ${await mention(REP)}`);
        expect(headerOf(whatIf)).toBe(`If Tan Wei Ming closes ${formatsFor("en").money(FIFTY_K)}`);
        await expectWhatIf(whatIf, "en", rep, Q4, FIFTY_K);
      });

      it("/quota leaderboard: the reps below them", async () => {
        const reply = await bot.ask(MANAGER, "/quota", "leaderboard");
        const below = (await sql.reportsUnder(manager.id)).filter((person) => person.role === "rep");
        expect(listOf(reply)).toEqual(await expectedLeaderboard("en", manager, below));
      });

      it("/forecast team and /forecast ramalan pasukan", async () => {
        const reply = await bot.ask(MANAGER, "/forecast", "team");
        expect(headerOf(reply)).toBe("Your team — Q4 FY2026");
        await expectTeamForecast(reply, "en", manager);
        const malay = await bot.ask(MANAGER, "/forecast", "ramalan pasukan");
        expect(headerOf(malay)).toBe("Pasukan anda — S4 TK2026");
        await expectTeamForecast(malay, "ms", manager);
      });

      it("/forecast team Q3: a past quarter, with no week's change invented for it", async () => {
        const reply = await bot.ask(MANAGER, "/forecast", "team Q3");
        expect(headerOf(reply)).toBe("Your team — Q3 FY2026");
        const { team, change } = await expectTeamForecast(reply, "en", manager, Q3);
        expect(team.figures.closed).toBeGreaterThan(0n);
        expect(change).toMatchObject({ closed: 0n, commit: 0n, bestCase: 0n, pipeline: 0n });
      });

      it("/forecast @report", async () => {
        const reply = await bot.ask(MANAGER, "/forecast", await mention(REP));
        expect(headerOf(reply)).toBe("Tan Wei Ming — forecast Q4 FY2026");
        await expectPersonForecast(reply, "en", rep, Q4, false);
      });

      it("is refused another team's rep", async () => {
        expect(replyText(await bot.ask(MANAGER, "/quota", "@oliver.bennett"))).toBe(WORDS.en.forbidden);
        expect(replyText(await bot.ask(MANAGER, "/forecast", await mention(OTHER_TEAM_REP)))).toBe(WORDS.en.forbidden);
      });
    });

    // --- the VP at the top of the chain --------------------------------------------------------

    it("the VP: every team rolled up through the managers, and a rep two levels down", async () => {
      const vp = await sql.person(VP);
      const quota = await bot.ask(VP, "/quota", "team");
      const team = await expectTeamQuota(quota, "en", vp);
      // Transitive: the reps of all three teams count, not just the VP's direct reports.
      expect(team.members.filter((person) => person.role === "rep")).toHaveLength((await sql.allReps()).length);
      await expectTeamForecast(await bot.ask(VP, "/forecast", "team"), "en", vp);
      const rep = await bot.ask(VP, "/quota", "@weiming.tan");
      await expectStanding(rep, "en", await sql.person(REP), Q4);
      await expectTeamForecast(await bot.ask(VP, "/forecast", "@meiling.wong"), "en", await sql.person(MANAGER));
    });

    // --- the sales-ops admin ------------------------------------------------------------------

    describe("the admin", () => {
      it("may see anyone: /quota @another team's rep (English and Malay), /forecast @rep", async () => {
        const other = await sql.person(OTHER_TEAM_REP);
        const quota = await bot.ask(ADMIN, "/quota", "@oliver.bennett");
        expect(headerOf(quota)).toBe("Oliver Bennett — Q4 FY2026");
        await expectStanding(quota, "en", other, Q4);
        const malay = await bot.ask(ADMIN, "/quota", `tunjuk kuota ${await mention(OTHER_TEAM_REP)}`);
        expect(headerOf(malay)).toBe("Oliver Bennett — S4 TK2026");
        await expectStanding(malay, "ms", other, Q4);
        const forecast = await bot.ask(ADMIN, "/forecast", "@weiming.tan");
        await expectPersonForecast(forecast, "en", await sql.person(REP), Q4, false);
      });

      it("/quota team and /forecast team: the whole organisation", async () => {
        const admin = await sql.person(ADMIN);
        expect(await sql.reportsUnder(admin.id)).toEqual([]);
        const { members } = await expectTeamQuota(await bot.ask(ADMIN, "/quota", "team"), "en", null, admin);
        expect(members.length).toBe((await sql.everyone()).length);
        await expectTeamForecast(await bot.ask(ADMIN, "/forecast", "team"), "en", null, Q4, admin);
      });

      it("/quota leaderboard: every rep, the first fifteen listed", async () => {
        const admin = await sql.person(ADMIN);
        const reply = await bot.ask(ADMIN, "/quota", "leaderboard");
        const expected = await expectedLeaderboard("en", admin, await sql.allReps());
        expect(expected.length).toBeGreaterThan(15);
        expect(listOf(reply)).toEqual(expected.slice(0, 15));
        expect(contextsOf(reply)).toContain(`…and ${expected.length - 15} more`);
      });

      it("/quota about themself: no quota, said plainly", async () => {
        const admin = await sql.person(ADMIN);
        expect(await sql.quota(admin.id, Q4)).toBeNull();
        const reply = await bot.ask(ADMIN, "/quota", "");
        expect(textsOf(reply)[0]).toContain("You have no quota set for Q4 FY2026");
        expect(fieldsOf(reply)[WORDS.en.closedWon]).toBe(formatsFor("en").money((await sql.deals([admin.id], Q4)).wonMinor));
      });
    });
  });
}
