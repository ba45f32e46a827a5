-- CreateTable
CREATE TABLE "StageChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seatId" INTEGER NOT NULL,
    "fromStage" TEXT,
    "toStage" TEXT NOT NULL,
    "reason" TEXT,
    "by" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "KillThreshold" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kpiId" INTEGER NOT NULL,
    "op" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "setBy" TEXT NOT NULL,
    "setAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "GateIssue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seatId" INTEGER NOT NULL,
    "stageChangeId" INTEGER NOT NULL,
    "issueId" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "SeatReview" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seatId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "note" TEXT,
    "by" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "WebhookDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seatId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastError" TEXT,
    "sentAt" DATETIME
);

-- AlterTable: AI seats' stage, gate and stop webhook (columns added in place so existing rows keep their data)
ALTER TABLE "Seat" ADD COLUMN "stage" TEXT;
ALTER TABLE "Seat" ADD COLUMN "stageSince" DATETIME;
ALTER TABLE "Seat" ADD COLUMN "gateWeeks" INTEGER NOT NULL DEFAULT 4;
ALTER TABLE "Seat" ADD COLUMN "gatePercent" INTEGER NOT NULL DEFAULT 80;
ALTER TABLE "Seat" ADD COLUMN "webhookUrl" TEXT;
ALTER TABLE "Seat" ADD COLUMN "webhookSecret" TEXT;

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


-- Existing AI seats start in pilot, with that start in their history; human seats have no stage.
UPDATE "Seat" SET "stage" = 'pilot', "stageSince" = CURRENT_TIMESTAMP WHERE "kind" = 'agent';
INSERT INTO "StageChange" ("seatId", "fromStage", "toStage", "reason", "by", "via", "at")
  SELECT "id", NULL, 'pilot', 'AI seats start in pilot', 'cadence', 'migration', CURRENT_TIMESTAMP FROM "Seat" WHERE "kind" = 'agent';
