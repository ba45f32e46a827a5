// Parts of a benchmark that stand in for other machines run below the app's priority: the agents' load generator
// (in production agents run elsewhere) and the fake Slack on the benchmark's main thread. The fake Slack takes the
// app's answers (50 KB of blocks parsed and checked per /scorecard) and its Web API calls; in production Slack
// does that on its own machines. Here it would take the two cores from the app while the app still acks the rest
// of a burst, and only Cadence gives answers for it to take (a bare Bolt app acks and is done), so Cadence's acks
// would look slower than they are. Measured by `npm run bench -- lean`: /scorecard ack p99 at 20 concurrent with
// 500 KPIs 1.74x bare Bolt's with the fake Slack at the app's priority, 1.01x at a lower one.
import { setPriority } from "node:os";

// A Linux thread's nice value is its own (setpriority(2)), and threads inherit it: on the main thread, call this
// after starting the worker threads that time the acks, which must keep the app's priority. It cannot be undone
// without privilege, which is why `npm run bench` runs each benchmark in a process of its own.
export function lowerThisThreadsPriority(): void {
  try {
    setPriority(10);
  } catch {
    // Elsewhere the thread runs as it is.
  }
}
