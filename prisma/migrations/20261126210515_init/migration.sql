-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "EmployeeRole" AS ENUM ('rep', 'manager', 'admin', 'other');

-- CreateEnum
CREATE TYPE "OpportunitySource" AS ENUM ('salesforce', 'hubspot', 'csv', 'demo');

-- CreateEnum
CREATE TYPE "ForecastCategory" AS ENUM ('Omitted', 'Pipeline', 'BestCase', 'MostLikely', 'Commit', 'Closed');

-- CreateEnum
CREATE TYPE "TierMode" AS ENUM ('marginal', 'retroactive');

-- CreateEnum
CREATE TYPE "LeaderboardVisibility" AS ENUM ('off', 'percentages', 'full');

-- CreateTable
CREATE TABLE "tenant" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "fiscal_year_start_month" SMALLINT NOT NULL DEFAULT 1,
    "time_zone" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "anonymity_threshold" SMALLINT NOT NULL DEFAULT 5,
    "leaderboard_visibility" "LeaderboardVisibility" NOT NULL DEFAULT 'percentages',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "slack_team_id" TEXT,
    "teams_tenant_id" TEXT,
    "is_demo" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "tenant_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employee" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "role" "EmployeeRole" NOT NULL DEFAULT 'rep',
    "manager_id" UUID,
    "team_id" UUID,
    "time_zone" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'en',
    "start_date" DATE,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "workday_start_minute" SMALLINT NOT NULL DEFAULT 540,
    "workday_end_minute" SMALLINT NOT NULL DEFAULT 1050,
    "working_days" SMALLINT[] DEFAULT ARRAY[1, 2, 3, 4, 5]::SMALLINT[],
    "slack_user_id" TEXT,
    "teams_user_id" TEXT,
    "crm_owner_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "employee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "team" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "manager_id" UUID,
    "slack_channel_id" TEXT,
    "teams_channel_id" TEXT,
    "time_zone" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quota" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "ramp_percent" SMALLINT NOT NULL DEFAULT 100,

    CONSTRAINT "quota_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commission_plan" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "payout_cap_minor" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "commission_plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "commission_tier" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "sort_order" SMALLINT NOT NULL,
    "from_attainment" DECIMAL(8,4) NOT NULL,
    "to_attainment" DECIMAL(8,4),
    "rate" DECIMAL(8,5) NOT NULL,
    "mode" "TierMode" NOT NULL DEFAULT 'marginal',
    "cap_minor" BIGINT,

    CONSTRAINT "commission_tier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "plan_assignment" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "plan_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,

    CONSTRAINT "plan_assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "stage" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "pipeline" TEXT NOT NULL DEFAULT 'default',
    "name" TEXT NOT NULL,
    "default_probability" SMALLINT NOT NULL,
    "forecast_category" "ForecastCategory" NOT NULL,
    "is_closed" BOOLEAN NOT NULL DEFAULT false,
    "is_won" BOOLEAN NOT NULL DEFAULT false,
    "sort_order" SMALLINT NOT NULL,

    CONSTRAINT "stage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opportunity" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "source" "OpportunitySource" NOT NULL,
    "external_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "account_name" TEXT,
    "owner_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "stage_id" UUID NOT NULL,
    "probability" SMALLINT NOT NULL,
    "forecast_category" "ForecastCategory" NOT NULL,
    "close_date" DATE NOT NULL,
    "created_date" DATE NOT NULL,
    "is_closed" BOOLEAN NOT NULL DEFAULT false,
    "is_won" BOOLEAN NOT NULL DEFAULT false,
    "last_activity_at" TIMESTAMPTZ(3),
    "stage_entered_at" TIMESTAMPTZ(3),
    "product_line" TEXT,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "opportunity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pipeline_snapshot" (
    "tenant_id" UUID NOT NULL,
    "snapshot_date" DATE NOT NULL,
    "opportunity_id" UUID NOT NULL,
    "owner_id" UUID NOT NULL,
    "stage_id" UUID NOT NULL,
    "amount_minor" BIGINT NOT NULL,
    "probability" SMALLINT NOT NULL,
    "forecast_category" "ForecastCategory" NOT NULL,
    "close_date" DATE NOT NULL,
    "is_closed" BOOLEAN NOT NULL,
    "is_won" BOOLEAN NOT NULL,

    CONSTRAINT "pipeline_snapshot_pkey" PRIMARY KEY ("tenant_id","snapshot_date","opportunity_id")
);

