// The Slack calls behind the set-up checks, over the WebClient: Slack's errors become answers, not exceptions.
import type { WebClient } from "@slack/web-api";
import type { BotIdentity, ChannelState, SetupSlack, SlackAnswer } from "../services/setup-checks";

export class WebClientSetupSlack implements SetupSlack {
  constructor(private readonly client: WebClient) {}

  async whoAmI(): Promise<SlackAnswer<BotIdentity>> {
    return answerOf(async () => {
      const result = await this.client.auth.test();
      // @slack/web-api copies Slack's x-oauth-scopes answer header into response_metadata.scopes.
      const scopes = result.response_metadata?.scopes;
      return { teamId: String(result.team_id), team: String(result.team ?? result.team_id), userId: String(result.user_id), scopes };
    });
  }

  async channel(id: string): Promise<SlackAnswer<ChannelState>> {
    return answerOf(async () => {
      const { channel } = await this.client.conversations.info({ channel: id });
      return { name: String(channel?.name ?? id), isMember: channel?.is_member === true, isArchived: channel?.is_archived === true };
    });
  }
}

async function answerOf<T>(call: () => Promise<T>): Promise<SlackAnswer<T>> {
  try {
    return { ok: true, ...(await call()) };
  } catch (error) {
    const code = (error as { data?: { error?: string } }).data?.error;
    return { ok: false, error: code ?? `unreachable: ${error instanceof Error ? error.message : String(error)}` };
  }
}
