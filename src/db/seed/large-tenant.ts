// A large synthetic tenant for benchmarks: a CEO, regional VPs, directors, managers with about
// nine reps each, quotas, and hundreds of thousands of deals with weekly snapshots of the
// pipeline. Deals are generated and written in batches, never all in memory at once.
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { AppError } from "../../core/errors.js";
import type { Database, SqlSession } from "../database.js";
import { type ColumnSpec, insertStatement } from "./bulk-insert.js";
import { type FiscalQuarter, fiscalQuarter, isoDate, isoInstant, lastMondays, parseIsoDate, zonedInstant } from "./calendar.js";
import { PRODUCT_LINES, STAGE_WON } from "./catalog.js";
import { type DealPlan, simulateDeal, tidyAmount } from "./deal-history.js";
import { slackIdFromKey, uuidFromKey } from "./ids.js";
import { Random } from "./random.js";
import { StatementQueue, type TableTiming } from "./statement-queue.js";
import {
  type DealContext,
  EMPLOYEE_COLUMNS,
  FORECAST_CALL_COLUMNS,
  OPPORTUNITY_COLUMNS,
  PLAN_ASSIGNMENT_COLUMNS,
  PLAN_COLUMNS,
  QUOTA_COLUMNS,
  SET_TEAM_MANAGERS_SQL,
  SNAPSHOT_COLUMNS,
  STAGE_COLUMNS,
  type SnapshotDay,
  TEAM_COLUMNS,
  TENANT_COLUMNS,
  TIER_COLUMNS,
  opportunityRow,
  pushSnapshotRows,
  stageIdsFor,
  stageRows,
  tierRows,
  workingDaysLiteral,
} from "./tables.js";
import { inSeedTransaction } from "./transaction.js";

export const LARGE_TENANT_DEFAULT_NAME = "Bench Co";
/** The tables a large seed fills in bulk; vacuumed and analysed once it is committed. */
export const LARGE_TABLES = [
  "opportunity",
  "pipeline_snapshot",
  "deal_summary",
  "snapshot_summary",
  "team_deal_summary",
  "team_snapshot_summary",
  "win_rate_observation",
  "win_rate_win",
  "employee",
  "quota",
] as const;
export const LARGE_EMAIL_DOMAIN = "bench.salesops.test";
const CURRENCY = "MYR";
const FISCAL_YEAR_START_MONTH = 1;
const REPS_PER_MANAGER = 9;
const MANAGERS_PER_DIRECTOR = 8;
const DIRECTORS_PER_VP = 8;

export interface SeedLargeTenantOptions {
  reps: number;
  opportunities: number;
  /** The caller's calendar date, YYYY-MM-DD. */
  today: string;
  tenantName?: string;
  /** Weekly snapshots (the last N Mondays up to today); default 8. */
  snapshots?: number;
  /** Opportunities per INSERT; default 5,000. */
  batchSize?: number;
  /** Delete an existing tenant of the same name first (otherwise that is a conflict). */
  replace?: boolean;
  onProgress?: (progress: LargeSeedProgress) => void;
}

export interface LargeSeedProgress {
  phase: "people" | "opportunities" | "committed";
  opportunitiesWritten: number;
  opportunitiesTotal: number;
  snapshotsWritten: number;
  elapsedMs: number;
}

export interface LargeTenantReport {
  tenantId: string;
  /** Rows per table, keyed by table name. */
  counts: Record<string, number>;
  /** Rows and database time per table. */
  timings: Record<string, TableTiming>;
  elapsedMs: number;
}

interface Region {
  name: string;
  timeZone: string;
  medianDealMajor: number;
  firstNames: readonly string[];
  lastNames: readonly string[];
  malayShare: number;
  workdayStartMinute: number;
  workdayEndMinute: number;
}