-- CreateTable
CREATE TABLE "forecast_call" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "period_start" DATE NOT NULL,
    "period_end" DATE NOT NULL,
    "commit_minor" BIGINT NOT NULL,
    "best_case_minor" BIGINT NOT NULL,
    "currency" CHAR(3) NOT NULL,
    "submitted_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "forecast_call_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "tenant_slack_team_id_key" ON "tenant"("slack_team_id");

-- CreateIndex
CREATE UNIQUE INDEX "tenant_teams_tenant_id_key" ON "tenant"("teams_tenant_id");

-- CreateIndex
CREATE INDEX "employee_tenant_id_manager_id_idx" ON "employee"("tenant_id", "manager_id");

-- CreateIndex
CREATE INDEX "employee_tenant_id_team_id_idx" ON "employee"("tenant_id", "team_id");

-- CreateIndex
CREATE UNIQUE INDEX "employee_tenant_id_email_key" ON "employee"("tenant_id", "email");

-- CreateIndex
CREATE UNIQUE INDEX "employee_tenant_id_slack_user_id_key" ON "employee"("tenant_id", "slack_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "employee_tenant_id_teams_user_id_key" ON "employee"("tenant_id", "teams_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "team_tenant_id_name_key" ON "team"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "quota_tenant_id_period_start_period_end_idx" ON "quota"("tenant_id", "period_start", "period_end");

-- CreateIndex
CREATE UNIQUE INDEX "quota_tenant_id_employee_id_period_start_key" ON "quota"("tenant_id", "employee_id", "period_start");

-- CreateIndex
CREATE UNIQUE INDEX "commission_plan_tenant_id_name_key" ON "commission_plan"("tenant_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "commission_tier_plan_id_sort_order_key" ON "commission_tier"("plan_id", "sort_order");

-- CreateIndex
CREATE UNIQUE INDEX "plan_assignment_tenant_id_employee_id_period_start_key" ON "plan_assignment"("tenant_id", "employee_id", "period_start");

-- CreateIndex
CREATE UNIQUE INDEX "stage_tenant_id_pipeline_name_key" ON "stage"("tenant_id", "pipeline", "name");

-- CreateIndex
CREATE INDEX "opportunity_tenant_id_owner_id_close_date_idx" ON "opportunity"("tenant_id", "owner_id", "close_date");

-- CreateIndex
CREATE INDEX "opportunity_tenant_id_close_date_idx" ON "opportunity"("tenant_id", "close_date");

-- CreateIndex
CREATE UNIQUE INDEX "opportunity_tenant_id_source_external_id_key" ON "opportunity"("tenant_id", "source", "external_id");

-- CreateIndex
CREATE INDEX "pipeline_snapshot_tenant_id_opportunity_id_idx" ON "pipeline_snapshot"("tenant_id", "opportunity_id");

-- CreateIndex
CREATE INDEX "forecast_call_tenant_id_employee_id_period_start_submitted__idx" ON "forecast_call"("tenant_id", "employee_id", "period_start", "submitted_at");

-- AddForeignKey
ALTER TABLE "employee" ADD CONSTRAINT "employee_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee" ADD CONSTRAINT "employee_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "employee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee" ADD CONSTRAINT "employee_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_manager_id_fkey" FOREIGN KEY ("manager_id") REFERENCES "employee"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota" ADD CONSTRAINT "quota_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quota" ADD CONSTRAINT "quota_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commission_plan" ADD CONSTRAINT "commission_plan_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commission_tier" ADD CONSTRAINT "commission_tier_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "commission_tier" ADD CONSTRAINT "commission_tier_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "commission_plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_assignment" ADD CONSTRAINT "plan_assignment_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_assignment" ADD CONSTRAINT "plan_assignment_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "commission_plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "plan_assignment" ADD CONSTRAINT "plan_assignment_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage" ADD CONSTRAINT "stage_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opportunity" ADD CONSTRAINT "opportunity_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opportunity" ADD CONSTRAINT "opportunity_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "opportunity" ADD CONSTRAINT "opportunity_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipeline_snapshot" ADD CONSTRAINT "pipeline_snapshot_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pipeline_snapshot" ADD CONSTRAINT "pipeline_snapshot_opportunity_id_fkey" FOREIGN KEY ("opportunity_id") REFERENCES "opportunity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast_call" ADD CONSTRAINT "forecast_call_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "forecast_call" ADD CONSTRAINT "forecast_call_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;
