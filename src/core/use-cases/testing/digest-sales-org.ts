// A small organisation for the weekly digest's tests, with hand-worked figures. Fiscal year from
// January; the digest runs on Monday 10 Aug 2026 at 08:00 in Kuala Lumpur (00:00 UTC), so the
// quarter is Q3 FY2026, 2026-07-01 .. 2026-09-30, and last week's snapshot is Monday 3 Aug.
// Amounts are sen: 5_000_000 = RM 50,000.
//
//   Mei (manager of team "KL Enterprise")
//   ├── Ali (rep)        ├── Bea (rep)        └── Lee (team lead, manager)
//                                                  └── Chen (rep)        — below Mei transitively
//   Yusof (manager of team "Penang") └── Xavier (rep)                    — outside the team
//   Aisyah (admin)
import type { Person, SalesTeam, TenantProfile } from "../../sales-data.js";
import type { ForecastCategory, PipelineSnapshotRow, QuotaRecord } from "../../types.js";
import type { InMemorySalesSeed, SeedDeal } from "./in-memory-sales-data.js";
import { person as samplePerson } from "./sample-sales-org.js";

export const DIGEST_TENANT_ID = "tenant-digest";
/** 08:00 in Kuala Lumpur on Monday 10 Aug 2026. */
export const DIGEST_NOW = new Date("2026-08-10T00:00:00Z");

export const P = {
  mei: "p-mei",
  ali: "p-ali",
  bea: "p-bea",
  lee: "p-lee",
  chen: "p-chen",
  yusof: "p-yusof",
  xavier: "p-xavier",
  admin: "p-aisyah",
} as const;

export const TEAM_KL = "team-kl";
export const TEAM_PENANG = "team-penang";

function person(id: string, name: string, role: Person["role"], managerId: string | null, teamId: string | null, extra: Partial<Person> = {}): Person {
  return samplePerson(id, name, `${name.toLowerCase()}@contoh.my`, role, managerId, teamId, { slackUserId: `U${name.toUpperCase()}`, ...extra });
}

export const digestPeople: Person[] = [
  person(P.admin, "Aisyah", "admin", null, null),
  person(P.mei, "Mei", "manager", null, TEAM_KL),
  person(P.ali, "Ali", "rep", P.mei, TEAM_KL),
  person(P.bea, "Bea", "rep", P.mei, TEAM_KL, { locale: "ms" }),
  person(P.lee, "Lee", "manager", P.mei, TEAM_KL),
  person(P.chen, "Chen", "rep", P.lee, TEAM_KL),
  person(P.yusof, "Yusof", "manager", null, TEAM_PENANG),
  person(P.xavier, "Xavier", "rep", P.yusof, TEAM_PENANG),
];

export const digestTeams: SalesTeam[] = [
  { id: TEAM_KL, name: "KL Enterprise", managerId: P.mei, slackChannelId: "CKLENT", timeZone: "Asia/Kuala_Lumpur" },
  { id: TEAM_PENANG, name: "Penang", managerId: P.yusof, slackChannelId: "CPENANG", timeZone: "Asia/Kuala_Lumpur" },
];

export function digestTenant(extra: Partial<TenantProfile> = {}): TenantProfile {
  return {
    id: DIGEST_TENANT_ID,
    name: "Contoh Digest Sdn Bhd",
    currency: "MYR",
    fiscalYearStartMonth: 1,
    timeZone: "Asia/Kuala_Lumpur",
    locale: "en",
    leaderboardVisibility: "full",
    anonymityThreshold: 5,
    ...extra,
  };
}

const Q3 = { periodStart: "2026-07-01", periodEnd: "2026-09-30" };
const quota = (employeeId: string, amountMinor: number): QuotaRecord => ({ ...Q3, employeeId, amountMinor, currency: "MYR", rampPercent: 100 });

/** Ali 300,000 + Bea 200,000 + Chen 100,000 = team quota 600,000 (Lee's and Mei's restate them). */
export const digestQuotas: QuotaRecord[] = [
  quota(P.ali, 30_000_000),
  quota(P.bea, 20_000_000),
  quota(P.chen, 10_000_000),
  quota(P.lee, 10_000_000),
  quota(P.mei, 60_000_000),
  quota(P.xavier, 50_000_000),
];

interface State {
  amount: number;
  category: ForecastCategory;
  probability: number;
  stage: string;
  close: string;
  state?: "open" | "won" | "lost";
}

const open = (amount: number, category: ForecastCategory, probability: number, stage: string, close: string): State => ({
  amount,
  category,
  probability,
  stage,
  close,
});
const won = (amount: number, close: string): State => ({ amount, category: "Closed", probability: 100, stage: "Closed Won", close, state: "won" });
const lost = (amount: number, close: string): State => ({ amount, category: "Omitted", probability: 0, stage: "Closed Lost", close, state: "lost" });

