-- CreateTable
CREATE TABLE "EisIntervention" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "scoreId" INTEGER NOT NULL,
    "officerId" INTEGER NOT NULL,
    "officerSourceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueDate" DATETIME NOT NULL,
    "status" TEXT NOT NULL,
    "assignedById" INTEGER NOT NULL,
    "assignedByEmail" TEXT NOT NULL,
    "assignedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedOn" DATETIME,
    "completionNote" TEXT,
    "completedById" INTEGER,
    "completedByEmail" TEXT,
    "completedAt" DATETIME,
    CONSTRAINT "EisIntervention_scoreId_fkey" FOREIGN KEY ("scoreId") REFERENCES "EisOfficerScore" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "EisIntervention_officerId_idx" ON "EisIntervention"("officerId");

-- CreateIndex
CREATE INDEX "EisIntervention_status_idx" ON "EisIntervention"("status");

-- CreateIndex
CREATE INDEX "EisIntervention_scoreId_idx" ON "EisIntervention"("scoreId");
