-- AlterTable
ALTER TABLE "delivery" ADD COLUMN     "failed_at" TIMESTAMPTZ(3);
