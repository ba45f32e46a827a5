import { createServer, type Server } from "node:http";
import type { Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { postJson } from "../../src/slack/response-url";

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** A response_url that answers `status`, and cuts a kept-alive connection at its second request when asked to. */
async function responseUrl(options: { status?: number; cutReusedConnections?: boolean } = {}) {
  const bodies: string[] = [];
  const requestsOn = new Map<Socket, number>();
  server = createServer((req, res) => {
    const count = (requestsOn.get(req.socket) ?? 0) + 1;
    requestsOn.set(req.socket, count);
    if (options.cutReusedConnections && count > 1) return void req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      bodies.push(`${req.headers["content-type"]} ${Buffer.concat(chunks).toString()}`);
      res.writeHead(options.status ?? 200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/commands/T1/1/abc`, bodies, connections: () => requestsOn.size };
}

describe("postJson", () => {
  it("posts the message as JSON, on one kept-alive connection for several", async () => {
    const target = await responseUrl();
    await postJson(target.url, '{"text":"one"}');
    await postJson(target.url, Buffer.from('{"text":"two"}'));
    expect(target.bodies).toEqual(['application/json {"text":"one"}', 'application/json {"text":"two"}']);
    expect(target.connections()).toBe(1);
  });

  it("fails on a status other than 2xx, naming it", async () => {
    const target = await responseUrl({ status: 404 });
    await expect(postJson(target.url, "{}")).rejects.toThrow("Failed to respond to the response_url: 404 Not Found");
  });

  it("posts again on a new connection when the kept one was closed by the other end", async () => {
    const target = await responseUrl({ cutReusedConnections: true });
    await postJson(target.url, '{"text":"one"}');
    await postJson(target.url, '{"text":"two"}');
    expect(target.bodies).toEqual(['application/json {"text":"one"}', 'application/json {"text":"two"}']);
    expect(target.connections()).toBe(2);
  });
});
