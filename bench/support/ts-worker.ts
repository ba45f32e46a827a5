// A benchmark's helper thread from a TypeScript file: a worker does not inherit tsx's loader, so it registers it,
// then loads the file. Resolves once the worker has posted its first message ("ready").
import { Worker } from "node:worker_threads";

export async function startTsWorker(entry: URL, workerData: unknown): Promise<Worker> {
  const bootstrap = `import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(entry.href)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData });
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  return worker;
}