const REGIONS: readonly Region[] = [
  {
    name: "APAC", timeZone: "Asia/Kuala_Lumpur", medianDealMajor: 60_000, malayShare: 0.35, workdayStartMinute: 540, workdayEndMinute: 1080,
    firstNames: ["Ahmad", "Siti", "Wei Ming", "Mei Ling", "Hafiz", "Nurul", "Kavitha", "Arjun", "Jia Hui", "Farid", "Aisyah", "Kar Wai", "Suresh", "Hui Min", "Amir", "Izzati"],
    lastNames: ["Ismail", "Abdullah", "Tan", "Wong", "Lim", "Rahman", "Nair", "Chong", "Yusof", "Lee", "Hassan", "Raj", "Ong", "Zainal", "Goh", "Omar"],
  },
  {
    name: "EMEA", timeZone: "Europe/London", medianDealMajor: 45_000, malayShare: 0, workdayStartMinute: 540, workdayEndMinute: 1050,
    firstNames: ["Oliver", "Charlotte", "Harry", "Amelia", "George", "Sophie", "Thomas", "Emily", "Jack", "Grace", "William", "Isla", "James", "Freya", "Henry", "Lucy"],
    lastNames: ["Bennett", "Hughes", "Patel", "Clarke", "Evans", "Reynolds", "Wright", "Davies", "Taylor", "Walker", "Wood", "Hall", "Green", "Baker", "Khan", "Murphy"],
  },
  {
    name: "Americas", timeZone: "America/New_York", medianDealMajor: 35_000, malayShare: 0, workdayStartMinute: 510, workdayEndMinute: 1020,
    firstNames: ["Michael", "Ashley", "Tyler", "Brianna", "Jordan", "Megan", "Brandon", "Hannah", "Ethan", "Olivia", "Mason", "Ava", "Logan", "Chloe", "Carlos", "Maria"],
    lastNames: ["Johnson", "Williams", "Brooks", "Carter", "Miller", "Rodriguez", "Lee", "Kim", "Smith", "Garcia", "Davis", "Martinez", "Lopez", "Wilson", "Moore", "Nguyen"],
  },
  {
    name: "India", timeZone: "Asia/Kolkata", medianDealMajor: 30_000, malayShare: 0, workdayStartMinute: 570, workdayEndMinute: 1110,
    firstNames: ["Aarav", "Priya", "Rohan", "Ananya", "Vikram", "Sneha", "Arjun", "Divya", "Karan", "Pooja", "Rahul", "Meera", "Sanjay", "Kavya", "Nikhil", "Ishita"],
    lastNames: ["Sharma", "Iyer", "Gupta", "Reddy", "Menon", "Singh", "Nair", "Kapoor", "Joshi", "Rao", "Das", "Pillai", "Verma", "Bose", "Kulkarni", "Shah"],
  },
];

const ACCOUNT_WORDS_A = ["Apex", "Blue", "Cedar", "Delta", "Evergreen", "Falcon", "Granite", "Harbor", "Iron", "Juniper", "Keystone", "Lumen", "Maple", "Nova", "Orion", "Pioneer", "Quartz", "River", "Summit", "Titan"];
const ACCOUNT_WORDS_B = ["Logistics", "Health", "Foods", "Retail", "Energy", "Software", "Finance", "Motors", "Textiles", "Pharma", "Media", "Telecom", "Insurance", "Steel", "Farms", "Labs"];
const NAME_SUFFIXES = ["", " expansion", " renewal", " pilot", " rollout", " upgrade"];
const PRODUCT_WEIGHTS = [40, 22, 15, 13, 10];

interface Person {
  id: string;
  level: "ceo" | "vp" | "director" | "manager" | "rep" | "admin";
  index: number;
  region: Region;
  managerIndex: number | null;
  teamId: string | null;
  timeZone: string;
  startDay: number;
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z]+/g, "");
}

function validate(options: SeedLargeTenantOptions): void {
  const wholeIn = (name: string, value: number, min: number, max: number) => {
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new AppError("invalid_input", `${name}: expected a whole number from ${min} to ${max} (got ${value})`);
    }
  };
  wholeIn("reps", options.reps, 1, 200_000);
  wholeIn("opportunities", options.opportunities, 0, 20_000_000);
  wholeIn("snapshots", options.snapshots ?? 8, 0, 104);
  wholeIn("batchSize", options.batchSize ?? 5_000, 100, 50_000);
  if ((options.tenantName ?? LARGE_TENANT_DEFAULT_NAME).trim() === "") throw new AppError("invalid_input", "tenant name: must not be empty");
}

/** Deletes one tenant and everything it owns (deals first: their owners are RESTRICT). */
async function deleteTenant(session: SqlSession, tenantId: string): Promise<void> {
  await session.query(`DELETE FROM "pipeline_snapshot" WHERE "tenant_id" = $1::uuid`, [tenantId]);
  await session.query(`DELETE FROM "opportunity" WHERE "tenant_id" = $1::uuid`, [tenantId]);
  await session.query(`DELETE FROM "tenant" WHERE "id" = $1::uuid`, [tenantId]);
}

