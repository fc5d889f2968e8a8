-- CreateTable
CREATE TABLE "EisRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "asOf" DATETIME NOT NULL,
    "datasetVersionId" INTEGER NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "officersScored" INTEGER NOT NULL DEFAULT 0,
    "officersFlagged" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT NOT NULL DEFAULT '{}',
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "EisOfficerScore" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "runId" INTEGER NOT NULL,
    "officerId" INTEGER NOT NULL,
    "officerSourceId" TEXT NOT NULL,
    "precinct" TEXT,
    "incidentsInWindow" INTEGER NOT NULL DEFAULT 0,
    "incidentScore" REAL,
    "incidentN" INTEGER NOT NULL DEFAULT 0,
    "subjectScore" REAL,
    "subjectN" INTEGER NOT NULL DEFAULT 0,
    "engagementScore" REAL,
    "engagementAvailable" BOOLEAN NOT NULL DEFAULT false,
    "escalation" TEXT,
    "volume" TEXT,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "reasons" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "EisOfficerScore_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EisRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EisReview" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scoreId" INTEGER NOT NULL,
    "reviewerId" INTEGER NOT NULL,
    "reviewerEmail" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "flagDecision" TEXT NOT NULL,
    "reasonDecisions" TEXT NOT NULL DEFAULT '[]',
    "dismissalReason" TEXT,
    "interventionRecommended" BOOLEAN NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "EisReview_scoreId_fkey" FOREIGN KEY ("scoreId") REFERENCES "EisOfficerScore" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Annotation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "state" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scopeKind" TEXT NOT NULL,
    "scopeTarget" TEXT NOT NULL DEFAULT '',
    "dateStart" DATETIME,
    "dateEnd" DATETIME,
    "sourceLabel" TEXT,
    "sourceUrl" TEXT,
    "seeded" BOOLEAN NOT NULL DEFAULT false,
    "authorId" INTEGER,
    "authorEmail" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" DATETIME,
    "publishedById" INTEGER,
    "retiredAt" DATETIME
);

-- CreateTable
CREATE TABLE "AnnotationVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "annotationId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "change" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scopeKind" TEXT NOT NULL,
    "scopeTarget" TEXT NOT NULL,
    "dateStart" DATETIME,
    "dateEnd" DATETIME,
    "sourceLabel" TEXT,
    "sourceUrl" TEXT,
    "editorId" INTEGER,
    "editorEmail" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AnnotationVersion_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "EisRun_asOf_idx" ON "EisRun"("asOf");

-- CreateIndex
CREATE INDEX "EisOfficerScore_runId_flagged_idx" ON "EisOfficerScore"("runId", "flagged");

-- CreateIndex
CREATE INDEX "EisOfficerScore_officerId_idx" ON "EisOfficerScore"("officerId");

-- CreateIndex
CREATE UNIQUE INDEX "EisOfficerScore_runId_officerId_key" ON "EisOfficerScore"("runId", "officerId");

-- CreateIndex
CREATE INDEX "EisReview_scoreId_at_idx" ON "EisReview"("scoreId", "at");

-- CreateIndex
CREATE INDEX "Annotation_state_idx" ON "Annotation"("state");

-- CreateIndex
CREATE UNIQUE INDEX "AnnotationVersion_annotationId_version_key" ON "AnnotationVersion"("annotationId", "version");
