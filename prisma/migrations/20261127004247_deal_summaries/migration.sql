-- CreateTable
CREATE TABLE "deal_summary" (
    "tenant_id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "close_month" DATE NOT NULL,
    "forecast_category" "ForecastCategory" NOT NULL,
    "is_closed" BOOLEAN NOT NULL,
    "is_won" BOOLEAN NOT NULL,
    "stage_id" UUID NOT NULL,
    "probability" SMALLINT NOT NULL,
    "amount_minor" DECIMAL(30,0) NOT NULL,
    "deals" INTEGER NOT NULL,

    CONSTRAINT "deal_summary_pkey" PRIMARY KEY ("tenant_id","owner_id","close_month","forecast_category","is_closed","is_won","stage_id","probability")
);

-- CreateTable
CREATE TABLE "snapshot_summary" (
    "tenant_id" UUID NOT NULL,
    "snapshot_date" DATE NOT NULL,
    "owner_id" UUID NOT NULL,
    "close_month" DATE NOT NULL,
    "forecast_category" "ForecastCategory" NOT NULL,
    "is_closed" BOOLEAN NOT NULL,
    "is_won" BOOLEAN NOT NULL,
    "stage_id" UUID NOT NULL,
    "probability" SMALLINT NOT NULL,
    "amount_minor" DECIMAL(30,0) NOT NULL,
    "deals" INTEGER NOT NULL,

    CONSTRAINT "snapshot_summary_pkey" PRIMARY KEY ("tenant_id","snapshot_date","owner_id","close_month","forecast_category","is_closed","is_won","stage_id","probability")
);

-- The summaries are kept exact by statement-level triggers with transition tables: each
-- insert, update or delete of deals (or snapshot rows) adds its net change per group in one
-- upsert, and groups left with no deal are removed. Purely additive, so concurrent writers need
-- no lock beyond the row locks the upsert takes. One function serves both tables: its
-- arguments name the summary table and the key columns it adds before the owner. (Prisma's
-- schema knows the tables, not these triggers: they live only in this migration.)
CREATE FUNCTION "summary_apply_changes"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  summary text := quote_ident(TG_ARGV[0]);
  keys text := concat_ws(', ', NULLIF(TG_ARGV[1], ''), 'tenant_id, owner_id, close_month, forecast_category, is_closed, is_won, stage_id, probability');
  month_keys text := concat_ws(', ', NULLIF(TG_ARGV[1], ''), 'tenant_id, owner_id, close_month');
  changed text;
  matches text;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    EXECUTE format('DELETE FROM %s', summary);
    RETURN NULL;
  END IF;
  -- The changed rows, each with its sign: +1 as it is now, -1 as it was.
  changed := concat_ws(' UNION ALL ',
    CASE WHEN TG_OP IN ('INSERT', 'UPDATE') THEN 'SELECT n.*, 1 AS sign FROM new_rows n' END,
    CASE WHEN TG_OP IN ('DELETE', 'UPDATE') THEN 'SELECT o.*, -1 AS sign FROM old_rows o' END);
  changed := format('SELECT *, date_trunc(''month'', close_date)::date AS close_month FROM (%s) c', changed);
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

CREATE TRIGGER "deal_summary_after_insert" AFTER INSERT ON "opportunity" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "summary_apply_changes"('deal_summary', '');
CREATE TRIGGER "deal_summary_after_update" AFTER UPDATE ON "opportunity" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "summary_apply_changes"('deal_summary', '');
CREATE TRIGGER "deal_summary_after_delete" AFTER DELETE ON "opportunity" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "summary_apply_changes"('deal_summary', '');
CREATE TRIGGER "deal_summary_after_truncate" AFTER TRUNCATE ON "opportunity"
  FOR EACH STATEMENT EXECUTE FUNCTION "summary_apply_changes"('deal_summary', '');

CREATE TRIGGER "snapshot_summary_after_insert" AFTER INSERT ON "pipeline_snapshot" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "summary_apply_changes"('snapshot_summary', 'snapshot_date');
CREATE TRIGGER "snapshot_summary_after_update" AFTER UPDATE ON "pipeline_snapshot" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "summary_apply_changes"('snapshot_summary', 'snapshot_date');
CREATE TRIGGER "snapshot_summary_after_delete" AFTER DELETE ON "pipeline_snapshot" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "summary_apply_changes"('snapshot_summary', 'snapshot_date');
CREATE TRIGGER "snapshot_summary_after_truncate" AFTER TRUNCATE ON "pipeline_snapshot"
  FOR EACH STATEMENT EXECUTE FUNCTION "summary_apply_changes"('snapshot_summary', 'snapshot_date');

-- Deals and snapshot rows written before this migration.
INSERT INTO "deal_summary" (tenant_id, owner_id, close_month, forecast_category, is_closed, is_won, stage_id, probability, amount_minor, deals)
  SELECT tenant_id, owner_id, date_trunc('month', close_date)::date, forecast_category, is_closed, is_won, stage_id, probability, SUM(amount_minor), COUNT(*)
    FROM "opportunity"
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;
INSERT INTO "snapshot_summary" (tenant_id, snapshot_date, owner_id, close_month, forecast_category, is_closed, is_won, stage_id, probability, amount_minor, deals)
  SELECT tenant_id, snapshot_date, owner_id, date_trunc('month', close_date)::date, forecast_category, is_closed, is_won, stage_id, probability, SUM(amount_minor), COUNT(*)
    FROM "pipeline_snapshot"
   GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
