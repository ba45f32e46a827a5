// A benchmark's knob from the environment (LOAD_SECONDS, AGENT_BENCH_REPEATS, ...): a positive number, at most
// `max`; the default when the variable is unset, empty or not a positive number.
export function positiveFromEnv(name: string, fallback: number, max = Number.POSITIVE_INFINITY): number {
  const fromEnv = Number(process.env[name]);
  if (!process.env[name] || !Number.isFinite(fromEnv) || fromEnv <= 0) return fallback;
  return Math.min(fromEnv, max);
}
