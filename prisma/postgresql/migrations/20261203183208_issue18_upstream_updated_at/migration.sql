-- AlterTable
ALTER TABLE "DatasetVersion" ADD COLUMN     "upstreamUpdatedAt" TIMESTAMP(3);
