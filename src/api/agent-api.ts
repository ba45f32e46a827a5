// The agent API's HTTP edge: token, rate limit, content type, a capped body, then the service (on the off-loop
// thread, src/off-loop/); every answer is JSON, errors as {"error", "message"}. Tokens are never logged.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "@slack/bolt";
import type { ApiErrorCode } from "../domain/api-schemas";
import type { AgentEntryService, AgentFailure } from "../services/agent-entry-service";
import { buildOpenApiDocument } from "./openapi";
import { RateLimiter } from "./rate-limiter";
import { readBody } from "./read-body";

/** What the HTTP edge asks of the agent API's work (answered on the off-loop thread in the app). */
export type AgentEntries = Pick<AgentEntryService, "authenticate" | "record" | "describe">;

export const API_PATHS = { entries: "/api/v1/entries", seat: "/api/v1/seat", openapi: "/api/v1/openapi.json" } as const;

const STATUS: Record<ApiErrorCode, number> = {
  unauthorized: 401,
  seat_retired: 403,
  kpi_of_another_seat: 403,
  kpi_not_found: 404,
  request_timeout: 408,
  idempotency_conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  invalid_body: 422,
  invalid_value: 422,
  invalid_week: 422,
  future_week: 422,
  rate_limited: 429,
  internal: 500,
};

export interface AgentApiLimits {
  maxBodyBytes: number;
  bodyTimeoutMs: number;
  requestsPerMinute: number;
}

export const DEFAULT_API_LIMITS: AgentApiLimits = { maxBodyBytes: 64 * 1024, bodyTimeoutMs: 10_000, requestsPerMinute: 60 };

export class AgentApi {
  private readonly limiter: RateLimiter;
  private readonly limits: AgentApiLimits;
  private openApi: string | undefined;

  constructor(private readonly deps: { agents: AgentEntries; clock: () => Date; logger: Logger; limits?: Partial<AgentApiLimits> }) {
    this.limits = { ...DEFAULT_API_LIMITS, ...deps.limits };
    this.limiter = new RateLimiter(this.limits.requestsPerMinute, 60_000);
  }

  /** Answers one request to /api/v1/…; anything else is a JSON 404. */
  handle(req: IncomingMessage, res: ServerResponse): void {
    this.route(req, res).catch((error: unknown) => {
      this.deps.logger.error(`agent API ${req.method} ${pathOf(req)} failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent)
        answerError(res, { ok: false, error: "internal", message: "something went wrong on Cadence's side; nothing was recorded. Retry in a minute." });
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req);
    if (path === API_PATHS.openapi && req.method === "GET") {
      this.openApi ??= JSON.stringify(buildOpenApiDocument());
      return answerText(res, 200, this.openApi);
    }
    if (path === API_PATHS.entries && req.method === "POST") return this.postEntries(req, res);
    if (path === API_PATHS.seat && req.method === "GET") return this.getSeat(req, res);
    answerJson(res, 404, { error: "not_found", message: `no ${req.method} ${path}; GET ${API_PATHS.openapi} describes the API` });
  }

  private async getSeat(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const seat = await this.admit(req, res);
    if (!seat) return;
    answerJson(res, 200, await this.deps.agents.describe(seat, this.deps.clock()));
  }

  private async postEntries(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // The body's deadline runs from the request's arrival, whatever the token check costs meanwhile (the first
    // request starts the worker thread): reading begins now, capped as ever, and is dropped if the token fails.
    const reading = readBody(req, { maxBytes: this.limits.maxBodyBytes, timeoutMs: this.limits.bodyTimeoutMs });
    const seat = await this.admit(req, res);
    if (!seat) return;
    if (!isJson(req.headers["content-type"])) {
      return answerError(res, { ok: false, error: "unsupported_media_type", message: "send the body as JSON with `Content-Type: application/json`" }, true);
    }
    const body = await reading;
    if (!body.ok) {
      if (body.reason === "aborted") return void res.destroy();
      const failure: AgentFailure =
        body.reason === "too_large"
          ? { ok: false, error: "payload_too_large", message: `the body is over ${this.limits.maxBodyBytes / 1024} KB; send at most 100 entries at a time` }
          : { ok: false, error: "request_timeout", message: `the body did not arrive within ${this.limits.bodyTimeoutMs / 1000} s` };
      return answerError(res, failure, true);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch {
      return answerError(res, { ok: false, error: "unsupported_media_type", message: "the body is not valid JSON" });
    }
    const key = req.headers["idempotency-key"];
    const result = await this.deps.agents.record(seat, parsed, Array.isArray(key) ? key[0] : key, this.deps.clock());
    if (!result.ok) return answerError(res, result);
    answerJson(res, result.value.replayed ? 200 : 201, result.value.answer);
  }

  /** The token's seat, within its rate limit; otherwise the error has been answered. */
  private async admit(req: IncomingMessage, res: ServerResponse) {
    const seat = await this.deps.agents.authenticate(bearerToken(req));
    if (!seat.ok) return void answerError(res, seat, true);
    const turn = this.limiter.take(String(seat.value.id), this.deps.clock());
    if (!turn.allowed) {
      res.setHeader("retry-after", String(turn.retryAfterSeconds));
      return void answerError(
        res,
        {
          ok: false,
          error: "rate_limited",
          message: `at most ${this.limits.requestsPerMinute} requests a minute per token; retry in ${turn.retryAfterSeconds} s`,
        },
        true,
      );
    }
    return seat.value;
  }
}

/** The routes to mount on Bolt's HTTP receiver (customRoutes). */
export function agentApiRoutes(handle: (req: IncomingMessage, res: ServerResponse) => void) {
  return [
    { path: API_PATHS.entries, method: "POST", handler: handle },
    { path: API_PATHS.seat, method: "GET", handler: handle },
    { path: API_PATHS.openapi, method: "GET", handler: handle },
  ];
}

function pathOf(req: IncomingMessage): string {
  return new URL(req.url ?? "/", "http://localhost").pathname;
}

function bearerToken(req: IncomingMessage): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? "");
  return match?.[1];
}

function isJson(contentType: string | undefined): boolean {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  return type === "application/json" || /^application\/[a-z0-9.+-]+\+json$/.test(type);
}

/** `close`: when the body was not read, the connection cannot carry another request. */
function answerError(res: ServerResponse, failure: AgentFailure, close = false): void {
  if (close) res.setHeader("connection", "close");
  answerJson(res, STATUS[failure.error], { error: failure.error, message: failure.message });
}

function answerJson(res: ServerResponse, status: number, body: unknown): void {
  answerText(res, status, JSON.stringify(body));
}

function answerText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(text);
}
