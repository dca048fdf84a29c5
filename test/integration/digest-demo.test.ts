// The weekly digest of the demo organisation's APAC Enterprise team, on each backend, checked
// against figures computed here with plain SQL (not with the code under test): the team's
// closed won, commit, best case and pipeline for the quarter, the deals won since last week's
// snapshot, the deals at risk, the top deals and the trend, week by week.
import { expect, it } from "vitest";
import { answerText } from "../../src/core/i18n/answers.js";
import { formatCompactMoney } from "../../src/core/i18n/format.js";
import type { Reply, ReplyBlock } from "../../src/core/reply.js";
import { composeForecastDigest } from "../../src/core/use-cases/compose-forecast-digest.js";
import { withCaches } from "../../src/db/repositories/cached-sales-data.js";
import { createSalesData } from "../../src/db/repositories/sales-data.js";
import { demoEmployeeId, demoTeamId, seedDemoTenant } from "../../src/db/seed/demo-tenant.js";
import { describeEachBackend } from "../support/databases.js";

/** Monday 10 Aug 2026, 08:00 in Kuala Lumpur: the digest's slot. Q3 FY2026 is 1 Jul – 30 Sep. */
const TODAY = "2026-08-10";
const NOW = new Date("2026-08-10T00:00:00Z");
const Q_START = "2026-07-01";
const Q_END = "2026-09-30";
const APAC = demoTeamId("apac");

/** The team: its manager and everyone below them, transitively. */
const TEAM_CTE = `
  WITH RECURSIVE team_people(id) AS (
    SELECT manager_id FROM team WHERE id = $1::uuid
    UNION
    SELECT e.id FROM employee e JOIN team_people t ON e.manager_id = t.id
  )`;

const lists = (reply: Reply): Array<Extract<ReplyBlock, { kind: "list" }>> => reply.blocks.flatMap((b) => (b.kind === "list" ? [b] : []));
const nbsp = (text: string): string => text.replace(/\u00a0/g, " ");

