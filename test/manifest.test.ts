// manifest.socket.json is manifest.json for Socket Mode: the same app, with no request URLs.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PROJECT_ROOT } from "./support/paths";

const read = (name: string) => JSON.parse(readFileSync(join(PROJECT_ROOT, name), "utf8"));
const http = read("manifest.json");
const socket = read("manifest.socket.json");

/** Everything that makes the app what it is, without where Slack sends requests. */
function withoutTransport(manifest: any) {
  const copy = structuredClone(manifest);
  for (const command of copy.features.slash_commands) delete command.url;
  delete copy.settings.event_subscriptions.request_url;
  delete copy.settings.interactivity.request_url;
  delete copy.settings.socket_mode_enabled;
  return copy;
}

describe("manifest.socket.json", () => {
  it("turns Socket Mode on and has no request URLs", () => {
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toMatch(/"(url|request_url)"/);
  });

  it("has the same scopes, commands, events, interactivity and home tab as manifest.json", () => {
    expect(http.settings.socket_mode_enabled).toBe(false);
    expect(withoutTransport(socket)).toEqual(withoutTransport(http));
  });

  it("asks for the scopes the set-up checks need to look the channel up (conversations.info)", () => {
    expect(http.oauth_config.scopes.bot).toEqual(expect.arrayContaining(["channels:read", "groups:read"]));
  });
});
