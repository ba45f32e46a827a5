// Prisma's better-sqlite3 adapter gives a client ONE connection. Its transactions wait for each other, but a query
// made outside a transaction runs on that same connection whenever it comes, also between a transaction's BEGIN
// and its COMMIT: it then becomes part of that transaction and is undone with it when the transaction rolls
// back (an entry recorded by `/scorecard set` lost because an outbox claim beside it failed). This wrapper makes
// every statement outside a transaction wait while one is open, in the order they came.
//
// Each statement outside a transaction also first gives the event loop a turn. better-sqlite3 answers
// synchronously, so without it a request's whole chain of queries runs as one unbroken stretch of microtasks,
// and a Slack request that arrived meanwhile is not even read, let alone acked, until the chain ends.
import { setImmediate as nextTurn } from "node:timers/promises";
import type { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import pLimit from "p-limit";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

export function oneConnectionAtATime(factory: PrismaBetterSQLite3): PrismaBetterSQLite3 {
  return new Proxy(factory, {
    get(target, property, receiver) {
      if (property === "connect" || property === "connectToShadowDb") {
        return async () => serialized(await target[property]());
      }
      return Reflect.get(target, property, receiver);
    },
  });
}

function serialized(adapter: Adapter): Adapter {
  const oneAtATime = pLimit(1);
  // Resolves once it is this caller's turn, with the function that ends the turn.
  const takeTurn = () =>
    new Promise<() => void>((granted) => {
      void oneAtATime(() => new Promise<void>((release) => granted(release)));
    });
  const alone = async <T>(work: () => Promise<T>): Promise<T> => {
    await nextTurn();
    return oneAtATime(work);
  };
  return new Proxy(adapter, {
    get(target, property, receiver) {
      switch (property) {
        case "queryRaw":
          return (query: Parameters<Adapter["queryRaw"]>[0]) => alone(() => target.queryRaw(query));
        case "executeRaw":
          return (query: Parameters<Adapter["executeRaw"]>[0]) => alone(() => target.executeRaw(query));
        case "executeScript":
          return (script: string) => alone(() => target.executeScript(script));
        case "startTransaction":
          return async (isolationLevel?: Parameters<Adapter["startTransaction"]>[0]) => {
            await nextTurn();
            const endTurn = await takeTurn();
            try {
              return endingTurn(await target.startTransaction(isolationLevel), endTurn);
            } catch (error) {
              endTurn();
              throw error;
            }
          };
        default: {
          const value = Reflect.get(target, property, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        }
      }
    },
  });
}

/** The transaction, ending its turn on the connection once it commits or rolls back. */
function endingTurn(transaction: Transaction, endTurn: () => void): Transaction {
  return new Proxy(transaction, {
    get(target, property, receiver) {
      if (property === "commit" || property === "rollback") {
        return async () => {
          try {
            await target[property]();
          } finally {
            endTurn();
          }
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
