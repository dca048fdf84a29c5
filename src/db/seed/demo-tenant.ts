// The demo organisation "Demo Sdn Bhd": three sales teams in Kuala Lumpur, London and New York,
// six quarters of quotas and deals, weekly pipeline snapshots since the oldest of them, a few forecast calls and a
// (paused) eNPS pulse survey.
// Deterministic: the same `today` gives the same rows, ids included. Dates are relative to
// `today`, so the demo always looks current.
import { AppError } from "../../core/errors.js";
import { surveyFromTemplate } from "../../core/pulse/survey-templates.js";
import { parseScheduleSpec } from "../../core/schedules/parse-schedule-spec.js";
import type { Database, SqlSession } from "../database.js";
import { type ColumnSpec, insertColumns } from "./bulk-insert.js";
import { type FiscalQuarter, fiscalQuarter, isoDate, isoInstant, isoWeekday, lastMondays, parseIsoDate, zonedInstant } from "./calendar.js";
import { PRODUCT_LINES, STAGE_LOST, STAGE_WON, STANDARD_STAGES } from "./catalog.js";
import { englandAndWalesBankHolidays, malaysiaPublicHolidays, type PublicHoliday, usFederalHolidays } from "./public-holidays.js";
import { type DealHistory, type DealPlan, dealStateAt, simulateDeal, tidyAmount } from "./deal-history.js";
import { DEMO_PEOPLE, DEMO_TEAMS, type DemoPerson, type DemoTeam } from "./demo-people.js";
import { slackIdFromKey, uuidFromKey } from "./ids.js";
import { Random } from "./random.js";
import {
  type DealContext,
  type DealLabels,
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

export const DEMO_TENANT_ID = uuidFromKey("demo-tenant");
export const DEMO_TENANT_NAME = "Demo Sdn Bhd";
export const DEMO_EMAIL_DOMAIN = "demo.salesops.test";
export const DEMO_SLACK_TEAM_ID = slackIdFromKey("T", "demo-tenant");
export const DEMO_CURRENCY = "MYR";
export const DEMO_TIME_ZONE = "Asia/Kuala_Lumpur";
export const DEMO_PLAN_NAME = "Standard AE Plan";
/** Per-quarter ceiling of the demo plan, minor units (MYR 70,000). */
export const DEMO_PAYOUT_CAP_MINOR = 7_000_000;
/**
 * Weekly pipeline snapshots (Mondays) from the first Monday of the oldest seeded quarter up to
 * today: five quarters of history, so that the projection learns from the organisation's own
 * past and `/forecast method` can replay the last four quarters.
 */
export function demoSnapshotMondays(today: string): number[] {
  const todayDay = parseIsoDate(today);
  const first = firstMondayOnOrAfter(fiscalQuarter(todayDay, FISCAL_YEAR_START_MONTH, -4).start);
  const latest = lastMondays(todayDay, 1)[0]!;
  return lastMondays(todayDay, Math.floor((latest - first) / 7) + 1);
}

const FISCAL_YEAR_START_MONTH = 1;
const MINOR_PER_MAJOR = 100;

export function demoEmployeeId(personKey: string): string {
  return uuidFromKey(`${DEMO_TENANT_ID}:employee:${personKey}`);
}

export function demoEmail(person: Pick<DemoPerson, "emailLocal">): string {
  return `${person.emailLocal}@${DEMO_EMAIL_DOMAIN}`;
}

export function demoSlackUserId(personKey: string): string {
  return slackIdFromKey("U", `demo:${personKey}`);
}

export function demoTeamId(teamKey: string): string {
  return uuidFromKey(`${DEMO_TENANT_ID}:team:${teamKey}`);
}

export function demoSlackChannelId(teamKey: string): string {
  return slackIdFromKey("C", `demo:team:${teamKey}`);
}

/** One batch of rows for one table, or one plain statement, in the order they must run. */
export type SeedStep =
  | { kind: "insert"; table: string; columns: readonly ColumnSpec[]; rows: unknown[][] }
  | { kind: "statement"; sql: string; params: unknown[] };

export interface SeedPlan {
  tenantId: string;
  steps: SeedStep[];
  /** Rows per table, keyed by the Prisma model's name in the plural (`opportunities`, …). */
  counts: Record<string, number>;
}

interface RepContext {
  person: DemoPerson;
  index: number;
  team: DemoTeam;
  id: string;
  startDay: number;
}

/** Full quarterly quota of a rep in a quarter, minor units; 10 % lower in the previous fiscal year. */
function fullQuotaMinor(rep: RepContext, quarter: FiscalQuarter, currentFiscalYear: number): number {
  const uplift = Math.pow(1.1, quarter.fiscalYear - currentFiscalYear);
  const major = rep.team.repQuotaMajor * (rep.person.quotaFactor ?? 1) * uplift;
  return Math.round(major / 10_000) * 10_000 * MINOR_PER_MAJOR;
}

function splitAmount(random: Random, totalMinor: number, parts: number): number[] {
  const weights = Array.from({ length: parts }, () => 0.5 + random.next());
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((weight) => tidyAmount((totalMinor * weight) / sum));
}

/** A close day late-weighted inside [start, end] (the end-of-quarter rush). */
function lateDay(random: Random, start: number, end: number): number {
  if (end <= start) return start;
  return end - Math.floor((end - start + 1) * Math.pow(random.next(), 1.7));
}

interface DemoDeal {
  labels: DealLabels;
  history: DealHistory;
  rep: RepContext;
}

function buildAccountBooks(random: Random): Map<string, string[]> {
  const books = new Map<string, string[]>();
  for (const team of DEMO_TEAMS) {
    const all = team.accountPrefixes.flatMap((prefix) => team.accountSuffixes.map((suffix) => `${prefix} ${suffix}`));
    // Shuffle, then deal out disjoint books to the team's reps (territories do not overlap).
    for (let index = all.length - 1; index > 0; index--) {
      const other = random.int(0, index);
      [all[index], all[other]] = [all[other]!, all[index]!];
    }
    const reps = DEMO_PEOPLE.filter((person) => person.role === "rep" && person.team === team.key);
    const size = Math.floor(all.length / reps.length);
    reps.forEach((person, index) => books.set(person.key, all.slice(index * size, (index + 1) * size)));
  }
  return books;
}

const NAME_SUFFIXES = ["", " expansion", " renewal", " pilot", " rollout", " upgrade"];
const PRODUCT_WEIGHTS = [40, 22, 15, 13, 10];

function planDeals(rep: RepContext, todayDay: number, quarters: FiscalQuarter[], random: Random): DealPlan[] {
  const plans: DealPlan[] = [];
  const team = rep.team;
  const performance = rep.person.performance ?? 1;
  const median = team.medianDealMajor * MINOR_PER_MAJOR;
  const cycle = () => (team.key === "apac" ? random.int(40, 130) : random.int(20, 80));
  const current = quarters[4]!;
  const next = quarters[5]!;
  const currentFy = current.fiscalYear;
  const lastDay = todayDay - 1;
  const ramp = (quarter: FiscalQuarter) => rampPercent(rep, quarter, current) / 100;

  if (!rep.person.newHire) {
    for (const quarter of quarters.slice(0, 4)) {
      const quota = fullQuotaMinor(rep, quarter, currentFy);
      const won = random.int(1, 3);
      for (const amount of splitAmount(random, quota * performance * random.uniform(0.8, 1.2), won)) {
        const closeDay = lateDay(random, quarter.start, quarter.end);
        plans.push({ createdDay: closeDay - cycle(), outcome: "won", stage: STAGE_WON, closeDay, amountMinor: amount, stale: false });
      }
      const lost = random.int(1, 3);
      for (let index = 0; index < lost; index++) {
        const closeDay = random.int(quarter.start, quarter.end);
        plans.push({
          createdDay: closeDay - cycle(),
          outcome: "lost",
          stage: random.weighted([3, 3, 2, 2, 1]),
          closeDay,
          amountMinor: tidyAmount(random.logNormal(median, 0.5)),
          stale: false,
        });
      }
    }
    // Now and then a deal of last quarter was never closed out: overdue and usually stale.
    const previous = quarters[3]!;
    if (random.chance(0.3)) {
      const closeDay = Math.min(lastDay, random.int(previous.end - 20, previous.end));
      plans.push({
        createdDay: closeDay - cycle(),
        outcome: "open",
        stage: random.int(2, 4),
        closeDay,
        amountMinor: tidyAmount(random.logNormal(median, 0.4)),
        stale: random.chance(0.6),
      });
    }
  }

  const earliestCreated = rep.startDay;
  if (lastDay <= earliestCreated) return plans;
  const createdNoEarlierThanStart = (day: number) => Math.max(earliestCreated, Math.min(day, lastDay));
  const quota = fullQuotaMinor(rep, current, currentFy) * ramp(current);
  const elapsed = Math.max(0, todayDay - current.start);
  const fraction = elapsed / (current.end - current.start + 1);
  let wonSoFar = 0;
  if (!rep.person.newHire && elapsed >= 1) {
    const won = Math.round(fraction * random.int(1, 3));
    if (won > 0) {
      for (const amount of splitAmount(random, quota * performance * fraction * random.uniform(0.7, 1.2), won)) {
        const closeDay = random.int(current.start, lastDay);
        wonSoFar += amount;
        plans.push({ createdDay: closeDay - cycle(), outcome: "won", stage: STAGE_WON, closeDay, amountMinor: amount, stale: false });
      }
    }
    const lost = Math.round(fraction * random.int(0, 2));
    for (let index = 0; index < lost; index++) {
      const closeDay = random.int(current.start, lastDay);
      plans.push({
        createdDay: closeDay - cycle(),
        outcome: "lost",
        stage: random.weighted([3, 3, 2, 2, 1]),
        closeDay,
        amountMinor: tidyAmount(random.logNormal(median, 0.5)),
        stale: false,
      });
    }
  }

  const openCount = rep.person.newHire ? 2 : random.int(3, 5);
  const pipelineTotal = Math.max(quota - wonSoFar, 0.3 * quota) * random.uniform(1.8, 3);
  for (const amount of splitAmount(random, pipelineTotal, openCount)) {
    const overdue = !rep.person.newHire && random.chance(0.12);
    const closeDay = overdue ? todayDay - random.int(1, 21) : random.int(todayDay, current.end);
    const daysOut = closeDay - todayDay;
    const stage = rep.person.newHire
      ? random.int(0, 1)
      : random.weighted(daysOut <= 30 ? [1, 2, 3, 4, 4] : daysOut <= 60 ? [2, 3, 4, 3, 2] : [4, 4, 3, 2, 1]);
    const stale = !rep.person.newHire && random.chance(overdue ? 0.5 : 0.12);
    let createdDay = todayDay - (stage + 1) * random.int(8, 20) - random.int(0, 15);
    if (stale) createdDay = Math.min(createdDay, todayDay - 25);
    plans.push({ createdDay: createdNoEarlierThanStart(createdDay), outcome: "open", stage, closeDay, amountMinor: amount, stale: stale && createdDay >= earliestCreated });
  }

  const nextQuota = fullQuotaMinor(rep, next, currentFy) * ramp(next);
  const nextCount = rep.person.newHire ? 1 : random.int(1, 4);
  for (const amount of splitAmount(random, nextQuota * random.uniform(0.8, 1.6), nextCount)) {
    const stage = rep.person.newHire ? 0 : random.weighted([4, 3, 2, 1]);
    const stale = !rep.person.newHire && random.chance(0.1);
    const createdDay = todayDay - (stale ? random.int(25, 70) : random.int(1, 60));
    plans.push({
      createdDay: createdNoEarlierThanStart(createdDay),
      outcome: "open",
      stage,
      closeDay: random.int(next.start, next.end),
      amountMinor: amount,
      stale: stale && createdDay >= earliestCreated,
    });
  }
  return plans;
}

function rampPercent(rep: RepContext, quarter: FiscalQuarter, current: FiscalQuarter): number {
  if (!rep.person.newHire) return 100;
  if (quarter.start === current.start) return 50;
  return quarter.start > current.start ? 75 : 0;
}

/**
 * Builds every row of the demo tenant in memory (a few thousand rows), in insertion order.
 * Pure: depends on `today` (YYYY-MM-DD) only.
 */
export function buildDemoTenant(today: string): SeedPlan {
  const todayDay = parseIsoDate(today);
  const tenantId = DEMO_TENANT_ID;
  const quarters = [-4, -3, -2, -1, 0, 1].map((offset) => fiscalQuarter(todayDay, FISCAL_YEAR_START_MONTH, offset));
  const current = quarters[4]!;
  const oldest = quarters[0]!;
  const createdAt = isoInstant(zonedInstant(oldest.start - 30, 9 * 60, DEMO_TIME_ZONE));
  const steps: SeedStep[] = [];
  const counts: Record<string, number> = {};
  const add = (key: string, table: string, columns: readonly ColumnSpec[], rows: unknown[][]) => {
    steps.push({ kind: "insert", table, columns, rows });
    counts[key] = (counts[key] ?? 0) + rows.length;
  };

  add("tenants", "tenant", TENANT_COLUMNS, [[
    tenantId, DEMO_TENANT_NAME, DEMO_CURRENCY, FISCAL_YEAR_START_MONTH, DEMO_TIME_ZONE, "en", 5, "percentages", "{}",
    DEMO_SLACK_TEAM_ID, true, createdAt, createdAt,
  ]]);
  add("stages", "stage", STAGE_COLUMNS, stageRows(tenantId));
  const stageIds = stageIdsFor(tenantId);
  const planId = uuidFromKey(`${tenantId}:plan:standard`);
  add("commissionPlans", "commission_plan", PLAN_COLUMNS, [[planId, tenantId, DEMO_PLAN_NAME, DEMO_CURRENCY, DEMO_PAYOUT_CAP_MINOR, createdAt]]);
  add("commissionTiers", "commission_tier", TIER_COLUMNS, tierRows(tenantId, planId));
  add("teams", "team", TEAM_COLUMNS, DEMO_TEAMS.map((team) => [
    demoTeamId(team.key), tenantId, team.name, demoSlackChannelId(team.key), team.timeZone, createdAt,
  ]));

  // Holidays: each office's public holidays for every calendar year the seeded quarters touch
  // (the oldest quarter's year to the next quarter's); Malaysia's is also the tenant's default.
  const holidayYears: number[] = [];
  for (let year = Number(isoDate(oldest.start).slice(0, 4)); year <= Number(isoDate(quarters[5]!.end).slice(0, 4)); year++) holidayYears.push(year);
  const calendarRows: unknown[][] = [];
  const holidayRows: unknown[][] = [];
  for (const calendar of DEMO_HOLIDAY_CALENDARS) {
    const calendarId = demoHolidayCalendarId(calendar.key);
    calendarRows.push([calendarId, tenantId, calendar.name, calendar.isDefault, createdAt]);
    for (const year of holidayYears) {
      for (const holiday of calendar.holidays(year)) {
        holidayRows.push([uuidFromKey(`${calendarId}:holiday:${holiday.date}`), tenantId, calendarId, holiday.date, holiday.name]);
      }
    }
  }
  add("holidayCalendars", "holiday_calendar", HOLIDAY_CALENDAR_COLUMNS, calendarRows);
  add("holidays", "holiday", HOLIDAY_COLUMNS, holidayRows);
  steps.push({
    kind: "statement",
    sql: SET_TEAM_HOLIDAY_CALENDARS_SQL,
    params: [
      DEMO_TEAMS.map((team) => demoTeamId(team.key)),
      DEMO_TEAMS.map((team) => demoHolidayCalendarId(DEMO_HOLIDAY_CALENDARS.find((calendar) => calendar.teams.includes(team.key))!.key)),
    ],
  });

  // People: start dates before the oldest seeded quarter, except the hire who started this quarter.
  const peopleRandom = new Random("demo:people");
  const startDayOf = (person: DemoPerson) =>
    person.newHire ? Math.min(todayDay, firstMondayOnOrAfter(current.start)) : oldest.start - Math.round(person.tenureYears * 365) - peopleRandom.int(20, 200);
  const employees: unknown[][] = [];
  const reps: RepContext[] = [];
  for (const person of DEMO_PEOPLE) {
    const id = demoEmployeeId(person.key);
    const startDay = startDayOf(person);
    employees.push([
      id, tenantId, demoEmail(person), person.name, person.title, person.role,
      person.manager ? demoEmployeeId(person.manager) : null, person.team ? demoTeamId(person.team) : null,
      person.timeZone, person.locale, isoDate(startDay), true, person.workdayStartMinute, person.workdayEndMinute,
      workingDaysLiteral(person.workingDays), demoSlackUserId(person.key), createdAt, createdAt,
    ]);
    if (person.role === "rep") {
      const team = DEMO_TEAMS.find((candidate) => candidate.key === person.team)!;
      reps.push({ person, index: reps.length, team, id, startDay });
    }
  }
  add("employees", "employee", EMPLOYEE_COLUMNS, employees);
  const managerOf = (teamKey: string) => DEMO_PEOPLE.find((person) => person.role === "manager" && person.team === teamKey)!;
  steps.push({
    kind: "statement",
    sql: SET_TEAM_MANAGERS_SQL,
    params: [DEMO_TEAMS.map((team) => demoTeamId(team.key)), DEMO_TEAMS.map((team) => demoEmployeeId(managerOf(team.key).key))],
  });

  // Quotas: reps per quarter (ramped for the new hire), managers the sum of their reps', the VP the sum of all.
  const quotas: unknown[][] = [];
  const assignments: unknown[][] = [];
  const quotaRow = (employeeKey: string, quarter: FiscalQuarter, amountMinor: number, ramp: number) => [
    uuidFromKey(`${tenantId}:quota:${employeeKey}:${isoDate(quarter.start)}`), tenantId, demoEmployeeId(employeeKey),
    isoDate(quarter.start), isoDate(quarter.end), amountMinor, DEMO_CURRENCY, ramp,
  ];
  const vp = DEMO_PEOPLE.find((person) => person.role === "manager" && person.manager === null)!;
  for (const quarter of quarters) {
    let companyTotal = 0;
    for (const team of DEMO_TEAMS) {
      let teamTotal = 0;
      for (const rep of reps.filter((candidate) => candidate.team.key === team.key)) {
        const ramp = rampPercent(rep, quarter, current);
        if (ramp === 0) continue;
        const full = fullQuotaMinor(rep, quarter, current.fiscalYear);
        quotas.push(quotaRow(rep.person.key, quarter, full, ramp));
        assignments.push([
          uuidFromKey(`${tenantId}:assignment:${rep.person.key}:${isoDate(quarter.start)}`), tenantId, planId, rep.id,
          isoDate(quarter.start), isoDate(quarter.end),
        ]);
        teamTotal += Math.round((full * ramp) / 100);
      }
      quotas.push(quotaRow(managerOf(team.key).key, quarter, teamTotal, 100));
      companyTotal += teamTotal;
    }
    quotas.push(quotaRow(vp.key, quarter, companyTotal, 100));
  }
  add("quotas", "quota", QUOTA_COLUMNS, quotas);
  add("planAssignments", "plan_assignment", PLAN_ASSIGNMENT_COLUMNS, assignments);

  // Deals: planned per rep from its own random stream, then given a history.
  const context: DealContext = { tenantId, currency: DEMO_CURRENCY, stageIds };
  const books = buildAccountBooks(new Random("demo:accounts"));
  const deals: DemoDeal[] = [];
  for (const rep of reps) {
    const random = new Random(`demo:${today}:deals:${rep.person.key}`);
    const book = books.get(rep.person.key)!;
    planDeals(rep, todayDay, quarters, random).forEach((plan, dealIndex) => {
      const productLine = PRODUCT_LINES[random.weighted(PRODUCT_WEIGHTS)]!;
      const accountName = random.pick(book);
      const externalId = `DEMO-${String(rep.index + 1).padStart(2, "0")}${String(dealIndex + 1).padStart(4, "0")}`;
      deals.push({
        rep,
        history: simulateDeal(random, plan, todayDay),
        labels: {
          id: uuidFromKey(`${tenantId}:opportunity:${externalId}`),
          externalId,
          name: `${accountName} — ${productLine}${random.pick(NAME_SUFFIXES)}`,
          accountName,
          productLine,
          ownerId: rep.id,
          ownerTimeZone: rep.person.timeZone,
        },
      });
    });
  }
  add("opportunities", "opportunity", OPPORTUNITY_COLUMNS, deals.map((deal) => opportunityRow(context, deal.labels, deal.history, todayDay)));

  const snapshotDays: SnapshotDay[] = demoSnapshotMondays(today).map((day) => {
    const quarter = fiscalQuarter(day, FISCAL_YEAR_START_MONTH);
    return { day, iso: isoDate(day), quarterStart: quarter.start, quarterEnd: quarter.end };
  });
  const snapshots: unknown[][] = [];
  for (const deal of deals) pushSnapshotRows(context, deal.labels, deal.history, snapshotDays, (row) => snapshots.push(row));
  add("pipelineSnapshots", "pipeline_snapshot", SNAPSHOT_COLUMNS, snapshots);

  add("forecastCalls", "forecast_call", FORECAST_CALL_COLUMNS, forecastCalls(tenantId, deals, todayDay, snapshotDays, quarters));
  add("pulseSurveys", "pulse_survey", PULSE_SURVEY_COLUMNS, [demoPulseSurveyRow(tenantId, createdAt)]);
  return { tenantId, steps, counts };
}

/** The demo's holiday calendars: one per office, Malaysia's the tenant's default (the VP and sales ops). */
export const DEMO_HOLIDAY_CALENDARS: ReadonlyArray<{
  key: string;
  name: string;
  isDefault: boolean;
  teams: readonly string[];
  holidays: (year: number) => PublicHoliday[];
}> = [
  { key: "my", name: "Malaysia (Kuala Lumpur)", isDefault: true, teams: ["apac"], holidays: malaysiaPublicHolidays },
  { key: "uk", name: "England and Wales", isDefault: false, teams: ["emea"], holidays: englandAndWalesBankHolidays },
  { key: "us", name: "United States (federal)", isDefault: false, teams: ["americas"], holidays: usFederalHolidays },
];

export function demoHolidayCalendarId(key: string): string {
  return uuidFromKey(`${DEMO_TENANT_ID}:holiday-calendar:${key}`);
}

const HOLIDAY_CALENDAR_COLUMNS: readonly ColumnSpec[] = [
  { name: "id", type: "uuid" }, { name: "tenant_id", type: "uuid" }, { name: "name", type: "text" },
  { name: "is_default", type: "boolean" }, { name: "created_at", type: "timestamptz" },
];

const HOLIDAY_COLUMNS: readonly ColumnSpec[] = [
  { name: "id", type: "uuid" }, { name: "tenant_id", type: "uuid" }, { name: "calendar_id", type: "uuid" },
  { name: "date", type: "date" }, { name: "name", type: "text" },
];

const SET_TEAM_HOLIDAY_CALENDARS_SQL = `UPDATE "team" SET "holiday_calendar_id" = u.calendar_id
  FROM unnest($1::uuid[], $2::uuid[]) AS u(id, calendar_id) WHERE "team"."id" = u.id`;

function firstMondayOnOrAfter(day: number): number {
  const weekday = isoWeekday(day);
  return weekday === 1 ? day : day + (8 - weekday);
}

/**
 * Managers' (and the VP's) calls on the Fridays before the last three snapshots, plus one late
 * in the previous quarter, each read off the team's deals as they stood that day: commit is
 * won-to-date plus most of the Commit pipeline, best case adds part of BestCase/MostLikely.
 */
function forecastCalls(
  tenantId: string,
  deals: DemoDeal[],
  todayDay: number,
  snapshotDays: SnapshotDay[],
  quarters: FiscalQuarter[],
): unknown[][] {
  const previous = quarters[3]!;
  const callDays = new Set<number>(snapshotDays.slice(-3).map((snapshot) => snapshot.day - 3));
  callDays.add(firstMondayOnOrAfter(previous.end - 20) + 4);
  const random = new Random("demo:forecast-calls");
  const rows: unknown[][] = [];
  const vp = DEMO_PEOPLE.find((person) => person.role === "manager" && person.manager === null)!;
  for (const day of [...callDays].sort((a, b) => a - b)) {
    if (day >= todayDay) continue;
    const quarter = fiscalQuarter(day, FISCAL_YEAR_START_MONTH);
    let companyCommit = 0;
    let companyBest = 0;
    for (const team of DEMO_TEAMS) {
      const manager = DEMO_PEOPLE.find((person) => person.role === "manager" && person.team === team.key)!;
      let won = 0;
      let commit = 0;
      let upside = 0;
      for (const deal of deals) {
        if (deal.rep.team.key !== team.key) continue;
        const state = dealStateAt(deal.history, day);
        if (!state || state.closeDay < quarter.start || state.closeDay > quarter.end || state.stage === STAGE_LOST) continue;
        const category = STANDARD_STAGES[state.stage]!.category;
        if (state.stage === STAGE_WON) won += state.amountMinor;
        else if (category === "Commit") commit += state.amountMinor;
        else if (category === "BestCase" || category === "MostLikely") upside += state.amountMinor;
      }
      const round = (minor: number) => Math.round(minor / 100_000) * 100_000;
      const commitCall = round(won + commit * random.uniform(0.75, 1));
      const bestCall = Math.max(commitCall, round(won + commit + upside * random.uniform(0.4, 0.7)));
      companyCommit += commitCall;
      companyBest += bestCall;
      rows.push(callRow(tenantId, manager, quarter, day, commitCall, bestCall, random));
    }
    const round = (minor: number) => Math.round(minor / 100_000) * 100_000;
    rows.push(callRow(tenantId, vp, quarter, day, round(companyCommit * 0.97), round(companyBest * 0.95), random));
  }
  return rows;
}

function callRow(
  tenantId: string,
  person: DemoPerson,
  quarter: FiscalQuarter,
  day: number,
  commitMinor: number,
  bestCaseMinor: number,
  random: Random,
): unknown[] {
  return [
    uuidFromKey(`${tenantId}:forecast-call:${person.key}:${isoDate(day)}`), tenantId, demoEmployeeId(person.key),
    isoDate(quarter.start), isoDate(quarter.end), commitMinor, Math.max(commitMinor, bestCaseMinor), DEMO_CURRENCY,
    isoInstant(zonedInstant(day, random.int(15 * 60, 17 * 60 + 30), person.timeZone)),
  ];
}

export const DEMO_PULSE_SURVEY_ID = uuidFromKey(`${DEMO_TENANT_ID}:pulse-survey:enps`);
export const DEMO_PULSE_SURVEY_NAME = "eNPS pulse";

const PULSE_SURVEY_COLUMNS: readonly ColumnSpec[] = [
  { name: "id", type: "uuid" }, { name: "tenant_id", type: "uuid" }, { name: "name", type: "text" }, { name: "template_id", type: "text" },
  { name: "definition", type: "text", castTo: "jsonb" }, { name: "owner_id", type: "uuid" }, { name: "audience", type: "text", castTo: "jsonb" },
  { name: "cron", type: "text" }, { name: "preset", type: "text" }, { name: "time_zone", type: "text" },
  { name: "status", type: "text", castTo: '"PulseSurveyStatus"' }, { name: "created_at", type: "timestamptz" }, { name: "updated_at", type: "timestamptz" },
];

/**
 * The demo's eNPS pulse, owned by the sales-ops admin, for everyone, monthly on the first Monday
 * at 09:00 in each person's zone — paused, so that it runs when an admin starts it
 * (`/pulse start enps`) and never surprises a demo.
 */
function demoPulseSurveyRow(tenantId: string, createdAt: string): unknown[] {
  const spec = parseScheduleSpec(DEMO_PULSE_WHEN);
  return [
    DEMO_PULSE_SURVEY_ID, tenantId, DEMO_PULSE_SURVEY_NAME, "enps", JSON.stringify(surveyFromTemplate("enps", "en")),
    demoEmployeeId("kevin.tan"), JSON.stringify({ kind: "everyone" }), spec.cron, spec.preset, DEMO_TIME_ZONE, "paused", createdAt, createdAt,
  ];
}

const DEMO_PULSE_WHEN = "monthly on the first Monday 09:00";

async function writePlan(session: SqlSession, plan: SeedPlan): Promise<void> {
  for (const step of plan.steps) {
    if (step.kind === "statement") {
      await session.query(step.sql, step.params);
      continue;
    }
    // Keep each statement's arrays a sensible size.
    for (let offset = 0; offset < step.rows.length; offset += 5_000) {
      const slice = step.rows.slice(offset, offset + 5_000);
      await insertColumns(session, step.table, step.columns, step.columns.map((_, index) => slice.map((row) => row[index])));
    }
  }
}

async function tenantExists(session: SqlSession, id: string): Promise<boolean> {
  const rows = await session.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM "tenant" WHERE "id" = $1::uuid) AS present`, [id]);
  return rows[0]?.present === true;
}

async function anyTenant(session: SqlSession): Promise<boolean> {
  const rows = await session.query<{ present: boolean }>(`SELECT EXISTS (SELECT 1 FROM "tenant") AS present`);
  return rows[0]?.present === true;
}

export interface SeedDemoTenantOptions {
  /** The caller's calendar date, YYYY-MM-DD; every generated date is relative to it. */
  today: string;
}

export interface SeededTenant {
  tenantId: string;
  counts: Record<string, number>;
}

/**
 * Writes the demo tenant in one transaction (all or nothing). Fails with AppError `conflict`
 * when it already exists.
 */
export async function seedDemoTenant(db: Database, options: SeedDemoTenantOptions): Promise<SeededTenant> {
  const plan = buildDemoPlanOrThrow(options.today);
  return inSeedTransaction(db, async (session) => {
    if (await tenantExists(session, plan.tenantId)) {
      throw new AppError("conflict", `The demo tenant "${DEMO_TENANT_NAME}" already exists.`);
    }
    await writePlan(session, plan);
    return { tenantId: plan.tenantId, counts: plan.counts };
  });
}

function buildDemoPlanOrThrow(today: string): SeedPlan {
  try {
    return buildDemoTenant(today);
  } catch (error) {
    throw new AppError("invalid_input", `today: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** True when the database holds at least one tenant (demo or not). */
export async function hasAnyTenant(db: Database): Promise<boolean> {
  return db.withSession(anyTenant);
}

/**
 * `auto`: seed the demo tenant only into a database with no tenant at all; `always`: seed it
 * unless it is already there (even next to real tenants); `never`: do nothing.
 */
export type DemoSeedMode = "auto" | "always" | "never";

/**
 * Start-up hook: seeds the demo tenant when `mode` asks for it and returns what it wrote, or
 * null when it wrote nothing. Idempotent, and safe when several processes start at once: the
 * check is repeated under a transaction-scoped advisory lock, so exactly one of them writes.
 */
export async function ensureDemoTenant(db: Database, today: string, mode: DemoSeedMode): Promise<SeededTenant | null> {
  if (mode === "never") return null;
  const unwanted = async (session: SqlSession): Promise<boolean> =>
    (await tenantExists(session, DEMO_TENANT_ID)) || (mode === "auto" && (await anyTenant(session)));
  // Cheap check first: the usual start-up finds tenants and takes no lock.
  if (await db.withSession(unwanted)) return null;
  const plan = buildDemoPlanOrThrow(today);
  return inSeedTransaction(db, async (session) => {
    if (await unwanted(session)) return null;
    await writePlan(session, plan);
    return { tenantId: plan.tenantId, counts: plan.counts };
  });
}
