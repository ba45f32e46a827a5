-- Housekeeping prunes old processed events and sent deliveries every hour: index what it filters on.
CREATE INDEX "ProcessedEvent_at_idx" ON "ProcessedEvent"("at");
CREATE INDEX "Delivery_state_sentAt_idx" ON "Delivery"("state", "sentAt");