/**
 * Builds the large tenant in one transaction. Returns rows and database time per table; the
 * caller turns those into rows/s.
 */
export async function seedLargeTenant(db: Database, options: SeedLargeTenantOptions): Promise<LargeTenantReport> {
  validate(options);
  let todayDay: number;
  try {
    todayDay = parseIsoDate(options.today);
  } catch (error) {
    throw new AppError("invalid_input", `today: ${(error as Error).message}`);
  }
  const tenantName = (options.tenantName ?? LARGE_TENANT_DEFAULT_NAME).trim();
  const batchSize = options.batchSize ?? 5_000;
  const started = performance.now();
  const report = (phase: LargeSeedProgress["phase"], opportunitiesWritten: number, snapshotsWritten: number) =>
    options.onProgress?.({ phase, opportunitiesWritten, opportunitiesTotal: options.opportunities, snapshotsWritten, elapsedMs: performance.now() - started });

  const tenantId = uuidFromKey(`large-tenant:${tenantName}`);
  const result = await inSeedTransaction(db, async (session) => {
    const existing = await session.query<{ id: string }>(`SELECT "id"::text AS id FROM "tenant" WHERE "name" = $1 OR "id" = $2::uuid`, [tenantName, tenantId]);
    if (existing.length > 0) {
      if (!options.replace) {
        throw new AppError("conflict", `A tenant named "${tenantName}" already exists (id ${existing[0]!.id}); pass --replace to rebuild it.`);
      }
      for (const row of existing) await deleteTenant(session, row.id);
    }
    const queue = new StatementQueue(session);
    const counts: Record<string, number> = {};
    const insert = (table: string, columns: readonly ColumnSpec[], rows: unknown[][]) => {
      for (let offset = 0; offset < rows.length; offset += batchSize) {
        const slice = rows.slice(offset, offset + batchSize);
        queue.submit(table, slice.length, insertStatement(table, columns), columns.map((_, index) => slice.map((row) => row[index])));
      }
      counts[table] = (counts[table] ?? 0) + rows.length;
    };
    const random = new Random(`large:${tenantName}:${options.today}`);
    const quarters = [-4, -3, -2, -1, 0, 1].map((offset) => fiscalQuarter(todayDay, FISCAL_YEAR_START_MONTH, offset));
    const current = quarters[4]!;
    const createdAt = isoInstant(zonedInstant(quarters[0]!.start - 30, 9 * 60, "Asia/Kuala_Lumpur"));

    insert("tenant", TENANT_COLUMNS, [[tenantId, tenantName, CURRENCY, FISCAL_YEAR_START_MONTH, "Asia/Kuala_Lumpur", "en", 5, "percentages", "{}", null, false, createdAt, createdAt]]);
    insert("stage", STAGE_COLUMNS, stageRows(tenantId));
    const stageIds = stageIdsFor(tenantId);
    const planId = uuidFromKey(`${tenantId}:plan:standard`);
    insert("commission_plan", PLAN_COLUMNS, [[planId, tenantId, "Standard AE Plan", CURRENCY, null, createdAt]]);
    insert("commission_tier", TIER_COLUMNS, tierRows(tenantId, planId));

    // The org chart, top down: CEO → VPs → directors → managers (one team each) → reps.
    const managerCount = Math.ceil(options.reps / REPS_PER_MANAGER);
    const directorCount = Math.ceil(managerCount / MANAGERS_PER_DIRECTOR);
    const vpCount = Math.ceil(directorCount / DIRECTORS_PER_VP);
    const people: Person[] = [];
    const levelStart: Record<Person["level"], number> = { ceo: 0, admin: 0, vp: 0, director: 0, manager: 0, rep: 0 };
    const addLevel = (level: Person["level"], count: number, parent: (index: number) => number | null, region: (index: number, managerIndex: number | null) => Region) => {
      levelStart[level] = people.length;
      for (let index = 0; index < count; index++) {
        const managerIndex = parent(index);
        const personRegion = region(index, managerIndex);
        people.push({
          id: uuidFromKey(`${tenantId}:employee:${level}:${index}`),
          level,
          index,
          region: personRegion,
          managerIndex,
          teamId: null,
          timeZone: personRegion.timeZone,
          startDay: 0,
        });
      }
    };
    const regionOf = (_: number, managerIndex: number | null) => (managerIndex === null ? REGIONS[0]! : people[managerIndex]!.region);
    addLevel("ceo", 1, () => null, () => REGIONS[0]!);
    addLevel("admin", 1, () => levelStart.ceo, () => REGIONS[0]!);
    addLevel("vp", vpCount, () => levelStart.ceo, (index) => REGIONS[index % REGIONS.length]!);
    addLevel("director", directorCount, (index) => levelStart.vp + Math.floor((index * vpCount) / directorCount), regionOf);
    addLevel("manager", managerCount, (index) => levelStart.director + Math.floor((index * directorCount) / managerCount), regionOf);
    addLevel("rep", options.reps, (index) => levelStart.manager + Math.floor((index * managerCount) / options.reps), regionOf);

    const teams: unknown[][] = [];
    const teamManagers: [string, string][] = [];
    for (const person of people) {
      if (person.level !== "manager") continue;
      const teamId = uuidFromKey(`${tenantId}:team:${person.index}`);
      person.teamId = teamId;
      teams.push([teamId, tenantId, `${person.region.name} Team ${String(person.index + 1).padStart(3, "0")}`, slackIdFromKey("C", `${tenantId}:team:${person.index}`), person.region.timeZone, createdAt]);
      teamManagers.push([teamId, person.id]);
    }
    for (const person of people) if (person.level === "rep") person.teamId = people[person.managerIndex!]!.teamId;
    insert("team", TEAM_COLUMNS, teams);

    const titles: Record<Person["level"], string> = {
      ceo: "Chief Executive Officer", admin: "Sales Operations Manager", vp: "Regional VP of Sales",
      director: "Sales Director", manager: "Sales Manager", rep: "Account Executive",
    };
    const newHires = new Set<number>();
    const employees: unknown[][] = [];
    for (const [position, person] of people.entries()) {
      const first = random.pick(person.region.firstNames);
      const last = random.pick(person.region.lastNames);
      // A few reps started this quarter (at least two days ago, so they can own a deal).
      const newHire = person.level === "rep" && todayDay - 2 >= current.start && random.chance(0.03);
      if (newHire) newHires.add(position);
      const startDay = newHire ? random.int(current.start, todayDay - 2) : quarters[0]!.start - random.int(200, 8 * 365);
      person.startDay = startDay;
      const role = person.level === "rep" ? "rep" : person.level === "admin" ? "admin" : "manager";
      employees.push([
        person.id, tenantId, `${slug(first)}.${slug(last)}.${position + 1}@${LARGE_EMAIL_DOMAIN}`, `${first} ${last}`, titles[person.level], role,
        person.managerIndex === null ? null : people[person.managerIndex]!.id, person.teamId, person.timeZone,
        random.chance(person.region.malayShare) ? "ms" : "en", isoDate(startDay), true,
        person.region.workdayStartMinute, person.region.workdayEndMinute, workingDaysLiteral([1, 2, 3, 4, 5]),
        slackIdFromKey("U", `${tenantId}:${position}`), createdAt, createdAt,
      ]);
    }
    insert("employee", EMPLOYEE_COLUMNS, employees);
    queue.submit("team", 0, SET_TEAM_MANAGERS_SQL, [teamManagers.map(([team]) => team), teamManagers.map(([, manager]) => manager)]);

    // Quotas sized so that attainment lands around 100 % on average: the expected won value per
    // rep and quarter, scaled per rep. Managers and above carry the sum of their reports'.
    const dealsPerRepQuarter = options.opportunities / options.reps / quarters.length;
    const quotaRows: unknown[][] = [];
    const assignments: unknown[][] = [];
    const sums = new Map<string, number>();
    const quotaKey = (position: number, quarter: FiscalQuarter) => `${position}:${quarter.start}`;
    const repFirst = levelStart.rep;
    for (let position = people.length - 1; position >= 0; position--) {
      const person = people[position]!;
      if (person.level === "admin") continue;
      for (const quarter of quarters) {
        let amount: number;
        let ramp = 100;
        if (person.level === "rep") {
          if (newHires.has(position) && quarter.start < current.start) continue;
          if (newHires.has(position)) ramp = quarter.start === current.start ? 50 : 75;
          const expected = dealsPerRepQuarter * 0.36 * person.region.medianDealMajor * 100 * 1.28;
          amount = Math.max(1_000_000, Math.round((expected * random.uniform(0.85, 1.2)) / 1_000_000) * 1_000_000);
          assignments.push([uuidFromKey(`${tenantId}:assignment:${position}:${quarter.start}`), tenantId, planId, person.id, isoDate(quarter.start), isoDate(quarter.end)]);
        } else {
          amount = sums.get(quotaKey(position, quarter)) ?? 0;
          if (amount === 0) continue;
        }
        quotaRows.push([uuidFromKey(`${tenantId}:quota:${position}:${quarter.start}`), tenantId, person.id, isoDate(quarter.start), isoDate(quarter.end), amount, CURRENCY, ramp]);
        if (person.managerIndex !== null) {
          const key = quotaKey(person.managerIndex, quarter);
          sums.set(key, (sums.get(key) ?? 0) + Math.round((amount * ramp) / 100));
        }
      }
    }
    insert("quota", QUOTA_COLUMNS, quotaRows.reverse());
    insert("plan_assignment", PLAN_ASSIGNMENT_COLUMNS, assignments.reverse());
    await queue.drain();
    report("people", 0, 0);

    // Deals, batch by batch: opportunities first, then the snapshot rows that point at them.
    const snapshotDays: SnapshotDay[] = lastMondays(todayDay, options.snapshots ?? 8).map((day) => {
      const quarter = fiscalQuarter(day, FISCAL_YEAR_START_MONTH);
      return { day, iso: isoDate(day), quarterStart: quarter.start, quarterEnd: quarter.end };
    });
    const context: DealContext = { tenantId, currency: CURRENCY, stageIds };
    const opportunitySql = insertStatement("opportunity", OPPORTUNITY_COLUMNS);
    const snapshotSql = insertStatement("pipeline_snapshot", SNAPSHOT_COLUMNS);
    const snapshotBatch = batchSize * 2;
    let opportunityColumns = OPPORTUNITY_COLUMNS.map(() => [] as unknown[]);
    let snapshotColumns = SNAPSHOT_COLUMNS.map(() => [] as unknown[]);
    let snapshotRows = 0;
    let written = 0;
    let snapshotsWritten = 0;
    const pushSnapshot = (row: unknown[]) => {
      for (let index = 0; index < row.length; index++) snapshotColumns[index]!.push(row[index]);
      snapshotRows++;
    };
    const flush = async (force: boolean) => {
      const rows = opportunityColumns[0]!.length;
      // Let the previous batch finish before queuing this one: memory stays at two batches.
      await queue.drain();
      if (written > 0) report("opportunities", written, snapshotsWritten);
      if (rows > 0) {
        queue.submit("opportunity", rows, opportunitySql, opportunityColumns);
        written += rows;
        opportunityColumns = OPPORTUNITY_COLUMNS.map(() => []);
      }
      if (snapshotRows >= snapshotBatch || (force && snapshotRows > 0)) {
        queue.submit("pipeline_snapshot", snapshotRows, snapshotSql, snapshotColumns);
        snapshotsWritten += snapshotRows;
        snapshotColumns = SNAPSHOT_COLUMNS.map(() => []);
        snapshotRows = 0;
      }
    };

    const repCount = options.reps;
    const accountPrefix = (index: number) => `${ACCOUNT_WORDS_A[index % ACCOUNT_WORDS_A.length]} ${ACCOUNT_WORDS_B[Math.floor(index / ACCOUNT_WORDS_A.length) % ACCOUNT_WORDS_B.length]}`;
    for (let dealIndex = 0; dealIndex < options.opportunities; dealIndex++) {
      const position = repFirst + (dealIndex % repCount);
      const rep = people[position]!;
      const plan = planLargeDeal(random, rep.region, quarters, todayDay, rep.startDay);
      const history = simulateDeal(random, plan, todayDay);
      const productLine = PRODUCT_LINES[random.weighted(PRODUCT_WEIGHTS)]!;
      const accountIndex = random.int(0, ACCOUNT_WORDS_A.length * ACCOUNT_WORDS_B.length - 1);
      const accountName = `${accountPrefix(accountIndex)} ${rep.region.name} ${(dealIndex % 97) + 1}`;
      const externalId = `BENCH-${String(dealIndex + 1).padStart(8, "0")}`;
      const labels = {
        id: uuidFromKey(`${tenantId}:opportunity:${dealIndex}`),
        externalId,
        name: `${accountName} — ${productLine}${random.pick(NAME_SUFFIXES)}`,
        accountName,
        productLine,
        ownerId: rep.id,
        ownerTimeZone: rep.timeZone,
      };
      const row = opportunityRow(context, labels, history, todayDay);
      for (let index = 0; index < row.length; index++) opportunityColumns[index]!.push(row[index]);
      pushSnapshotRows(context, labels, history, snapshotDays, pushSnapshot);
      if (opportunityColumns[0]!.length >= batchSize) await flush(false);
      // Give the driver a turn now and then, so the batch in flight is sent while we generate.
      else if (dealIndex % 500 === 0) await yieldToEventLoop();
    }
    await flush(true);

    // One call per manager and above for the current quarter, near their team's quota.
    const calls: unknown[][] = [];
    for (const [position, person] of people.entries()) {
      if (person.level === "rep" || person.level === "admin") continue;
      const quota = sums.get(quotaKey(position, current)) ?? 0;
      if (quota === 0) continue;
      const commit = Math.round((quota * random.uniform(0.6, 1.05)) / 100_000) * 100_000;
      const day = Math.max(current.start, todayDay - random.int(1, 6));
      calls.push([
        uuidFromKey(`${tenantId}:forecast-call:${position}`), tenantId, person.id, isoDate(current.start), isoDate(current.end),
        commit, Math.round((commit * random.uniform(1.1, 1.4)) / 100_000) * 100_000, CURRENCY,
        isoInstant(zonedInstant(day, random.int(9 * 60, 17 * 60), person.timeZone)),
      ]);
    }
    insert("forecast_call", FORECAST_CALL_COLUMNS, calls);
    await queue.drain();
    counts.opportunity = written;
    counts.pipeline_snapshot = snapshotsWritten;
    return { counts, timings: queue.timings };
  });
  report("committed", result.counts.opportunity ?? 0, result.counts.pipeline_snapshot ?? 0);
  // Fresh statistics and a visibility map, as autovacuum would leave them in production, so that
  // benchmark queries get the plans they would get there (index-only scans need the map).
  // Autovacuum may be off on a test server and PGlite has none, so do it here. VACUUM cannot run
  // inside a transaction block, hence one statement per call.
  for (const table of LARGE_TABLES) await db.withSession((session) => session.exec(`VACUUM (ANALYZE) "${table}"`));
  return { tenantId, counts: result.counts, timings: result.timings, elapsedMs: performance.now() - started };
}

