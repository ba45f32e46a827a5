-- CreateTable
CREATE TABLE "TimeOff" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "userId" TEXT,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "note" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Priority" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "onTrack" BOOLEAN NOT NULL DEFAULT true,
    "note" TEXT,
    "issueId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "closedBy" TEXT,
    "closedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Todo" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "issueId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "closedBy" TEXT,
    "closedAt" DATETIME
);

-- CreateIndex
CREATE INDEX "TimeOff_toDate_idx" ON "TimeOff"("toDate");

-- CreateIndex
CREATE INDEX "Priority_state_idx" ON "Priority"("state");

-- CreateIndex
CREATE INDEX "Todo_state_idx" ON "Todo"("state");

-- CreateIndex
CREATE INDEX "Todo_closedAt_idx" ON "Todo"("closedAt");

