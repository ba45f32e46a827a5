// Loaded into a benchmark's app process with `--import`: how long the event loop was held, measured by Node's
// own histogram (perf_hooks.monitorEventLoopDelay: how late a 1 ms timer fires, which is how long an ack
// arriving at that moment would wait). The first SIGUSR2 starts a window; the next prints its figures as one
// `loop-delay {...}` line on stderr, in ms, and stops it. Plain JavaScript: the bundles run without tsx.
import { monitorEventLoopDelay } from "node:perf_hooks";

const histogram = monitorEventLoopDelay({ resolution: 1 });
let measuring = false;

process.on("SIGUSR2", () => {
  if (!measuring) {
    histogram.reset();
    histogram.enable();
    measuring = true;
    return;
  }
  histogram.disable();
  measuring = false;
  const ms = (ns) => Math.round(ns / 1e4) / 100;
  const figures = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) };
  process.stderr.write(`loop-delay ${JSON.stringify(figures)}\n`);
});
