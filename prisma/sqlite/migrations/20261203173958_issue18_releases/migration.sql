-- CreateTable
CREATE TABLE "Release" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "number" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "trigger" TEXT NOT NULL,
    "datasetVersionIds" TEXT NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "changelog" TEXT NOT NULL
);

-- CreateTable
CREATE TABLE "ReleaseResult" (
    "releaseId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "datasetVersionIds" TEXT NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "computedAt" DATETIME NOT NULL,
    "payloadSha256" TEXT NOT NULL,

    PRIMARY KEY ("releaseId", "key"),
    CONSTRAINT "ReleaseResult_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReleaseResult_payloadSha256_fkey" FOREIGN KEY ("payloadSha256") REFERENCES "ReleasePayload" ("sha256") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReleasePayload" (
    "sha256" TEXT NOT NULL PRIMARY KEY,
    "payload" TEXT NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Release_number_key" ON "Release"("number");

-- CreateIndex
CREATE INDEX "ReleaseResult_payloadSha256_idx" ON "ReleaseResult"("payloadSha256");
