// The page's JSON API: each route is one thing a person does in the Slack client, or a turn of the demo clock.
import { z } from "zod";
import { buildPageState, nextSteps, type StateDeps } from "./page-state";
import { answerForTheTeam } from "./team-answers";
import { BadRequest, type JsonRoute } from "./web-server";

export interface Ticker {
  /** Runs one scheduler tick at the demo clock's time; ticks never overlap. */
  tick(): Promise<void>;
  /** Settles when no tick is running. */
  idle(): Promise<void>;
}

const HOUR_MS = 3600_000;

const person = z.string().regex(/^[UW][A-Z0-9]+$/);
const conversation = z.string().regex(/^[CDG][A-Z0-9]+$/);
const stateValues = z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown())));
const action = z.object({
  block_id: z.string(),
  action_id: z.string(),
  type: z.string(),
  value: z.string().optional(),
  text: z.unknown().optional(),
  selected_option: z.unknown().optional(),
  selected_user: z.string().optional(),
});
const container = z.discriminatedUnion("type", [
  z.object({ type: z.literal("message"), channel: conversation, ts: z.string() }),
  z.object({ type: z.literal("ephemeral"), channel: conversation, ephemeralId: z.string() }),
  z.object({ type: z.literal("view"), viewId: z.string(), values: stateValues.optional() }),
]);

const bodies = {
  command: z.object({ as: person, channel: conversation, text: z.string().min(1).max(4000) }),
  message: z.object({ as: person, channel: conversation, text: z.string().min(1).max(4000) }),
  homeOpened: z.object({ as: person }),
  action: z.object({ as: person, container, action }),
  submit: z.object({ as: person, viewId: z.string(), values: stateValues }),
  close: z.object({ as: person, viewId: z.string() }),
  clock: z.object({ to: z.enum(["checkin", "reminder", "deadline", "digest", "hour"]) }),
  othersAnswer: z.object({ as: person }),
};

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (!result.success) throw new BadRequest(result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "));
  return result.data;
}

export function demoRoutes(deps: StateDeps & { ticker: Ticker; onClockMoved: () => void }): Record<string, JsonRoute> {
  const { client, slack, clock, ticker } = deps;
  const known = (userId: string) => {
    if (!slack.users().some((user) => user.id === userId)) throw new BadRequest(`no user ${userId} in this workspace`);
    return userId;
  };

  return {
    "GET /api/state": async ({ query }) => buildPageState(deps, known(query.get("as") ?? "")),

    "POST /api/command": async ({ body }) => {
      const input = parse(bodies.command, body);
      await client.runSlashCommand(known(input.as), input.channel, input.text);
    },

    "POST /api/message": async ({ body }) => {
      const input = parse(bodies.message, body);
      await client.postMessage(known(input.as), input.channel, input.text);
    },

    "POST /api/home-opened": async ({ body }) => {
      await client.openHome(known(parse(bodies.homeOpened, body).as));
    },

    "POST /api/action": async ({ body }) => {
      const input = parse(bodies.action, body);
      await client.clickAction(known(input.as), input.container, input.action);
    },

    "POST /api/view/submit": async ({ body }) => {
      const input = parse(bodies.submit, body);
      return client.submitModal(known(input.as), input.viewId, input.values);
    },

    "POST /api/view/close": async ({ body }) => {
      const input = parse(bodies.close, body);
      client.closeModal(known(input.as), input.viewId);
    },

    "POST /api/clock": async ({ body }) => {
      const { to } = parse(bodies.clock, body);
      const now = clock.now();
      if (to === "hour") clock.set(new Date(now.getTime() + HOUR_MS));
      else {
        const next = (await nextSteps(deps, now))[to];
        if (!next) throw new BadRequest(`no ${to} ahead: no seat has an owner to ask`);
        clock.set(next.at);
      }
      deps.onClockMoved();
      await ticker.tick();
      return { now: clock.now().toISOString() };
    },

    // The AI seats' agents push their numbers for the last completed week through the agent API.
    "POST /api/agents-push": async () => ({ calls: await deps.agents.pushLastWeek() }),

    "POST /api/others-answer": async ({ body }) => {
      const answered = await answerForTheTeam(deps, known(parse(bodies.othersAnswer, body).as));
      return { answered };
    },
  };
}
