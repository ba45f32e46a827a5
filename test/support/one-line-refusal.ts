// A refused `/cadence` command: one line that matches, and nothing written.
import { expect } from "vitest";
import type { BootedApp } from "./boot-app";
import { snapshotDatabase } from "./db-snapshot";

export async function expectOneLineRefusal(app: BootedApp, text: string, expected: RegExp, userId?: string): Promise<void> {
  const before = await snapshotDatabase(app.cadence.db);
  const answer = await app.command("/cadence", text, userId);
  expect(answer).toMatch(expected);
  expect(answer.split("\n")).toHaveLength(1);
  expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
}
