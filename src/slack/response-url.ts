// Answering through a slash command's response_url where there is no Bolt request to hand a `respond`: the
// off-loop thread posts /scorecard's table itself, so the 50 KB answer is neither built, serialised nor sent on
// the event loop that acks. The same request Bolt's `respond` makes (a POST of the JSON message;
// node_modules/@slack/bolt/dist/context/create-respond.js), failing the same way on a status other than 2xx.
// https://docs.slack.dev/interactivity/handling-user-interaction#message_responses
import type { RespondFn } from "@slack/bolt";

export function respondTo(responseUrl: string): RespondFn {
  return async (message) => {
    const response = await fetch(responseUrl, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(typeof message === "string" ? { text: message } : message),
    });
    // Read to the end so the connection can be used again.
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`Failed to respond to the response_url: ${response.status} ${response.statusText}`);
    return response;
  };
}
