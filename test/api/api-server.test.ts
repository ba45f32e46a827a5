// In Socket Mode the agent API gets its own server (API_PORT): the same handler, reachable on its own.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "@slack/bolt";
import { afterEach, describe, expect, it } from "vitest";
import { AgentApi } from "../../src/api/agent-api";
import { startApiServer, stopApiServer } from "../../src/api/api-server";
import { loadConfig } from "../../src/config/config";
import type { AgentEntryService } from "../../src/services/agent-entry-service";

const silent = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => "info", setName() {} } as unknown as Logger;
let server: Server | undefined;
afterEach(async () => {
  if (server) await stopApiServer(server);
  server = undefined;
});

describe("the agent API's own server", () => {
  it("serves /api/v1/… and answers JSON 404 elsewhere", async () => {
    // Every token is refused: enough to show the requests reach the API.
    const agents = { authenticate: async () => ({ ok: false, error: "unauthorized", message: "no" }) } as unknown as AgentEntryService;
    const api = new AgentApi({ agents, clock: () => new Date(), logger: silent });
    server = await startApiServer(0, (req, res) => api.handle(req, res));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await fetch(`${base}/api/v1/openapi.json`)).status).toBe(200);
    expect((await fetch(`${base}/api/v1/seat`)).status).toBe(401);
    const other = await fetch(`${base}/slack/events`, { method: "POST" });
    expect([other.status, ((await other.json()) as { error: string }).error]).toEqual([404, "not_found"]);
  });

  it("takes API_PORT from the environment, and says so when it is not a port", () => {
    const env = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1", CADENCE_CHANNEL: "C1" };
    expect(loadConfig({ ...env, API_PORT: "3001" }).apiPort).toBe(3001);
    expect(loadConfig(env).apiPort).toBeUndefined();
    expect(() => loadConfig({ ...env, API_PORT: "web" })).toThrow(/API_PORT "web" is not a port/);
  });
});
