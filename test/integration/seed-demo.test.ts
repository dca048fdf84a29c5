// The demo tenant and the large benchmark tenant on a real database: PGlite always, PostgreSQL
// too when TEST_DATABASE_URL is set (a fresh database per backend, dropped afterwards).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../../src/core/errors.js";
import { type Database, type SqlSession, openDatabase } from "../../src/db/database.js";
import {
  DEMO_EMAIL_DOMAIN,
  DEMO_TENANT_ID,
  ensureDemoTenant,
  hasAnyTenant,
  seedDemoTenant,
} from "../../src/db/seed/demo-tenant.js";
import { seedLargeTenant } from "../../src/db/seed/large-tenant.js";
import { backends, createTestDatabase, type TestDatabase } from "../support/databases.js";

// A Monday, so the newest snapshot is taken "today" and must match the current rows exactly.
const TODAY = "2026-11-23";
const QUARTER_START = "2026-10-01";
const TENANT_TABLES = ["employee", "team", "quota", "commission_plan", "commission_tier", "plan_assignment", "stage", "opportunity", "pipeline_snapshot", "forecast_call"];

async function rows<T extends Record<string, unknown>>(db: Database, sql: string, params: unknown[] = []): Promise<T[]> {
  try {
    return await db.withSession((session) => session.query<T>(sql, params));
  } catch (error) {
    throw new Error(`${(error as Error).message} in: ${sql.replace(/\s+/g, " ").slice(0, 160)}`);
  }
}

async function one<T extends Record<string, unknown>>(db: Database, sql: string, params: unknown[] = []): Promise<T> {
  const [row] = await rows<T>(db, sql, params);
  if (!row) throw new Error(`no row from ${sql}`);
  return row;
}

/** md5 of every row the tenant owns, table by table, in a stable order. */
async function digest(db: Database, tenantId: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of ["tenant", ...TENANT_TABLES]) {
    const where = table === "tenant" ? `t."id" = $1::uuid` : `t."tenant_id" = $1::uuid`;
    const row = await one<{ digest: string; n: number }>(
      db,
      `SELECT md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS digest, count(*)::int AS n FROM "${table}" t WHERE ${where}`,
      [tenantId],
    );
    result[table] = `${row.n}:${row.digest}`;
  }
  return result;
}

async function deleteTenant(db: Database, tenantId: string): Promise<void> {
  await db.withSession(async (session) => {
    await session.query(`DELETE FROM "opportunity" WHERE "tenant_id" = $1::uuid`, [tenantId]);
    await session.query(`DELETE FROM "tenant" WHERE "id" = $1::uuid`, [tenantId]);
  });
}

/** The same database, except that any statement matching `pattern` fails. */
function failingOn(db: Database, pattern: RegExp): Database {
  const wrap = (session: SqlSession): SqlSession => ({
    query: (sql, params) => (pattern.test(sql) ? Promise.reject(new Error("injected failure")) : session.query(sql, params)),
    exec: (script) => session.exec(script),
  });
  return { kind: db.kind, prisma: db.prisma, close: () => db.close(), withSession: (work) => db.withSession((session) => work(wrap(session))) };
}

