// The agent API's service as its worker thread builds it, on a database connection of its own: values are stored
// here and only told to `recorded`, since the DM and home refreshes that follow call Slack from the main thread.
import type { Database } from "../db/database";
import { EntryRepository } from "../repositories/entry-repository";
import { IdempotencyRepository } from "../repositories/idempotency-repository";
import { SeatRepository } from "../repositories/seat-repository";
import { SeatTokenRepository } from "../repositories/seat-token-repository";
import { AgentEntryService } from "../services/agent-entry-service";
import { storeBatch, type RecordedValues } from "../services/entry-service";

export function agentServiceOn(db: Database, tz: string, recorded: (values: RecordedValues[]) => void): AgentEntryService {
  const entries = new EntryRepository(db);
  return new AgentEntryService({
    tokens: new SeatTokenRepository(db),
    idempotency: new IdempotencyRepository(db),
    seats: new SeatRepository(db),
    entries: {
      recordBatch: async (items, input) => {
        const values = await storeBatch(entries, items, input);
        recorded(values);
        return values;
      },
    },
    history: entries,
    tz,
  });
}
