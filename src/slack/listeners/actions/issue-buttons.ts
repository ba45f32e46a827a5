// Resolve, Drop and Assign on an issue's post (or the digest, or the home tab).
import type { AllMiddlewareArgs, BlockAction, BlockButtonAction, SlackActionMiddlewareArgs, UsersSelectAction } from "@slack/bolt";
import { baseBlockId } from "../../fresh-block-ids";
import { parseIssueId } from "../../../domain/commands/issue-command";
import type { CadenceServices } from "../../../services/cadence-services";
import { buildNoticeModal } from "../../../messages/checkin-blocks";
import { buildResolveModal } from "../../../messages/issue-blocks";
import { openModalWhenAllowed } from "./open-modal";
import { ISSUE_ACTIONS_BLOCK } from "../../../messages/ids";
import type { Outcome } from "../../../services/outcome";
import type { Issue } from "../../../domain/model";

type ActionArgs<A extends BlockAction> = SlackActionMiddlewareArgs<A> & AllMiddlewareArgs;

export async function tell(services: CadenceServices, args: ActionArgs<BlockAction>, text: string): Promise<void> {
  // Home-tab actions have no response_url (Bolt then gives no respond); a DM with the bot reaches the user.
  if (!args.body.response_url) return void (await services.slack.postMessage(args.body.user.id, { text }));
  await args.respond({ response_type: "ephemeral", replace_original: false, text });
}

async function answer(services: CadenceServices, args: ActionArgs<BlockAction>, result: Outcome<Issue>, success: string): Promise<void> {
  if (!result.ok) await tell(services, args, `:warning: ${result.error}`);
  else if (args.body.container?.type !== "message") await tell(services, args, success);
}

export function resolveIssueButton(services: CadenceServices) {
  return async (args: ActionArgs<BlockButtonAction>): Promise<void> => {
    await args.ack();
    try {
      const id = parseIssueId(args.action.value);
      const issue = id === undefined ? undefined : await services.issues.find(id);
      if (!issue) return await tell(services, args, ":warning: that issue no longer exists");
      if (issue.state !== "open") return await tell(services, args, `:warning: #${issue.id} is already ${issue.state}`);
      const refusal = `only the issue's owner (<@${issue.ownerId}>), its assignee, the seat's owner or a Cadence admin can resolve #${issue.id}`;
      const actor = args.body.user.id;
      const noteRefusal = () => services.issues.noteRefusal(issue, actor, services.clock(), "issue.resolve");
      const cached = await services.issues.mayWorkFromCache(issue, actor);
      if (cached === false) {
        await noteRefusal();
        return await tell(services, args, `:warning: ${refusal}`);
      }
      await openModalWhenAllowed(
        services.slack,
        args.body.trigger_id,
        { cached, ask: () => services.issues.mayWork(issue, actor, services.clock()) },
        {
          allowed: async () => buildResolveModal(issue, {}),
          refused: () => {
            void noteRefusal();
            return buildNoticeModal("Not yours to resolve", `Sorry: ${refusal}.`);
          },
        },
      );
    } catch (error) {
      args.logger.error("resolve button failed", error);
    }
  };
}

export function dropIssueButton(services: CadenceServices) {
  return async (args: ActionArgs<BlockButtonAction>): Promise<void> => {
    await args.ack();
    try {
      const id = parseIssueId(args.action.value);
      if (id === undefined) return;
      await answer(services, args, await services.issues.drop(id, args.body.user.id, null, services.clock()), `:wastebasket: Dropped #${id}.`);
    } catch (error) {
      args.logger.error("drop button failed", error);
    }
  };
}

export function assignIssueSelect(services: CadenceServices) {
  return async (args: ActionArgs<BlockAction<UsersSelectAction>>): Promise<void> => {
    await args.ack();
    try {
      const match = ISSUE_ACTIONS_BLOCK.pattern.exec(baseBlockId(args.action.block_id));
      if (!match || !args.action.selected_user) return;
      const id = Number(match[1]);
      const assignee = args.action.selected_user;
      await answer(
        services,
        args,
        await services.issues.assign(id, args.body.user.id, assignee, services.clock()),
        `:bust_in_silhouette: Assigned #${id} to <@${assignee}>.`,
      );
    } catch (error) {
      args.logger.error("assign select failed", error);
    }
  };
}
