// A small sales organisation with hand-checked numbers, for the use-case tests and demos.
// Fiscal year starts in April: on 12 Aug 2026 (Kuala Lumpur) the current quarter is Q2 FY2027,
// 2026-07-01 .. 2026-09-30, with 66 working days (Mon-Fri); 31 of them have elapsed by 12 Aug
// (today counts), 35 remain after it. Amounts are sen (MYR minor units): 30_000_000 = RM 300,000.
//
//   Aisyah Admin (admin, no manager, no team)
//   Victor Lim (VP, manager)
//   ├── Mei Ling Chong (manager, team North): Maria Tan, Raj Kumar
//   └── Hafiz Rahman (manager, team South): Siti Nurhaliza, Ahmad Zaki (ramping hire), María López
import type { CommissionPlan } from "../../commission.js";
import type { Person, TenantProfile } from "../../sales-data.js";
import type { ForecastCall, ForecastCategory, Opportunity, PipelineSnapshotRow, QuotaRecord } from "../../types.js";
import type { InMemorySalesSeed } from "./in-memory-sales-data.js";

export const TENANT_ID = "tenant-1";
/** 11:00 in Kuala Lumpur on Wednesday 12 Aug 2026. */
export const NOW = new Date("2026-08-12T03:00:00Z");

export const ID = {
  admin: "p-admin",
  vp: "p-vp",
  north: "p-mgr-north",
  south: "p-mgr-south",
  maria: "p-maria",
  raj: "p-raj",
  siti: "p-siti",
  ahmad: "p-ahmad",
  mariaLopez: "p-maria-lopez",
} as const;

const Q2 = { periodStart: "2026-07-01", periodEnd: "2026-09-30" };

/** A person of these test organisations: active, in Kuala Lumpur, English, unless `extra` says otherwise. */
export function person(id: string, name: string, email: string, role: Person["role"], managerId: string | null, teamId: string | null, extra: Partial<Person> = {}): Person {
  return {
    id,
    name,
    email,
    role,
    managerId,
    teamId,
    active: true,
    title: null,
    timeZone: "Asia/Kuala_Lumpur",
    locale: "en",
    startDate: null,
    slackUserId: `U${id.replace(/[^a-z]/gi, "").toUpperCase()}`,
    ...extra,
  };
}

export const people: Person[] = [
  person(ID.admin, "Aisyah Admin", "aisyah@example.my", "admin", null, null),
  person(ID.vp, "Victor Lim", "victor.lim@example.my", "manager", null, null),
  person(ID.north, "Mei Ling Chong", "meiling.chong@example.my", "manager", ID.vp, "team-north"),
  person(ID.south, "Hafiz Rahman", "hafiz@example.my", "manager", ID.vp, "team-south"),
  person(ID.maria, "Maria Tan", "maria.tan@example.my", "rep", ID.north, "team-north"),
  person(ID.raj, "Raj Kumar", "raj.kumar@example.my", "rep", ID.north, "team-north"),
  person(ID.siti, "Siti Nurhaliza", "siti@example.my", "rep", ID.south, "team-south", { locale: "ms" }),
  // Started 15 Jul 2026: 56 of the quarter's 66 working days; ramping at 50 %.
  person(ID.ahmad, "Ahmad Zaki", "ahmad.zaki@example.my", "rep", ID.south, "team-south", { startDate: "2026-07-15" }),
  person(ID.mariaLopez, "María López", "maria.lopez@example.my", "rep", ID.south, "team-south"),
];

export const tenant: TenantProfile = {
  id: TENANT_ID,
  name: "Contoh Sdn Bhd",
  currency: "MYR",
  fiscalYearStartMonth: 4,
  timeZone: "Asia/Kuala_Lumpur",
  locale: "en",
  leaderboardVisibility: "full",
  anonymityThreshold: 5,
};

const quota = (employeeId: string, amountMinor: number, rampPercent = 100): QuotaRecord => ({
  ...Q2,
  employeeId,
  amountMinor,
  currency: "MYR",
  rampPercent,
});

// Quotas by THE QUOTA RULE (src/core/quota.ts): Maria 300,000; Raj 250,000; Siti 200,000;
// María 200,000; Ahmad 200,000 × 50 % = 100,000 (the ramp; his 15 Jul start does not scale it
// again). Mei Ling's own 550,000 is her team's quota; Hafiz has none, so his team's is the sum of
// his reports' (500,000), labelled so.
export const quotas: QuotaRecord[] = [
  quota(ID.maria, 30_000_000),
  quota(ID.raj, 25_000_000),
  quota(ID.siti, 20_000_000),
  quota(ID.mariaLopez, 20_000_000),
  quota(ID.ahmad, 20_000_000, 50),
  quota(ID.north, 55_000_000),
];

