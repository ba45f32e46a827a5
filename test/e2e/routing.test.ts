// What Slack sends that no Cadence handler is registered for (a button or a form from before an upgrade) still
// gets an answer at once: Bolt on its own would leave it unacknowledged and answer 404 after 3 seconds.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bootApp, testClock, type BootedApp } from "../support/boot-app";
import { clickButton, submitView } from "../support/interactions";

let app: BootedApp;

beforeEach(async () => {
  app = await bootApp({ clock: testClock("2026-11-02T10:00:00Z") });
});
afterEach(async () => {
  await app.stop();
});

describe("requests no handler is registered for", () => {
  it("acks a click on a button Cadence has no handler for", async () => {
    const started = performance.now();
    const { answer } = await clickButton(app, { userId: "UMEMBER", actionId: "open_docs_link" });
    expect(answer.status).toBe(200);
    // Well inside Bolt's 3-second wait for an unacknowledged request.
    expect(performance.now() - started).toBeLessThan(2_500);
  });

  it("keeps a form Cadence has no handler for open, with the reason on its first field", async () => {
    const view = {
      id: "V0OLD",
      type: "modal",
      callback_id: "form_of_an_older_release",
      blocks: [{ type: "input", block_id: "note", label: { type: "plain_text", text: "Note" }, element: { type: "plain_text_input", action_id: "note" } }],
    };
    const answer = await submitView(app, { userId: "UMEMBER", view, values: { note: "typed before the upgrade" } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ response_action: "errors", errors: { note: "Cadence no longer has this form; close it and start again." } });
  });

  it("answers a slash command Cadence does not have with where to look instead", async () => {
    const answer = await app.client.command({ command: "/standup", text: "today", userId: "UMEMBER" });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ response_type: "ephemeral", text: ":warning: Cadence has no /standup command; see `/cadence help`." });
  });
});
