// Starts ack-worker.ts in a worker thread and hands it commands to send and time, one promise per command.
import type { AckOutcome, AckSender } from "./ack-timing";
import type { AckRequest } from "./ack-worker";
import { startTsWorker } from "./ts-worker";

export async function startAckWorker(appUrl: string, teamId: string): Promise<{ ack: AckSender; stop(): Promise<void> }> {
  const worker = await startTsWorker(new URL("./ack-worker.ts", import.meta.url), { appUrl, teamId });
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
