-- CreateTable
CREATE TABLE "EisRun" (
    "id" SERIAL NOT NULL,
    "asOf" TIMESTAMP(3) NOT NULL,
    "datasetVersionId" INTEGER NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "config" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "officersScored" INTEGER NOT NULL DEFAULT 0,
    "officersFlagged" INTEGER NOT NULL DEFAULT 0,
    "summary" TEXT NOT NULL DEFAULT '{}',
    "durationMs" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EisRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EisOfficerScore" (
    "id" SERIAL NOT NULL,
    "runId" INTEGER NOT NULL,
    "officerId" INTEGER NOT NULL,
    "officerSourceId" TEXT NOT NULL,
    "precinct" TEXT,
    "incidentsInWindow" INTEGER NOT NULL DEFAULT 0,
    "incidentScore" DOUBLE PRECISION,
    "incidentN" INTEGER NOT NULL DEFAULT 0,
    "subjectScore" DOUBLE PRECISION,
    "subjectN" INTEGER NOT NULL DEFAULT 0,
    "engagementScore" DOUBLE PRECISION,
    "engagementAvailable" BOOLEAN NOT NULL DEFAULT false,
    "escalation" TEXT,
    "volume" TEXT,
    "flagged" BOOLEAN NOT NULL DEFAULT false,
    "reasons" TEXT NOT NULL DEFAULT '[]',

    CONSTRAINT "EisOfficerScore_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EisReview" (
    "id" SERIAL NOT NULL,
    "scoreId" INTEGER NOT NULL,
    "reviewerId" INTEGER NOT NULL,
    "reviewerEmail" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "flagDecision" TEXT NOT NULL,
    "reasonDecisions" TEXT NOT NULL DEFAULT '[]',
    "dismissalReason" TEXT,
    "interventionRecommended" BOOLEAN NOT NULL,
    "notes" TEXT NOT NULL DEFAULT '',

    CONSTRAINT "EisReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Annotation" (
    "id" SERIAL NOT NULL,
    "state" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scopeKind" TEXT NOT NULL,
    "scopeTarget" TEXT NOT NULL DEFAULT '',
    "dateStart" TIMESTAMP(3),
    "dateEnd" TIMESTAMP(3),
    "sourceLabel" TEXT,
    "sourceUrl" TEXT,
    "seeded" BOOLEAN NOT NULL DEFAULT false,
    "authorId" INTEGER,
    "authorEmail" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMP(3),
    "publishedById" INTEGER,
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "Annotation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnnotationVersion" (
    "id" SERIAL NOT NULL,
    "annotationId" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    "change" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "scopeKind" TEXT NOT NULL,
    "scopeTarget" TEXT NOT NULL,
    "dateStart" TIMESTAMP(3),
    "dateEnd" TIMESTAMP(3),
    "sourceLabel" TEXT,
    "sourceUrl" TEXT,
    "editorId" INTEGER,
    "editorEmail" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnnotationVersion_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "EisOfficerScore" ADD CONSTRAINT "EisOfficerScore_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EisRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EisReview" ADD CONSTRAINT "EisReview_scoreId_fkey" FOREIGN KEY ("scoreId") REFERENCES "EisOfficerScore"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnnotationVersion" ADD CONSTRAINT "AnnotationVersion_annotationId_fkey" FOREIGN KEY ("annotationId") REFERENCES "Annotation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