describeEachBackend("Weekly digest on the demo organisation", ({ db }) => {
  async function demo() {
    const existing = await db().prisma.tenant.findFirst({ select: { id: true } });
    const tenantId = existing?.id ?? (await seedDemoTenant(db(), { today: TODAY })).tenantId;
    return { tenantId, data: withCaches(createSalesData(db().prisma)) };
  }

  async function sql<Row extends Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> {
    return db().withSession((session) => session.query<Row>(text, params));
  }

  it("composes APAC Enterprise's quarter as plain SQL adds it up", async () => {
    const { tenantId, data } = await demo();
    // The first composition warms the connection and the per-tenant caches (org, win-rate counts);
    // the second is what each further team of a scheduled run costs.
    await composeForecastDigest({ data, tenantId, teamId: APAC, now: NOW });
    const started = performance.now();
    const digest = await composeForecastDigest({ data, tenantId, teamId: APAC, now: NOW });
    const ms = performance.now() - started;

    const [expected] = await sql<{ closed: string; commit: string; best: string; pipeline: string; weighted: string; people: number }>(
      `${TEAM_CTE}
       SELECT COALESCE(SUM(amount_minor) FILTER (WHERE is_closed AND is_won), 0)::text AS closed,
              COALESCE(SUM(amount_minor) FILTER (WHERE (is_closed AND is_won) OR (NOT is_closed AND forecast_category IN ('Commit', 'Closed'))), 0)::text AS commit,
              COALESCE(SUM(amount_minor) FILTER (WHERE (is_closed AND is_won) OR (NOT is_closed AND forecast_category <> 'Omitted' AND forecast_category <> 'Pipeline')), 0)::text AS best,
              COALESCE(SUM(amount_minor) FILTER (WHERE NOT is_closed AND forecast_category <> 'Omitted'), 0)::text AS pipeline,
              ROUND(COALESCE(SUM(amount_minor * probability) FILTER (WHERE NOT is_closed AND forecast_category <> 'Omitted'), 0) / 100.0)::bigint::text AS weighted,
              (SELECT COUNT(*)::int FROM team_people) AS people
         FROM opportunity
        WHERE tenant_id = $2::uuid AND owner_id IN (SELECT id FROM team_people) AND close_date BETWEEN $3::date AND $4::date`,
      [APAC, tenantId, Q_START, Q_END],
    );
    expect(expected!.people).toBe(10); // Wong Mei Ling and her nine reps
    expect(Number(expected!.closed)).toBeGreaterThan(0);
    expect(digest.teamName).toBe("APAC Enterprise");
    expect(digest.period).toEqual({ start: Q_START, end: Q_END, label: "Q3 FY2026" });
    expect(digest.figures).toMatchObject({
      closedMinor: Number(expected!.closed),
      commitMinor: Number(expected!.commit),
      bestCaseMinor: Number(expected!.best),
      pipelineMinor: Number(expected!.pipeline),
      weightedPipelineMinor: Number(expected!.weighted),
    });
    // Well under a second (about 0.3 s on a busy 2-core machine, embedded database); the bound is
    // loose so that a loaded CI runner does not fail it, tight enough to catch a full snapshot scan.
    expect(ms).toBeLessThan(2_000);
    console.info(`[digest] APAC Enterprise composed in ${ms.toFixed(0)} ms`);
  });

  it("names every deal won since last week's snapshot, largest first", async () => {
    const { tenantId, data } = await demo();
    const digest = await composeForecastDigest({ data, tenantId, teamId: APAC, now: NOW });
    const [{ last_week }] = (await sql<{ last_week: string }>(
      `SELECT to_char(MAX(snapshot_date), 'YYYY-MM-DD') AS last_week FROM pipeline_snapshot WHERE tenant_id = $1::uuid AND snapshot_date <= $2::date - 7`,
      [tenantId, TODAY],
    )) as [{ last_week: string }];
    expect(last_week).toBe("2026-08-03");
    // Won now, closing in the quarter, and not already won in the quarter in last week's snapshot.
    const won = await sql<{ name: string; owner: string; amount: string }>(
      `${TEAM_CTE}
       SELECT o.name, e.name AS owner, o.amount_minor::text AS amount
         FROM opportunity o
         JOIN employee e ON e.id = o.owner_id
         LEFT JOIN pipeline_snapshot p ON p.tenant_id = o.tenant_id AND p.opportunity_id = o.id AND p.snapshot_date = $3::date
        WHERE o.tenant_id = $2::uuid AND o.owner_id IN (SELECT id FROM team_people)
          AND o.is_closed AND o.is_won AND o.close_date BETWEEN $4::date AND $5::date
          AND NOT COALESCE(p.is_closed AND p.is_won AND p.close_date BETWEEN $4::date AND $5::date, false)
        ORDER BY GREATEST(o.amount_minor, COALESCE(p.amount_minor, 0)) DESC, o.id`,
      [APAC, tenantId, last_week, Q_START, Q_END],
    );
    expect(won.length).toBeGreaterThan(0);
    const list = lists(digest.reply).find((block) => block.title?.startsWith("Won ("));
    expect(list?.title).toBe(`Won (${won.length})`);
    expect(list!.items.map(nbsp)).toEqual(
      won.slice(0, 5).map((deal) => `${deal.name} (${deal.owner}) — ${nbsp(formatCompactMoney(Number(deal.amount), "MYR", "en"))}`),
    );
    expect(list!.moreCount).toBe(Math.max(0, won.length - 5));
  });

  it("lists the deals at risk and the top deals as plain SQL finds them", async () => {
    const { tenantId, data } = await demo();
    const digest = await composeForecastDigest({ data, tenantId, teamId: APAC, now: NOW });
    const risky = await sql<{ name: string }>(
      `${TEAM_CTE}
       SELECT name FROM opportunity
        WHERE tenant_id = $2::uuid AND owner_id IN (SELECT id FROM team_people) AND NOT is_closed AND forecast_category <> 'Omitted'
          AND close_date <= $3::date
          AND (close_date < $4::date OR last_activity_at < $5::timestamptz - interval '14 days' OR stage_entered_at < $5::timestamptz - interval '30 days')
        ORDER BY amount_minor DESC, id`,
      [APAC, tenantId, Q_END, TODAY, NOW.toISOString()],
    );
    expect(risky.length).toBeGreaterThan(0);
    const atRisk = lists(digest.reply).find((block) => block.title?.startsWith("At risk ("));
    expect(atRisk?.title).toBe(`At risk (${risky.length})`);
    expect(atRisk!.items.map((item) => item.slice(0, item.indexOf(" ("))).slice(0, 8)).toEqual(risky.slice(0, 8).map((deal) => deal.name.slice(0, 80)));

    const top = await sql<{ name: string }>(
      `${TEAM_CTE}
       SELECT name FROM opportunity
        WHERE tenant_id = $2::uuid AND owner_id IN (SELECT id FROM team_people) AND NOT is_closed AND forecast_category <> 'Omitted'
          AND close_date BETWEEN $3::date AND $4::date
        ORDER BY amount_minor DESC, id LIMIT 5`,
      [APAC, tenantId, Q_START, Q_END],
    );
    const topList = lists(digest.reply).find((block) => block.title === "Top 5 open deals");
    expect(topList!.items.map((item) => item.slice(0, item.indexOf(" (")))).toEqual(top.map((deal) => deal.name));
  });

  it("draws the trend from the quarter's snapshots, then today's live figures", async () => {
    const { tenantId, data } = await demo();
    const digest = await composeForecastDigest({ data, tenantId, teamId: APAC, now: NOW });
    // Deals the team holds now, as each snapshot of the quarter before today showed them.
    const weeks = await sql<{ week: string; closed: string; commit: string; best: string; pipeline: string }>(
      `${TEAM_CTE}
       SELECT to_char(p.snapshot_date, 'YYYY-MM-DD') AS week,
              COALESCE(SUM(p.amount_minor) FILTER (WHERE p.is_closed AND p.is_won), 0)::text AS closed,
              COALESCE(SUM(p.amount_minor) FILTER (WHERE (p.is_closed AND p.is_won) OR (NOT p.is_closed AND p.forecast_category IN ('Commit', 'Closed'))), 0)::text AS commit,
              COALESCE(SUM(p.amount_minor) FILTER (WHERE (p.is_closed AND p.is_won) OR (NOT p.is_closed AND p.forecast_category NOT IN ('Omitted', 'Pipeline'))), 0)::text AS best,
              COALESCE(SUM(p.amount_minor) FILTER (WHERE NOT p.is_closed AND p.forecast_category <> 'Omitted'), 0)::text AS pipeline
         FROM pipeline_snapshot p JOIN opportunity o ON o.id = p.opportunity_id
        WHERE p.tenant_id = $2::uuid AND o.owner_id IN (SELECT id FROM team_people)
          AND p.snapshot_date >= $3::date AND p.snapshot_date < $5::date AND p.close_date BETWEEN $3::date AND $4::date
        GROUP BY p.snapshot_date ORDER BY p.snapshot_date`,
      [APAC, tenantId, Q_START, Q_END, TODAY],
    );
    // Mondays of the quarter before 10 Aug: 6, 13, 20, 27 Jul and 3 Aug.
    expect(weeks.map((week) => week.week)).toEqual(["2026-07-06", "2026-07-13", "2026-07-20", "2026-07-27", "2026-08-03"]);
    expect(digest.chart.points).toEqual([
      ...weeks.map((week) => ({ weekOf: week.week, closedMinor: Number(week.closed), commitMinor: Number(week.commit), bestCaseMinor: Number(week.best) })),
      { weekOf: TODAY, closedMinor: digest.figures.closedMinor, commitMinor: digest.figures.commitMinor, bestCaseMinor: digest.figures.bestCaseMinor },
    ]);
    expect(digest.chart.quotaMinor).toBe(digest.figures.quotaMinor);

    // The change since last week (3 Aug) is today's figures less that week's, deal by deal.
    const lastWeek = weeks.at(-1)!;
    const change = digest.reply.blocks.find((block) => block.kind === "text");
    expect(change).toEqual({
      kind: "text",
      text: answerText("en", "change.since", {
        date: "2026-08-03",
        currency: "MYR",
        delta: {
          closedMinor: digest.figures.closedMinor - Number(lastWeek.closed),
          commitMinor: digest.figures.commitMinor - Number(lastWeek.commit),
          bestCaseMinor: digest.figures.bestCaseMinor - Number(lastWeek.best),
          pipelineMinor: digest.figures.pipelineMinor - Number(lastWeek.pipeline),
        },
      }),
    });
  });

  it("answers a manager's /forecast digest from the same figures", async () => {
    const { tenantId, data } = await demo();
    const { answerForecastQuestion } = await import("../../src/core/use-cases/answer-forecast-question.js");
    const reply = await answerForecastQuestion({ data, tenantId, employeeId: demoEmployeeId("meiling.wong"), locale: "en", text: "digest", now: NOW });
    // Asked for, not on a schedule: no cadence in the heading.
    expect(reply.blocks[0]).toEqual({ kind: "heading", text: "Forecast digest — APAC Enterprise — Q3 FY2026" });
  });
});