const OUTCOME_QUARTER_WEIGHTS = [13, 13, 13, 13, 28, 20];

/** One deal's end state; a rep who started this quarter only has deals opened since. */
function planLargeDeal(random: Random, region: Region, quarters: FiscalQuarter[], todayDay: number, startDay: number): DealPlan {
  const slot = random.weighted(OUTCOME_QUARTER_WEIGHTS);
  const quarter = quarters[slot]!;
  const median = region.medianDealMajor * 100;
  const amountMinor = tidyAmount(random.logNormal(median, 0.7));
  const cycle = random.int(20, 120);
  const lastDay = todayDay - 1;
  const earliest = Math.min(startDay, lastDay);
  const open = (closeDay: number, overdue: boolean): DealPlan => {
    const daysOut = closeDay - todayDay;
    const stage = overdue ? random.int(2, 4) : random.weighted(daysOut <= 30 ? [1, 2, 3, 4, 4] : daysOut <= 60 ? [2, 3, 4, 3, 2] : [4, 4, 3, 2, 1]);
    const stale = random.chance(overdue ? 0.5 : 0.12);
    let createdDay = todayDay - (stage + 1) * random.int(8, 20) - random.int(0, 15);
    if (stale) createdDay = Math.min(createdDay, todayDay - 25);
    return { createdDay: Math.max(earliest, createdDay), outcome: "open", stage, closeDay, amountMinor, stale: stale && createdDay >= earliest };
  };
  if (slot >= 5) return open(random.int(quarter.start, quarter.end), false);
  const closeDay = random.int(quarter.start, quarter.end);
  if (closeDay >= todayDay) return open(closeDay, false);
  if (random.chance(slot === 4 ? 0.12 : 0.03)) return open(Math.max(closeDay, todayDay - 60), true);
  const createdDay = closeDay - cycle;
  if (createdDay < startDay) return open(random.int(todayDay, quarters[4]!.end), false);
  const won = random.chance(0.36);
  return { createdDay, outcome: won ? "won" : "lost", stage: won ? STAGE_WON : random.weighted([3, 3, 2, 2, 1]), closeDay, amountMinor, stale: false };
}
