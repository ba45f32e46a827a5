-- CreateTable
CREATE TABLE "Seat" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "accountability" TEXT,
    "ownerId" TEXT NOT NULL,
    "archivedAt" DATETIME,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Kpi" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "seatId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "nameKey" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "goalOp" TEXT NOT NULL,
    "goalA" REAL NOT NULL,
    "goalB" REAL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "archivedAt" DATETIME,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Kpi_seatId_fkey" FOREIGN KEY ("seatId") REFERENCES "Seat" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Entry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "kpiId" INTEGER NOT NULL,
    "week" TEXT NOT NULL,
    "value" REAL NOT NULL,
    "note" TEXT,
    "source" TEXT NOT NULL,
    "enteredBy" TEXT NOT NULL,
    "enteredAt" DATETIME NOT NULL,
    CONSTRAINT "Entry_kpiId_fkey" FOREIGN KEY ("kpiId") REFERENCES "Kpi" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Issue" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "kpiId" INTEGER,
    "week" TEXT,
    "ownerId" TEXT NOT NULL,
    "openedBy" TEXT NOT NULL,
    "assigneeId" TEXT,
    "closedBy" TEXT,
    "closedAt" DATETIME,
    "resolutionNote" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "channelId" TEXT,
    "messageTs" TEXT
);

-- CreateTable
CREATE TABLE "IssueWeek" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "issueId" INTEGER NOT NULL,
    "kpiId" INTEGER NOT NULL,
    "week" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "value" REAL,
    CONSTRAINT "IssueWeek_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ownerId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "channelId" TEXT,
    "messageTs" TEXT,
    "sentAt" DATETIME,
    "remindedAt" DATETIME,
    "answeredAt" DATETIME
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "ts" TEXT,
    "postedIn" TEXT,
    "lastError" TEXT,
    "sentAt" DATETIME
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "job" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "completedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Digest" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "week" TEXT NOT NULL,
    "channelId" TEXT,
    "messageTs" TEXT,
    "postedAt" DATETIME
);

-- CreateTable
CREATE TABLE "MeetingRating" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "week" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "score" INTEGER NOT NULL,
    "votedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "SlackUser" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tz" TEXT,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "isOwner" BOOLEAN NOT NULL DEFAULT false,
    "teamId" TEXT,
    "fetchedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" TEXT,
    "after" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Instance" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pid" INTEGER NOT NULL,
    "host" TEXT NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "heartbeatAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "acquiredAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Seat_nameKey_key" ON "Seat"("nameKey");

-- CreateIndex
CREATE INDEX "Seat_ownerId_idx" ON "Seat"("ownerId");

-- CreateIndex
CREATE UNIQUE INDEX "Kpi_seatId_nameKey_key" ON "Kpi"("seatId", "nameKey");

-- CreateIndex
CREATE INDEX "Entry_week_idx" ON "Entry"("week");

-- CreateIndex
CREATE UNIQUE INDEX "Entry_kpiId_week_key" ON "Entry"("kpiId", "week");

-- CreateIndex
CREATE INDEX "Issue_state_idx" ON "Issue"("state");

-- CreateIndex
CREATE INDEX "Issue_kpiId_source_state_idx" ON "Issue"("kpiId", "source", "state");

-- CreateIndex
CREATE UNIQUE INDEX "IssueWeek_kpiId_week_source_key" ON "IssueWeek"("kpiId", "week", "source");

-- CreateIndex
CREATE UNIQUE INDEX "CheckIn_ownerId_week_key" ON "CheckIn"("ownerId", "week");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_key_key" ON "Delivery"("key");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_week_key" ON "JobRun"("job", "week");

-- CreateIndex
CREATE UNIQUE INDEX "Digest_week_key" ON "Digest"("week");

-- CreateIndex
CREATE UNIQUE INDEX "MeetingRating_week_userId_key" ON "MeetingRating"("week", "userId");

-- CreateIndex
CREATE INDEX "AuditLog_entity_entityId_idx" ON "AuditLog"("entity", "entityId");

