// The local Slack lives in memory; the demo saves its messages, views and clock beside the database so a
// restarted demo shows the same channel, DMs and time the database remembers.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type { LocalSlack, LocalSlackSnapshot } from "../local-slack/server";
import { sqliteFilePath } from "../../src/db/sqlite-url";

const SAVE_DELAY_MS = 300;

interface SavedDemo {
  clock: string;
  slack: LocalSlackSnapshot;
}

export function savedSlackPath(databaseUrl: string): string {
  return `${sqliteFilePath(databaseUrl).replace(/\.db$/, "")}.slack.json`;
}

export function loadSavedSlack(path: string): SavedDemo | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as SavedDemo;
  } catch {
    return undefined; // a torn or hand-edited file: start with an empty Slack rather than not at all
  }
}

/** Saves shortly after every change (batched), and once more on `flush()` at shutdown. */
export function keepSlackSaved(path: string, slack: LocalSlack, clock: () => Date): { flush(): void } {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    timer = undefined;
    const saved: SavedDemo = { clock: clock().toISOString(), slack: slack.snapshot() };
    // Write then rename, so a crash mid-write never leaves half a file.
    writeFileSync(`${path}.tmp`, JSON.stringify(saved));
    renameSync(`${path}.tmp`, path);
  };
  const later = () => {
    timer ??= setTimeout(save, SAVE_DELAY_MS);
  };
  for (const event of ["message", "message_deleted", "view"]) slack.on(event, later);
  return {
    flush() {
      if (timer) clearTimeout(timer);
      save();
    },
  };
}
