// Who may do what: every action a user can take × the roles, against the real app over signed HTTP and the
// fake Slack. Where the rule lives in a service (who may work an issue, who may enter a seat's numbers), the
// full role matrix is unit-tested there (test/services/issue-permissions.test.ts, entry-permissions.test.ts)
// and this table keeps, per way in, the roles that show the wiring: one allowed, a member, another workspace. Each case runs on its own copy of one seeded database, so cases cannot leak into each other.
// Allowed means the action took effect; refused means a clear answer, nothing written, and nothing posted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS, ISSUE_ACTIONS_BLOCK } from "../../src/messages/ids";
import type { LocalSlack } from "../../tools/local-slack/server";
import { ADMIN, bootApp, CHANNEL, copyOfDatabase, SIGNING_SECRET, testClock, type BootedApp, startTestSlack } from "../support/boot-app";
import { snapshotDatabase } from "../support/db-snapshot";
import { eventually } from "../support/eventually";
import { clickButton } from "../support/interactions";
import { blockActionsPayload, typedValues, viewSubmissionPayload } from "../../tools/testkit/interaction-payloads";
import { signedClient, type SignedClient } from "../../tools/local-slack/signed-requests";

// --- Roles ---------------------------------------------------------------------------------------------------

type Role = "admin" | "seat owner" | "assignee" | "issue opener" | "member" | "other workspace";
const ROLES: Role[] = ["admin", "seat owner", "assignee", "issue opener", "member", "other workspace"];
const USER: Record<Role, string> = {
  admin: ADMIN, // in CADENCE_ADMINS
  "seat owner": "UOWNER", // owns "Support triage agent", so also owns its drift issue
  assignee: "UASSIGNEE", // assigned to the drift issue
  "issue opener": "UOPENER", // opened the manual issue
  member: "UMEMBER", // a member of the workspace with no part in any of it
  "other workspace": "UFOREIGN", // a real Slack user, but of another workspace (Slack Connect, a shared channel)
};
const FOREIGN_TEAM = "T0FOREIGN";
const CASE_CLOCK = "2026-11-23T15:00:00Z"; // Monday of W48: W47's check-in is out, W46's drift and digest are done
const WEEK = "2026-W47";
const WORKERS: Role[] = ["admin", "seat owner", "assignee"]; // who may work the drift issue
const MANUAL_WORKERS: Role[] = ["admin", "issue opener"]; // who may work the manual issue (it has no seat)
// IssueService.mayWork and EntryService.mayEnterFor decide these; their unit tests try every role.
const DRIFT_WIRING: Role[] = ["assignee", "member", "other workspace"];
const MANUAL_WIRING: Role[] = ["issue opener", "member", "other workspace"];
const ENTRY_WIRING: Role[] = ["admin", "seat owner", "member", "other workspace"];
const EVERYONE_HERE: Role[] = ["admin", "seat owner", "assignee", "issue opener", "member"];

// --- One seeded database, copied for each case -------------------------------------------------------------

interface Seed {
  template: string;
  driftId: number;
  manualId: number;
  driftTs: string;
  manualTs: string;
  digestTs: string;
  resolutionRateId: number;
  escalationsId: number;
  checkinForm: any;
  resolveForm: any;
}

let slack: LocalSlack;
let seed: Seed;

