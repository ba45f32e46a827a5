// The page's HTTP server: the static page, a small JSON API, and server-sent events that tell the page to
// refresh whenever the local Slack changes. It listens on 127.0.0.1 only: anyone who reaches it acts as anyone.
import { readdirSync, readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join } from "node:path";

export type JsonRoute = (input: { body: any; query: URLSearchParams }) => Promise<unknown>;

export interface WebServerOptions {
  port: number;
  /** Folder of the page's files (served at `/`, `index.html` for `/`). */
  pageDir: string;
  /** `"GET /api/state"` → handler; answers are JSON. */
  routes: Record<string, JsonRoute>;
  log: (line: string) => void;
}

export interface WebServer {
  port: number;
  /** Tells every open page that something changed (they fetch the state again). */
  broadcast(kind: string): void;
  close(): Promise<void>;
}

/** A request the page got wrong: answered 400 with the message. */
export class BadRequest extends Error {}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};
const HEARTBEAT_MS = 15_000;
const MAX_BODY_BYTES = 1_000_000;

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  // Only files that exist at start are served, by exact name: no path ever reaches the file system.
  const pageFiles = new Set(readdirSync(options.pageDir));
  const streams = new Set<ServerResponse>();

  const server = createServer((request, response) => {
    void handle(request, response).catch((error: Error) => {
      const status = error instanceof BadRequest ? 400 : 500;
      if (status === 500) options.log(`demo page request failed: ${error.stack ?? error.message}`);
      if (!response.headersSent) sendJson(response, status, { error: error.message });
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", "http://localhost");
    if (url.pathname === "/api/events") return openEventStream(response);
    const route = options.routes[`${request.method} ${url.pathname}`];
    if (route) {
      const body = request.method === "POST" ? await readJson(request) : undefined;
      return sendJson(response, 200, (await route({ body, query: url.searchParams })) ?? { ok: true });
    }
    const file = url.pathname === "/" ? "index.html" : decodeURIComponent(url.pathname.slice(1));
    if (request.method === "GET" && pageFiles.has(file)) {
      response.writeHead(200, { "Content-Type": CONTENT_TYPES[extname(file)] ?? "application/octet-stream", "Cache-Control": "no-store" });
      return void response.end(readFileSync(join(options.pageDir, file)));
    }
    sendJson(response, 404, { error: `nothing at ${request.method} ${url.pathname}` });
  }

  function openEventStream(response: ServerResponse): void {
    response.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" });
    response.write("retry: 1000\n\n");
    streams.add(response);
    response.on("close", () => streams.delete(response));
  }

  // Proxies and browsers drop idle streams; a comment line now and then keeps them open.
  const heartbeat = setInterval(() => streams.forEach((stream) => stream.write(": keep-alive\n\n")), HEARTBEAT_MS);
  heartbeat.unref();

  const port = await listen(server, options.port, options.log);
  return {
    port,
    broadcast(kind) {
      const line = `data: ${JSON.stringify({ kind })}\n\n`;
      streams.forEach((stream) => stream.write(line));
    },
    async close() {
      clearInterval(heartbeat);
      streams.forEach((stream) => stream.end());
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** Listens on `port`, or on any free port when that one is taken. */
async function listen(server: Server, port: number, log: (line: string) => void): Promise<number> {
  const attempt = (candidate: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(candidate, "127.0.0.1", () => {
        server.off("error", reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  try {
    return await attempt(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0) throw error;
    log(`Port ${port} is taken; using a free one instead.`);
    return attempt(0);
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BadRequest("request too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new BadRequest("the body is not JSON");
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  response.end(text);
}
