// Answering through a slash command's response_url where there is no Bolt request to hand a `respond`: the
// off-loop thread posts /scorecard's table itself, so the 50 KB answer is neither built, serialised nor sent on
// the event loop that acks; it is serialised once for everyone who asks while the table is unchanged. The same
// request Bolt's `respond` makes (a POST of the JSON message; node_modules/@slack/bolt/dist/context/create-respond.js),
// failing the same way on a status other than 2xx.
// https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
//
// Sent with node:http(s) rather than fetch: a 46 KB message cost 2.3-2.9 ms of CPU through fetch (undici's
// streams, and a scan of the whole body for lone surrogates) against 0.8 ms, both ends counted, through
// http.request (a probe of 300 posts to a local server). A meeting's 20 /scorecard answers are posted on the
// one core the app may have beside its acks.
import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";

// A post that hears nothing is given up on, so a stalled connection cannot hold the thread's call (and its stop).
const POST_TIMEOUT_MS = 30_000;

/**
 * POSTs a message already serialised (a table posted to many response_urls is serialised once). Through Node's
 * global agents, which keep connections alive and close them after 5 idle seconds; a kept connection the other
 * end closed meanwhile fails at once, and that post is made again on a new one (as Node's documentation advises:
 * https://nodejs.org/docs/latest-v20.x/api/http.html#requestreusedsocket).
 */
export async function postJson(responseUrl: string, body: string | Buffer): Promise<void> {
  try {
    return await postOnce(responseUrl, body);
  } catch (error) {
    if (!(error instanceof ReusedConnectionClosed)) throw error;
    return postOnce(responseUrl, body);
  }
}

class ReusedConnectionClosed extends Error {}

function postOnce(responseUrl: string, body: string | Buffer): Promise<void> {
  const url = new URL(responseUrl);
  const request = url.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<void>((resolve, reject) => {
    const sending: ClientRequest = request(
      url,
      { method: "POST", headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } },
      (response: IncomingMessage) => {
        // Read to the end so the connection can be used again.
        response.resume();
        response.on("error", reject);
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`Failed to respond to the response_url: ${status} ${response.statusMessage ?? ""}`.trim()));
        });
      },
    );
    sending.setTimeout(POST_TIMEOUT_MS, () => sending.destroy(new Error(`the response_url did not answer within ${POST_TIMEOUT_MS / 1000} s`)));
    sending.on("error", (error: NodeJS.ErrnoException) =>
      reject(sending.reusedSocket && error.code === "ECONNRESET" ? new ReusedConnectionClosed(error.message) : error),
    );
    sending.end(body);
  });
}
