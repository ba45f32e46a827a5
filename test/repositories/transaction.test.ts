// A clash between two writers is waited out and the transaction run again, however the driver reports it.
import { describe, expect, it } from "vitest";
import type { Database } from "../../src/db/database";
import { isBusyError, transaction } from "../../src/repositories/transaction";

/** What @prisma/adapter-pg throws when PostgreSQL refuses a SERIALIZABLE transaction at COMMIT (SQLSTATE 40001). */
function commitConflict(): Error {
  return Object.assign(new Error("TransactionWriteConflict"), {
    name: "DriverAdapterError",
    cause: {
      originalCode: "40001",
      originalMessage: "could not serialize access due to read/write dependencies among transactions",
      kind: "TransactionWriteConflict",
    },
  });
}

describe("isBusyError", () => {
  it("knows a serialization failure PostgreSQL reports at COMMIT through the driver adapter", () => {
    expect(isBusyError(commitConflict())).toBe(true);
  });

  it("knows Prisma's own write-conflict code and SQLite's busy answer", () => {
    expect(isBusyError(Object.assign(new Error("Transaction failed due to a write conflict or a deadlock"), { code: "P2034" }))).toBe(true);
    expect(isBusyError(new Error("SQLITE_BUSY: database is locked"))).toBe(true);
  });

  it("does not take any other failure for a clash", () => {
    expect(isBusyError(Object.assign(new Error("Unique constraint failed"), { code: "P2002" }))).toBe(false);
    expect(isBusyError(new Error("TransactionAborted"))).toBe(false);
  });
});

describe("transaction", () => {
  it("runs the work again after a conflict at COMMIT, and gives its result", async () => {
    let attempts = 0;
    const db = {
      async $transaction<T>(work: (tx: unknown) => Promise<T>): Promise<T> {
        attempts += 1;
        const result = await work({});
        if (attempts === 1) throw commitConflict();
        return result;
      },
    } as unknown as Database;
    expect(await transaction(db, async () => "recorded")).toBe("recorded");
    expect(attempts).toBe(2);
  });
});
