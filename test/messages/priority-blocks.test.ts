// Priorities in messages, and every new list together still within Slack's 50 blocks a message.
import { describe, expect, it } from "vitest";
import { composeDigest } from "../../src/domain/digest";
import type { Issue, SeatWithKpis } from "../../src/domain/model";
import type { Priority } from "../../src/domain/priority";
import { trailingWeeks } from "../../src/domain/week";
import { buildCheckinMessage } from "../../src/messages/checkin-blocks";
import { buildDigestMessages } from "../../src/messages/digest-blocks";
import { buildPriorityListReply } from "../../src/messages/priority-blocks";
import { buildHomeView } from "../../src/messages/home-blocks";
import type { Todo } from "../../src/domain/todo";
import { blockKitProblems } from "../../tools/local-slack/block-kit-rules";

const todo = (id: number, due: string, ownerId = `U${id}`): Todo => ({
  id,
  title: `To-do number ${id} ${"z".repeat(60)}`,
  ownerId,
  due,
  state: "open",
  issueId: id,
  createdBy: "UADMIN",
  createdAt: new Date("2026-10-01"),
});
const priority = (id: number, onTrack: boolean, ownerId = `U${id}`): Priority => ({
  id,
  title: `Priority number ${id}`,
  ownerId,
  due: "2026-12-31",
  state: "open",
  onTrack,
  note: null,
  issueId: null,
  createdBy: "UADMIN",
  createdAt: new Date("2026-10-01"),
});

describe("priority blocks", () => {
  it("lists priorities with the on-track count", () => {
    expect(buildPriorityListReply([priority(1, true), priority(2, false)]).blocks).toMatchInlineSnapshot(`
      [
        {
          "text": {
            "emoji": true,
            "text": "Priorities: 1 of 2 on track",
            "type": "plain_text",
          },
          "type": "header",
        },
        {
          "text": {
            "text": ":large_green_circle: on track · *P1* Priority number 1 · <@U1> · due 2026-12-31
      :red_circle: off track · *P2* Priority number 2 · <@U2> · due 2026-12-31",
            "type": "mrkdwn",
          },
          "type": "section",
        },
      ]
    `);
  });

  it("keeps a check-in DM with many priorities within 50 blocks", () => {
    const message = buildCheckinMessage({
      ownerId: "UANA",
      week: "2026-W47",
      seats: [],
      current: new Map(),
      previous: new Map(),
      priorities: Array.from({ length: 40 }, (_, index) => priority(index + 1, true, "UANA")),
      todos: Array.from({ length: 40 }, (_, index) => todo(index + 1, "2026-12-01", "UANA")),
    });
    expect(blockKitProblems(message.blocks, "message")).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain("…and 32 more: `/priority list`.");
  });

  it("keeps the digest within 50 blocks with every list full, away owners and priorities included", () => {
    const weeks = trailingWeeks("2026-W47", 13);
    const seats: SeatWithKpis[] = Array.from({ length: 30 }, (_, s) => ({
      id: s,
      name: `Seat ${s}`,
      kind: s % 2 ? "agent" : "human",
      accountability: null,
      ownerId: `U${s}`,
      archivedAt: null,
      kpis: [{ id: s, seatId: s, name: `Metric ${s}`, unit: "number", goal: { op: ">=", a: 5 }, archivedAt: null, createdAt: new Date("2026-01-01") }],
    }));
    const issue = (id: number, state: Issue["state"]): Issue => ({
      id,
      title: `Issue ${id}`,
      source: "manual",
      state,
      kpiId: null,
      week: null,
      ownerId: "U1",
      openedBy: "U1",
      assigneeId: null,
      closedBy: state === "open" ? null : "U2",
      closedAt: null,
      resolutionNote: null,
      createdAt: new Date("2026-11-20T00:00:00Z"),
      channelId: null,
      messageTs: null,
      weeks: [],
    });
    const model = composeDigest({
      week: "2026-W47",
      now: new Date("2026-11-24T13:00:00Z"),
      weeks,
      seats,
      values: new Map(),
      since: new Date("2026-11-17T13:00:00Z"),
      openIssues: Array.from({ length: 30 }, (_, id) => issue(id + 1, "open")),
      closedIssues: Array.from({ length: 40 }, (_, id) => issue(id + 100, "resolved")),
      lastRating: { average: 7, count: 3 },
      awayOwners: new Set(Array.from({ length: 15 }, (_, s) => `U${s}`)),
      priorities: Array.from({ length: 60 }, (_, id) => priority(id + 1, id % 3 === 0)),
      todos: { dueInWeek: [], open: Array.from({ length: 80 }, (_, id) => todo(id + 1, "2026-11-20")), today: "2026-11-24" },
    });
    const messages = buildDigestMessages(model);
    expect(blockKitProblems(messages.main.blocks, "message")).toEqual([]);
    expect(JSON.stringify(messages.main.blocks)).toContain("more overdue: `/todo list`");
    expect(JSON.stringify(messages.main.blocks)).toContain("*Priorities: 20 of 60 on track*");
    for (const part of messages.thread) expect(blockKitProblems(part.blocks, "message")).toEqual([]);
  });

  it("keeps an admin's full home tab within 100 blocks with their priorities and to-dos", () => {
    const seats: SeatWithKpis[] = Array.from({ length: 800 }, (_, s) => ({
      id: s,
      name: `Seat ${s} ${"x".repeat(100)}`,
      kind: "human",
      accountability: null,
      ownerId: "U1",
      archivedAt: null,
      kpis: [
        {
          id: s,
          seatId: s,
          name: `KPI ${s} ${"y".repeat(100)}`,
          unit: "number",
          goal: { op: ">=", a: 5 },
          archivedAt: null,
          createdAt: new Date("2026-01-01"),
        },
      ],
    }));
    const issues = Array.from(
      { length: 25 },
      (_, id) =>
        ({
          id: id + 1,
          title: `Issue ${id}`,
          source: "manual",
          state: "open",
          kpiId: null,
          week: null,
          ownerId: "U1",
          openedBy: "U1",
          assigneeId: null,
          closedBy: null,
          closedAt: null,
          resolutionNote: null,
          createdAt: new Date("2026-11-20"),
          channelId: null,
          messageTs: null,
          weeks: [],
        }) as Issue,
    );
    const home = buildHomeView({
      userId: "U1",
      week: "2026-W47",
      isAdmin: true,
      ownSeats: seats,
      values: new Map(),
      issues,
      team: { seats: 800, aiSeats: 0, on: 0, off: 0, missing: 800, openIssues: 25 },
      priorities: Array.from({ length: 50 }, (_, id) => priority(id + 1, false, "U1")),
      todos: Array.from({ length: 80 }, (_, id) => todo(id + 1, "2026-12-01", "U1")),
    }) as { blocks: unknown[] };
    expect(blockKitProblems(home.blocks, "home")).toEqual([]);
    expect(JSON.stringify(home.blocks)).toContain("more: `/todo list`");
  });
});
