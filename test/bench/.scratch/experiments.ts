// Scratch: what would make the team aggregates fast? Each variant in a transaction that is rolled back.
import pg from "pg";
const url = "postgresql://postgres@127.0.0.1:5432/salesops_bench_2000_500000";
const client = new pg.Client({ connectionString: url });
await client.connect();
const tenant = (await client.query(`SELECT id FROM tenant LIMIT 1`)).rows[0].id as string;
const members = (await client.query(`SELECT id::text FROM employee WHERE tenant_id = $1`, [tenant])).rows.map((r) => r.id as string);
const deal = `
    SELECT d.owner_id::text AS owner_id, d.forecast_category::text AS forecast_category, d.is_closed, d.is_won,
           s.name AS stage_name, d.probability::int AS probability, MIN(d.close_date) AS close_date,
           SUM(d.amount_minor)::text AS amount, COUNT(*)::int AS deals
      FROM opportunity d
      JOIN stage s ON s.id = d.stage_id
     WHERE d.tenant_id = $1::uuid
       AND d.owner_id = ANY($2::uuid[])
       AND d.close_date BETWEEN $3::date AND $4::date
     GROUP BY d.owner_id, d.forecast_category, d.is_closed, d.is_won, s.name, d.probability, date_trunc('month', d.close_date)`;
const snap = deal.replace("FROM opportunity d", "FROM pipeline_snapshot d").replace("WHERE d.tenant_id = $1::uuid", "WHERE d.tenant_id = $1::uuid AND d.snapshot_date = '2026-11-16'::date");
const params = [tenant, members, "2026-10-01", "2026-12-31"];
async function time(label: string, sql: string, p: unknown[], n = 7) {
  const xs: number[] = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); await client.query(sql, p); xs.push(performance.now() - t); }
  xs.sort((a, b) => a - b);
  const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, p)).rows.map((r) => r["QUERY PLAN"] as string);
  const nodes = plan.filter((l) => /->|Aggregate|Sort Method|Execution/.test(l)).map((l) => l.trim().replace(/\(cost=[^)]*\)\s*/, "").slice(0, 110));
  console.log(`${label}: median ${xs[Math.floor(n / 2)]!.toFixed(0)} ms (min ${xs[0]!.toFixed(0)})  load ${(await import("node:os")).loadavg()[0]!.toFixed(2)}`);
  for (const l of nodes.slice(0, 8)) console.log("    " + l);
}
console.log((await client.query(`SELECT relname, n_live_tup, last_vacuum, last_autovacuum, last_analyze, last_autoanalyze FROM pg_stat_user_tables WHERE relname IN ('opportunity','pipeline_snapshot')`)).rows);
console.log((await client.query(`SELECT pg_size_pretty(pg_relation_size('opportunity')) opp, pg_size_pretty(pg_relation_size('pipeline_snapshot')) snap, current_setting('shared_buffers') sb, current_setting('work_mem') wm`)).rows);
await time("dealSummaries as is", deal, params);
await time("snapshotSummaries as is", snap, params);
await client.query("BEGIN");
await client.query("SET LOCAL work_mem = '64MB'");
await time("dealSummaries, work_mem 64MB", deal, params);
await time("snapshotSummaries, work_mem 64MB", snap, params);
await client.query("ROLLBACK");
const noOwner = (sql: string) => sql.replace("AND d.owner_id = ANY($2::uuid[])", "AND $2::uuid[] IS NOT NULL");
await time("dealSummaries, no owner filter (whole tenant)", noOwner(deal), params);
await client.query("BEGIN");
let t = performance.now();
await client.query(`CREATE INDEX bench_tmp_opp_cover ON opportunity (tenant_id, close_date) INCLUDE (owner_id, stage_id, forecast_category, is_closed, is_won, probability, amount_minor)`);
await client.query(`CREATE INDEX bench_tmp_snap_cover ON pipeline_snapshot (tenant_id, snapshot_date, close_date) INCLUDE (owner_id, stage_id, forecast_category, is_closed, is_won, probability, amount_minor)`);
console.log(`covering indexes built in ${(performance.now() - t).toFixed(0)} ms`);
await client.query("SET LOCAL work_mem = '64MB'");
await time("dealSummaries, covering index + work_mem 64MB", deal, params);
await time("snapshotSummaries, covering index + work_mem 64MB", snap, params);
await client.query("ROLLBACK");
// Pre-aggregated per owner × month × state: how big, how fast to read.
await client.query("BEGIN");
t = performance.now();
await client.query(`CREATE TEMP TABLE agg AS
  SELECT tenant_id, owner_id, forecast_category, is_closed, is_won, stage_id, probability, date_trunc('month', close_date)::date AS month,
         MIN(close_date) AS close_date, SUM(amount_minor) AS amount, COUNT(*) AS deals
    FROM opportunity GROUP BY 1,2,3,4,5,6,7,8`);
await client.query(`CREATE INDEX ON agg (tenant_id, month)`);
await client.query(`ANALYZE agg`);
console.log(`owner×month aggregate built in ${(performance.now() - t).toFixed(0)} ms, ${(await client.query("SELECT count(*) FROM agg")).rows[0].count} rows`);
await time("read from owner×month aggregate", `SELECT a.owner_id::text, a.forecast_category::text, a.is_closed, a.is_won, s.name, a.probability, a.close_date, a.amount::text, a.deals
  FROM agg a JOIN stage s ON s.id = a.stage_id WHERE a.tenant_id = $1::uuid AND a.owner_id = ANY($2::uuid[]) AND a.month BETWEEN $3::date AND $4::date`, params);
await client.query("ROLLBACK");
await client.end();
