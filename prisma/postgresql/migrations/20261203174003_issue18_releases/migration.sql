-- CreateTable
CREATE TABLE "Release" (
    "id" SERIAL NOT NULL,
    "number" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "trigger" TEXT NOT NULL,
    "datasetVersionIds" TEXT NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "changelog" TEXT NOT NULL,

    CONSTRAINT "Release_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseResult" (
    "releaseId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "datasetVersionIds" TEXT NOT NULL,
    "methodologyVersion" TEXT NOT NULL,
    "computedAt" TIMESTAMP(3) NOT NULL,
    "payloadSha256" TEXT NOT NULL,

    CONSTRAINT "ReleaseResult_pkey" PRIMARY KEY ("releaseId","key")
);

-- CreateTable
CREATE TABLE "ReleasePayload" (
    "sha256" TEXT NOT NULL,
    "payload" TEXT NOT NULL,

    CONSTRAINT "ReleasePayload_pkey" PRIMARY KEY ("sha256")
);

-- CreateIndex
CREATE UNIQUE INDEX "Release_number_key" ON "Release"("number");

-- CreateIndex
CREATE INDEX "ReleaseResult_payloadSha256_idx" ON "ReleaseResult"("payloadSha256");

-- AddForeignKey
ALTER TABLE "ReleaseResult" ADD CONSTRAINT "ReleaseResult_releaseId_fkey" FOREIGN KEY ("releaseId") REFERENCES "Release"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseResult" ADD CONSTRAINT "ReleaseResult_payloadSha256_fkey" FOREIGN KEY ("payloadSha256") REFERENCES "ReleasePayload"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;
