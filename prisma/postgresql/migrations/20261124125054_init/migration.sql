-- CreateTable
CREATE TABLE "DatasetVersion" (
    "id" SERIAL NOT NULL,
    "dataset" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "inputName" TEXT NOT NULL,
    "retrievedAt" TIMESTAMP(3) NOT NULL,
    "sha256" TEXT NOT NULL,
    "mappingVersion" TEXT NOT NULL,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsLoaded" INTEGER NOT NULL DEFAULT 0,
    "rowsQuarantined" INTEGER NOT NULL DEFAULT 0,
    "periodStart" TIMESTAMP(3),
    "periodEnd" TIMESTAMP(3),
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "loaderHost" TEXT,
    "loaderPid" INTEGER,
    "activatedAt" TIMESTAMP(3),

    CONSTRAINT "DatasetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Officer" (
    "id" SERIAL NOT NULL,
    "idSpace" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,

    CONSTRAINT "Officer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrisisRow" (
    "id" SERIAL NOT NULL,
    "versionId" INTEGER NOT NULL,
    "sourceRow" INTEGER NOT NULL,
    "templateId" TEXT NOT NULL,
    "reportedDate" TIMESTAMP(3) NOT NULL,
    "occurredAt" TIMESTAMP(3),
    "callType" TEXT NOT NULL,
    "initialCallType" TEXT NOT NULL,
    "finalCallType" TEXT NOT NULL,
    "disposition" TEXT NOT NULL,
    "useOfForce" BOOLEAN NOT NULL,
    "subjectVeteran" TEXT NOT NULL,
    "citRequested" BOOLEAN NOT NULL,
    "citDispatched" BOOLEAN NOT NULL,
    "citArrived" BOOLEAN NOT NULL,
    "officerId" INTEGER,
    "officerGender" TEXT NOT NULL,
    "officerRace" TEXT NOT NULL,
    "officerYearOfBirth" INTEGER,
    "officerYearsExperience" INTEGER,
    "citCertified" BOOLEAN NOT NULL,
    "officerBureau" TEXT NOT NULL,
    "officerPrecinct" TEXT NOT NULL,
    "officerSquad" TEXT NOT NULL,
    "precinct" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "beat" TEXT NOT NULL,

    CONSTRAINT "CrisisRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrisisContact" (
    "id" SERIAL NOT NULL,
    "versionId" INTEGER NOT NULL,
    "contactKey" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "officerId" INTEGER,
    "reportedDate" TIMESTAMP(3) NOT NULL,
    "occurredAt" TIMESTAMP(3),
    "callType" TEXT NOT NULL,
    "initialCallType" TEXT NOT NULL,
    "finalCallType" TEXT NOT NULL,
    "dispositionGroup" TEXT NOT NULL,
    "dispositionCount" INTEGER NOT NULL,
    "useOfForce" BOOLEAN NOT NULL,
    "citRequested" BOOLEAN NOT NULL,
    "citDispatched" BOOLEAN NOT NULL,
    "citArrived" BOOLEAN NOT NULL,
    "citCertified" BOOLEAN NOT NULL,
    "officerGender" TEXT NOT NULL,
    "officerRace" TEXT NOT NULL,
    "officerYearsExperience" INTEGER,
    "precinct" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "beat" TEXT NOT NULL,

    CONSTRAINT "CrisisContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UseOfForce" (
    "id" SERIAL NOT NULL,
    "versionId" INTEGER NOT NULL,
    "sourceRow" INTEGER NOT NULL,
    "sourceId" TEXT NOT NULL,
    "incidentNum" TEXT NOT NULL,
    "incidentType" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "precinct" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "beat" TEXT NOT NULL,
    "officerId" INTEGER,
    "subjectKey" TEXT NOT NULL,
    "subjectRace" TEXT NOT NULL,
    "subjectGender" TEXT NOT NULL,

    CONSTRAINT "UseOfForce_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuarantinedRow" (
    "id" SERIAL NOT NULL,
    "versionId" INTEGER NOT NULL,
    "sourceRow" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "raw" TEXT NOT NULL,

    CONSTRAINT "QuarantinedRow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Result" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "datasetVersionIds" TEXT NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Result_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "DatasetVersion_dataset_status_idx" ON "DatasetVersion"("dataset", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Officer_idSpace_sourceId_key" ON "Officer"("idSpace", "sourceId");

-- CreateIndex
CREATE INDEX "CrisisRow_versionId_templateId_idx" ON "CrisisRow"("versionId", "templateId");

-- CreateIndex
CREATE INDEX "CrisisContact_versionId_reportedDate_idx" ON "CrisisContact"("versionId", "reportedDate");

-- CreateIndex
CREATE INDEX "UseOfForce_versionId_occurredAt_idx" ON "UseOfForce"("versionId", "occurredAt");

-- CreateIndex
CREATE INDEX "QuarantinedRow_versionId_reason_idx" ON "QuarantinedRow"("versionId", "reason");

-- CreateIndex
CREATE UNIQUE INDEX "Result_key_key" ON "Result"("key");

-- AddForeignKey
ALTER TABLE "CrisisRow" ADD CONSTRAINT "CrisisRow_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DatasetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrisisRow" ADD CONSTRAINT "CrisisRow_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrisisContact" ADD CONSTRAINT "CrisisContact_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DatasetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrisisContact" ADD CONSTRAINT "CrisisContact_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UseOfForce" ADD CONSTRAINT "UseOfForce_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DatasetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UseOfForce" ADD CONSTRAINT "UseOfForce_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantinedRow" ADD CONSTRAINT "QuarantinedRow_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DatasetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;
