-- Time off, priorities and to-dos, as the SQLite migration 20261130090000 adds them.
-- CreateTable
CREATE TABLE "TimeOff" (
    "id" SERIAL NOT NULL,
    "userId" TEXT,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT NOT NULL,
    "note" TEXT,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TimeOff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Priority" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "onTrack" BOOLEAN NOT NULL DEFAULT true,
    "note" TEXT,
    "issueId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "closedBy" TEXT,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Priority_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Todo" (
    "id" SERIAL NOT NULL,
    "title" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'open',
    "issueId" INTEGER,
    "createdBy" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "closedBy" TEXT,
    "closedAt" TIMESTAMP(3),

    CONSTRAINT "Todo_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "TimeOff_toDate_idx" ON "TimeOff"("toDate");

-- CreateIndex
CREATE INDEX "Priority_state_idx" ON "Priority"("state");

-- CreateIndex
CREATE INDEX "Todo_state_idx" ON "Todo"("state");

-- CreateIndex
CREATE INDEX "Todo_closedAt_idx" ON "Todo"("closedAt");

