// Prisma's better-sqlite3 adapter runs every statement on one connection (src/db/one-connection-sqlite.ts): a
// statement made outside a transaction must never land inside someone else's open transaction, and a chain of
// statements must let the event loop in between them.
import { setImmediate as nextTurn } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/database";
import { freshDatabaseUrl } from "../support/boot-app";

let db: Database;
beforeAll(async () => {
  db = await openDatabase(freshDatabaseUrl());
});
afterAll(async () => db.$disconnect());

/** A transaction that writes `key`, lets others run for a few turns, then fails and rolls back. */
function failingTransaction(key: string): { started: Promise<void>; done: Promise<string> } {
  let inside!: () => void;
  const started = new Promise<void>((resolve) => (inside = resolve));
  const done = db
    .$transaction(async (tx) => {
      await tx.processedEvent.create({ data: { key, at: new Date() } });
      inside();
      for (let turn = 0; turn < 3; turn += 1) await nextTurn();
      throw new Error("rolled back");
    })
    .catch((error: Error) => error.message);
  return { started, done };
}

const keys = async () => (await db.processedEvent.findMany({ orderBy: { key: "asc" } })).map((row) => row.key);

describe("one SQLite connection shared by transactions and single statements", () => {
  it("keeps a write made beside a transaction when that transaction rolls back", async () => {
    const transaction = failingTransaction("a-in-transaction");
    await transaction.started;
    await db.processedEvent.create({ data: { key: "b-beside", at: new Date() } });
    expect(await transaction.done).toBe("rolled back");
    expect(await keys()).toContain("b-beside");
    expect(await keys()).not.toContain("a-in-transaction");
  });

  it("does not show a read beside a transaction what the transaction has not committed", async () => {
    const transaction = failingTransaction("c-uncommitted");
    await transaction.started;
    expect(await keys()).not.toContain("c-uncommitted");
    await transaction.done;
  });

  it("gives the event loop a turn before a statement, so a request that came in meanwhile is read", async () => {
    const order: string[] = [];
    setImmediate(() => order.push("event loop"));
    await db.processedEvent.count();
    order.push("statement");
    expect(order).toEqual(["event loop", "statement"]);
  });
});
