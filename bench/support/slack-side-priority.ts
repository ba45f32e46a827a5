// The fake Slack runs on the benchmark's main thread: it takes the app's answers (50 KB of blocks parsed and
// checked per /scorecard) and its Web API calls. In production Slack does that on its own machines; here it would
// take the two cores from the app while the app still acks the rest of a burst, and only Cadence gives answers
// for it to take (a bare Bolt app acks and is done), so Cadence's acks would look slower than they are. Measured
// by `npm run bench -- lean`: /scorecard ack p99 at 20 concurrent with 500 KPIs 1.74x bare Bolt's with the fake
// Slack at the app's priority, 1.01x at a lower one, the event-loop delays alike.
import { setPriority } from "node:os";

// A Linux thread's nice value is its own (setpriority(2)), and threads inherit it: call this after starting the
// worker threads that time the acks, which must keep the app's priority.
export function lowerSlackSidePriority(): void {
  try {
    setPriority(10);
  } catch {
    // Elsewhere the fake Slack runs as it is.
  }
}
