// A command line run on some cores only, through Linux's taskset: a benchmark keeps the apps it measures on one core
// and its own load on the other (bench/support/separate-cores.ts).

/** The command and arguments that run `commandLine`, on `cpus` (taskset's list, "1") when given. */
export function onCores(cpus: string | undefined, commandLine: [string, ...string[]]): [string, string[]] {
  const [command, ...args] = cpus ? ["taskset", "-c", cpus, ...commandLine] : commandLine;
  return [command!, args];
}
