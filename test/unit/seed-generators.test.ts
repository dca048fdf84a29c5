import { describe, expect, it } from "vitest";
import { fiscalQuarter, isoDate, isoWeekday, lastMondays, parseIsoDate, zonedInstant } from "../../src/db/seed/calendar.js";
import { STAGE_LOST, STAGE_WON } from "../../src/db/seed/catalog.js";
import { type DealPlan, dealStateAt, simulateDeal } from "../../src/db/seed/deal-history.js";
import { DEMO_PEOPLE } from "../../src/db/seed/demo-people.js";
import { buildDemoTenant, DEMO_EMAIL_DOMAIN, demoEmail } from "../../src/db/seed/demo-tenant.js";
import { slackIdFromKey, uuidFromKey } from "../../src/db/seed/ids.js";
import { Random } from "../../src/db/seed/random.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("seeded random numbers", () => {
  it("repeats the same sequence for the same seed and stays in range", () => {
    const a = new Random("demo");
    const b = new Random("demo");
    const first = Array.from({ length: 50 }, () => a.int(3, 7));
    expect(Array.from({ length: 50 }, () => b.int(3, 7))).toEqual(first);
    expect(Math.min(...first)).toBeGreaterThanOrEqual(3);
    expect(Math.max(...first)).toBeLessThanOrEqual(7);
    expect(new Random("other").next()).not.toBe(new Random("demo").next());
  });
});

describe("stable ids", () => {
  it("derives valid, stable, distinct UUIDs and Slack-shaped ids from keys", () => {
    expect(uuidFromKey("a")).toMatch(UUID);
    expect(uuidFromKey("a")).toBe(uuidFromKey("a"));
    expect(uuidFromKey("a")).not.toBe(uuidFromKey("b"));
    expect(slackIdFromKey("U", "x")).toMatch(/^U[A-Z0-9]{10}$/);
    expect(slackIdFromKey("C", "x")).toMatch(/^C[A-Z0-9]{10}$/);
  });
});

describe("seed calendar", () => {
  it("parses real dates only", () => {
    expect(isoDate(parseIsoDate("2024-02-29"))).toBe("2024-02-29");
    expect(() => parseIsoDate("2026-02-30")).toThrow(/YYYY-MM-DD/);
    expect(() => parseIsoDate("26-1-1")).toThrow();
  });

  it("finds fiscal quarters for January and April fiscal years", () => {
    const day = parseIsoDate("2026-11-23");
    const q = fiscalQuarter(day, 1);
    expect([isoDate(q.start), isoDate(q.end), q.quarter, q.fiscalYear]).toEqual(["2026-10-01", "2026-12-31", 4, 2026]);
    const previous = fiscalQuarter(day, 1, -4);
    expect([isoDate(previous.start), isoDate(previous.end)]).toEqual(["2025-10-01", "2025-12-31"]);
    const april = fiscalQuarter(parseIsoDate("2026-05-10"), 4);
    expect([isoDate(april.start), isoDate(april.end), april.quarter, april.fiscalYear]).toEqual(["2026-04-01", "2026-06-30", 1, 2027]);
    const aprilNext = fiscalQuarter(parseIsoDate("2027-02-01"), 4, 1);
    expect([isoDate(aprilNext.start), aprilNext.quarter, aprilNext.fiscalYear]).toEqual(["2027-04-01", 1, 2028]);
  });

  it("lists the last Mondays, today included when it is one", () => {
    expect(lastMondays(parseIsoDate("2026-11-23"), 3).map(isoDate)).toEqual(["2026-11-09", "2026-11-16", "2026-11-23"]);
    expect(lastMondays(parseIsoDate("2026-11-22"), 2).map(isoDate)).toEqual(["2026-11-09", "2026-11-16"]);
    expect(isoWeekday(parseIsoDate("2026-11-23"))).toBe(1);
  });

  it("turns local office times into UTC across DST and half-hour zones", () => {
    const at = (date: string, minute: number, zone: string) => new Date(zonedInstant(parseIsoDate(date), minute, zone)).toISOString();
    expect(at("2026-03-27", 540, "Europe/London")).toBe("2026-03-27T09:00:00.000Z");
    expect(at("2026-03-30", 540, "Europe/London")).toBe("2026-03-30T08:00:00.000Z");
    expect(at("2026-11-02", 510, "America/New_York")).toBe("2026-11-02T13:30:00.000Z");
    expect(at("2026-10-30", 510, "America/New_York")).toBe("2026-10-30T12:30:00.000Z");
    expect(at("2026-06-01", 540, "Asia/Kuala_Lumpur")).toBe("2026-06-01T01:00:00.000Z");
    expect(at("2026-06-01", 570, "Asia/Kolkata")).toBe("2026-06-01T04:00:00.000Z");
  });
});

