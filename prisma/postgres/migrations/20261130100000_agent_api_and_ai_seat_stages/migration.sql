-- The agent API (seat tokens, idempotency keys, provenance on entries) and AI seats' stages, kill thresholds,
-- gate, reviews and stop webhooks, as the SQLite migrations 20261130060000 and 20261130080000 add them.
-- AlterTable
ALTER TABLE "Seat" ADD COLUMN     "gatePercent" INTEGER NOT NULL DEFAULT 80,
ADD COLUMN     "gateWeeks" INTEGER NOT NULL DEFAULT 4,
ADD COLUMN     "stage" TEXT,
ADD COLUMN     "stageSince" TIMESTAMP(3),
ADD COLUMN     "webhookSecret" TEXT,
ADD COLUMN     "webhookUrl" TEXT;

-- AlterTable
ALTER TABLE "Entry" ADD COLUMN     "agentValue" DOUBLE PRECISION,
ADD COLUMN     "confirmedAt" TIMESTAMP(3),
ADD COLUMN     "confirmedBy" TEXT;

-- CreateTable
CREATE TABLE "SeatToken" (
    "seatId" INTEGER NOT NULL,
    "hash" TEXT NOT NULL,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeatToken_pkey" PRIMARY KEY ("seatId")
);

-- CreateTable
CREATE TABLE "ApiIdempotencyKey" (
    "id" SERIAL NOT NULL,
    "seatId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "status" INTEGER,
    "response" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ApiIdempotencyKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StageChange" (
    "id" SERIAL NOT NULL,
    "seatId" INTEGER NOT NULL,
    "fromStage" TEXT,
    "toStage" TEXT NOT NULL,
    "reason" TEXT,
    "by" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StageChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "KillThreshold" (
    "id" SERIAL NOT NULL,
    "kpiId" INTEGER NOT NULL,
    "op" TEXT NOT NULL,
    "value" DOUBLE PRECISION NOT NULL,
    "setBy" TEXT NOT NULL,
    "setAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "KillThreshold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GateIssue" (
    "id" SERIAL NOT NULL,
    "seatId" INTEGER NOT NULL,
    "stageChangeId" INTEGER NOT NULL,
    "issueId" INTEGER NOT NULL,

    CONSTRAINT "GateIssue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SeatReview" (
    "id" SERIAL NOT NULL,
    "seatId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "note" TEXT,
    "by" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SeatReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" SERIAL NOT NULL,
    "seatId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "WebhookDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ApiIdempotencyKey_createdAt_idx" ON "ApiIdempotencyKey"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiIdempotencyKey_seatId_key_key" ON "ApiIdempotencyKey"("seatId", "key");

-- CreateIndex
CREATE INDEX "StageChange_seatId_idx" ON "StageChange"("seatId");

-- CreateIndex
CREATE UNIQUE INDEX "KillThreshold_kpiId_key" ON "KillThreshold"("kpiId");

-- CreateIndex
CREATE UNIQUE INDEX "GateIssue_issueId_key" ON "GateIssue"("issueId");

-- CreateIndex
CREATE UNIQUE INDEX "GateIssue_seatId_stageChangeId_key" ON "GateIssue"("seatId", "stageChangeId");

-- CreateIndex
CREATE UNIQUE INDEX "SeatReview_seatId_kind_key" ON "SeatReview"("seatId", "kind");

-- CreateIndex
CREATE INDEX "WebhookDelivery_state_nextAttemptAt_idx" ON "WebhookDelivery"("state", "nextAttemptAt");


-- Existing AI seats start in pilot, with the change on record (as on SQLite).
UPDATE "Seat" SET "stage" = 'pilot', "stageSince" = CURRENT_TIMESTAMP WHERE "kind" = 'agent';
INSERT INTO "StageChange" ("seatId", "fromStage", "toStage", "reason", "by", "via", "at")
  SELECT "id", NULL, 'pilot', 'AI seats start in pilot', 'cadence', 'migration', CURRENT_TIMESTAMP FROM "Seat" WHERE "kind" = 'agent';
