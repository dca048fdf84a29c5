-- CreateEnum
CREATE TYPE "ScheduleKind" AS ENUM ('forecast_digest');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "schedule" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" "ScheduleKind" NOT NULL,
    "name" TEXT NOT NULL,
    "cron" TEXT NOT NULL,
    "preset" TEXT,
    "every_weeks" SMALLINT NOT NULL DEFAULT 1,
    "anchor_date" DATE,
    "time_zone" TEXT NOT NULL,
    "target" JSONB NOT NULL DEFAULT '{}',
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_slot_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedule_slot" (
    "schedule_id" UUID NOT NULL,
    "slot_at" TIMESTAMPTZ(3) NOT NULL,
    "tenant_id" UUID NOT NULL,
    "outcome" TEXT NOT NULL,
    "note" TEXT,
    "handled_by" TEXT NOT NULL,
    "handled_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "schedule_slot_pkey" PRIMARY KEY ("schedule_id","slot_at")
);

-- CreateTable
CREATE TABLE "cron_lease" (
    "key" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cron_lease_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "delivery" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "platform" TEXT NOT NULL DEFAULT 'slack',
    "recipient" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "not_before" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lease_owner" TEXT,
    "lease_expires_at" TIMESTAMPTZ(3),
    "message_channel" TEXT,
    "message_ts" TEXT,
    "last_error" TEXT,
    "failure_reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "schedule_enabled_idx" ON "schedule"("enabled");

-- CreateIndex
CREATE UNIQUE INDEX "schedule_tenant_id_name_key" ON "schedule"("tenant_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_idempotency_key_key" ON "delivery"("idempotency_key");

-- CreateIndex
CREATE INDEX "delivery_status_not_before_idx" ON "delivery"("status", "not_before");

-- CreateIndex
CREATE INDEX "delivery_tenant_id_status_idx" ON "delivery"("tenant_id", "status");

-- AddForeignKey
ALTER TABLE "schedule" ADD CONSTRAINT "schedule_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "schedule_slot" ADD CONSTRAINT "schedule_slot_schedule_id_fkey" FOREIGN KEY ("schedule_id") REFERENCES "schedule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery" ADD CONSTRAINT "delivery_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