/** 8 % to 100 % of quota, 12 % from 100 % to 120 %, 15 % above; marginal. */
export const plan: CommissionPlan = {
  currency: "MYR",
  tiers: [
    { fromAttainment: 0, toAttainment: 1, rate: 0.08, mode: "marginal" },
    { fromAttainment: 1, toAttainment: 1.2, rate: 0.12, mode: "marginal" },
    { fromAttainment: 1.2, toAttainment: null, rate: 0.15, mode: "marginal" },
  ],
};

interface DealSpec {
  id: string;
  owner: string;
  name: string;
  account?: string;
  amount: number;
  category: ForecastCategory;
  probability: number;
  stage: string;
  close: string;
  state?: "open" | "won" | "lost";
}

function deal(spec: DealSpec): Opportunity {
  const state = spec.state ?? "open";
  return {
    id: spec.id,
    ownerId: spec.owner,
    name: spec.name,
    accountName: spec.account ?? null,
    amountMinor: spec.amount,
    probability: state === "won" ? 100 : state === "lost" ? 0 : spec.probability,
    forecastCategory: state === "won" ? "Closed" : state === "lost" ? "Omitted" : spec.category,
    closeDate: spec.close,
    isClosed: state !== "open",
    isWon: state === "won",
    stageName: state === "won" ? "Closed Won" : state === "lost" ? "Closed Lost" : spec.stage,
  };
}

const won = (id: string, owner: string, name: string, amount: number, close: string): Opportunity =>
  deal({ id, owner, name, amount, category: "Closed", probability: 100, stage: "Closed Won", close, state: "won" });

/*
 * Maria, Q2 FY2027: won 90,000 + 45,000 = 135,000 (45 % of 300,000).
 *   open in the quarter: Acme renewal 80,000 Commit p80, Acme expansion 40,000 BestCase p50,
 *   Genting cloud 120,000 Pipeline p20, CIMB analytics 60,000 Omitted (counts nowhere);
 *   AirAsia pilot 30,000 Commit closes 20 Oct (next quarter); Celcom bundle lost 8 Aug.
 *   Closed 135,000 · Commit 215,000 · Best case 255,000 · Pipeline 240,000 ·
 *   Weighted 80,000×.8 + 40,000×.5 + 120,000×.2 = 108,000.
 * Maria, last four quarters (1 Jul 2025 .. 30 Jun 2026): won 100,000 + 50,000, lost 50,000:
 *   win rate 150/200 = 75 %.
 * Raj: won 100,000; Telekom upgrade 50,000 Commit p70; Sunway portal 100,000 Pipeline p30.
 * Siti: won 180,000; Maybank API 20,000 Commit p90.  Ahmad: won 20,000; Boost wallet 40,000
 *   Pipeline p25.  María López: Grab fleet 60,000 BestCase p40.
 */
export const deals: Opportunity[] = [
  won("d-petronas", ID.maria, "Petronas Dagangan expansion", 9_000_000, "2026-07-20"),
  won("d-maxis", ID.maria, "Maxis SD-WAN", 4_500_000, "2026-08-07"),
  deal({ id: "d-acme-renewal", owner: ID.maria, name: "Acme renewal", account: "Acme Sdn Bhd", amount: 8_000_000, category: "Commit", probability: 80, stage: "Negotiation", close: "2026-09-15" }),
  deal({ id: "d-acme-expansion", owner: ID.maria, name: "Acme expansion", account: "Acme Sdn Bhd", amount: 4_000_000, category: "BestCase", probability: 50, stage: "Proposal", close: "2026-09-25" }),
  deal({ id: "d-genting", owner: ID.maria, name: "Genting cloud", account: "Genting Bhd", amount: 12_000_000, category: "Pipeline", probability: 20, stage: "Discovery", close: "2026-09-30" }),
  deal({ id: "d-cimb", owner: ID.maria, name: "CIMB analytics", amount: 6_000_000, category: "Omitted", probability: 10, stage: "Discovery", close: "2026-09-20" }),
  deal({ id: "d-airasia", owner: ID.maria, name: "AirAsia pilot", amount: 3_000_000, category: "Commit", probability: 90, stage: "Negotiation", close: "2026-10-20" }),
  deal({ id: "d-celcom", owner: ID.maria, name: "Celcom bundle", amount: 2_500_000, category: "BestCase", probability: 40, stage: "Proposal", close: "2026-08-08", state: "lost" }),
  won("d-sime", ID.maria, "Sime Darby ERP", 10_000_000, "2025-11-20"),
  won("d-axiata", ID.maria, "Axiata ops", 5_000_000, "2026-03-10"),
  deal({ id: "d-celcom-legacy", owner: ID.maria, name: "Celcom legacy", amount: 5_000_000, category: "Pipeline", probability: 0, stage: "Closed Lost", close: "2026-05-05", state: "lost" }),

  won("d-tm", ID.raj, "TM fibre", 10_000_000, "2026-07-28"),
  deal({ id: "d-telekom", owner: ID.raj, name: "Telekom upgrade", amount: 5_000_000, category: "Commit", probability: 70, stage: "Negotiation", close: "2026-09-01" }),
  deal({ id: "d-sunway", owner: ID.raj, name: "Sunway portal", amount: 10_000_000, category: "Pipeline", probability: 30, stage: "Proposal", close: "2026-09-20" }),

  won("d-rhb", ID.siti, "RHB branch refresh", 18_000_000, "2026-07-10"),
  deal({ id: "d-maybank", owner: ID.siti, name: "Maybank API", amount: 2_000_000, category: "Commit", probability: 90, stage: "Negotiation", close: "2026-09-05" }),

  won("d-aeon", ID.ahmad, "AEON kiosks", 2_000_000, "2026-08-01"),
  deal({ id: "d-boost", owner: ID.ahmad, name: "Boost wallet", amount: 4_000_000, category: "Pipeline", probability: 25, stage: "Discovery", close: "2026-09-28" }),

  deal({ id: "d-grab", owner: ID.mariaLopez, name: "Grab fleet", amount: 6_000_000, category: "BestCase", probability: 40, stage: "Proposal", close: "2026-09-18" }),
];

