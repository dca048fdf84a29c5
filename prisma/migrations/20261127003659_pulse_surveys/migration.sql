-- CreateEnum
CREATE TYPE "PulseSurveyStatus" AS ENUM ('active', 'paused');

-- CreateEnum
CREATE TYPE "PulseRoundStatus" AS ENUM ('open', 'closed');

-- CreateTable
CREATE TABLE "pulse_survey" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "template_id" TEXT,
    "definition" JSONB NOT NULL,
    "owner_id" UUID NOT NULL,
    "results_channel" TEXT,
    "audience" JSONB NOT NULL,
    "cron" TEXT NOT NULL,
    "preset" TEXT,
    "every_weeks" SMALLINT NOT NULL DEFAULT 1,
    "anchor_date" DATE,
    "time_zone" TEXT NOT NULL,
    "open_days" SMALLINT NOT NULL DEFAULT 3,
    "remind_after_days" SMALLINT NOT NULL DEFAULT 2,
    "remind_on_last_day" BOOLEAN NOT NULL DEFAULT true,
    "max_reminders" SMALLINT NOT NULL DEFAULT 2,
    "status" "PulseSurveyStatus" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "pulse_survey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pulse_round" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "survey_id" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "opens_on" DATE NOT NULL,
    "first_send_at" TIMESTAMPTZ(3) NOT NULL,
    "last_send_at" TIMESTAMPTZ(3) NOT NULL,
    "closes_at" TIMESTAMPTZ(3) NOT NULL,
    "status" "PulseRoundStatus" NOT NULL DEFAULT 'open',
    "invited" INTEGER NOT NULL DEFAULT 0,
    "threshold" SMALLINT NOT NULL,
    "comment_threshold" SMALLINT NOT NULL,
    "closed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pulse_round_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pulse_recipient" (
    "round_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "time_zone" TEXT NOT NULL,
    "send_at" TIMESTAMPTZ(3) NOT NULL,
    "answered" BOOLEAN NOT NULL DEFAULT false,
    "reminders_sent" SMALLINT NOT NULL DEFAULT 0,

    CONSTRAINT "pulse_recipient_pkey" PRIMARY KEY ("round_id","employee_id")
);

-- CreateTable
CREATE TABLE "pulse_response" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "token_hash" TEXT NOT NULL,
    "team_id" UUID,
    "attainment_band" TEXT,
    "answered_on" DATE NOT NULL,
    "complete" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "pulse_response_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "pulse_answer" (
    "response_id" UUID NOT NULL,
    "question_id" TEXT NOT NULL,
    "score" SMALLINT,
    "choice_id" TEXT,
    "text" TEXT,

    CONSTRAINT "pulse_answer_pkey" PRIMARY KEY ("response_id","question_id")
);

-- CreateTable
CREATE TABLE "pulse_opt_out" (
    "tenant_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pulse_opt_out_pkey" PRIMARY KEY ("tenant_id","employee_id")
);

-- CreateTable
CREATE TABLE "out_of_office" (
    "id" UUID NOT NULL,
    "tenant_id" UUID NOT NULL,
    "employee_id" UUID NOT NULL,
    "starts_on" DATE NOT NULL,
    "ends_on" DATE NOT NULL,

    CONSTRAINT "out_of_office_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "pulse_survey_status_idx" ON "pulse_survey"("status");

-- CreateIndex
CREATE UNIQUE INDEX "pulse_survey_tenant_id_name_key" ON "pulse_survey"("tenant_id", "name");

-- CreateIndex
CREATE INDEX "pulse_round_status_closes_at_idx" ON "pulse_round"("status", "closes_at");

-- CreateIndex
CREATE UNIQUE INDEX "pulse_round_survey_id_number_key" ON "pulse_round"("survey_id", "number");

-- CreateIndex
CREATE UNIQUE INDEX "pulse_round_survey_id_opens_on_key" ON "pulse_round"("survey_id", "opens_on");

-- CreateIndex
CREATE INDEX "pulse_recipient_tenant_id_employee_id_idx" ON "pulse_recipient"("tenant_id", "employee_id");

-- CreateIndex
CREATE UNIQUE INDEX "pulse_response_token_hash_key" ON "pulse_response"("token_hash");

-- CreateIndex
CREATE INDEX "pulse_response_round_id_idx" ON "pulse_response"("round_id");

-- CreateIndex
CREATE INDEX "out_of_office_tenant_id_employee_id_starts_on_idx" ON "out_of_office"("tenant_id", "employee_id", "starts_on");

-- AddForeignKey
ALTER TABLE "pulse_survey" ADD CONSTRAINT "pulse_survey_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pulse_survey" ADD CONSTRAINT "pulse_survey_owner_id_fkey" FOREIGN KEY ("owner_id") REFERENCES "employee"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pulse_round" ADD CONSTRAINT "pulse_round_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pulse_round" ADD CONSTRAINT "pulse_round_survey_id_fkey" FOREIGN KEY ("survey_id") REFERENCES "pulse_survey"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pulse_recipient" ADD CONSTRAINT "pulse_recipient_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "pulse_round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pulse_recipient" ADD CONSTRAINT "pulse_recipient_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pulse_response" ADD CONSTRAINT "pulse_response_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "pulse_round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pulse_answer" ADD CONSTRAINT "pulse_answer_response_id_fkey" FOREIGN KEY ("response_id") REFERENCES "pulse_response"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pulse_opt_out" ADD CONSTRAINT "pulse_opt_out_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "out_of_office" ADD CONSTRAINT "out_of_office_employee_id_fkey" FOREIGN KEY ("employee_id") REFERENCES "employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;
