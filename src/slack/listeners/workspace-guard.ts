// Cadence serves the workspace it is installed in. A request from a user of another workspace (a shared
// channel, Slack Connect) is refused before any listener runs, so it can neither read nor change anything.
import type { AllMiddlewareArgs, AnyMiddlewareArgs } from "@slack/bolt";

const REFUSAL = "Cadence only serves the workspace it is installed in; ask someone there to do this.";

// Commands, actions and views carry ack/respond; events do not.
type Answering = { ack?: (answer?: unknown) => Promise<void>; respond?: (message: unknown) => Promise<unknown> };

/** The workspace of the person behind a request, from whichever field that payload type carries it in. */
// biome-ignore lint/suspicious/noExplicitAny: payloads differ by type; every field read here is optional
export function requesterWorkspace(body: Record<string, any>): string | undefined {
  return body.user?.team_id ?? body.event?.user_team ?? body.user_team_id ?? body.team_id ?? body.team?.id ?? undefined;
}

export function workspaceGuard() {
  return async (args: AnyMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const { ack, respond } = args as unknown as Answering;
    const home = args.context.teamId;
    // biome-ignore lint/suspicious/noExplicitAny: payloads differ by type; every field read here is optional
    const requester = requesterWorkspace(args.body as Record<string, any>);
    if (!home || !requester || requester === home) return args.next();
    args.logger.warn(`refused a ${(args.body as { type?: string }).type ?? "request"} from workspace ${requester}`);
    // biome-ignore lint/suspicious/noExplicitAny: payloads differ by type; every field read here is optional
    const body = args.body as Record<string, any>;
    if (body.command) return ack?.({ response_type: "ephemeral", text: `:warning: ${REFUSAL}` });
    if (body.type === "view_submission") {
      // Keep the form open with the reason on it, rather than closing it as if it were saved.
      const field = (body.view?.blocks as { type: string; block_id?: string }[] | undefined)?.find((block) => block.type === "input")?.block_id;
      return ack?.(field ? { response_action: "errors", errors: { [field]: REFUSAL } } : undefined);
    }
    if (body.event?.type === "message" && body.event.channel_type === "im" && !body.event.bot_id) {
      // Someone who typed numbers and heard nothing would think they were recorded.
      await args.client.chat.postMessage({ channel: body.event.channel, text: `:warning: ${REFUSAL}` }).catch(() => undefined);
      return;
    }
    if (ack) await ack();
    await respond?.({ response_type: "ephemeral", replace_original: false, text: `:warning: ${REFUSAL}` }).catch(() => undefined);
  };
}
