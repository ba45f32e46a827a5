-- The outbox keeps the first claim time (recovery searches Slack from there), waits between attempts
-- (nextAttemptAt), and can give a delivery up for good (state "abandoned"). Existing rows keep their data;
-- their first claim time is the best one known, the last claim.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Delivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL,
    "firstClaimedAt" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "nextAttemptAt" DATETIME,
    "ts" TEXT,
    "postedIn" TEXT,
    "lastError" TEXT,
    "sentAt" DATETIME
);
INSERT INTO "new_Delivery" ("attempts", "channel", "claimedAt", "firstClaimedAt", "claimedBy", "id", "key", "lastError", "postedIn", "sentAt", "state", "ts")
SELECT "attempts", "channel", "claimedAt", "claimedAt", "claimedBy", "id", "key", "lastError", "postedIn", "sentAt", "state", "ts" FROM "Delivery";
DROP TABLE "Delivery";
ALTER TABLE "new_Delivery" RENAME TO "Delivery";
CREATE UNIQUE INDEX "Delivery_key_key" ON "Delivery"("key");
CREATE INDEX "Delivery_state_idx" ON "Delivery"("state");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
