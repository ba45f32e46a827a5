import { describe, expect, it } from "vitest";
import { joinedReads } from "../../src/off-loop/joined-reads";

/** A read of a value that the test changes ("writes") between calls; each read ends when the test lets it. */
function controlledReads() {
  let stored = 0;
  const begun: { key: string; sawValue: number; finish: () => void; fail: (error: Error) => void }[] = [];
  const read = (key: string) =>
    new Promise<string>((resolve, reject) => {
      const sawValue = stored;
      begun.push({ key, sawValue, finish: () => resolve(`${key}@${sawValue}`), fail: reject });
    });
  return {
    begun,
    read,
    write: () => void (stored += 1),
    /** Lets the microtasks run that begin a read. */
    settle: () => new Promise((resolve) => setImmediate(resolve)),
  };
}

describe("joinedReads", () => {
  it("makes two reads for a burst: the first alone, every later caller in one shared read after it", async () => {
    const reads = controlledReads();
    const table = joinedReads(reads.read);
    const first = table("W47");
    await reads.settle();
    const later = Array.from({ length: 19 }, () => table("W47"));
    await reads.settle();
    expect(reads.begun).toHaveLength(1);
    reads.begun[0]!.finish();
    await reads.settle();
    expect(reads.begun).toHaveLength(2);
    reads.begun[1]!.finish();
    expect(await first).toBe("W47@0");
    expect(new Set(await Promise.all(later))).toEqual(new Set(["W47@0"]));
  });

  it("never hands a caller a read that had begun before it asked, so it sees what was written before", async () => {
    const reads = controlledReads();
    const table = joinedReads(reads.read);
    const before = table("W47");
    await reads.settle();
    reads.write(); // say, a value recorded by /scorecard set, then the same person's /scorecard
    const after = table("W47");
    reads.begun[0]!.finish();
    await reads.settle();
    reads.begun[1]!.finish();
    expect(await before).toBe("W47@0");
    expect(await after).toBe("W47@1");
  });

  it("does not join callers of different keys", async () => {
    const reads = controlledReads();
    const table = joinedReads(reads.read);
    const answers = [table("W46"), table("W47")];
    await reads.settle();
    expect(reads.begun.map((read) => read.key)).toEqual(["W46", "W47"]);
    for (const read of reads.begun) read.finish();
    expect(await Promise.all(answers)).toEqual(["W46@0", "W47@0"]);
  });

  it("fails everyone who joined a failed read, and reads afresh for the next caller", async () => {
    const reads = controlledReads();
    const table = joinedReads(reads.read);
    const joined = [table("W47"), table("W47")];
    await reads.settle();
    expect(reads.begun).toHaveLength(1);
    reads.begun[0]!.fail(new Error("database is locked"));
    for (const answer of joined) await expect(answer).rejects.toThrow("database is locked");
    const next = table("W47");
    await reads.settle();
    expect(reads.begun).toHaveLength(2);
    reads.begun[1]!.finish();
    expect(await next).toBe("W47@0");
  });
});
