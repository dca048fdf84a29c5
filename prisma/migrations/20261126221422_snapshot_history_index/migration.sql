-- DropIndex
DROP INDEX "pipeline_snapshot_tenant_id_opportunity_id_idx";

-- CreateIndex
CREATE INDEX "pipeline_snapshot_tenant_id_opportunity_id_snapshot_date_idx" ON "pipeline_snapshot"("tenant_id", "opportunity_id", "snapshot_date");