export const forecastCalls: ForecastCall[] = [
  { ...Q2, employeeId: ID.maria, commitMinor: 18_000_000, bestCaseMinor: 22_000_000, currency: "MYR", submittedAt: new Date("2026-07-10T02:00:00Z") },
  { ...Q2, employeeId: ID.maria, commitMinor: 20_000_000, bestCaseMinor: 25_000_000, currency: "MYR", submittedAt: new Date("2026-08-03T02:00:00Z") },
  { ...Q2, employeeId: ID.north, commitMinor: 40_000_000, bestCaseMinor: 45_000_000, currency: "MYR", submittedAt: new Date("2026-08-10T02:00:00Z") },
];

function row(snapshotDate: string, d: Opportunity, change: Partial<Opportunity> = {}): PipelineSnapshotRow {
  const s = { ...d, ...change };
  return {
    snapshotDate,
    opportunityId: s.id,
    ownerId: s.ownerId,
    stage: s.stageName,
    forecastCategory: s.forecastCategory,
    amountMinor: s.amountMinor,
    closeDate: s.closeDate,
    isClosed: s.isClosed,
    isWon: s.isWon,
    probability: s.probability,
  };
}

const byId = new Map(deals.map((d) => [d.id, d]));
const live = (id: string): Opportunity => byId.get(id)!;
const currentIds = [
  "d-petronas", "d-acme-renewal", "d-genting", "d-cimb", "d-tm", "d-sunway", "d-rhb", "d-maybank", "d-aeon", "d-boost", "d-grab",
];

/*
 * Last week's snapshot (5 Aug 2026 — the newest on or before 12 Aug − 7 days; the 10 Aug one
 * is too recent, the 29 Jul one too old). Differences from today:
 *   Maxis SD-WAN 45,000 was open Commit (won 7 Aug since);
 *   AirAsia pilot 30,000 Commit closed 10 Sep (pushed to 20 Oct since);
 *   Celcom bundle 25,000 BestCase open (lost 8 Aug since);
 *   Acme expansion did not exist (new);
 *   Raj's Telekom upgrade 50,000 was BestCase (Commit now).
 * Maria then: closed 90,000 · commit 90+45+80+30 = 245,000 · best 245+25 = 270,000 ·
 *   pipeline 45+80+30+25+120 = 300,000.  Raj then: closed 100,000 · commit 100,000 ·
 *   best 150,000 · pipeline 150,000.  Hafiz's team: as today.
 */
export const snapshots: PipelineSnapshotRow[] = [
  ...currentIds.map((id) => row("2026-08-05", live(id))),
  row("2026-08-05", live("d-maxis"), { isClosed: false, isWon: false, forecastCategory: "Commit", probability: 90, stageName: "Negotiation", closeDate: "2026-08-07" }),
  row("2026-08-05", live("d-airasia"), { closeDate: "2026-09-10" }),
  row("2026-08-05", live("d-celcom"), { isClosed: false, isWon: false, forecastCategory: "BestCase", probability: 40, stageName: "Proposal", closeDate: "2026-08-30" }),
  row("2026-08-05", live("d-telekom"), { forecastCategory: "BestCase" }),
  // Newer than a week: must not be used for "since last week".
  row("2026-08-10", live("d-acme-renewal"), { amountMinor: 99_900_000 }),
  row("2026-07-29", live("d-acme-renewal"), { amountMinor: 11_100_000 }),
];

export function sampleSeed(): InMemorySalesSeed {
  return {
    tenant: { ...tenant },
    people: people.map((p) => ({ ...p })),
    quotas: quotas.map((q) => ({ ...q })),
    deals: deals.map((d) => ({ ...d })),
    plans: [ID.maria, ID.siti, ID.ahmad, ID.mariaLopez].map((employeeId) => ({ employeeId, ...Q2, plan })),
    forecastCalls: forecastCalls.map((c) => ({ ...c })),
    snapshots: snapshots.map((s) => ({ ...s })),
  };
}
