-- CreateTable
CREATE TABLE "EisIntervention" (
    "id" SERIAL NOT NULL,
    "scoreId" INTEGER NOT NULL,
    "officerId" INTEGER NOT NULL,
    "officerSourceId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "dueDate" TIMESTAMP(3) NOT NULL,
    "status" TEXT NOT NULL,
    "assignedById" INTEGER NOT NULL,
    "assignedByEmail" TEXT NOT NULL,
    "assignedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedOn" TIMESTAMP(3),
    "completionNote" TEXT,
    "completedById" INTEGER,
    "completedByEmail" TEXT,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "EisIntervention_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EisIntervention_officerId_idx" ON "EisIntervention"("officerId");

-- CreateIndex
CREATE INDEX "EisIntervention_status_idx" ON "EisIntervention"("status");

-- CreateIndex
CREATE INDEX "EisIntervention_scoreId_idx" ON "EisIntervention"("scoreId");

-- AddForeignKey
ALTER TABLE "EisIntervention" ADD CONSTRAINT "EisIntervention_scoreId_fkey" FOREIGN KEY ("scoreId") REFERENCES "EisOfficerScore"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
