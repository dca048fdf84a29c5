-- AlterTable
ALTER TABLE "team" ADD COLUMN     "holiday_calendar_id" UUID;

-- CreateTable
CREATE TABLE "holiday_calendar" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "is_default" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "holiday_calendar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holiday" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "calendar_id" UUID NOT NULL,
    "date" DATE NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "holiday_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "holiday_calendar_tenant_id_name_key" ON "holiday_calendar"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "holiday_tenant_id_date_idx" ON "holiday"("tenant_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "holiday_calendar_id_date_key" ON "holiday"("calendar_id", "date");

-- AddForeignKey
ALTER TABLE "team" ADD CONSTRAINT "team_holiday_calendar_id_fkey" FOREIGN KEY ("holiday_calendar_id") REFERENCES "holiday_calendar"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "holiday_calendar" ADD CONSTRAINT "holiday_calendar_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "holiday" ADD CONSTRAINT "holiday_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "holiday" ADD CONSTRAINT "holiday_calendar_id_fkey" FOREIGN KEY ("calendar_id") REFERENCES "holiday_calendar"("id") ON DELETE CASCADE ON UPDATE CASCADE;
