// Starts test/support/child-cadence.ts as a separate process and waits until it listens.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "./paths";

export interface ChildCadence {
  process: ChildProcess;
  url: string;
  kill(): Promise<void>;
}

export async function spawnCadence(env: Record<string, string>): Promise<ChildCadence> {
  const child = spawn(process.execPath, ["--import", "tsx", join(PROJECT_ROOT, "test/support/child-cadence.ts")], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = "";
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const match = /ready (\S+)/.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.once("exit", (code) => reject(new Error(`child Cadence exited with ${code}: ${stderr}`)));
  });
  return {
    process: child,
    url,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}
