-- CreateTable
CREATE TABLE "DatasetVersion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "dataset" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "sourceName" TEXT NOT NULL,
    "sourceUrl" TEXT NOT NULL,
    "inputName" TEXT NOT NULL,
    "retrievedAt" DATETIME NOT NULL,
    "sha256" TEXT NOT NULL,
    "mappingVersion" TEXT NOT NULL,
    "synthetic" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL,
    "rowsRead" INTEGER NOT NULL DEFAULT 0,
    "rowsLoaded" INTEGER NOT NULL DEFAULT 0,
    "rowsQuarantined" INTEGER NOT NULL DEFAULT 0,
    "periodStart" DATETIME,
    "periodEnd" DATETIME,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "loaderHost" TEXT,
    "loaderPid" INTEGER,
    "activatedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Officer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "idSpace" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "CrisisRow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "versionId" INTEGER NOT NULL,
    "sourceRow" INTEGER NOT NULL,
    "templateId" TEXT NOT NULL,
    "reportedDate" DATETIME NOT NULL,
    "occurredAt" DATETIME,
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
    CONSTRAINT "CrisisRow_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DatasetVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CrisisRow_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrisisContact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "versionId" INTEGER NOT NULL,
    "contactKey" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "officerId" INTEGER,
    "reportedDate" DATETIME NOT NULL,
    "occurredAt" DATETIME,
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
    CONSTRAINT "CrisisContact_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DatasetVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CrisisContact_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UseOfForce" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "versionId" INTEGER NOT NULL,
    "sourceRow" INTEGER NOT NULL,
    "sourceId" TEXT NOT NULL,
    "incidentNum" TEXT NOT NULL,
    "incidentType" TEXT NOT NULL,
    "level" INTEGER NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "precinct" TEXT NOT NULL,
    "sector" TEXT NOT NULL,
    "beat" TEXT NOT NULL,
    "officerId" INTEGER,
    "subjectKey" TEXT NOT NULL,
    "subjectRace" TEXT NOT NULL,
    "subjectGender" TEXT NOT NULL,
    CONSTRAINT "UseOfForce_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DatasetVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UseOfForce_officerId_fkey" FOREIGN KEY ("officerId") REFERENCES "Officer" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuarantinedRow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "versionId" INTEGER NOT NULL,
    "sourceRow" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "raw" TEXT NOT NULL,
    CONSTRAINT "QuarantinedRow_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "DatasetVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Result" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "datasetVersionIds" TEXT NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
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
