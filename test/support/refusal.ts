// A refused command: a one-line warning that says why, and nothing written.
import { expect } from "vitest";
import type { BootedApp } from "./boot-app";
import { snapshotDatabase } from "./db-snapshot";

export async function expectRefusedWithoutWrites(app: BootedApp, input: { command: string; text: string; user?: string; error: RegExp }): Promise<void> {
  const before = await snapshotDatabase(app.cadence.db);
  const answer = await app.command(input.command, input.text, input.user);
  expect(answer).toMatch(/^:warning: /);
  expect(answer).toMatch(input.error);
  expect(answer).not.toContain("\n");
  expect(await snapshotDatabase(app.cadence.db)).toEqual(before);
}
