-- CreateTable
CREATE TABLE "team_deal_summary" (
    "tenant_id" UUID NOT NULL,
    "team_id" UUID NOT NULL,
    "close_month" DATE NOT NULL,
    "forecast_category" "ForecastCategory" NOT NULL,
    "is_closed" BOOLEAN NOT NULL,
    "is_won" BOOLEAN NOT NULL,
    "stage_id" UUID NOT NULL,
    "probability" SMALLINT NOT NULL,
    "amount_minor" DECIMAL(30,0) NOT NULL,
    "deals" INTEGER NOT NULL,

    CONSTRAINT "team_deal_summary_pkey" PRIMARY KEY ("tenant_id","team_id","close_month","forecast_category","is_closed","is_won","stage_id","probability")
);

-- CreateTable
CREATE TABLE "team_snapshot_summary" (
    "tenant_id" UUID NOT NULL,
    "snapshot_date" DATE NOT NULL,
    "team_id" UUID NOT NULL,
    "close_month" DATE NOT NULL,
    "forecast_category" "ForecastCategory" NOT NULL,
    "is_closed" BOOLEAN NOT NULL,
    "is_won" BOOLEAN NOT NULL,
    "stage_id" UUID NOT NULL,
    "probability" SMALLINT NOT NULL,
    "amount_minor" DECIMAL(30,0) NOT NULL,
    "deals" INTEGER NOT NULL,

    CONSTRAINT "team_snapshot_summary_pkey" PRIMARY KEY ("tenant_id","snapshot_date","team_id","close_month","forecast_category","is_closed","is_won","stage_id","probability")
);

-- CreateTable
CREATE TABLE "win_rate_observation" (
    "tenant_id" UUID NOT NULL,
    "snapshot_date" DATE NOT NULL,
    "close_lag" INTEGER NOT NULL,
    "forecast_category" "ForecastCategory" NOT NULL,
    "stage_id" UUID NOT NULL,
    "observations" INTEGER NOT NULL,

    CONSTRAINT "win_rate_observation_pkey" PRIMARY KEY ("tenant_id","snapshot_date","close_lag","forecast_category","stage_id")
);

-- CreateTable
CREATE TABLE "win_rate_win" (
    "tenant_id" UUID NOT NULL,
    "snapshot_date" DATE NOT NULL,
    "win_lag" INTEGER NOT NULL,
    "known_from" DATE NOT NULL,
    "known_until" DATE NOT NULL,
    "forecast_category" "ForecastCategory" NOT NULL,
    "stage_id" UUID NOT NULL,
    "wins" INTEGER NOT NULL,

    CONSTRAINT "win_rate_win_pkey" PRIMARY KEY ("tenant_id","snapshot_date","win_lag","known_from","known_until","forecast_category","stage_id")
);

-- Team summaries: deals and snapshot rows summed per the owner's current team, kept exact by
-- statement-level triggers with transition tables, like deal_summary and snapshot_summary
-- (migration deal_summaries). A deal (or snapshot row) counts for team T when its owner is an
-- employee of its tenant whose team_id is T now. Readers take a team's rows only when every
-- member sits in one group of the question and sum everyone else from the per-owner summaries,
-- so a management chain of any shape is summed exactly.
--
-- Two triggers share the work: deal and snapshot writes add their net change per team group
-- (below), and a change of team moves the person's per-owner summaries between teams
-- (team_summary_move_members). Both take a per-tenant advisory lock, shared by writers and
-- exclusive for a team change, so that a team change waits for the writers that may have read
-- the old team and writers that start later read the new one; each statement of a trigger
-- takes a fresh snapshot in READ COMMITTED (SERIALIZABLE detects the overlap itself). A
-- REPEATABLE READ transaction would read a stale team, so it is refused.
CREATE FUNCTION "summary_lock_tenants"(tenants uuid[], exclusive boolean) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  tenant uuid;
BEGIN
  IF current_setting('transaction_isolation') = 'repeatable read' THEN
    RAISE EXCEPTION 'sales data (deals, snapshots, teams) cannot be written in a REPEATABLE READ transaction: its pre-summed tables need fresh snapshots (use READ COMMITTED or SERIALIZABLE)';
  END IF;
  FOR tenant IN SELECT DISTINCT t FROM unnest(tenants) AS t WHERE t IS NOT NULL ORDER BY 1 LOOP
    IF exclusive THEN
      PERFORM pg_advisory_xact_lock(hashtextextended('team_summary:' || tenant::text, 0));
    ELSE
      PERFORM pg_advisory_xact_lock_shared(hashtextextended('team_summary:' || tenant::text, 0));
    END IF;
  END LOOP;