/** Recent enough to raise no flag: activity on Fri 7 Aug, in the stage since 25 Jul. */
const RECENT_ACTIVITY = new Date("2026-08-07T03:00:00Z");
const RECENT_STAGE = new Date("2026-07-25T03:00:00Z");

interface DealSpec {
  id: string;
  owner: string;
  name: string;
  now: State;
  /** As the snapshot of 3 Aug showed it; absent = not in it. */
  lastWeek?: State;
  /** As the snapshot of 27 Jul showed it. */
  twoWeeksAgo?: State;
  lastActivityAt?: Date | null;
  stageEnteredAt?: Date | null;
}

/*
 * Live, Q3 (owners Mei, Ali, Bea, Lee, Chen):
 *   closed won: Petronas 50,000 (7 Aug) + TNB 90,000 (15 Jul) = 140,000
 *   open: Grab 60,000 BestCase p40 · CIMB 30,000 Pipeline p10 · Axiata 120,000 Commit p70 ·
 *         Sime Darby 70,000 BestCase p40 · Digi 25,000 Commit p70 (overdue, 1 Aug) ·
 *         Celcom 45,000 MostLikely p60 · Shell 150,000 Commit p80; Omitted 500,000 counts nowhere
 *   Commit    140,000 + 120,000 + 25,000 + 150,000            = 435,000
 *   Best case 435,000 + 60,000 + 70,000 + 45,000              = 610,000
 *   Pipeline  295,000 (commit) + 175,000 (upside) + 30,000    = 500,000
 *   Weighted  24,000 + 3,000 + 84,000 + 28,000 + 17,500 + 27,000 + 120,000 = 303,500
 *   Projection (no history old enough: CRM probabilities) 140,000 + 303,500 = 443,500
 *   Quota 600,000; attainment 140,000 / 600,000 = 23.3 %
 * Since 3 Aug: Petronas won, Maybank lost, AirAsia pushed to 15 Oct, Grab pulled in from 20 Oct,
 *   CIMB new, Axiata 100,000 -> 120,000, Sime Darby Discovery -> Proposal.
 *   3 Aug: closed 90,000 · commit 90,000 + 50,000 + 80,000 + 100,000 + 25,000 + 150,000 = 495,000 ·
 *   best case 495,000 + 40,000 + 45,000 = 580,000 · pipeline 405,000 + 85,000 + 70,000 = 560,000
 *   Change: closed +50,000 · commit -60,000 · best case +30,000 · pipeline -60,000
 * 27 Jul: TNB won 90,000, Shell 150,000 and Petronas 50,000 Commit: closed 90,000, commit and best
 *   case 290,000.
 */
