-- Claims on pending check-in DMs, so every instance shares the fan-out, as the SQLite migration 20261201100000 adds them.
-- AlterTable
ALTER TABLE "CheckIn" ADD COLUMN     "claimedAt" TIMESTAMP(3),
ADD COLUMN     "claimedBy" TEXT;

-- CreateIndex
CREATE INDEX "CheckIn_week_sentAt_idx" ON "CheckIn"("week", "sentAt");