END
$$;

CREATE FUNCTION "team_summary_apply_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  summary text := quote_ident(TG_ARGV[0]);
  keys text := concat_ws(', ', NULLIF(TG_ARGV[1], ''), 'tenant_id, team_id, close_month, forecast_category, is_closed, is_won, stage_id, probability');
  month_keys text := concat_ws(', ', NULLIF(TG_ARGV[1], ''), 'tenant_id, team_id, close_month');
  changed text;
  tenants uuid[];
  matches text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    EXECUTE format('DELETE FROM %s', summary);
    RETURN NULL;
  END IF;
  changed := concat_ws(' UNION ALL ',
    CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN 'SELECT n.*, 1 AS sign FROM new_rows n' END,
    CASE WHEN TG_OP IN ('DELETE', 'UPDATE') THEN 'SELECT o.*, -1 AS sign FROM old_rows o' END);
  EXECUTE format('SELECT array_agg(DISTINCT tenant_id) FROM (%s) c', changed) INTO tenants;
  PERFORM summary_lock_tenants(tenants, false);
  changed := format(
    'SELECT c.*, e.team_id, date_trunc(''month'', c.close_date)::date AS close_month
       FROM (%s) c JOIN employee e ON e.id = c.owner_id AND e.tenant_id = c.tenant_id
      WHERE e.team_id IS NOT NULL', changed);
  EXECUTE format(
    'INSERT INTO %1$s AS s (%2$s, amount_minor, deals)
       SELECT %2$s, SUM(sign * amount_minor), SUM(sign) FROM (%3$s) d GROUP BY %2$s
       HAVING SUM(sign) <> 0 OR SUM(sign * amount_minor) <> 0
     ON CONFLICT (%2$s) DO UPDATE SET amount_minor = s.amount_minor + EXCLUDED.amount_minor, deals = s.deals + EXCLUDED.deals',
    summary, keys, changed);
  IF TG_OP IN ('DELETE', 'UPDATE') THEN
    SELECT string_agg(format('s.%1$I = k.%1$I', key), ' AND ') INTO matches FROM unnest(string_to_array(month_keys, ', ')) AS key;
    EXECUTE format('DELETE FROM %1$s s USING (SELECT DISTINCT %2$s FROM (%3$s) d) k WHERE %4$s AND s.deals = 0',
      summary, month_keys, changed, matches);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "team_deal_summary_after_insert" AFTER INSERT ON "opportunity" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "team_summary_apply_changes"('team_deal_summary', '');
CREATE TRIGGER "team_deal_summary_after_update" AFTER UPDATE ON "opportunity" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "team_summary_apply_changes"('team_deal_summary', '');
CREATE TRIGGER "team_deal_summary_after_delete" AFTER DELETE ON "opportunity" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "team_summary_apply_changes"('team_deal_summary', '');
CREATE TRIGGER "team_deal_summary_after_truncate" AFTER TRUNCATE ON "opportunity"
  FOR EACH STATEMENT EXECUTE FUNCTION "team_summary_apply_changes"('team_deal_summary', '');

CREATE TRIGGER "team_snapshot_summary_after_insert" AFTER INSERT ON "pipeline_snapshot" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "team_summary_apply_changes"('team_snapshot_summary', 'snapshot_date');
CREATE TRIGGER "team_snapshot_summary_after_update" AFTER UPDATE ON "pipeline_snapshot" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "team_summary_apply_changes"('team_snapshot_summary', 'snapshot_date');
CREATE TRIGGER "team_snapshot_summary_after_delete" AFTER DELETE ON "pipeline_snapshot" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "team_summary_apply_changes"('team_snapshot_summary', 'snapshot_date');
CREATE TRIGGER "team_snapshot_summary_after_truncate" AFTER TRUNCATE ON "pipeline_snapshot"
  FOR EACH STATEMENT EXECUTE FUNCTION "team_summary_apply_changes"('team_snapshot_summary', 'snapshot_date');

-- Someone joins, leaves or changes team, or is added or removed with a team: their per-owner
-- summaries move from the old team's rows to the new team's. An employee's id and tenant are
-- permanent (the summaries are kept by them).
CREATE FUNCTION "team_summary_move_members"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  moved text;
  tenants uuid[];
  summary record;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF EXISTS (SELECT 1 FROM old_rows o LEFT JOIN new_rows n ON n.id = o.id WHERE n.id IS NULL OR n.tenant_id <> o.tenant_id) THEN
      RAISE EXCEPTION 'an employee''s id and tenant cannot change (the pre-summed team tables are kept by them)';
    END IF;
    moved := 'SELECT o.tenant_id, o.id, o.team_id, -1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id
               WHERE o.team_id IS DISTINCT FROM n.team_id AND o.team_id IS NOT NULL
              UNION ALL
              SELECT n.tenant_id, n.id, n.team_id, 1 AS sign FROM old_rows o JOIN new_rows n ON n.id = o.id
               WHERE o.team_id IS DISTINCT FROM n.team_id AND n.team_id IS NOT NULL';
  ELSIF TG_OP = 'INSERT' THEN
    moved := 'SELECT tenant_id, id, team_id, 1 AS sign FROM new_rows WHERE team_id IS NOT NULL';
  ELSE
    moved := 'SELECT tenant_id, id, team_id, -1 AS sign FROM old_rows WHERE team_id IS NOT NULL';
  END IF;
  EXECUTE format('SELECT array_agg(DISTINCT tenant_id) FROM (%s) m', moved) INTO tenants;
  IF tenants IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM summary_lock_tenants(tenants, true);
  FOR summary IN SELECT * FROM (VALUES ('team_deal_summary', 'deal_summary', ''), ('team_snapshot_summary', 'snapshot_summary', 'snapshot_date'))
                   AS t(team_table, owner_table, extra) LOOP
    EXECUTE format(
      'INSERT INTO %1$I AS s (%3$s tenant_id, team_id, close_month, forecast_category, is_closed, is_won, stage_id, probability, amount_minor, deals)
         SELECT %4$s d.tenant_id, m.team_id, d.close_month, d.forecast_category, d.is_closed, d.is_won, d.stage_id, d.probability,
                SUM(m.sign * d.amount_minor), SUM(m.sign * d.deals)
           FROM (%5$s) m JOIN %2$I d ON d.tenant_id = m.tenant_id AND d.owner_id = m.id
          GROUP BY %4$s d.tenant_id, m.team_id, d.close_month, d.forecast_category, d.is_closed, d.is_won, d.stage_id, d.probability
         HAVING SUM(m.sign * d.deals) <> 0 OR SUM(m.sign * d.amount_minor) <> 0
       ON CONFLICT (%3$s tenant_id, team_id, close_month, forecast_category, is_closed, is_won, stage_id, probability)
       DO UPDATE SET amount_minor = s.amount_minor + EXCLUDED.amount_minor, deals = s.deals + EXCLUDED.deals',
      summary.team_table, summary.owner_table,
      CASE WHEN summary.extra = '' THEN '' ELSE summary.extra || ',' END,
      CASE WHEN summary.extra = '' THEN '' ELSE 'd.' || summary.extra || ',' END,
      moved);
    EXECUTE format('DELETE FROM %1$I s USING (SELECT DISTINCT tenant_id, team_id FROM (%2$s) m WHERE sign < 0) k
                     WHERE s.tenant_id = k.tenant_id AND s.team_id = k.team_id AND s.deals = 0', summary.team_table, moved);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER "team_summary_after_employee_insert" AFTER INSERT ON "employee" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "team_summary_move_members"();
CREATE TRIGGER "team_summary_after_employee_update" AFTER UPDATE ON "employee" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "team_summary_move_members"();
CREATE TRIGGER "team_summary_after_employee_delete" AFTER DELETE ON "employee" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "team_summary_move_members"();

-- Win-rate history pre-summed, by the rule of learnWinRates (src/core/projection.ts): for a day
-- asOf and a horizon of H >= 0 days, an observation is an open, non-Omitted snapshot row taken on
-- a day d <= asOf - H whose close date is on or before d + H; it is a win when the deal's latest
-- row dated on or before asOf is won with a close date on or before d + H.
--   win_rate_observation: observations per (d, category, stage, close_lag = days from d to the
--     close date, 0 when on or before d). Linear in the rows: a statement adds its net change.
--   win_rate_win: for each observation and each later span of its deal's history over which the
--     deal's latest row is won with one close date w — [known_from, known_until), from the span's
--     first row to the next row that says otherwise (9999-12-31 while none does) — one win under
--     win_lag = days from d to the later of the close date and w (0 at least).
-- So for (asOf, H):
--   observations = Σ observations where d <= asOf - H and close_lag <= H,
--   wins         = Σ wins where d <= asOf - H and win_lag <= H and known_from <= asOf < known_until.
-- Wins depend on a deal's whole history, so a statement recounts the histories of the deals it
-- touched, as they were and as they are, and adds the difference; writers of one tenant's
-- snapshots take turns (an advisory lock) so that each recount sees the others' committed rows
-- (fresh snapshots per trigger statement in READ COMMITTED; REPEATABLE READ is refused, as above).

-- The wins among `source` (a query returning pipeline_snapshot rows: every row of each deal in it),
-- grouped like win_rate_win.
CREATE FUNCTION "win_rate_wins_sql"(source text) RETURNS text LANGUAGE sql AS $fn$
  SELECT format($q$
    WITH src AS (%s),
    marked AS (
      SELECT tenant_id, opportunity_id, snapshot_date, won_close,
             CASE WHEN LAG(snapshot_date) OVER w IS NOT NULL AND won_close IS NOT DISTINCT FROM LAG(won_close) OVER w THEN 0 ELSE 1 END AS starts
        FROM (SELECT tenant_id, opportunity_id, snapshot_date, CASE WHEN is_closed AND is_won THEN close_date END AS won_close FROM src) s
      WINDOW w AS (PARTITION BY tenant_id, opportunity_id ORDER BY snapshot_date)
    ), numbered AS (
      SELECT m.*, SUM(starts) OVER (PARTITION BY tenant_id, opportunity_id ORDER BY snapshot_date) AS span FROM marked m
    ), spans AS (
      SELECT tenant_id, opportunity_id, span, MIN(snapshot_date) AS known_from, MIN(won_close) AS won_close
        FROM numbered GROUP BY tenant_id, opportunity_id, span
    ), bounded AS (
      SELECT s.*, COALESCE(LEAD(known_from) OVER (PARTITION BY tenant_id, opportunity_id ORDER BY span), DATE '9999-12-31') AS known_until
        FROM spans s
    )
    SELECT o.tenant_id, o.snapshot_date, GREATEST(o.close_date - o.snapshot_date, w.won_close - o.snapshot_date, 0) AS win_lag,
           w.known_from, w.known_until, o.forecast_category, o.stage_id, COUNT(*) AS wins
      FROM src o
      JOIN bounded w ON w.tenant_id = o.tenant_id AND w.opportunity_id = o.opportunity_id AND w.known_from > o.snapshot_date
     WHERE NOT o.is_closed AND o.forecast_category <> 'Omitted' AND w.won_close IS NOT NULL
     GROUP BY 1, 2, 3, 4, 5, 6, 7$q$, source)
$fn$;

CREATE FUNCTION "win_rate_apply_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text;
  touched text;
  after_rows text;
  before_rows text;
  tenants uuid[];
  tenant uuid;
  emptied tid[];
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    DELETE FROM "win_rate_observation";
    DELETE FROM "win_rate_win";
    RETURN NULL;
  END IF;
  changed := concat_ws(' UNION ALL ',
    CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN 'SELECT n.*, 1 AS sign FROM new_rows n' END,
    CASE WHEN TG_OP IN ('DELETE', 'UPDATE') THEN 'SELECT o.*, -1 AS sign FROM old_rows o' END);
  EXECUTE format(
    'WITH up AS (
       INSERT INTO win_rate_observation AS s (tenant_id, snapshot_date, close_lag, forecast_category, stage_id, observations)
       SELECT tenant_id, snapshot_date, GREATEST(close_date - snapshot_date, 0), forecast_category, stage_id, SUM(sign)
         FROM (%s) c WHERE NOT is_closed AND forecast_category <> ''Omitted''
        GROUP BY 1, 2, 3, 4, 5 HAVING SUM(sign) <> 0
       ON CONFLICT (tenant_id, snapshot_date, close_lag, forecast_category, stage_id)
       DO UPDATE SET observations = s.observations + EXCLUDED.observations
       RETURNING s.ctid AS row_id, s.observations)
     SELECT array_agg(row_id) FROM up WHERE observations = 0', changed) INTO emptied;
  IF emptied IS NOT NULL THEN
    DELETE FROM "win_rate_observation" WHERE ctid = ANY (emptied) AND observations = 0;
  END IF;

  touched := format('SELECT DISTINCT tenant_id, opportunity_id FROM (%s) c', changed);
  EXECUTE format('SELECT array_agg(DISTINCT tenant_id) FROM (%s) t', touched) INTO tenants;
  IF current_setting('transaction_isolation') = 'repeatable read' THEN
    RAISE EXCEPTION 'pipeline_snapshot cannot be written in a REPEATABLE READ transaction: the win-rate summary recounts deal histories from fresh snapshots (use READ COMMITTED or SERIALIZABLE)';
  END IF;
  FOR tenant IN SELECT t FROM unnest(tenants) AS t ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(hashtextextended('win_rate_win:' || tenant::text, 0));
  END LOOP;
  -- Every row of the touched deals now (one index probe per deal), and as they were before the statement.
  after_rows := format(
    'SELECT p.* FROM (%s) t CROSS JOIN LATERAL (
       SELECT * FROM pipeline_snapshot x WHERE x.tenant_id = t.tenant_id AND x.opportunity_id = t.opportunity_id OFFSET 0) p', touched);
  before_rows := concat_ws(' UNION ALL ',
    CASE WHEN TG_OP IN ('INSERT', 'UPDATE')
      THEN format('SELECT a.* FROM (%s) a WHERE NOT EXISTS (SELECT 1 FROM new_rows n WHERE n.tenant_id = a.tenant_id
                     AND n.snapshot_date = a.snapshot_date AND n.opportunity_id = a.opportunity_id)', after_rows)
      ELSE after_rows END,
    CASE WHEN TG_OP IN ('DELETE', 'UPDATE') THEN 'SELECT * FROM old_rows' END);
  EXECUTE format(
    'WITH up AS (
       INSERT INTO win_rate_win AS s (tenant_id, snapshot_date, win_lag, known_from, known_until, forecast_category, stage_id, wins)
       SELECT tenant_id, snapshot_date, win_lag, known_from, known_until, forecast_category, stage_id, SUM(sign * wins)
         FROM (SELECT a.*, 1 AS sign FROM (%s) a UNION ALL SELECT b.*, -1 AS sign FROM (%s) b) d
        GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING SUM(sign * wins) <> 0
       ON CONFLICT (tenant_id, snapshot_date, win_lag, known_from, known_until, forecast_category, stage_id)
       DO UPDATE SET wins = s.wins + EXCLUDED.wins
       RETURNING s.ctid AS row_id, s.wins)
     SELECT array_agg(row_id) FROM up WHERE wins = 0',
    win_rate_wins_sql(after_rows), win_rate_wins_sql(before_rows)) INTO emptied;
  IF emptied IS NOT NULL THEN
    DELETE FROM "win_rate_win" WHERE ctid = ANY (emptied) AND wins = 0;
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER "win_rate_after_insert" AFTER INSERT ON "pipeline_snapshot" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "win_rate_apply_changes"();
CREATE TRIGGER "win_rate_after_update" AFTER UPDATE ON "pipeline_snapshot" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "win_rate_apply_changes"();
CREATE TRIGGER "win_rate_after_delete" AFTER DELETE ON "pipeline_snapshot" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "win_rate_apply_changes"();
CREATE TRIGGER "win_rate_after_truncate" AFTER TRUNCATE ON "pipeline_snapshot"
  FOR EACH STATEMENT EXECUTE FUNCTION "win_rate_apply_changes"();

-- What was written before this migration.
INSERT INTO "team_deal_summary" (tenant_id, team_id, close_month, forecast_category, is_closed, is_won, stage_id, probability, amount_minor, deals)
  SELECT d.tenant_id, e.team_id, d.close_month, d.forecast_category, d.is_closed, d.is_won, d.stage_id, d.probability, SUM(d.amount_minor), SUM(d.deals)
    FROM "deal_summary" d JOIN "employee" e ON e.id = d.owner_id AND e.tenant_id = d.tenant_id
   WHERE e.team_id IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO "team_snapshot_summary" (snapshot_date, tenant_id, team_id, close_month, forecast_category, is_closed, is_won, stage_id, probability, amount_minor, deals)
  SELECT d.snapshot_date, d.tenant_id, e.team_id, d.close_month, d.forecast_category, d.is_closed, d.is_won, d.stage_id, d.probability, SUM(d.amount_minor), SUM(d.deals)
    FROM "snapshot_summary" d JOIN "employee" e ON e.id = d.owner_id AND e.tenant_id = d.tenant_id
   WHERE e.team_id IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
INSERT INTO "win_rate_observation" (tenant_id, snapshot_date, close_lag, forecast_category, stage_id, observations)
  SELECT tenant_id, snapshot_date, GREATEST(close_date - snapshot_date, 0), forecast_category, stage_id, COUNT(*)
    FROM "pipeline_snapshot"
   WHERE NOT is_closed AND forecast_category <> 'Omitted'
   GROUP BY 1, 2, 3, 4, 5;
DO $$
BEGIN
  EXECUTE 'INSERT INTO win_rate_win (tenant_id, snapshot_date, win_lag, known_from, known_until, forecast_category, stage_id, wins) '
    || win_rate_wins_sql('SELECT * FROM pipeline_snapshot');
END
$$;
