// Runs Cadence's benchmarks in order and prints each result as a markdown table, after the machine it ran on.
//   npm run bench            every benchmark
//   npm run bench -- fanout  only those whose name contains "fanout"
// Exits 1 when a benchmark's correctness check fails (a fast wrong answer is no result), 2 on a bad filter.
import { spawn } from "node:child_process";
import { once } from "node:events";
import os from "node:os";
import { benchAgentApi } from "./agent-api";
import { benchCheckinFanout } from "./checkin-fanout";
import { benchCheckinFanoutUnderTiers } from "./checkin-fanout-tiers";
import { benchDigest } from "./digest";
import { benchDrift } from "./drift";
import { benchFleet } from "./fleet";
import { benchLargeTeam } from "./large-team";
import { benchLean } from "./lean";
import { benchLeanJobs } from "./lean-jobs";
import { benchLoad } from "./load";
import { benchQueries } from "./queries";
import { benchScorecard } from "./scorecard";
import { markdownTable, formatMb, type BenchResult, type Metric } from "./support/bench-result";

// Set for a benchmark run in a process of its own, whose parent printed the machine's facts already.
const WITHOUT_HEADER = "CADENCE_BENCH_WITHOUT_HEADER";

interface Benchmark {
  name: string;
  run: () => Promise<BenchResult[]>;
}

// Add new benchmarks here; they run in this order.
const BENCHMARKS: Benchmark[] = [
  { name: "checkin-fanout", run: () => benchCheckinFanout() },
  { name: "checkin-fanout-tiers", run: () => benchCheckinFanoutUnderTiers() },
  { name: "scorecard", run: () => benchScorecard() },
  { name: "drift", run: () => benchDrift() },
  { name: "digest", run: () => benchDigest() },
  { name: "load", run: () => benchLoad() },
  { name: "large-team", run: () => benchLargeTeam() },
  { name: "agent-api", run: () => benchAgentApi() },
  { name: "lean", run: () => benchLean() },
  { name: "lean-jobs", run: () => benchLeanJobs() },
  { name: "queries", run: () => benchQueries() },
  // Needs PostgreSQL: CADENCE_BENCH_POSTGRES_URL, or root to start a throwaway server.
  { name: "fleet", run: () => benchFleet() },
];

function selectBenchmarks(filter: string | undefined): Benchmark[] {
  if (!filter) return BENCHMARKS;
  // A name that matches exactly runs alone (`lean`, not `lean-jobs` too); otherwise every name containing it.
  const exact = BENCHMARKS.filter((benchmark) => benchmark.name === filter.toLowerCase());
  return exact.length > 0 ? exact : BENCHMARKS.filter((benchmark) => benchmark.name.includes(filter.toLowerCase()));
}

function machineInfo(): Metric[] {
  const cpus = os.cpus();
  return [
    { metric: "node", value: process.version },
    { metric: "platform", value: `${os.platform()} ${os.release()} (${os.arch()})` },
    { metric: "CPUs", value: `${cpus.length} × ${cpus[0]?.model.trim() ?? "unknown"}` },
    { metric: "total memory", value: formatMb(os.totalmem()) },
    { metric: "date", value: new Date().toISOString() },
  ];
}

async function main(): Promise<number> {
  const filter = process.argv[2];
  const selected = selectBenchmarks(filter);
  if (selected.length === 0) {
    console.error(`No benchmark matches "${filter}". Known: ${BENCHMARKS.map((benchmark) => benchmark.name).join(", ")}`);
    return 2;
  }
  if (!process.env[WITHOUT_HEADER]) console.log(`# Cadence benchmarks\n\n${markdownTable(machineInfo())}\n`);
  if (selected.length > 1) return runEachInItsOwnProcess(selected);
  let failed = false;
  for (const benchmark of selected) {
    console.log(`## ${benchmark.name}\n`);
    for (const result of await benchmark.run()) {
      console.log(`### ${result.title}\n\n${markdownTable(result.metrics)}\n`);
      for (const failure of result.failures) console.log(`FAIL: ${benchmark.name}: ${failure}\n`);
      failed ||= result.failures.length > 0;
    }
  }
  return failed ? 1 : 0;
}

/**
 * Several benchmarks run one after another, each in a process of its own (this script again, with its exact name):
 * what one leaves behind (a heap grown by its load, a thread's lowered priority, see support/low-priority.ts)
 * must not colour the next one's figures.
 */
async function runEachInItsOwnProcess(selected: Benchmark[]): Promise<number> {
  let failed = false;
  for (const benchmark of selected) {
    // process.execArgv holds tsx's loader flags, so the child runs the TypeScript as this process does.
    const child = spawn(process.execPath, [...process.execArgv, process.argv[1]!, benchmark.name], {
      stdio: "inherit",
      env: { ...process.env, [WITHOUT_HEADER]: "1" },
    });
    const [code] = (await once(child, "exit")) as [number | null];
    failed ||= code !== 0;
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("benchmark crashed:", error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  },
);
