-- AlterTable
ALTER TABLE "DatasetVersion" ADD COLUMN "upstreamUpdatedAt" DATETIME;
