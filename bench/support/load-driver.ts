// Drives requests at an app: at a steady rate, or in a burst all at once. The steady rate is an open loop:
// each request leaves at its time whether or not the earlier ones have been answered, so a slow app shows up as
// slow answers instead of quietly lowering the rate. Both are bounded by a request count fixed up front.
import { performance } from "node:perf_hooks";
import { setTimeout as delay } from "node:timers/promises";

export interface SteadyRun<T> {
  results: T[];
  /** From the first request leaving to the last (the rate actually offered is count ÷ this). */
  sendWindowMs: number;
  /** From the first request leaving to the last result. */
  wallMs: number;
}

export interface BurstRun<T> {
  results: T[];
  wallMs: number;
}

/** `ratePerSecond × seconds` requests, request i leaving at i ÷ rate seconds; resolves when all have finished. */
export async function atSteadyRate<T>(ratePerSecond: number, seconds: number, send: (index: number) => Promise<T>): Promise<SteadyRun<T>> {
  const count = Math.round(ratePerSecond * seconds);
  const intervalMs = 1000 / ratePerSecond;
  const pending: Promise<T>[] = [];
  const started = performance.now();
  for (let index = 0; index < count; index += 1) {
    const wait = started + index * intervalMs - performance.now();
    if (wait > 0) await delay(wait);
    pending.push(send(index));
  }
  const sendWindowMs = performance.now() - started;
  const results = await Promise.all(pending);
  return { results, sendWindowMs, wallMs: performance.now() - started };
}

/** `size` requests sent at once; resolves when all have finished. */
export async function inOneBurst<T>(size: number, send: (index: number) => Promise<T>): Promise<BurstRun<T>> {
  const started = performance.now();
  const results = await Promise.all(Array.from({ length: size }, (_, index) => send(index)));
  return { results, wallMs: performance.now() - started };
}
