import { describe, expect, it } from "vitest";
import type { Locale } from "../../src/core/i18n/locale.js";
import { moreLabel } from "../../src/core/i18n/messages.js";
import type { Reply, ReplyBlock } from "../../src/core/reply.js";
import { composeForecastDigest } from "../../src/core/use-cases/compose-forecast-digest.js";
import { changeSections } from "../../src/core/use-cases/digest-sections.js";
import { answerQuotaQuestion } from "../../src/core/use-cases/answer-quota-question.js";
import { digestSeed, DIGEST_NOW, DIGEST_TENANT_ID, P, TEAM_KL, TEAM_PENANG, type DigestSeedOptions } from "../../src/core/use-cases/testing/digest-sales-org.js";
import { createInMemorySalesData, type SeedDeal } from "../../src/core/use-cases/testing/in-memory-sales-data.js";
import { parseScheduleSpec } from "../../src/core/schedules/parse-schedule-spec.js";
import type { DigestDetail } from "../../src/core/tenant-settings.js";
import { MAX_BLOCKS, MAX_FIELD_TEXT, MAX_FIELDS, MAX_HEADER_TEXT, MAX_SECTION_TEXT, renderBlockKit } from "../../src/slack/render/block-kit.js";

// The organisation and its hand-worked figures: src/core/use-cases/testing/digest-sales-org.ts.
// The digest runs on Monday 10 Aug 2026, 08:00 in Kuala Lumpur; last week's snapshot is 3 Aug.

const HOUR = 3_600_000;
const KL = "Asia/Kuala_Lumpur";
/** The default schedule: Monday 08:00 in Kuala Lumpur, whose slot DIGEST_NOW is. */
const WEEKLY = { spec: parseScheduleSpec("weekly Mon 08:00"), timeZone: KL, slotAt: DIGEST_NOW };
type ScheduleOption = { spec: ReturnType<typeof parseScheduleSpec>; timeZone: string; slotAt: Date; countsFrom?: Date } | "onRequest";

function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value).replace(/\u00a0/g, " ")) as T;
}

