-- AlterTable
ALTER TABLE "User" ADD COLUMN "sessionsValidAfter" DATETIME;

-- Hand-written: the Prisma schema cannot express a partial index (lib/db/migrate.ts keeps generated migrations
-- from dropping indexes named *_partial_idx). At most one load in progress per dataset, whatever the loaders
-- believe about each other (lib/ingest/versions.ts). Older duplicates, if a race ever left any, are failed first.
UPDATE "DatasetVersion" SET "status" = 'failed', "error" = 'Superseded by a concurrent load of the same dataset.'
WHERE "status" = 'loading' AND "id" NOT IN (SELECT MAX("id") FROM "DatasetVersion" WHERE "status" = 'loading' GROUP BY "dataset");
CREATE UNIQUE INDEX "DatasetVersion_one_loading_partial_idx" ON "DatasetVersion"("dataset") WHERE "status" = 'loading';
