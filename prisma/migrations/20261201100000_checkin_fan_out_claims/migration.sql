-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN "claimedAt" DATETIME;
ALTER TABLE "CheckIn" ADD COLUMN "claimedBy" TEXT;

-- CreateIndex
CREATE INDEX "CheckIn_week_sentAt_idx" ON "CheckIn"("week", "sentAt");