for (const kind of backends) {
  describe(`demo tenant seed [${kind}]`, () => {
    let testDb: TestDatabase;
    let db: Database;
    beforeAll(async () => {
      testDb = await createTestDatabase(kind);
      db = testDb.db;
    });
    afterAll(async () => {
      await testDb?.dispose();
    });

    it("writes nothing at all when it fails part-way", async () => {
      await expect(ensureDemoTenant(failingOn(db, /INSERT INTO "pipeline_snapshot"/), TODAY, "auto")).rejects.toThrow("injected failure");
      for (const table of ["tenant", ...TENANT_TABLES]) {
        expect((await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM "${table}"`)).n, table).toBe(0);
      }
      expect(await hasAnyTenant(db)).toBe(false);
    });

    it("leaves a database that already has a tenant alone in auto mode", async () => {
      await rows(db, `INSERT INTO "tenant" (id, name, currency, time_zone, updated_at) VALUES ($1::uuid, 'Acme Trading', 'MYR', 'Asia/Kuala_Lumpur', now())`, [
        "00000000-0000-4000-8000-000000000001",
      ]);
      expect(await hasAnyTenant(db)).toBe(true);
      expect(await ensureDemoTenant(db, TODAY, "auto")).toBeNull();
      expect(await ensureDemoTenant(db, TODAY, "never")).toBeNull();
      expect((await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM "tenant"`)).n).toBe(1);
    });

    it("seeds once even when two start-ups race for it", async () => {
      const second = testDb.url ? await openDatabase({ databaseUrl: testDb.url, maxConnections: 2 }) : db;
      try {
        const results = await Promise.all([ensureDemoTenant(db, TODAY, "always"), ensureDemoTenant(second, TODAY, "always")]);
        expect(results.filter((result) => result !== null)).toHaveLength(1);
      } finally {
        if (second !== db) await second.close();
      }
      expect((await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM "tenant" WHERE is_demo`)).n).toBe(1);
      expect(await ensureDemoTenant(db, TODAY, "always")).toBeNull();
      expect(await ensureDemoTenant(db, TODAY, "auto")).toBeNull();
      const error = await seedDemoTenant(db, { today: TODAY }).catch((caught: unknown) => caught);
      expect(isAppError(error) && error.code).toBe("conflict");
    });

    it("is the organisation the brief describes", async () => {
      const tenant = await one<Record<string, unknown>>(
        db,
        `SELECT name, currency, fiscal_year_start_month, time_zone, locale, anonymity_threshold, leaderboard_visibility::text AS leaderboard, is_demo FROM "tenant" WHERE id = $1::uuid`,
        [DEMO_TENANT_ID],
      );
      expect(tenant).toEqual({
        name: "Demo Sdn Bhd", currency: "MYR", fiscal_year_start_month: 1, time_zone: "Asia/Kuala_Lumpur", locale: "en",
        anonymity_threshold: 5, leaderboard: "percentages", is_demo: true,
      });

      const teams = await rows<{ name: string; channel: string; manager_role: string; manager_team: string; id: string; time_zone: string }>(
        db,
        `SELECT t.id::text, t.name, t.time_zone, t.slack_channel_id AS channel, m.role::text AS manager_role, m.team_id::text AS manager_team
           FROM "team" t JOIN "employee" m ON m.id = t.manager_id WHERE t.tenant_id = $1::uuid ORDER BY t.name`,
        [DEMO_TENANT_ID],
      );
      expect(teams.map((team) => [team.name, team.time_zone])).toEqual([
        ["Americas Commercial", "America/New_York"], ["APAC Enterprise", "Asia/Kuala_Lumpur"], ["EMEA Mid-Market", "Europe/London"],
      ].sort((a, b) => (a[0]! < b[0]! ? -1 : 1)));
      for (const team of teams) {
        expect(team.manager_role).toBe("manager");
        expect(team.manager_team).toBe(team.id);
        expect(team.channel).toMatch(/^C[A-Z0-9]{8,}$/);
      }

      const people = await rows<{ role: string; email: string; slack: string; time_zone: string; locale: string; manager_role: string | null; team: string | null }>(
        db,
        `SELECT e.role::text AS role, e.email, e.slack_user_id AS slack, e.time_zone, e.locale, m.role::text AS manager_role, e.team_id::text AS team
           FROM "employee" e LEFT JOIN "employee" m ON m.id = e.manager_id WHERE e.tenant_id = $1::uuid`,
        [DEMO_TENANT_ID],
      );
      const reps = people.filter((person) => person.role === "rep");
      expect(reps.length).toBeGreaterThanOrEqual(22);
      expect(reps.length).toBeLessThanOrEqual(28);
      for (const rep of reps) {
        expect(rep.manager_role).toBe("manager");
        expect(rep.team).not.toBeNull();
      }
      expect(people.filter((person) => person.role === "admin")).toHaveLength(1);
      const top = people.filter((person) => person.manager_role === null);
      expect(top).toHaveLength(1);
      expect(top[0]!.role).toBe("manager");
      for (const person of people) {
        expect(person.email).toBe(person.email.toLowerCase());
        expect(person.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`)).toBe(true);
        expect(person.slack).toMatch(/^U[A-Z0-9]{8,}$/);
      }
      expect(new Set(people.map((person) => person.slack)).size).toBe(people.length);
      const zones = new Set(people.map((person) => person.time_zone));
      expect(zones.size).toBeGreaterThanOrEqual(3);
      for (const zone of ["Asia/Kuala_Lumpur", "Europe/London", "America/New_York"]) expect(zones).toContain(zone);
      expect(people.some((person) => person.locale === "ms")).toBe(true);

      const ramping = await rows<{ start_date: string; ramp: number }>(
        db,
        `SELECT e.start_date::text AS start_date, q.ramp_percent AS ramp FROM "quota" q JOIN "employee" e ON e.id = q.employee_id
          WHERE q.tenant_id = $1::uuid AND q.period_start = $2::date AND q.ramp_percent < 100`,
        [DEMO_TENANT_ID, QUARTER_START],
      );
      expect(ramping).toHaveLength(1);
      expect(ramping[0]!.ramp).toBe(50);
      expect(ramping[0]!.start_date >= QUARTER_START && ramping[0]!.start_date <= TODAY).toBe(true);

      const withoutQuota = await one<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM "employee" e WHERE e.tenant_id = $1::uuid AND e.role IN ('rep', 'manager')
           AND NOT EXISTS (SELECT 1 FROM "quota" q WHERE q.employee_id = e.id AND q.period_start = $2::date)`,
        [DEMO_TENANT_ID, QUARTER_START],
      );
      expect(withoutQuota.n).toBe(0);
      const quarters = await one<{ n: number }>(db, `SELECT count(DISTINCT period_start)::int AS n FROM "quota" WHERE tenant_id = $1::uuid`, [DEMO_TENANT_ID]);
      expect(quarters.n).toBe(6);
      // A manager's quota is what their reps carry (ramped), in every quarter.
      const mismatched = await one<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM "quota" mq JOIN "team" t ON t.manager_id = mq.employee_id
          WHERE mq.tenant_id = $1::uuid AND mq.amount_minor <> (
            SELECT sum(round(q.amount_minor * q.ramp_percent / 100.0)) FROM "quota" q JOIN "employee" r ON r.id = q.employee_id
             WHERE r.manager_id = mq.employee_id AND q.period_start = mq.period_start)`,
        [DEMO_TENANT_ID],
      );
      expect(mismatched.n).toBe(0);
      const tiers = await rows<{ rate: string }>(db, `SELECT rate::text AS rate FROM "commission_tier" WHERE tenant_id = $1::uuid ORDER BY sort_order`, [DEMO_TENANT_ID]);
      expect(tiers.map((tier) => Number(tier.rate))).toEqual([0.02, 0.08, 0.12]);

      const deals = await one<{ n: number; stages: number; overdue: number; stale: number; open: number }>(
        db,
        `SELECT count(*)::int AS n, count(DISTINCT stage_id)::int AS stages,
                count(*) FILTER (WHERE NOT is_closed AND close_date < $2::date)::int AS overdue,
                count(*) FILTER (WHERE NOT is_closed AND last_activity_at < $2::date - 14)::int AS stale,
                count(*) FILTER (WHERE NOT is_closed)::int AS open
           FROM "opportunity" WHERE tenant_id = $1::uuid`,
        [DEMO_TENANT_ID, TODAY],
      );
      expect(deals.n).toBeGreaterThanOrEqual(500);
      expect(deals.n).toBeLessThanOrEqual(700);
      expect(deals.stages).toBe(7);
      expect(deals.overdue).toBeGreaterThan(0);
      expect(deals.stale).toBeGreaterThan(0);
      const inconsistent = await one<{ n: number }>(
        db,
        `SELECT count(*)::int AS n FROM "opportunity" o JOIN "stage" s ON s.id = o.stage_id
          WHERE o.tenant_id = $1::uuid AND (o.is_closed <> s.is_closed OR o.is_won <> s.is_won OR o.forecast_category <> s.forecast_category
             OR o.source <> 'demo' OR o.currency <> 'MYR' OR o.created_date > o.close_date AND o.is_closed OR o.last_activity_at >= $2::date)`,
        [DEMO_TENANT_ID, TODAY],
      );
      expect(inconsistent.n).toBe(0);

      const snapshotDates = await rows<{ day: string; weekday: number }>(
        db,
        `SELECT DISTINCT snapshot_date::text AS day, extract(isodow FROM snapshot_date)::int AS weekday FROM "pipeline_snapshot" WHERE tenant_id = $1::uuid ORDER BY 1`,
        [DEMO_TENANT_ID],
      );
      // Every Monday from the first of the oldest seeded quarter (Q4 FY2025: Wed 1 Oct 2025 -> Mon
      // 6 Oct) to today: 52 weeks to 5 Oct 2026, 7 more to 23 Nov = 60 snapshots (past quarters
      // to replay for /forecast method).
      expect(snapshotDates).toHaveLength(60);
      expect(snapshotDates[0]!.day).toBe("2025-10-06");
      expect(snapshotDates.every((row) => row.weekday === 1)).toBe(true);
      expect(snapshotDates.at(-1)!.day).toBe(TODAY);
      // Today's snapshot holds every open deal, exactly as the current rows have it.
      const drift = await one<{ missing: number; differing: number }>(
        db,
        `SELECT
           (SELECT count(*)::int FROM "opportunity" o WHERE o.tenant_id = $1::uuid AND NOT o.is_closed
              AND NOT EXISTS (SELECT 1 FROM "pipeline_snapshot" p WHERE p.opportunity_id = o.id AND p.snapshot_date = $2::date)) AS missing,
           (SELECT count(*)::int FROM "pipeline_snapshot" p JOIN "opportunity" o ON o.id = p.opportunity_id
             WHERE p.tenant_id = $1::uuid AND p.snapshot_date = $2::date
               AND (p.stage_id, p.amount_minor, p.close_date, p.forecast_category, p.owner_id) IS DISTINCT FROM
                   (o.stage_id, o.amount_minor, o.close_date, o.forecast_category, o.owner_id)) AS differing`,
        [DEMO_TENANT_ID, TODAY],
      );
      expect(drift).toEqual({ missing: 0, differing: 0 });
      // The weeks before show movement: stage changes, pushed dates, new and closed deals.
      const movement = await one<{ moved: number; pushed: number; added: number; closed: number }>(
        db,
        `WITH pairs AS (
           SELECT a.opportunity_id, a.stage_id AS a_stage, b.stage_id AS b_stage, a.close_date AS a_close, b.close_date AS b_close,
                  a.is_closed AS a_closed, b.is_closed AS b_closed
             FROM "pipeline_snapshot" a JOIN "pipeline_snapshot" b ON b.opportunity_id = a.opportunity_id AND b.snapshot_date = a.snapshot_date + 7
            WHERE a.tenant_id = $1::uuid)
         SELECT count(*) FILTER (WHERE a_stage <> b_stage)::int AS moved, count(*) FILTER (WHERE b_close > a_close AND NOT b_closed)::int AS pushed,
                (SELECT count(*)::int FROM "pipeline_snapshot" b WHERE b.tenant_id = $1::uuid AND b.snapshot_date > $2::date
                   AND NOT EXISTS (SELECT 1 FROM "pipeline_snapshot" a WHERE a.opportunity_id = b.opportunity_id AND a.snapshot_date = b.snapshot_date - 7)) AS added,
                count(*) FILTER (WHERE b_closed AND NOT a_closed)::int AS closed
           FROM pairs`,
        [DEMO_TENANT_ID, snapshotDates[0]!.day],
      );
      expect(movement.moved).toBeGreaterThan(0);
      expect(movement.pushed).toBeGreaterThan(0);
      expect(movement.added).toBeGreaterThan(0);
      expect(movement.closed).toBeGreaterThan(0);

      const calls = await one<{ n: number; bad: number }>(
        db,
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE e.role <> 'manager' OR f.best_case_minor < f.commit_minor OR f.submitted_at >= $2::date)::int AS bad
           FROM "forecast_call" f JOIN "employee" e ON e.id = f.employee_id WHERE f.tenant_id = $1::uuid`,
        [DEMO_TENANT_ID, TODAY],
      );
      expect(calls.n).toBeGreaterThan(0);
      expect(calls.bad).toBe(0);
    });

    it("writes identical rows, ids included, when seeded again for the same day", async () => {
      const before = await digest(db, DEMO_TENANT_ID);
      await deleteTenant(db, DEMO_TENANT_ID);
      expect(await digest(db, DEMO_TENANT_ID)).not.toEqual(before);
      const seeded = await seedDemoTenant(db, { today: TODAY });
      expect(seeded.tenantId).toBe(DEMO_TENANT_ID);
      expect(await digest(db, DEMO_TENANT_ID)).toEqual(before);
      expect(seeded.counts.opportunities).toBe(Number(before.opportunity!.split(":")[0]));
    });

    it("builds a small large tenant with the counts asked for", async () => {
      const report = await seedLargeTenant(db, { reps: 50, opportunities: 5_000, today: TODAY, tenantName: "Bench Test", batchSize: 1_000 });
      const tenantId = report.tenantId;
      const counted = await one<{ opportunities: number; reps: number; employees: number; snapshots: number; dates: number; quotas: number }>(
        db,
        `SELECT (SELECT count(*)::int FROM "opportunity" WHERE tenant_id = $1::uuid) AS opportunities,
                (SELECT count(*)::int FROM "employee" WHERE tenant_id = $1::uuid AND role = 'rep') AS reps,
                (SELECT count(*)::int FROM "employee" WHERE tenant_id = $1::uuid) AS employees,
                (SELECT count(*)::int FROM "pipeline_snapshot" WHERE tenant_id = $1::uuid) AS snapshots,
                (SELECT count(DISTINCT snapshot_date)::int FROM "pipeline_snapshot" WHERE tenant_id = $1::uuid) AS dates,
                (SELECT count(*)::int FROM "quota" q JOIN "employee" e ON e.id = q.employee_id
                  WHERE q.tenant_id = $1::uuid AND e.role = 'rep' AND q.period_start = $2::date) AS quotas`,
        [tenantId, QUARTER_START],
      );
      expect(counted).toEqual({ opportunities: 5_000, reps: 50, employees: 60, snapshots: report.counts.pipeline_snapshot, dates: 8, quotas: 50 });
      expect(report.counts.opportunity).toBe(5_000);
      expect(report.timings.opportunity?.rows).toBe(5_000);
      // rep → manager → director → VP → CEO
      const depth = await one<{ depth: number; teams: number }>(
        db,
        `WITH RECURSIVE chain AS (
           SELECT id, manager_id, 0 AS depth FROM "employee" WHERE tenant_id = $1::uuid AND role = 'rep'
           UNION ALL SELECT c.id, m.manager_id, c.depth + 1 FROM chain c JOIN "employee" m ON m.id = c.manager_id)
         SELECT max(depth)::int AS depth, (SELECT count(*)::int FROM "team" WHERE tenant_id = $1::uuid AND manager_id IS NOT NULL) AS teams FROM chain`,
        [tenantId],
      );
      expect(depth).toEqual({ depth: 4, teams: 6 });
      await expect(seedLargeTenant(db, { reps: 5, opportunities: 10, today: TODAY, tenantName: "Bench Test" })).rejects.toThrow(/--replace/);
      const replaced = await seedLargeTenant(db, { reps: 5, opportunities: 10, today: TODAY, tenantName: "Bench Test", replace: true, snapshots: 0 });
      expect(replaced.tenantId).toBe(tenantId);
      expect((await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM "opportunity" WHERE tenant_id = $1::uuid`, [tenantId])).n).toBe(10);
      // The demo tenant next door is untouched.
      expect((await one<{ n: number }>(db, `SELECT count(*)::int AS n FROM "opportunity" WHERE tenant_id = $1::uuid`, [DEMO_TENANT_ID])).n).toBeGreaterThan(500);
    });
  });
}
