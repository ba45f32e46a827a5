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
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";

// Kept-alive connections: the messages of one table, and the next table, reuse them.
const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/** POSTs a message already serialised (a table posted to many response_urls is serialised once). */
export function postJson(responseUrl: string, body: string | Buffer): Promise<void> {
  const url = new URL(responseUrl);
  const [request, agent] = url.protocol === "https:" ? [httpsRequest, httpsAgent] : [httpRequest, httpAgent];
  return new Promise<void>((resolve, reject) => {
    const sending = request(
      url,
      { method: "POST", agent, headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body) } },
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
    sending.on("error", reject);
    sending.end(body);
  });
}
