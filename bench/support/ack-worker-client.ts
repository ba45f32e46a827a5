// Starts ack-worker.ts in a worker thread and hands it commands to send and time, one promise per command.
import { Worker } from "node:worker_threads";
import type { AckOutcome, AckSender } from "./ack-timing";
import type { AckRequest } from "./ack-worker";

export async function startAckWorker(appUrl: string, teamId: string): Promise<{ ack: AckSender; stop(): Promise<void> }> {
  // A worker does not inherit tsx's loader: it registers it, then loads the TypeScript file.
  const entry = new URL("./ack-worker.ts", import.meta.url).href;
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { appUrl, teamId } });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  const pending = new Map<number, (outcome: AckOutcome) => void>();
  worker.on("message", ({ id, outcome }: { id: number; outcome: AckOutcome }) => {
    pending.get(id)?.(outcome);
    pending.delete(id);
  });
  worker.on("error", (error) => {
    for (const settle of pending.values()) settle({ error: `ack worker failed: ${error.message}`, errorKind: "ack worker failed" });
    pending.clear();
  });
  let nextId = 0;
  return {
    ack: (input, ackTimeoutMs) =>
      new Promise((resolve) => {
        const id = (nextId += 1);
        pending.set(id, resolve);
        worker.postMessage({ id, input, ackTimeoutMs } satisfies AckRequest);
      }),
    stop: async () => void (await worker.terminate()),
  };
}