describe("simulated deal histories", () => {
  it("end where the plan says, never after yesterday, with activity after every change", () => {
    const random = new Random("histories");
    const today = parseIsoDate("2026-11-23");
    for (let index = 0; index < 2_000; index++) {
      const outcome = random.pick(["won", "lost", "open"] as const);
      const closeDay = outcome === "open" ? today + random.int(-20, 120) : today - random.int(1, 400);
      const plan: DealPlan = {
        createdDay: Math.min(today - 1, closeDay - random.int(5, 120)),
        outcome,
        stage: random.int(0, 4),
        closeDay,
        amountMinor: random.int(1, 500) * 100_000,
        stale: outcome === "open" && random.chance(0.3),
      };
      const history = simulateDeal(random, plan, today);
      const now = dealStateAt(history, today)!;
      expect(now.stage).toBe(outcome === "won" ? STAGE_WON : outcome === "lost" ? STAGE_LOST : plan.stage);
      if (outcome === "open") expect(now.closeDay).toBe(plan.closeDay);
      else expect(now.closeDay).toBeLessThan(today);
      expect(dealStateAt(history, history.createdDay - 1)).toBeNull();
      for (const event of history.events) {
        expect(event.day).toBeLessThan(today);
        expect(event.day).toBeGreaterThanOrEqual(history.createdDay);
        expect(event.day).toBeLessThanOrEqual(history.lastActivityDay);
        expect(isoWeekday(event.day)).toBeLessThanOrEqual(5);
      }
      if (plan.stale && history.createdDay <= today - 36) expect(history.lastActivityDay).toBeLessThanOrEqual(today - 15);
      expect(now.stageEnteredDay).toBeLessThanOrEqual(now.changedDay);
    }
  });
});

describe("the demo organisation in memory", () => {
  it("has 25 reps with unique lower-case e-mails at the demo domain", () => {
    const emails = DEMO_PEOPLE.map(demoEmail);
    expect(new Set(emails).size).toBe(emails.length);
    for (const email of emails) expect(email).toBe(email.toLowerCase());
    for (const email of emails) expect(email.endsWith(`@${DEMO_EMAIL_DOMAIN}`)).toBe(true);
    expect(DEMO_PEOPLE.filter((person) => person.role === "rep")).toHaveLength(25);
    expect(DEMO_PEOPLE.filter((person) => person.newHire)).toHaveLength(1);
  });

  it("is the same for the same day and different for another", () => {
    const first = JSON.stringify(buildDemoTenant("2026-11-23"));
    expect(JSON.stringify(buildDemoTenant("2026-11-23"))).toBe(first);
    expect(JSON.stringify(buildDemoTenant("2026-11-24"))).not.toBe(first);
  });

  it.each(["2026-01-01", "2026-03-31", "2026-10-01", "2024-02-29", "2027-06-15"])("builds a complete tenant on %s", (today) => {
    const plan = buildDemoTenant(today);
    expect(plan.counts.opportunities).toBeGreaterThan(500);
    expect(plan.counts.opportunities).toBeLessThan(700);
    expect(plan.counts.employees).toBe(30);
    const opportunities = plan.steps.find((step) => step.kind === "insert" && step.table === "opportunity");
    if (opportunities?.kind !== "insert") throw new Error("no opportunities");
    const stageColumn = opportunities.columns.findIndex((column) => column.name === "stage_id");
    expect(new Set(opportunities.rows.map((row) => row[stageColumn])).size).toBe(7);
  });
});
