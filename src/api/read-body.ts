// Reads a request body up to a size cap and a deadline, before anything parses it: a client cannot make
// Cadence buffer more than the cap, or hold a connection open by sending a byte now and then.
import type { IncomingMessage } from "node:http";

export type BodyResult = { ok: true; text: string } | { ok: false; reason: "too_large" | "timeout" | "aborted" };

export function readBody(req: IncomingMessage, limits: { maxBytes: number; timeoutMs: number }): Promise<BodyResult> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limits.maxBytes) return Promise.resolve({ ok: false, reason: "too_large" });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (result: BodyResult) => {
      clearTimeout(timer);
      req.off("data", onData).off("end", onEnd).off("error", onError).off("aborted", onError);
      // Stop taking data we will not read; the answer is sent with `Connection: close`.
      if (!result.ok) req.pause();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, reason: "timeout" }), limits.timeoutMs);
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limits.maxBytes) return finish({ ok: false, reason: "too_large" });
      chunks.push(chunk);
    };
    const onEnd = () => finish({ ok: true, text: Buffer.concat(chunks).toString("utf8") });
    const onError = () => finish({ ok: false, reason: "aborted" });
    req.on("data", onData).on("end", onEnd).on("error", onError).on("aborted", onError);
  });
}