async function seedDatabase(): Promise<Seed> {
  const app = await bootApp({ slack, clock: testClock("2026-11-10T10:00:00Z") });
  try {
    for (const [id, name] of [
      ["UOWNER", "omar"],
      ["UASSIGNEE", "asa"],
      ["UOPENER", "opal"],
      ["UMEMBER", "mia"],
    ])
      slack.addUser({ id, name, tz: "UTC" });
    slack.addUser({ id: "UFOREIGN", name: "fred", tz: "UTC", team_id: FOREIGN_TEAM });
    const ok = async (command: string, text: string, userId = ADMIN) => {
      const answer = await app.command(command, text, userId);
      expect(answer, `seeding: ${command} ${text}`).not.toMatch(/^:warning:/);
      return answer;
    };
    await ok("/cadence", 'seat add "Support triage agent" <@UOWNER> agent');
    await ok("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
    await ok("/cadence", 'kpi add "Support triage agent" "Escalations" <= 10');
    app.clock.set("2026-11-17T12:30:00Z"); // Tuesday of W47, after the deadline for W46
    await ok("/scorecard", 'set "Resolution rate" 70 2026-W46');
    await ok("/scorecard", 'set "Escalations" 3 2026-W46');
    await ok("/cadence", "run drift");
    const drift = await app.cadence.db.issue.findFirstOrThrow({ where: { source: "drift" } });
    await ok("/issue", `assign #${drift.id} <@UASSIGNEE>`);
    const manualId = Number(/#(\d+)/.exec(await ok("/issue", "add Vendor contract renewal", "UOPENER"))![1]);
    app.clock.set("2026-11-17T13:00:00Z");
    await ok("/cadence", "run digest");
    app.clock.set(CASE_CLOCK);
    await ok("/cadence", "run checkins");

    const { triggerId } = await clickButton(app, {
      userId: "UOWNER",
      actionId: ACTIONS.openCheckinForm,
      value: JSON.stringify({ week: WEEK, ownerId: "UOWNER" }),
    });
    const checkinForm = await slack.waitFor(() => [...slack.views.values()].find((view) => view.trigger_id === triggerId)?.view);
    expect(checkinForm.callback_id).toBe("checkin_form");
    const resolveTrigger = slack.newTriggerId(ADMIN);
    await app.client.interaction(
      blockAction(ADMIN, slack.teamId, resolveTrigger, slack.newResponseUrl(), (await issue(app, drift.id)).messageTs!, {
        type: "button",
        action_id: ACTIONS.resolveIssue,
        block_id: ISSUE_ACTIONS_BLOCK.of(drift.id),
        value: String(drift.id),
      }),
    );
    const resolveForm = await slack.waitFor(() => [...slack.views.values()].find((view) => view.trigger_id === resolveTrigger)?.view);
    expect(resolveForm.callback_id).toBe("issue_resolve_form");

    const digest = slack.messages(CHANNEL).find((message) => !message.thread_ts && message.text?.startsWith("Weekly digest"));
    const kpiId = async (name: string) => (await app.cadence.db.kpi.findFirstOrThrow({ where: { name } })).id;
    return {
      template: app.databaseUrl,
      driftId: drift.id,
      manualId,
      driftTs: (await issue(app, drift.id)).messageTs!,
      manualTs: (await issue(app, manualId)).messageTs!,
      digestTs: digest!.ts,
      resolutionRateId: await kpiId("Resolution rate"),
      escalationsId: await kpiId("Escalations"),
      checkinForm,
      resolveForm,
    };
  } finally {
    // Stopping closes the database, which folds SQLite's write-ahead log into the file that cases copy.
    await app.stop();
  }
}

beforeAll(async () => {
  slack = await startTestSlack();
  seed = await seedDatabase();
}, 60_000);
afterAll(async () => slack?.close());

const issue = (app: BootedApp, id: number) => app.cadence.db.issue.findUniqueOrThrow({ where: { id } });

// --- Driving the app as each role -----------------------------------------------------------------------------

interface Ctx {
  app: BootedApp;
  role: Role;
  userId: string;
  team: string;
  client: SignedClient;
}

/**
 * What the actor saw: an ephemeral answer, a DM, a modal (`view:<callback_id> …`), form errors (`errors:…`), a form
 * that closed (`(the form closed as if saved)`), a DM left unanswered (`(no reply)`), or nothing (`""`).
 */
interface Seen {
  text: string;
}

function blockAction(
  userId: string,
  team: string,
  triggerId: string,
  responseUrl: string,
  messageTs: string,
  action: Record<string, unknown>,
  channelId = CHANNEL,
) {
  return blockActionsPayload({ teamId: team, userId, triggerId, responseUrl, message: { channelId, ts: messageTs } }, action);
}

async function command(ctx: Ctx, name: string, text: string): Promise<Seen> {
  const responseUrl = slack.newResponseUrl();
  const answer = await ctx.client.command({ command: name, text, userId: ctx.userId, responseUrl });
  expect(answer.status).toBe(200);
  // An answer may come in the acknowledgement itself (Slack shows it ephemerally) or on the response_url.
  if (typeof answer.body?.text === "string") return { text: answer.body.text };
  const [first] = await slack.waitFor(() => slack.responses(responseUrl).length > 0 && slack.responses(responseUrl));
  return { text: first.body.text ?? "" };
}

/** Clicks a button or picks from a select; `effect` says when a silent success (an updated post) has happened. */
async function click(ctx: Ctx, messageTs: string, action: Record<string, unknown>, effect: () => Promise<boolean>, channelId = CHANNEL): Promise<Seen> {
  const responseUrl = slack.newResponseUrl();
  const triggerId = slack.newTriggerId(ctx.userId);
  const callsBefore = slack.calls.length;
  const answer = await ctx.client.interaction(blockAction(ctx.userId, ctx.team, triggerId, responseUrl, messageTs, action, channelId));
  expect(answer.status).toBe(200);
  return eventually(async () => {
    const response = slack.responses(responseUrl)[0];
    if (response) return { text: response.body.text ?? "" };
    const view = [...slack.views.values()].find((candidate) => candidate.trigger_id === triggerId);
    if (view) return { text: `view:${view.view.callback_id} ${JSON.stringify(view.view.blocks)}` };
    const dm = slack.calls
      .slice(callsBefore)
      .find((call) => call.method === "chat.postMessage" && [ctx.userId, slack.dmChannelOf(ctx.userId)].includes(call.params.channel));
    if (dm) return { text: String(dm.params.text ?? "") };
    return (await effect()) ? { text: "" } : undefined;
  });
}

async function submit(ctx: Ctx, view: any, values: Record<string, string>): Promise<Seen> {
  const answer = await ctx.client.interaction(viewSubmissionPayload({ teamId: ctx.team, userId: ctx.userId }, view, typedValues(view, values)));
  expect(answer.status).toBe(200);
  if (answer.body?.response_action === "errors") return { text: `errors:${JSON.stringify(answer.body.errors)}` };
  return { text: answer.body?.response_action ? `${answer.body.response_action}:${JSON.stringify(answer.body.view ?? {})}` : "(the form closed as if saved)" };
}

async function directMessage(ctx: Ctx, text: string): Promise<Seen> {
  const channel = slack.dmChannelOf(ctx.userId);
  const before = slack.messages(channel).length;
  const foreign = ctx.team !== slack.teamId ? { user_team: ctx.team, source_team: ctx.team } : {};
  const answer = await ctx.client.event({ type: "message", channel_type: "im", channel, user: ctx.userId, text, ts: `${Date.now() / 1000}`, ...foreign });
  expect(answer.status).toBe(200);
  await ctx.app.idle();
  const reply = slack
    .messages(channel)
    .slice(before)
    .find((message) => message.bot_id !== undefined);
  return { text: reply ? (reply.text ?? "") : "(no reply)" };
}

// --- The actions ----------------------------------------------------------------------------------------------

interface Action {
  name: string;
  allowed: Role[];
  perform(ctx: Ctx): Promise<Seen>;
  /** What an allowed actor sees, and what it changed. */
  succeeded: RegExp;
  verify?(ctx: Ctx): Promise<void>;
  /** What a refused actor of this workspace sees. */
  refused: RegExp;
  /** The roles tried over HTTP (default: all); the others are covered where the rule lives. */
  roles?: Role[];
}

const ADMIN_ONLY = /only Cadence admins can change the set-up/;
const NOT_ISSUE_WORKER = /only the issue's owner .* can (change|resolve)/;
const entry = (ctx: Ctx, kpiId: number) => ctx.app.cadence.db.entry.findUnique({ where: { kpiId_week: { kpiId, week: WEEK } } });

const ACTIONS_UNDER_TEST: Action[] = [
  {
    name: "/cadence seat add",
    allowed: ["admin"],
    perform: (ctx) => command(ctx, "/cadence", 'seat add "Billing agent" <@UMEMBER|mia> agent'),
    succeeded: /Added seat/,
    verify: async (ctx) => expect(await ctx.app.cadence.db.seat.count({ where: { name: "Billing agent" } })).toBe(1),
    refused: ADMIN_ONLY,
  },
  {
    name: "/cadence seat owner",
    allowed: ["admin"],
    perform: (ctx) => command(ctx, "/cadence", 'seat owner "Support triage agent" <@UMEMBER|mia>'),
    succeeded: /now owned by <@UMEMBER>/,
    verify: async (ctx) => expect((await ctx.app.cadence.db.seat.findFirstOrThrow()).ownerId).toBe("UMEMBER"),
    refused: ADMIN_ONLY,
  },
  {
    name: "/cadence seat archive",
    allowed: ["admin"],
    perform: (ctx) => command(ctx, "/cadence", 'seat archive "Support triage agent"'),
    succeeded: /Archived/,
    verify: async (ctx) => expect((await ctx.app.cadence.db.seat.findFirstOrThrow()).archivedAt).not.toBeNull(),
    refused: ADMIN_ONLY,
  },
  {
    name: "/cadence kpi add",
    allowed: ["admin"],
    perform: (ctx) => command(ctx, "/cadence", 'kpi add "Support triage agent" "Tickets closed" >= 40'),
    succeeded: /Added KPI \*Tickets closed\*/,
    verify: async (ctx) => expect(await ctx.app.cadence.db.kpi.count({ where: { name: "Tickets closed" } })).toBe(1),
    refused: ADMIN_ONLY,
  },
  ...(["checkins", "reminders", "drift", "digest"] as const).map(
    (job): Action => ({
      name: `/cadence run ${job}`,
      allowed: ["admin"],
      perform: (ctx) => command(ctx, "/cadence", `run ${job}`),
      succeeded: new RegExp(`Ran ${job} for ${WEEK}`),
      refused: ADMIN_ONLY,
    }),
  ),
  {
    name: "/scorecard set",
    allowed: ["admin", "seat owner"],
    roles: ENTRY_WIRING,
    perform: (ctx) => command(ctx, "/scorecard", 'set "Resolution rate" 91'),
    succeeded: /Recorded \*Resolution rate\* = 91% for 2026-W47/,
    verify: async (ctx) => expect(await entry(ctx, seed.resolutionRateId)).toMatchObject({ value: 91, enteredBy: ctx.userId }),
    refused: /only <@UOWNER> \(owner of "Support triage agent"\) or a Cadence admin/,
  },
  {
    name: "check-in form button",
    allowed: ["admin", "seat owner"],
    roles: ENTRY_WIRING,
    perform: (ctx) => {
      const channel = slack.dmChannelOf("UOWNER");
      const checkin = slack.dmsTo("UOWNER")[0];
      return click(
        ctx,
        checkin.ts,
        { type: "button", action_id: ACTIONS.openCheckinForm, block_id: "b", value: JSON.stringify({ week: WEEK, ownerId: "UOWNER" }) },
        async () => false,
        channel,
      );
    },
    succeeded: /^view:checkin_form /,
    refused: /^view:notice .*Only <@UOWNER>/,
  },
  {
    name: "check-in form submission",
    allowed: ["admin", "seat owner"],
    roles: ENTRY_WIRING,
    perform: (ctx) => submit(ctx, seed.checkinForm, { [`kpi_${seed.resolutionRateId}`]: "92" }),
    succeeded: /^\(the form closed as if saved\)$/,
    verify: async (ctx) => expect(await entry(ctx, seed.resolutionRateId)).toMatchObject({ value: 92, source: "form", enteredBy: ctx.userId }),
    refused: /^errors:.*only <@UOWNER>/,
  },
  {
    // A DM reply records only for the sender's own seats: everyone else has no check-in to answer.
    name: "DM reply with numbers",
    allowed: ["seat owner"],
    perform: (ctx) => directMessage(ctx, "93%\n4"),
    succeeded: /Recorded for 2026-W47/,
    verify: async (ctx) => {
      expect(await entry(ctx, seed.resolutionRateId)).toMatchObject({ value: 93, source: "dm", enteredBy: "UOWNER" });
      expect(await entry(ctx, seed.escalationsId)).toMatchObject({ value: 4, source: "dm", enteredBy: "UOWNER" });
    },
    refused: /I have no check-in open for you/,
  },
  {
    name: "/issue add",
    allowed: EVERYONE_HERE,
    perform: (ctx) => command(ctx, "/issue", "add Budget review slipped"),
    succeeded: /Opened \*#\d+\* Budget review slipped/,
    verify: async (ctx) =>
      expect(await ctx.app.cadence.db.issue.findFirst({ where: { title: "Budget review slipped" } })).toMatchObject({ ownerId: ctx.userId, state: "open" }),
    refused: /^:warning: /,
  },
  {
    name: "/issue resolve (drift issue)",
    allowed: WORKERS,
    roles: DRIFT_WIRING,
    perform: (ctx) => command(ctx, "/issue", `resolve #${seed.driftId} Retrained the router`),
    succeeded: /Resolved/,
    verify: async (ctx) => expect(await issue(ctx.app, seed.driftId)).toMatchObject({ state: "resolved", closedBy: ctx.userId }),
    refused: NOT_ISSUE_WORKER,
  },
  {
    name: "/issue drop (drift issue)",
    allowed: WORKERS,
    roles: DRIFT_WIRING,
    perform: (ctx) => command(ctx, "/issue", `drop ${seed.driftId}`),
    succeeded: /Dropped/,
    verify: async (ctx) => expect(await issue(ctx.app, seed.driftId)).toMatchObject({ state: "dropped", closedBy: ctx.userId }),
    refused: NOT_ISSUE_WORKER,
  },
  {
    name: "/issue assign (drift issue)",
    allowed: WORKERS,
    roles: DRIFT_WIRING,
    perform: (ctx) => command(ctx, "/issue", `assign ${seed.driftId} <@UMEMBER|mia>`),
    succeeded: /Assigned/,
    verify: async (ctx) => expect(await issue(ctx.app, seed.driftId)).toMatchObject({ assigneeId: "UMEMBER" }),
    refused: NOT_ISSUE_WORKER,
  },
  {
    name: "Resolve button (drift issue)",
    allowed: WORKERS,
    roles: DRIFT_WIRING,
    perform: (ctx) =>
      click(
        ctx,
        seed.driftTs,
        { type: "button", action_id: ACTIONS.resolveIssue, block_id: ISSUE_ACTIONS_BLOCK.of(seed.driftId), value: String(seed.driftId) },
        async () => false,
      ),
    succeeded: /^view:issue_resolve_form /,
    refused: NOT_ISSUE_WORKER,
  },
  {
    name: "resolution note form (drift issue)",
    allowed: WORKERS,
    roles: DRIFT_WIRING,
    perform: (ctx) => submit(ctx, seed.resolveForm, { note: "Fixed the routing rule" }),
    succeeded: /^\(the form closed as if saved\)$/,
    verify: async (ctx) =>
      expect(await issue(ctx.app, seed.driftId)).toMatchObject({ state: "resolved", closedBy: ctx.userId, resolutionNote: "Fixed the routing rule" }),
    refused: /^errors:.*only the issue's owner/,
  },
  {
    name: "Drop button (drift issue)",
    allowed: WORKERS,
    roles: DRIFT_WIRING,
    perform: (ctx) =>
      click(
        ctx,
        seed.driftTs,
        { type: "button", action_id: ACTIONS.dropIssue, block_id: ISSUE_ACTIONS_BLOCK.of(seed.driftId), value: String(seed.driftId) },
        async () => (await issue(ctx.app, seed.driftId)).state === "dropped",
      ),
    succeeded: /^$/,
    verify: async (ctx) => expect(await issue(ctx.app, seed.driftId)).toMatchObject({ state: "dropped", closedBy: ctx.userId }),
    refused: NOT_ISSUE_WORKER,
  },
  {
    name: "Assign picker (drift issue)",
    allowed: WORKERS,
    roles: DRIFT_WIRING,
    perform: (ctx) =>
      click(
        ctx,
        seed.driftTs,
        { type: "users_select", action_id: ACTIONS.assignIssue, block_id: ISSUE_ACTIONS_BLOCK.of(seed.driftId), selected_user: "UMEMBER" },
        async () => (await issue(ctx.app, seed.driftId)).assigneeId === "UMEMBER",
      ),
    succeeded: /^$/,
    verify: async (ctx) => expect(await issue(ctx.app, seed.driftId)).toMatchObject({ assigneeId: "UMEMBER" }),
    refused: NOT_ISSUE_WORKER,
  },
  {
    name: "/issue resolve (manual issue)",
    allowed: MANUAL_WORKERS,
    roles: MANUAL_WIRING,
    perform: (ctx) => command(ctx, "/issue", `resolve ${seed.manualId} Signed for two years`),
    succeeded: /Resolved/,
    verify: async (ctx) => expect(await issue(ctx.app, seed.manualId)).toMatchObject({ state: "resolved", closedBy: ctx.userId }),
    refused: NOT_ISSUE_WORKER,
  },
  {
    name: "/issue drop (manual issue)",
    allowed: MANUAL_WORKERS,
    roles: MANUAL_WIRING,
    perform: (ctx) => command(ctx, "/issue", `drop #${seed.manualId} duplicate`),
    succeeded: /Dropped/,
    verify: async (ctx) => expect(await issue(ctx.app, seed.manualId)).toMatchObject({ state: "dropped", closedBy: ctx.userId }),
    refused: NOT_ISSUE_WORKER,
  },
  {
    name: "/issue assign (manual issue)",
    allowed: MANUAL_WORKERS,
    roles: MANUAL_WIRING,
    perform: (ctx) => command(ctx, "/issue", `assign #${seed.manualId} <@UMEMBER|mia>`),
    succeeded: /Assigned/,
    verify: async (ctx) => expect(await issue(ctx.app, seed.manualId)).toMatchObject({ assigneeId: "UMEMBER" }),
    refused: NOT_ISSUE_WORKER,
  },
  {
    name: "Drop button (manual issue)",
    allowed: MANUAL_WORKERS,
    roles: MANUAL_WIRING,
    perform: (ctx) =>
      click(
        ctx,
        seed.manualTs,
        { type: "button", action_id: ACTIONS.dropIssue, block_id: ISSUE_ACTIONS_BLOCK.of(seed.manualId), value: String(seed.manualId) },
        async () => (await issue(ctx.app, seed.manualId)).state === "dropped",
      ),
    succeeded: /^$/,
    verify: async (ctx) => expect(await issue(ctx.app, seed.manualId)).toMatchObject({ state: "dropped", closedBy: ctx.userId }),
    refused: NOT_ISSUE_WORKER,
  },
  {
    name: "digest meeting rating",
    allowed: EVERYONE_HERE,
    perform: (ctx) =>
      click(ctx, seed.digestTs, { type: "button", action_id: `${ACTIONS.rateMeeting}_8`, block_id: "digest_rating", value: "2026-W46:8" }, async () => false),
    succeeded: /you rated 2026-W46's meeting 8\/10/,
    verify: async (ctx) => expect(await ctx.app.cadence.db.meetingRating.findMany()).toEqual([expect.objectContaining({ userId: ctx.userId, score: 8 })]),
    refused: /^:warning: /,
  },
];

/** A refusal from another workspace: whatever the words, it must look like one. */
const REFUSAL_SHAPE = /^:warning: |^view:notice |^(errors|update|push):|I have no check-in open for you/;
/** Slack calls that show something to someone other than the actor. */
const VISIBLE = new Set(["chat.postMessage", "chat.update", "chat.delete", "chat.postEphemeral", "views.publish"]);

// --- The table ---------------------------------------------------------------------------------------------------

const cases = ACTIONS_UNDER_TEST.flatMap((action) => (action.roles ?? ROLES).map((role) => ({ action, role, allowed: action.allowed.includes(role) })));

describe("who may do what", () => {
  it.each(cases.map((scenario) => [`${scenario.action.name} by ${scenario.role} → ${scenario.allowed ? "allowed" : "refused"}`, scenario] as const))(
    "%s",
    async (_label, { action, role, allowed }) => {
      const databaseUrl = await copyOfDatabase(seed.template);
      const app = await bootApp({ slack, databaseUrl, clock: testClock(CASE_CLOCK) });
      try {
        const team = role === "other workspace" ? FOREIGN_TEAM : slack.teamId;
        const client =
          role === "other workspace" ? signedClient({ appUrl: app.cadence.url!, signingSecret: SIGNING_SECRET, slack, teamId: FOREIGN_TEAM }) : app.client;
        const ctx: Ctx = { app, role, userId: USER[role], team, client };
        const before = await snapshotDatabase(app.cadence.db);
        const callsBefore = slack.calls.length;

        const seen = await action.perform(ctx);

        if (allowed) {
          expect(seen.text).toMatch(action.succeeded);
          await action.verify?.(ctx);
          return;
        }
        expect(seen.text, "a refusal says so").toMatch(role === "other workspace" ? REFUSAL_SHAPE : action.refused);
        expect(seen.text.split("\n")[0].length, "a refusal is short").toBeLessThanOrEqual(300);
        // A wrongly allowed action would still be writing and posting after its answer: look once it is done.
        await app.idle();
        expect(await snapshotDatabase(app.cadence.db), "a refused action wrote something").toEqual(before);
        const shown = slack.calls
          .slice(callsBefore)
          .filter((call) => VISIBLE.has(call.method) && ![ctx.userId, slack.dmChannelOf(ctx.userId)].includes(call.params.channel));
        expect(
          shown.map((call) => `${call.method} ${call.params.channel ?? call.params.user_id}`),
          "a refused action showed something to others",
        ).toEqual([]);
      } finally {
        // An allowed action keeps updating posts and home tabs after its answer; let that finish inside this case.
        await app.idle();
        await app.stop();
      }
    },
  );

  it("covers every action with an allowed role, a refused one and another workspace", () => {
    for (const action of ACTIONS_UNDER_TEST) {
      const roles = action.roles ?? ROLES;
      expect(
        roles.some((role) => action.allowed.includes(role)),
        action.name,
      ).toBe(true);
      expect(
        roles.some((role) => role !== "other workspace" && !action.allowed.includes(role)) || action.allowed.length === EVERYONE_HERE.length,
        action.name,
      ).toBe(true);
      expect(roles, action.name).toContain("other workspace");
    }
    expect(new Set(ACTIONS_UNDER_TEST.map((action) => action.name)).size).toBe(ACTIONS_UNDER_TEST.length);
  });
});
