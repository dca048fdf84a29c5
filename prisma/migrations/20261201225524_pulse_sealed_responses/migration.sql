-- Pulse responses sealed with a key of the respondent's token; results kept as tallies and
-- comments (issue 10, defect 3). Template ids renamed to the names used everywhere (issue 9).

-- CreateTable
CREATE TABLE "pulse_tally" (
    "round_id" UUID NOT NULL,
    "question_id" TEXT NOT NULL,
    "team_key" TEXT NOT NULL DEFAULT '',
    "band_key" TEXT NOT NULL DEFAULT '',
    "value" TEXT NOT NULL DEFAULT '',
    "count" INTEGER NOT NULL,

    CONSTRAINT "pulse_tally_pkey" PRIMARY KEY ("round_id","question_id","team_key","band_key","value")
);

-- CreateTable
CREATE TABLE "pulse_comment" (
    "id" UUID NOT NULL,
    "round_id" UUID NOT NULL,
    "question_id" TEXT NOT NULL,
    "team_key" TEXT NOT NULL DEFAULT '',
    "text" TEXT NOT NULL,

    CONSTRAINT "pulse_comment_pkey" PRIMARY KEY ("id")
);

-- Existing answers become tallies and comments — of complete responses only, the one meaning
-- of "answered" — and the plaintext rows go: they cannot be sealed, their tokens were never
-- stored. (People who answered a round still open keep their answers counted but can no longer
-- change them.)
INSERT INTO "pulse_tally" ("round_id", "question_id", "team_key", "band_key", "value", "count")
SELECT r."round_id", '', COALESCE(r."team_id"::text, ''), COALESCE(r."attainment_band", ''), '', count(*)::int
  FROM "pulse_response" r WHERE r."complete" GROUP BY 1, 2, 3, 4, 5;
INSERT INTO "pulse_tally" ("round_id", "question_id", "team_key", "band_key", "value", "count")
SELECT r."round_id", a."question_id", COALESCE(r."team_id"::text, ''), COALESCE(r."attainment_band", ''), COALESCE(a."score"::text, a."choice_id"), count(*)::int
  FROM "pulse_response" r JOIN "pulse_answer" a ON a."response_id" = r."id"
 WHERE r."complete" AND a."text" IS NULL AND COALESCE(a."score"::text, a."choice_id") IS NOT NULL
 GROUP BY 1, 2, 3, 4, 5;
INSERT INTO "pulse_comment" ("id", "round_id", "question_id", "team_key", "text")
SELECT gen_random_uuid(), r."round_id", a."question_id", COALESCE(r."team_id"::text, ''), a."text"
  FROM "pulse_response" r JOIN "pulse_answer" a ON a."response_id" = r."id"
 WHERE r."complete" AND a."text" IS NOT NULL;
DELETE FROM "pulse_response";

UPDATE "pulse_survey" SET "template_id" = CASE "template_id"
    WHEN 'enps-pulse' THEN 'enps' WHEN 'sales-team-pulse' THEN 'sales' WHEN 'weekly-check-in' THEN 'weekly' ELSE "template_id" END
 WHERE "template_id" IN ('enps-pulse', 'sales-team-pulse', 'weekly-check-in');

-- DropForeignKey
ALTER TABLE "pulse_answer" DROP CONSTRAINT "pulse_answer_response_id_fkey";

-- AlterTable
ALTER TABLE "pulse_response" DROP COLUMN "answered_on",
DROP COLUMN "attainment_band",
DROP COLUMN "complete",
DROP COLUMN "team_id",
ADD COLUMN     "sealed" BYTEA NOT NULL;

-- DropTable
DROP TABLE "pulse_answer";

-- CreateIndex
CREATE INDEX "pulse_comment_round_id_idx" ON "pulse_comment"("round_id");

-- AddForeignKey
ALTER TABLE "pulse_tally" ADD CONSTRAINT "pulse_tally_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "pulse_round"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "pulse_comment" ADD CONSTRAINT "pulse_comment_round_id_fkey" FOREIGN KEY ("round_id") REFERENCES "pulse_round"("id") ON DELETE CASCADE ON UPDATE CASCADE;
