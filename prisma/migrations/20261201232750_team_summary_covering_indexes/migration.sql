-- CreateIndex
CREATE INDEX "team_deal_summary_covering_idx" ON "team_deal_summary"("tenant_id", "team_id", "close_month", "forecast_category", "is_closed", "is_won", "stage_id", "probability", "amount_minor", "deals");

-- CreateIndex
CREATE INDEX "team_snapshot_summary_covering_idx" ON "team_snapshot_summary"("tenant_id", "snapshot_date", "team_id", "close_month", "forecast_category", "is_closed", "is_won", "stage_id", "probability", "amount_minor", "deals");