const DEALS: DealSpec[] = [
  {
    id: "d-petronas", owner: P.ali, name: "Petronas renewal", now: won(5_000_000, "2026-08-07"),
    lastWeek: open(5_000_000, "Commit", 80, "Negotiation", "2026-08-20"), twoWeeksAgo: open(5_000_000, "Commit", 80, "Negotiation", "2026-08-20"),
  },
  { id: "d-maybank", owner: P.bea, name: "Maybank pilot", now: lost(4_000_000, "2026-08-05"), lastWeek: open(4_000_000, "BestCase", 40, "Proposal", "2026-09-10") },
  {
    id: "d-airasia", owner: P.chen, name: "AirAsia rollout", now: open(8_000_000, "Commit", 70, "Negotiation", "2026-10-15"),
    lastWeek: open(8_000_000, "Commit", 70, "Negotiation", "2026-09-25"),
  },
  {
    id: "d-grab", owner: P.ali, name: "Grab expansion", now: open(6_000_000, "BestCase", 40, "Proposal", "2026-09-15"),
    lastWeek: open(6_000_000, "Pipeline", 10, "Discovery", "2026-10-20"),
  },
  { id: "d-cimb", owner: P.bea, name: "CIMB upgrade", now: open(3_000_000, "Pipeline", 10, "Discovery", "2026-09-20") },
  {
    id: "d-axiata", owner: P.chen, name: "Axiata renewal", now: open(12_000_000, "Commit", 70, "Negotiation", "2026-09-01"),
    lastWeek: open(10_000_000, "Commit", 70, "Negotiation", "2026-09-01"),
  },
  {
    id: "d-sime", owner: P.ali, name: "Sime Darby", now: open(7_000_000, "BestCase", 40, "Proposal", "2026-09-05"),
    lastWeek: open(7_000_000, "Pipeline", 10, "Discovery", "2026-09-05"),
  },
  { id: "d-tnb", owner: P.bea, name: "TNB", now: won(9_000_000, "2026-07-15"), lastWeek: won(9_000_000, "2026-07-15"), twoWeeksAgo: won(9_000_000, "2026-07-15") },
  {
    id: "d-digi", owner: P.chen, name: "Digi", now: open(2_500_000, "Commit", 70, "Negotiation", "2026-08-01"),
    lastWeek: open(2_500_000, "Commit", 70, "Negotiation", "2026-08-01"),
  },
  {
    // Last activity Mon 20 Jul 00:00 UTC: 21 days before the digest.
    id: "d-celcom", owner: P.ali, name: "Celcom", now: open(4_500_000, "MostLikely", 60, "Proposal", "2026-09-28"),
    lastWeek: open(4_500_000, "MostLikely", 60, "Proposal", "2026-09-28"), lastActivityAt: new Date("2026-07-20T00:00:00Z"),
  },
  {
    // In Negotiation since 1 Jun 00:00 UTC: 70 days.
    id: "d-shell", owner: P.bea, name: "Shell", now: open(15_000_000, "Commit", 80, "Negotiation", "2026-09-30"),
    lastWeek: open(15_000_000, "Commit", 80, "Negotiation", "2026-09-30"), twoWeeksAgo: open(15_000_000, "Commit", 80, "Negotiation", "2026-09-30"),
    stageEnteredAt: new Date("2026-06-01T00:00:00Z"),
  },
  {
    // Omitted and idle: counts nowhere, and is no forecast risk.
    id: "d-omitted", owner: P.ali, name: "Petronas Chemicals", now: open(50_000_000, "Omitted", 5, "Discovery", "2026-09-10"),
    lastWeek: open(50_000_000, "Omitted", 5, "Discovery", "2026-09-10"), lastActivityAt: new Date("2026-05-01T00:00:00Z"),
  },
  {
    // Next quarter and idle: outside the digest's quarter.
    id: "d-next", owner: P.ali, name: "Genting next year", now: open(20_000_000, "Commit", 70, "Negotiation", "2026-11-10"),
    lastWeek: open(20_000_000, "Commit", 70, "Negotiation", "2026-11-10"), lastActivityAt: new Date("2026-06-01T00:00:00Z"),
  },
  {
    // Another team's: must not show anywhere.
    id: "d-xavier", owner: P.xavier, name: "Penang Port", now: won(99_900_000, "2026-08-06"),
    lastWeek: open(99_900_000, "Commit", 90, "Negotiation", "2026-08-06"), lastActivityAt: new Date("2026-05-01T00:00:00Z"),
  },
];

function liveDeal(spec: DealSpec): SeedDeal {
  const { now } = spec;
  return {
    id: spec.id,
    ownerId: spec.owner,
    name: spec.name,
    accountName: null,
    amountMinor: now.amount,
    probability: now.probability,
    forecastCategory: now.category,
    closeDate: now.close,
    isClosed: now.state !== undefined && now.state !== "open",
    isWon: now.state === "won",
    stageName: now.stage,
    lastActivityAt: spec.lastActivityAt === undefined ? RECENT_ACTIVITY : spec.lastActivityAt,
    stageEnteredAt: spec.stageEnteredAt === undefined ? RECENT_STAGE : spec.stageEnteredAt,
  };
}

function snapshotRow(snapshotDate: string, spec: DealSpec, state: State): PipelineSnapshotRow {
  return {
    snapshotDate,
    opportunityId: spec.id,
    ownerId: spec.owner,
    stage: state.stage,
    forecastCategory: state.category,
    amountMinor: state.amount,
    closeDate: state.close,
    isClosed: state.state !== undefined && state.state !== "open",
    isWon: state.state === "won",
    probability: state.probability,
  };
}

export interface DigestSeedOptions {
  tenant?: Partial<TenantProfile>;
  /** Extra live deals (e.g. 200 new ones for the Block Kit limits). */
  extraDeals?: SeedDeal[];
}

export function digestSeed(options: DigestSeedOptions = {}): InMemorySalesSeed {
  const snapshots: PipelineSnapshotRow[] = [];
  for (const spec of DEALS) {
    if (spec.twoWeeksAgo) snapshots.push(snapshotRow("2026-07-27", spec, spec.twoWeeksAgo));
    if (spec.lastWeek) snapshots.push(snapshotRow("2026-08-03", spec, spec.lastWeek));
  }
  // This morning's snapshot, deliberately wrong: the live figures must replace it in the trend.
  snapshots.push(snapshotRow("2026-08-10", DEALS.find((spec) => spec.id === "d-shell")!, open(1, "Commit", 80, "Negotiation", "2026-09-30")));
  return {
    tenant: digestTenant(options.tenant),
    people: digestPeople.map((p) => ({ ...p })),
    quotas: [...digestQuotas],
    deals: [...DEALS.map(liveDeal), ...(options.extraDeals ?? [])],
    plans: [],
    forecastCalls: [],
    snapshots,
    teams: digestTeams.map((team) => ({ ...team })),
  };
}
