// The Resolve form's private_metadata comes back from Slack as text: text that is not JSON is an out-of-date
// form (answered inside the form), not an exception thrown before the ack.
import { describe, expect, it } from "vitest";
import type { CadenceServices } from "../../../../src/services/cadence-services";
import { RESOLVE_FORM } from "../../../../src/messages/ids";
import { resolveIssueSubmitted } from "../../../../src/slack/listeners/views/resolve-issue";

type SubmitArgs = Parameters<ReturnType<typeof resolveIssueSubmitted>>[0];

function submission(privateMetadata: string, acks: unknown[]): SubmitArgs {
  return {
    ack: async (answer?: unknown) => void acks.push(answer),
    body: { user: { id: "UOWNER" } },
    view: { private_metadata: privateMetadata, state: { values: { [RESOLVE_FORM.noteBlock]: { [RESOLVE_FORM.noteAction]: { value: "fixed" } } } } },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
  } as unknown as SubmitArgs;
}

describe("resolveIssueSubmitted", () => {
  const resolved: number[] = [];
  const services = {
    clock: () => new Date("2026-11-30T12:00:00Z"),
    issues: { resolve: async (id: number) => (resolved.push(id), { ok: true, value: {} }) },
  } as unknown as CadenceServices;

  it.each(["{not json", "", "null", '{"issueId":"12"}'])("answers %j inside the form and resolves nothing", async (metadata) => {
    const acks: unknown[] = [];
    await resolveIssueSubmitted(services)(submission(metadata, acks));
    expect(acks).toEqual([{ response_action: "errors", errors: { [RESOLVE_FORM.noteBlock]: "This form is out of date; close it and try again." } }]);
    expect(resolved).toEqual([]);
  });

  it("resolves the issue the metadata names", async () => {
    const acks: unknown[] = [];
    await resolveIssueSubmitted(services)(submission('{"issueId":12}', acks));
    expect(acks).toEqual([undefined]);
    expect(resolved).toEqual([12]);
  });
});
