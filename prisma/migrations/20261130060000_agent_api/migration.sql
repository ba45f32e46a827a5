-- AlterTable
ALTER TABLE "Entry" ADD COLUMN "agentValue" REAL;
ALTER TABLE "Entry" ADD COLUMN "confirmedAt" DATETIME;
ALTER TABLE "Entry" ADD COLUMN "confirmedBy" TEXT;

-- CreateTable
CREATE TABLE "SeatToken" (
    "seatId" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "hash" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ApiIdempotencyKey" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seatId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "status" INTEGER,
    "response" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ApiIdempotencyKey_createdAt_idx" ON "ApiIdempotencyKey"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiIdempotencyKey_seatId_key_key" ON "ApiIdempotencyKey"("seatId", "key");

