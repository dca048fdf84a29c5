import { describe, expect, it } from "vitest";
import { digestCatalogues, digestText, type DigestKey, type DigestParams } from "../../src/core/i18n/index.js";
import { itChecksBilingualCatalogue } from "../support/catalogues.js";

const money = { minor: 12_345_600, currency: "MYR" };
/** One sample per key; typed, so a new key without a sample fails to compile. */
const samples: { [K in DigestKey]: DigestParams[K] } = {
  heading: { team: "APAC Enterprise", period: "Q3 FY2026", cadence: { kind: "daily" } },
  baseline: { schedule: "Every day at 08:00 (Asia/Kuala_Lumpur)", previousDigest: "2026-08-09", snapshotDate: "2026-08-03", firstDigest: false },
  "changes.noBaseline": { previousDigest: "2026-08-09" },
  "changes.counts": { counts: [{ kind: "won", count: 2 }, { kind: "stage", count: 1 }] },
  "risk.count": { count: 3, idleDays: 14, stuckDays: 30 },
  "detail.totals": {},
  summary: { team: "APAC Enterprise", period: "Q3 FY2026", commit: money, closed: money, attainment: 0.45 },
  late: { dueAt: "2026-08-10T00:00:00.000Z", timeZone: "Asia/Kuala_Lumpur", agoMs: 3 * 3_600_000 },
  "label.attainment": {},
  "value.noAttainment": {},
  "changes.title": { kind: "pushed", count: 3 },
  "changes.none": {},
  "move.deal": { name: "Petronas renewal", owner: "Ali", amount: money },
  "move.dated": { name: "AirAsia", owner: "Chen", amount: money, from: "2026-09-25", to: "2026-10-15" },
  "move.amount": { name: "Axiata", owner: "Chen", before: money, after: { minor: 13_000_000, currency: "MYR" } },
  "move.stage": { name: "Sime Darby", owner: "Ali", amount: money, from: "Discovery", to: "Proposal" },
  "risk.title": { count: 4 },
  "risk.none": { idleDays: 14, stuckDays: 30 },
  "risk.line": { name: "Shell", owner: "Bea", amount: money, reasons: ["in Negotiation for 70 days"] },
  "risk.overdue": { closeDate: "2026-08-01" },
  "risk.noActivity": { days: 21 },
  "risk.stuck": { stage: "Negotiation", days: 70 },
  "top.title": { count: 5 },
  "top.none": {},
  "top.line": { name: "Shell", owner: "Bea", amount: money, stage: "Negotiation", closeDate: "2026-09-30" },
  "leaderboard.title": {},
  "trend.summary": { firstWeekOf: "2026-07-27", firstCommit: money, commit: money, bestCase: money, closed: money, quota: null, weeks: 3 },
  "chart.title": { team: "APAC Enterprise", period: "Q3 FY2026" },
  "chart.quota": { quota: money },
  "request.managersOnly": { command: "/forecast" },
  "request.noTeams": {},
  "request.whichTeam": { names: ["APAC Enterprise", "EMEA Mid-Market"], moreCount: 1, command: "/forecast" },
  "request.noTeamNamed": { text: "apac", command: "/forecast" },
  "request.private": {},
  "request.chartComing": {},
  "request.chart": { team: "APAC Enterprise", period: "Q3 FY2026", asOf: "2026-08-10" },
};

/** Built from names, numbers and (for risk.line) reasons already in the reader's language. */
const SAME_IN_BOTH = new Set<DigestKey>(["value.noAttainment", "move.deal", "move.amount", "move.stage", "risk.line"]);

