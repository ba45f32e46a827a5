// The benchmarks' statistics: nearest-rank percentiles, and the bootstrap range of a p99 shift that agent-api
// prints beside its figure so a reader can tell a real shift from the noise of a few slow samples.
import { describe, expect, it } from "vitest";
import { p99ShiftRange, percentile, summarize } from "../../bench/support/latency";

const oneTo = (n: number) => Array.from({ length: n }, (_, index) => index + 1);

describe("percentile", () => {
  it("is the smallest sample with at least p % at or below it", () => {
    expect(percentile(oneTo(100), 99)).toBe(99);
    expect(percentile(oneTo(300), 99)).toBe(297);
    expect(summarize([5, 1, 3]).p50).toBe(3);
  });
});

describe("p99ShiftRange", () => {
  it("holds the shift itself, and no more than the noise allows", () => {
    const before = oneTo(900);
    const after = before.map((ms) => ms * 1.5);
    const [low, high] = p99ShiftRange(before, after);
    expect(low).toBeLessThanOrEqual(0.5);
    expect(high).toBeGreaterThanOrEqual(0.5);
    expect(low).toBeGreaterThan(0.4);
    expect(high).toBeLessThan(0.6);
  });

  it("spans no shift when both phases are drawn alike", () => {
    const [low, high] = p99ShiftRange(oneTo(900), oneTo(900));
    expect(low).toBeLessThan(0);
    expect(high).toBeGreaterThan(0);
  });

  it("is wider for fewer samples, and the same each time for the same samples", () => {
    const few = p99ShiftRange(oneTo(300), oneTo(300));
    const many = p99ShiftRange(oneTo(900), oneTo(900));
    expect(few[1] - few[0]).toBeGreaterThan(many[1] - many[0]);
    expect(p99ShiftRange(oneTo(300), oneTo(300))).toEqual(few);
  });
});
