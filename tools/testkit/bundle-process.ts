// Starts a bundle (npm start's dist/main.js, or a benchmark's bare Bolt app) with plain Node in a process of its
// own and waits until its /healthz answers 200: the npm-start test and the lean benchmarks start it the same way.
import { spawn, type ChildProcess } from "node:child_process";
import { PROJECT_ROOT } from "../../src/db/project-root";
import { onCores } from "./on-cores";

const START_TIMEOUT_MS = 60_000;

export interface BundleProcess {
  child: ChildProcess;
  url: string;
  /** From spawning to /healthz answering 200. */
  startMs: number;
  /** Everything the process printed so far, stdout and stderr together. */
  output(): string;
}

export async function startBundleProcess(
  bundle: string,
  env: Record<string, string>,
  /** cpus: the cores it may run on (taskset's list, "1"), for a benchmark that keeps its own load elsewhere. */
  options: { nodeFlags?: string[]; cwd?: string; cpus?: string } = {},
): Promise<BundleProcess> {
  const started = performance.now();
  const [command, args] = onCores(options.cpus, [process.execPath, ...(options.nodeFlags ?? []), bundle]);
  const child = spawn(command, args, {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${bundle} did not start: ${output}`)), START_TIMEOUT_MS);
      const read = (chunk: Buffer) => {
        output += chunk;
        const match = /running on (http:\/\/\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]!);
        }
      };
      child.stdout!.on("data", read);
      child.stderr!.on("data", read);
      child.once("exit", (code) => reject(new Error(`${bundle} exited with ${code}: ${output}`)));
    });
    while (
      (await fetch(`${url}/healthz`).then(
        (response) => response.status,
        () => 0,
      )) !== 200
    )
      await new Promise((resolve) => setTimeout(resolve, 10));
    return { child, url, startMs: performance.now() - started, output: () => output };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}