describe("digest catalogue", () => {
  itChecksBilingualCatalogue({
    catalogues: digestCatalogues,
    samples,
    render: digestText as (locale: "en" | "ms", key: DigestKey, params: unknown) => string,
    sameInBoth: SAME_IN_BOTH,
  });

  it("names the heading after the schedule's recurrence, never 'weekly' for a daily or monthly digest", () => {
    const heading = (locale: "en" | "ms", cadence: DigestParams["heading"]["cadence"]) =>
      digestText(locale, "heading", { team: "APAC", period: "Q3 FY2026", cadence });
    expect(heading("en", { kind: "daily" })).toBe("Daily forecast — APAC — Q3 FY2026");
    expect(heading("en", { kind: "weekdays" })).toBe("Daily forecast — APAC — Q3 FY2026");
    expect(heading("en", { kind: "weekly" })).toBe("Weekly forecast — APAC — Q3 FY2026");
    expect(heading("en", { kind: "everyWeeks", weeks: 2 })).toBe("Fortnightly forecast — APAC — Q3 FY2026");
    expect(heading("en", { kind: "everyWeeks", weeks: 3 })).toBe("Forecast every 3 weeks — APAC — Q3 FY2026");
    expect(heading("en", { kind: "monthly" })).toBe("Monthly forecast — APAC — Q3 FY2026");
    expect(heading("en", { kind: "quarterly" })).toBe("Quarterly forecast — APAC — Q3 FY2026");
    expect(heading("en", { kind: "custom" })).toBe("Forecast digest — APAC — Q3 FY2026");
    expect(heading("en", { kind: "onRequest" })).toBe("Forecast digest — APAC — Q3 FY2026");
    expect(heading("ms", { kind: "daily" })).toBe("Ramalan harian — APAC — Q3 FY2026");
    expect(heading("ms", { kind: "monthly" })).toBe("Ramalan bulanan — APAC — Q3 FY2026");
    expect(heading("ms", { kind: "everyWeeks", weeks: 2 })).toBe("Ramalan dua minggu sekali — APAC — Q3 FY2026");
  });

  it("says honestly what 'what moved' is counted against", () => {
    const baseline = (params: DigestParams["baseline"]) => digestText("en", "baseline", params);
    const daily = "Every day at 08:00 (Asia/Kuala_Lumpur)";
    expect(baseline({ schedule: daily, previousDigest: "2026-08-09", snapshotDate: "2026-08-09", firstDigest: false })).toBe(
      "Every day at 08:00 (Asia/Kuala_Lumpur) · what moved is counted since the previous digest (9 Aug 2026).",
    );
    // Only weekly snapshots: the daily digest compares with the last one at its previous slot, and says so.
    expect(baseline({ schedule: daily, previousDigest: "2026-08-09", snapshotDate: "2026-08-03", firstDigest: false })).toBe(
      "Every day at 08:00 (Asia/Kuala_Lumpur) · what moved is counted since the pipeline snapshot of 3 Aug 2026, the newest at the previous digest (9 Aug 2026).",
    );
    expect(baseline({ schedule: null, previousDigest: null, snapshotDate: "2026-08-03", firstDigest: false })).toBe(
      "What moved is counted since last week's pipeline snapshot (3 Aug 2026).",
    );
    expect(baseline({ schedule: null, previousDigest: null, snapshotDate: null, firstDigest: false })).toBe("");
    // The schedule's first digest: its previous slot came before it began, so no digest went out then.
    expect(baseline({ schedule: daily, previousDigest: "2026-08-09", snapshotDate: "2026-08-09", firstDigest: true })).toBe(
      "Every day at 08:00 (Asia/Kuala_Lumpur) · the first digest of this schedule: what moved is counted since the pipeline snapshot of 9 Aug 2026, the newest at its previous slot, before this schedule began (9 Aug 2026).",
    );
  });

  it("says how late in the largest unit that reads naturally, in the team's zone", () => {
    const late = (agoMs: number, timeZone = "Asia/Kuala_Lumpur") =>
      digestText("en", "late", { dueAt: "2026-08-10T00:00:00.000Z", timeZone, agoMs });
    expect(late(59_000)).toBe("This digest is late: it was due at 08:00 Monday (1 min ago).");
    expect(late(47 * 3_600_000 + 59 * 60_000)).toBe("This digest is late: it was due at 08:00 Monday (47 h ago).");
    expect(late(50 * 3_600_000)).toBe("This digest is late: it was due at 08:00 Monday (2 days ago).");
    // The same instant is 01:00 on Monday in London (BST) and 20:00 on Sunday in New York (EDT).
    expect(late(3_600_000, "Europe/London")).toBe("This digest is late: it was due at 01:00 Monday (1 h ago).");
    expect(late(3_600_000, "America/New_York")).toBe("This digest is late: it was due at 20:00 Sunday (1 h ago).");
    expect(digestText("ms", "late", { dueAt: "2026-08-10T00:00:00.000Z", timeZone: "Asia/Kuala_Lumpur", agoMs: 50 * 3_600_000 })).toBe(
      "Ringkasan ini lewat: sepatutnya dihantar pada 08:00 Isnin (2 hari lalu).",
    );
  });
});
