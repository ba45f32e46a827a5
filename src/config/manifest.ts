// The Slack app manifest the project ships: what the app asks Slack for, so set-up checks can compare.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../db/project-root";

export const MANIFEST_PATH = join(PROJECT_ROOT, "manifest.json");

export function manifestBotScopes(path = MANIFEST_PATH): string[] {
  const manifest = JSON.parse(readFileSync(path, "utf8")) as { oauth_config?: { scopes?: { bot?: string[] } } };
  return manifest.oauth_config?.scopes?.bot ?? [];
}
