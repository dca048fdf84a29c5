import { describe, expect, it } from "vitest";
import { answerCatalogues, answerText, type AnswerKey, type AnswerParams } from "../../src/core/i18n/index.js";
import { itChecksBilingualCatalogue } from "../support/catalogues.js";

const money = { minor: 12_345_600, currency: "MYR" };
/** One sample per key; typed, so a new key without a sample fails to compile. */
const samples: { [K in AnswerKey]: AnswerParams[K] } = {
  "period.quarter": { index: 3, fiscalYear: 2027 },
  "period.half": { index: 1, fiscalYear: 2027 },
  "period.year": { fiscalYear: 2027 },
  "period.month": { start: "2026-08-01" },
  "context.periodAsOf": { period: "Q2 FY2027", start: "2026-07-01", end: "2026-09-30", asOf: "2026-08-12" },
  "heading.quota.own": { period: "Q2 FY2027" },
  "heading.quota.person": { name: "Maria Tan", period: "Q2 FY2027" },
  "heading.team.own": { period: "Q2 FY2027" },
  "heading.team.person": { name: "Hafiz", period: "Q2 FY2027" },
  "heading.whatIf.own": { what: "Acme renewal" },
  "heading.whatIf.person": { name: "Maria", what: "Acme renewal" },
  "heading.toTarget": { name: null, fraction: 1.2 },
  "heading.nextTier": { name: "Maria", period: "Q2 FY2027" },
  "heading.leaderboard": { period: "Q2 FY2027" },
  "heading.forecast.own": { period: "Q2 FY2027" },
  "heading.forecast.person": { name: "Maria", period: "Q2 FY2027" },
  "heading.forecast.method": {},
  "summary.standing": { name: null, period: "Q2", attainment: 0.45, closed: money, quota: money },
  "summary.noQuota": { name: "Maria", period: "Q2" },
  "quota.noQuota": { name: null, period: "Q2" },
  "quota.zeroQuota": { name: "Maria", period: "Q2" },
  "quota.ramping": { rampFraction: 0.5, fullQuota: money },
  "quota.proRated": { share: 0.85, startDate: "2026-07-15" },
  "label.overQuota": {},
  "pace.ahead": { pace: 1.12, expected: money },
  "pace.behind": { pace: 0.9, expected: money },
  "pace.onTrack": { expected: money },
  "pace.notStarted": {},
  "coverage.value": { coverage: 2.54 },
  "coverage.needed": { coverage: 1.33, winRate: 0.75 },
  "coverage.noHistory": {},
  "coverage.quotaMet": {},
  "commission.notAvailable": {},
  "team.managersOnly": { command: "/quota" },
  "team.noReports": { name: null },
  "label.teamQuota": {},
  "team.quotaLine": { name: "Maria", attainment: 0.45, closed: money, quotaMinor: 30_000_000 },
  "team.ownDeals": { name: "Victor" },
  "label.payout": {},
  "whatIf.dealLine": { name: "Acme", account: "Acme Sdn Bhd", amount: money, closeDate: "2026-09-15" },
  "whatIf.commissionNotAvailable": {},
  "toTarget.reached": { fraction: 1, attainment: 1.1 },
  "label.currentAttainment": {},
  "nextTier.value": { fromAttainment: 1, rate: 0.12 },
  "nextTier.top": { rate: 0.15 },
  "label.stillToClose": {},
  "label.currentRate": {},
  "leaderboard.line": { rank: 1, name: "Maria", attainment: 0.45, isYou: true, closed: money, quota: money },
  "leaderboard.empty": { period: "Q2" },
  "subject.ambiguous": { handle: "maria", names: ["Maria Tan", "María López"], moreCount: 2 },
  "label.closed": {},
  "label.teamCall": {},
  "label.call": {},
  "forecast.call": { commit: money, bestCase: money, commitVsQuota: 0.7 },
  "forecast.noCall": {},
  "forecast.noQuota": {},
  "forecast.teamLine": { name: "Maria", commit: money, bestCase: money, pipeline: money, callCommit: null },
  "forecast.managersOnly": { command: "/forecast" },
  "change.since": { date: "2026-08-05", currency: "MYR", delta: { closedMinor: 1, commitMinor: -1, bestCaseMinor: 0, pipelineMinor: 5 } },
  "change.noSnapshot": {},
  "change.noMoves": {},
  "move.won": { name: "A", amount: money },
  "move.lost": { name: "A", amount: money },
  "move.pushed": { name: "A", amount: money, closeDate: "2026-10-01" },
  "move.pulledIn": { name: "A", amount: money, closeDate: "2026-09-01" },
  "move.new": { name: "A", amount: money },
  "forecast.submit.notSeller": {},
  "forecast.submit.periodEnded": { period: "Q1" },
  "forecast.submit.previous": { commit: money, bestCase: money, submittedAt: "2026-08-03T02:00:00.000Z", timeZone: "Asia/Kuala_Lumpur" },
  "method.quarterLine": { period: "Q1", projected: money, actual: money, error: -0.05 },
  "method.asOf": { days: 42 },
};

/** Kept as they are in Malay at Malaysian workplaces, or built only from numbers. */
const SAME_IN_BOTH = new Set<AnswerKey>(["heading.quota.person", "coverage.value"]);

describe("answer catalogue", () => {
  itChecksBilingualCatalogue({
    catalogues: answerCatalogues,
    samples,
    render: answerText as (locale: "en" | "ms", key: AnswerKey, params: unknown) => string,
    sameInBoth: SAME_IN_BOTH,
  });

  it("writes period labels the way each language does", () => {
    expect(answerText("en", "period.quarter", { index: 3, fiscalYear: 2027 })).toBe("Q3 FY2027");
    expect(answerText("ms", "period.quarter", { index: 3, fiscalYear: 2027 })).toBe("S3 TK2027");
    expect(answerText("ms", "period.half", { index: 1, fiscalYear: 2027 })).toBe("SP1 TK2027");
    expect(answerText("ms", "period.month", { start: "2026-08-01" })).toBe("Ogo 2026");
  });
});
