// The worker thread of workerSlashCommander (slash-commands.ts): sends each command it is handed and times its ack
// on an event loop that does nothing else. Messages in: {id, input, ackTimeoutMs}; out: {id, outcome}.
import { parentPort, workerData } from "node:worker_threads";
import type { CommandInput } from "../../tools/local-slack/signed-requests";
import { inThreadAcks } from "./ack-timing";

export interface AckRequest {
  id: number;
  input: CommandInput;
  ackTimeoutMs: number;
}

const { appUrl, teamId } = workerData as { appUrl: string; teamId: string };
const ack = inThreadAcks(appUrl, teamId);
parentPort!.on("message", ({ id, input, ackTimeoutMs }: AckRequest) => {
  void ack(input, ackTimeoutMs).then((outcome) => parentPort!.postMessage({ id, outcome }));
});
parentPort!.postMessage("ready");