async function compose(
  options: { locale?: Locale; lateBy?: { ms: number }; now?: Date; teamId?: string; seed?: DigestSeedOptions; detail?: DigestDetail; schedule?: ScheduleOption } = {},
) {
  const data = createInMemorySalesData(digestSeed(options.seed));
  const now = options.now ?? DIGEST_NOW;
  const schedule = options.schedule ?? { ...WEEKLY, slotAt: options.lateBy ? new Date(now.getTime() - options.lateBy.ms) : now };
  const digest = await composeForecastDigest({
    data,
    tenantId: DIGEST_TENANT_ID,
    teamId: options.teamId ?? TEAM_KL,
    now,
    ...(schedule === "onRequest" ? {} : { schedule }),
    ...(options.detail ? { detail: options.detail } : {}),
    ...(options.lateBy ? { lateBy: options.lateBy } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
  });
  return { digest: plain(digest), data };
}

function fieldsOf(reply: Reply): Record<string, string> {
  const block = reply.blocks.find((b) => b.kind === "fields");
  if (!block || block.kind !== "fields") throw new Error("no fields block");
  return Object.fromEntries(block.fields.map((f) => [f.label, f.value]));
}

const lists = (reply: Reply): Array<Extract<ReplyBlock, { kind: "list" }>> =>
  reply.blocks.flatMap((b) => (b.kind === "list" ? [b] : []));

function listTitled(reply: Reply, title: string): Extract<ReplyBlock, { kind: "list" }> | undefined {
  return lists(reply).find((list) => list.title === title);
}

const textsOf = (reply: Reply, kind: "text" | "context" | "heading"): string[] =>
  reply.blocks.flatMap((b) => (b.kind === kind ? [b.text] : []));

describe("composeForecastDigest: the quarter's figures", () => {
  it("adds up the manager and everyone below them, transitively, and no one else", async () => {
    const { digest } = await compose();
    expect(digest).toMatchObject({ teamId: TEAM_KL, teamName: "KL Enterprise", locale: "en", asOf: "2026-08-10", currency: "MYR" });
    expect(digest.period).toEqual({ start: "2026-07-01", end: "2026-09-30", label: "Q3 FY2026" });
    expect(digest.figures).toEqual({
      closedMinor: 14_000_000, // Petronas 50,000 + TNB 90,000 (Xavier's 999,000 is another team's)
      commitMinor: 43_500_000, // 140,000 + Axiata 120,000 + Digi 25,000 + Shell 150,000
      bestCaseMinor: 61_000_000, // 435,000 + Grab 60,000 + Sime Darby 70,000 + Celcom 45,000
      pipelineMinor: 50_000_000, // 295,000 + 175,000 + CIMB 30,000 (the Omitted 500,000 counts nowhere)
      weightedPipelineMinor: 30_350_000, // 24,000 + 3,000 + 84,000 + 28,000 + 17,500 + 27,000 + 120,000
      projectedMinor: 44_350_000, // no history old enough: 140,000 + 303,500 at CRM probabilities
      quotaMinor: 60_000_000, // Ali 300,000 + Bea 200,000 + Chen 100,000 (Lee's and Mei's restate them)
      attainment: 14_000_000 / 60_000_000, // 23.3 %
    });
    expect(textsOf(digest.reply, "heading")).toEqual(["Weekly forecast — KL Enterprise — Q3 FY2026"]);
    expect(fieldsOf(digest.reply)).toEqual({
      Closed: "RM 140,000.00",
      Commit: "RM 435,000.00",
      "Best case": "RM 610,000.00",
      Pipeline: "RM 500,000.00",
      "Weighted pipeline": "RM 303,500.00",
      Projection: "RM 443,500.00",
      "Team quota": "RM 600,000.00",
      "Attainment (closed ÷ quota)": "23.3%",
    });
    expect(digest.reply.summary).toBe("KL Enterprise, Q3 FY2026: commit RM 435K, closed RM 140K (23.3% of quota)");
    expect(textsOf(digest.reply, "context").at(-1)).toBe("Q3 FY2026 (1 Jul 2026 – 30 Sept 2026) · as of 10 Aug 2026");
  });

  it("reads grouped or bounded data only: no per-deal load of the team, no snapshot history", async () => {
    const { data } = await compose();
    expect(data.reads).not.toContain("deals");
    expect(data.reads).not.toContain("snapshot");
    expect(data.reads).not.toContain("snapshotHistory");
    expect(data.reads.filter((read) => read === "dealChanges")).toHaveLength(1);
  });

  it("composes another team with its own people only", async () => {
    const { digest } = await compose({ teamId: TEAM_PENANG });
    // Xavier: Penang Port won 999,000 on 6 Aug; quota 500,000 -> 199.8 %.
    expect(digest.figures).toMatchObject({ closedMinor: 99_900_000, commitMinor: 99_900_000, pipelineMinor: 0, quotaMinor: 50_000_000, attainment: 1.998 });
    expect(listTitled(digest.reply, "Won (1)")?.items).toEqual(["Penang Port (Xavier) — RM 999K"]);
  });

  it("refuses a team the tenant does not have", async () => {
    await expect(compose({ teamId: "team-nope" })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("composeForecastDigest: what changed since last week", () => {
  it("names one deal of each kind, with the change in the figures", async () => {
    const { digest } = await compose();
    // 3 Aug: closed 90,000 · commit 495,000 · best case 580,000 · pipeline 560,000 (see the fixture)
    expect(textsOf(digest.reply, "text")).toEqual([
      "*Change since 3 Aug 2026:* closed +RM 50K · commit -RM 60K · best case +RM 30K · pipeline -RM 60K",
    ]);
    const changes = lists(digest.reply).slice(0, 7).map((list) => [list.title, list.items, list.moreCount]);
    expect(changes).toEqual([
      ["Won (1)", ["Petronas renewal (Ali) — RM 50K"], 0],
      ["Lost (1)", ["Maybank pilot (Bea) — RM 40K"], 0],
      ["Pushed out of the quarter (1)", ["AirAsia rollout (Chen) — RM 80K, closing 25 Sept 2026 → 15 Oct 2026"], 0],
      ["Pulled into the quarter (1)", ["Grab expansion (Ali) — RM 60K, closing 20 Oct 2026 → 15 Sept 2026"], 0],
      ["New (1)", ["CIMB upgrade (Bea) — RM 30K"], 0],
      ["Amount changes (1)", ["Axiata renewal (Chen) — RM 100K → RM 120K (+RM 20K)"], 0],
      ["Stage moves (1)", ["Sime Darby (Ali) — Discovery → Proposal (RM 70K)"], 0],
    ]);
  });

  it("says so when there is no snapshot from a week ago", async () => {
    // Asked for on Thu 30 Jul: the newest snapshot on or before 23 Jul is none (27 Jul is the first).
    const { digest, data } = await compose({ now: new Date("2026-07-30T00:00:00Z"), schedule: "onRequest" });
    expect(textsOf(digest.reply, "text")).toEqual(["No snapshot from last week yet, so there is no change to show."]);
    expect(data.reads).not.toContain("dealChanges");
    // Scheduled, on Mon 27 Jul 08:00: the previous slot was 20 Jul, and no snapshot is that old.
    const slotAt = new Date("2026-07-27T00:00:00Z");
    const { digest: scheduled } = await compose({ now: slotAt, schedule: { ...WEEKLY, slotAt } });
    expect(textsOf(scheduled.reply, "text")).toEqual([
      "No pipeline snapshot from on or before the previous digest (20 Jul 2026) yet, so there is no change to show.",
    ]);
    expect(textsOf(scheduled.reply, "context")[0]).toBe("Every Monday at 08:00 (Asia/Kuala_Lumpur) · nothing to compare with yet.");
  });

  it("says so when nothing moved", () => {
    const context = { locale: "en" as const, currency: "MYR", today: "2026-08-10", now: DIGEST_NOW, names: new Map() };
    expect(changeSections(context, [])).toEqual([
      { kind: "context", text: "No deal was won, lost, pushed out, pulled in, added, resized or moved to another stage." },
    ]);
  });
});

describe("composeForecastDigest: deals at risk and top deals", () => {
  it("lists the open deals of the quarter that are overdue, idle for 14 days or stuck in a stage, and why", async () => {
    const { digest } = await compose();
    // Not listed: the Omitted deal (idle), next quarter's (idle), AirAsia (pushed out), Xavier's.
    expect(listTitled(digest.reply, "At risk (3)")).toEqual({
      kind: "list",
      title: "At risk (3)",
      items: [
        "Shell (Bea) — RM 150K: in Negotiation for 70 days", // since 1 Jun 00:00 UTC: 70 days to 10 Aug
        "Celcom (Ali) — RM 45K: no activity for 21 days", // last activity 20 Jul 00:00 UTC
        "Digi (Chen) — RM 25K: close date passed (1 Aug 2026)",
      ],
      moreCount: 0,
    });
  });

  it("counts the days from the instant of composing, and flags only past the thresholds", async () => {
    const borderline: SeedDeal = {
      id: "d-border", ownerId: P.ali, name: "Borderline", accountName: null, amountMinor: 1_000_000, probability: 40,
      forecastCategory: "BestCase", closeDate: "2026-09-30", isClosed: false, isWon: false, stageName: "Proposal",
      lastActivityAt: new Date("2026-07-27T00:00:00Z"), stageEnteredAt: new Date("2026-07-11T00:00:00Z"),
    };
    const { digest } = await compose({ seed: { extraDeals: [borderline] } });
    // 27 Jul -> 10 Aug is exactly 14 days; 11 Jul -> 10 Aug exactly 30: neither is past its threshold.
    expect(listTitled(digest.reply, "At risk (3)")?.items.join("\n")).not.toContain("Borderline");
    const { digest: later } = await compose({ seed: { extraDeals: [borderline] }, now: new Date("2026-08-10T00:00:01Z") });
    expect(listTitled(later.reply, "At risk (4)")?.items).toContain("Borderline (Ali) — RM 10K: no activity for 14 days · in Proposal for 30 days");
  });

  it("shows the five largest open deals of the quarter", async () => {
    const { digest } = await compose();
    expect(listTitled(digest.reply, "Top 5 open deals")?.items).toEqual([
      "Shell (Bea) — RM 150K · Negotiation · closing 30 Sept 2026",
      "Axiata renewal (Chen) — RM 120K · Negotiation · closing 1 Sept 2026",
      "Sime Darby (Ali) — RM 70K · Proposal · closing 5 Sept 2026",
      "Grab expansion (Ali) — RM 60K · Proposal · closing 15 Sept 2026",
      "Celcom (Ali) — RM 45K · Proposal · closing 28 Sept 2026",
    ]);
  });
});

describe("composeForecastDigest: the leaderboard, as the tenant allows it", () => {
  // Bea 90,000 / 200,000 = 45 %; Ali 50,000 / 300,000 = 16.7 %; Chen 0 / 100,000 = 0 %. Managers are not ranked.
  it("shows ranks, percentages and amounts when the tenant shows the full board", async () => {
    const { digest } = await compose({ seed: { tenant: { leaderboardVisibility: "full" } } });
    expect(listTitled(digest.reply, "Leaderboard — attainment")?.items).toEqual([
      "1. Bea — 45% · RM 90K of RM 200K",
      "2. Ali — 16.7% · RM 50K of RM 300K",
      "3. Chen — 0% · RM 0 of RM 100K",
    ]);
  });

  it("shows percentages only when the tenant says so", async () => {
    const { digest } = await compose({ seed: { tenant: { leaderboardVisibility: "percentages" } } });
    expect(listTitled(digest.reply, "Leaderboard — attainment")?.items).toEqual(["1. Bea — 45%", "2. Ali — 16.7%", "3. Chen — 0%"]);
  });

  it("ranks exactly as the manager's /quota leaderboard does, at every visibility", async () => {
    for (const visibility of ["full", "percentages", "off"] as const) {
      const seed = { tenant: { leaderboardVisibility: visibility } };
      const { digest } = await compose({ seed });
      const asked = plain(
        await answerQuotaQuestion({ data: createInMemorySalesData(digestSeed(seed)), tenantId: DIGEST_TENANT_ID, employeeId: P.mei, locale: "en", text: "leaderboard", now: DIGEST_NOW }),
      );
      const board = listTitled(digest.reply, "Leaderboard — attainment");
      if (visibility === "off") {
        expect(board).toBeUndefined();
        expect(asked.summary).toBe("The leaderboard is turned off for your organisation.");
      } else {
        expect(board?.items).toEqual(lists(asked)[0]?.items);
      }
    }
  });

  it("leaves the board out when the tenant turned it off", async () => {
    const { digest } = await compose({ seed: { tenant: { leaderboardVisibility: "off" } } });
    expect(JSON.stringify(digest.reply)).not.toMatch(/Leaderboard|45%/);
    // The rest of the digest is unchanged: heading, fields, change, 7 change lists, risk, top, trend, context.
    expect(lists(digest.reply).map((list) => list.title)).toEqual([
      "Won (1)", "Lost (1)", "Pushed out of the quarter (1)", "Pulled into the quarter (1)", "New (1)", "Amount changes (1)",
      "Stage moves (1)", "At risk (3)", "Top 5 open deals",
    ]);
  });
});

describe("composeForecastDigest: the heading and what moved follow the schedule", () => {
  // Slot: Monday 10 Aug 2026 08:00 in Kuala Lumpur (DIGEST_NOW). Snapshots: 27 Jul and 3 Aug.
  const at = (when: string) => ({ spec: parseScheduleSpec(when, { anchorDate: "2026-08-10" }), timeZone: KL, slotAt: DIGEST_NOW });

  it("weekly: 'Weekly forecast', compared with the previous digest's snapshot (3 Aug)", async () => {
    const { digest } = await compose({ schedule: at("weekly Mon 08:00") });
    expect(textsOf(digest.reply, "heading")).toEqual(["Weekly forecast — KL Enterprise — Q3 FY2026"]);
    expect(textsOf(digest.reply, "context")[0]).toBe(
      "Every Monday at 08:00 (Asia/Kuala_Lumpur) · what moved is counted since the previous digest (3 Aug 2026).",
    );
  });

  it("daily: never 'weekly'; the previous digest was yesterday, and the newest snapshot then is 3 Aug — it says so", async () => {
    const { digest } = await compose({ schedule: at("daily 08:00") });
    expect(textsOf(digest.reply, "heading")).toEqual(["Daily forecast — KL Enterprise — Q3 FY2026"]);
    expect(textsOf(digest.reply, "context")[0]).toBe(
      "Every day at 08:00 (Asia/Kuala_Lumpur) · what moved is counted since the pipeline snapshot of 3 Aug 2026, the newest at the previous digest (9 Aug 2026).",
    );
    expect(textsOf(digest.reply, "text")[0]).toMatch(/^\*Change since 3 Aug 2026:\*/);
  });

  it("a schedule's first digest says its previous slot sent nothing (the schedule began after it)", async () => {
    // Made on Sunday 9 Aug at noon in KL: the slot before Monday's, Sunday 08:00, came before it.
    const { digest } = await compose({ schedule: { ...at("daily 08:00"), countsFrom: new Date("2026-08-09T04:00:00Z") } });
    expect(textsOf(digest.reply, "context")[0]).toBe(
      "Every day at 08:00 (Asia/Kuala_Lumpur) · the first digest of this schedule: what moved is counted since the pipeline snapshot of 3 Aug 2026, the newest at its previous slot, before this schedule began (9 Aug 2026).",
    );
    // Counting from exactly that slot (it was handled): an ordinary digest.
    const { digest: second } = await compose({ schedule: { ...at("daily 08:00"), countsFrom: new Date("2026-08-09T00:00:00Z") } });
    expect(textsOf(second.reply, "context")[0]).toMatch(/ · what moved is counted since the pipeline snapshot of 3 Aug 2026, the newest at the previous digest/);
  });

  it("monthly: 'Monthly forecast'; the previous digest (13 Jul) predates every snapshot, so nothing is compared", async () => {
    const { digest, data } = await compose({ schedule: at("monthly on the second Monday 08:00") });
    expect(textsOf(digest.reply, "heading")).toEqual(["Monthly forecast — KL Enterprise — Q3 FY2026"]);
    expect(textsOf(digest.reply, "context")[0]).toBe(
      "On the second Monday of every month at 08:00 (Asia/Kuala_Lumpur) · nothing to compare with yet.",
    );
    expect(textsOf(digest.reply, "text")).toEqual([
      "No pipeline snapshot from on or before the previous digest (13 Jul 2026) yet, so there is no change to show.",
    ]);
    expect(data.reads).not.toContain("dealChanges");
  });

  it("every two weeks and quarterly get their own words; in Malay too", async () => {
    const { digest: fortnightly } = await compose({ schedule: at("every 2 weeks Mon 08:00") });
    expect(textsOf(fortnightly.reply, "heading")).toEqual(["Fortnightly forecast — KL Enterprise — Q3 FY2026"]);
    const { digest: quarterly } = await compose({ schedule: at("quarterly on day 1 09:00") });
    expect(textsOf(quarterly.reply, "heading")).toEqual(["Quarterly forecast — KL Enterprise — Q3 FY2026"]);
    const { digest: harian } = await compose({ schedule: at("daily 08:00"), locale: "ms" });
    expect(textsOf(harian.reply, "heading")).toEqual(["Ramalan harian — KL Enterprise — S3 TK2026"]);
    expect(textsOf(harian.reply, "context")[0]).toBe(
      "Setiap hari pada 08:00 (Asia/Kuala_Lumpur) · perubahan dikira sejak snapshot pipeline 3 Ogo 2026, yang terbaharu pada ringkasan sebelumnya (9 Ogo 2026).",
    );
  });

  it("asked for (no schedule): 'Forecast digest', compared with last week's snapshot", async () => {
    const { digest } = await compose({ schedule: "onRequest" });
    expect(textsOf(digest.reply, "heading")).toEqual(["Forecast digest — KL Enterprise — Q3 FY2026"]);
    expect(textsOf(digest.reply, "context")[0]).toBe("What moved is counted since last week's pipeline snapshot (3 Aug 2026).");
  });
});

describe("composeForecastDigest: detail 'totals' (a channel reps read)", () => {
  const DEAL_NAMES = ["Petronas", "TNB", "Maybank", "AirAsia", "Grab", "CIMB", "Axiata", "Sime Darby", "Shell", "Celcom", "Digi"];

  it("keeps the team's totals and counts, and names no deal and no one's amounts", async () => {
    const { digest: full } = await compose({ seed: { tenant: { leaderboardVisibility: "full" } } });
    const { digest } = await compose({ detail: "totals", seed: { tenant: { leaderboardVisibility: "full" } } });
    // The same figures, fields, change line and chart as the full digest.
    expect(digest.figures).toEqual(full.figures);
    expect(fieldsOf(digest.reply)).toEqual(fieldsOf(full.reply));
    expect(digest.chart).toEqual(full.chart);
    expect(textsOf(digest.reply, "text")).toEqual([
      "*Change since 3 Aug 2026:* closed +RM 50K · commit -RM 60K · best case +RM 30K · pipeline -RM 60K",
      // One deal of each kind moved (see "names one deal of each kind" above).
      "*Deals that moved:* 1 won · 1 lost · 1 pushed out of the quarter · 1 pulled into the quarter · 1 new · 1 resized · 1 moved to another stage",
      "*At risk:* 3 open deals of the quarter past the close date, without activity for 14 days or in one stage for 30 days.",
    ]);
    // No deal lists at all (no moves by name, no at-risk lines, no top deals); the board ranks by percentage only.
    expect(lists(digest.reply).map((list) => list.title)).toEqual(["Leaderboard — attainment"]);
    expect(listTitled(digest.reply, "Leaderboard — attainment")?.items).toEqual(["1. Bea — 45%", "2. Ali — 16.7%", "3. Chen — 0%"]);
    expect(textsOf(digest.reply, "context").at(-1)).toBe(
      "Team totals only: this channel's digest names no deal and no one's amounts. Managers see the deals with `/forecast digest`.",
    );
    // Nowhere in the message Slack receives: no deal's name, no rep's "RM x of RM y".
    const message = JSON.stringify(renderBlockKit(digest.reply, (count) => moreLabel("en", count)));
    for (const name of DEAL_NAMES) expect(message).not.toContain(name);
    expect(message).not.toMatch(/RM [\d.,]+K? of RM/);
    expect(JSON.stringify(full.reply)).toContain("Petronas"); // the full digest does name them
  });

  it("does not read the top deals it would not show", async () => {
    const { data } = await compose({ detail: "totals" });
    expect(data.reads).not.toContain("topDeals");
  });

  it("leaves the board out when the tenant turned it off, as the full digest does", async () => {
    const { digest } = await compose({ detail: "totals", seed: { tenant: { leaderboardVisibility: "off" } } });
    expect(lists(digest.reply)).toEqual([]);
    expect(JSON.stringify(digest.reply)).not.toMatch(/Leaderboard|45%/);
  });
});

describe("composeForecastDigest: the trend for the chart", () => {
  it("has one point per snapshot of the quarter, and today's live figures last (replacing today's snapshot)", async () => {
    const { digest } = await compose();
    expect(digest.chart).toEqual({
      title: "KL Enterprise — Q3 FY2026: forecast against quota",
      description: "Trend since 27 Jul 2026: commit RM 290K → RM 435K, best case RM 610K, closed RM 140K; quota RM 600K.",
      quotaMinor: 60_000_000,
      currency: "MYR",
      points: [
        // 27 Jul: TNB won 90,000; Petronas 50,000 and Shell 150,000 in Commit
        { weekOf: "2026-07-27", closedMinor: 9_000_000, commitMinor: 29_000_000, bestCaseMinor: 29_000_000 },
        // 3 Aug: see the fixture
        { weekOf: "2026-08-03", closedMinor: 9_000_000, commitMinor: 49_500_000, bestCaseMinor: 58_000_000 },
        { weekOf: "2026-08-10", closedMinor: 14_000_000, commitMinor: 43_500_000, bestCaseMinor: 61_000_000 },
      ],
    });
    expect(textsOf(digest.reply, "context")).toContain(digest.chart.description);
  });

  it("is JSON through and through (the outbox stores it as the payload)", async () => {
    const data = createInMemorySalesData(digestSeed());
    const digest = await composeForecastDigest({ data, tenantId: DIGEST_TENANT_ID, teamId: TEAM_KL, now: DIGEST_NOW });
    expect(JSON.parse(JSON.stringify(digest))).toEqual(digest);
  });
});

describe("composeForecastDigest: late, and in Malay", () => {
  it("says how late it is, in the team's time zone", async () => {
    const { digest } = await compose({ now: new Date(DIGEST_NOW.getTime() + 3 * HOUR), lateBy: { ms: 3 * HOUR } });
    // Due 00:00 UTC = 08:00 Monday in Kuala Lumpur; composed at 11:00.
    expect(digest.reply.blocks[2]).toEqual({ kind: "context", text: "This digest is late: it was due at 08:00 Monday (3 h ago)." });
    const { digest: minutes } = await compose({ now: new Date(DIGEST_NOW.getTime() + 40 * 60_000), lateBy: { ms: 40 * 60_000 } });
    expect(minutes.reply.blocks[2]).toEqual({ kind: "context", text: "This digest is late: it was due at 08:00 Monday (40 min ago)." });
    const { digest: onTime } = await compose();
    expect(JSON.stringify(onTime.reply)).not.toContain("late");
  });

  it("writes the whole digest in Malay", async () => {
    const { digest } = await compose({ locale: "ms", now: new Date(DIGEST_NOW.getTime() + 3 * HOUR), lateBy: { ms: 3 * HOUR } });
    expect(digest.locale).toBe("ms");
    expect(digest.period.label).toBe("S3 TK2026");
    expect(textsOf(digest.reply, "heading")).toEqual(["Ramalan mingguan — KL Enterprise — S3 TK2026"]);
    expect(digest.reply.blocks[2]).toEqual({ kind: "context", text: "Ringkasan ini lewat: sepatutnya dihantar pada 08:00 Isnin (3 jam lalu)." });
    expect(fieldsOf(digest.reply)).toEqual({
      Dimenangi: "RM 140,000.00",
      Komit: "RM 435,000.00",
      "Best case": "RM 610,000.00",
      Pipeline: "RM 500,000.00",
      "Pipeline berwajaran": "RM 303,500.00",
      Unjuran: "RM 443,500.00",
      "Kuota pasukan": "RM 600,000.00",
      "Pencapaian (dimenangi ÷ kuota)": "23.3%",
    });
    expect(textsOf(digest.reply, "text")).toEqual([
      "*Perubahan sejak 3 Ogo 2026:* dimenangi +RM 50K · komit -RM 60K · best case +RM 30K · pipeline -RM 60K",
    ]);
    expect(listTitled(digest.reply, "Ditolak keluar dari suku ini (1)")?.items).toEqual([
      "AirAsia rollout (Chen) — RM 80K, dijangka tutup 25 Sep 2026 → 15 Okt 2026",
    ]);
    expect(listTitled(digest.reply, "Berisiko (3)")?.items).toEqual([
      "Shell (Bea) — RM 150K: di peringkat Negotiation selama 70 hari",
      "Celcom (Ali) — RM 45K: tiada aktiviti selama 21 hari",
      "Digi (Chen) — RM 25K: tarikh tutup sudah lepas (1 Ogo 2026)",
    ]);
    expect(listTitled(digest.reply, "Papan pendahulu — pencapaian")?.items[0]).toBe("1. Bea — 45% · RM 90K daripada RM 200K");
    expect(digest.chart.title).toBe("KL Enterprise — S3 TK2026: ramalan berbanding kuota");
    expect(digest.reply.summary).toBe("KL Enterprise, S3 TK2026: komit RM 435K, dimenangi RM 140K (23.3% kuota)");
  });

  it("uses the tenant's language when none is asked for", async () => {
    const { digest } = await compose({ seed: { tenant: { locale: "ms" } } });
    expect(digest.locale).toBe("ms");
    expect(textsOf(digest.reply, "heading")).toEqual(["Ramalan mingguan — KL Enterprise — S3 TK2026"]);
  });
});

describe("composeForecastDigest: Block Kit limits", () => {
  it("cuts a week of 200 new deals with long names to a message Slack accepts, saying how many were left out", async () => {
    const longName = (i: number) => `Deal ${String(i).padStart(3, "0")} — ${"Very long opportunity name from the CRM ".repeat(4)}`;
    const extraDeals: SeedDeal[] = Array.from({ length: 200 }, (_, i) => ({
      id: `d-bulk-${String(i).padStart(3, "0")}`,
      ownerId: [P.ali, P.bea, P.chen][i % 3]!,
      name: longName(i),
      accountName: null,
      amountMinor: 100_000 * (i + 1),
      probability: 10,
      forecastCategory: "Pipeline",
      closeDate: "2026-09-20",
      isClosed: false,
      isWon: false,
      stageName: "Discovery",
    }));
    const { digest } = await compose({ seed: { extraDeals } });
    const added = listTitled(digest.reply, "New (201)")!; // CIMB upgrade + 200
    expect(added.items).toHaveLength(5);
    expect(added.moreCount).toBe(196);
    // Largest first: Deal 199 (RM 200,000), then 198, 197, 196; names cut to 80 characters.
    expect(added.items[0]).toBe(`${longName(199).slice(0, 79)}… (Bea) — RM 200K`);
    // The figures still count every deal: Σ_{i=1..200} RM 1,000·i = RM 20,100,000, + 500,000 = RM 20,600,000.
    expect(digest.figures.pipelineMinor).toBe(2_060_000_000);

    const message = renderBlockKit(digest.reply, (count) => moreLabel("en", count));
    expect(message.blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
    for (const block of message.blocks) {
      const text = (block as { text?: { text: string } }).text?.text ?? "";
      if (block.type === "header") expect(text.length).toBeLessThanOrEqual(MAX_HEADER_TEXT);
      else expect(text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT);
      const fields = (block as { fields?: Array<{ text: string }> }).fields ?? [];
      expect(fields.length).toBeLessThanOrEqual(MAX_FIELDS);
      for (const field of fields) expect(field.text.length).toBeLessThanOrEqual(MAX_FIELD_TEXT);
    }
    expect(JSON.stringify(message.blocks)).toContain("…and 196 more");
    expect(message.text.length).toBeLessThanOrEqual(3000);
  });
});
