// Time off in messages: command answers, and the digest of a holiday week and of a week with owners away.
import { describe, expect, it } from "vitest";
import { composeDigest } from "../../src/domain/digest";
import type { SeatWithKpis } from "../../src/domain/model";
import { trailingWeeks } from "../../src/domain/week";
import { buildDigestMessages } from "../../src/messages/digest-blocks";
import { buildTimeOffAddedReply, buildTimeOffListReply } from "../../src/messages/time-off-blocks";

const weeks = trailingWeeks("2026-W47", 13);
const seat = (id: number, ownerId: string): SeatWithKpis => ({
  id,
  name: `Seat ${id}`,
  kind: "human",
  accountability: null,
  ownerId,
  archivedAt: null,
  kpis: [{ id, seatId: id, name: `Metric ${id}`, unit: "number", goal: { op: ">=", a: 5 }, archivedAt: null, createdAt: new Date("2026-01-01") }],
});
const base = {
  week: "2026-W47",
  now: new Date("2026-11-24T13:00:00Z"),
  weeks,
  seats: [seat(1, "UANA"), seat(2, "UBEN")],
  values: new Map(),
  openIssues: [],
  closedIssues: [],
  since: new Date("2026-11-17T13:00:00Z"),
  lastRating: null,
};

describe("time off in the digest", () => {
  it("a holiday week's digest is one line with nothing to rate and no thread", () => {
    const messages = buildDigestMessages(composeDigest({ ...base, holiday: ["Winter <break>"] }));
    expect(messages.thread).toEqual([]);
    expect(messages.main.blocks).toMatchInlineSnapshot(`
      [
        {
          "text": {
            "text": ":palm_tree: 2026-W47 (Nov 16 – Nov 22) was a team holiday (Winter &lt;break&gt;): no check-ins, no issues, no digest.",
            "type": "mrkdwn",
          },
          "type": "section",
        },
      ]
    `);
  });

  it("lists away owners under their own heading, not under 'Did not check in'", () => {
    const text = JSON.stringify(buildDigestMessages(composeDigest({ ...base, awayOwners: new Set(["UANA"]) })).main.blocks);
    expect(text).toContain('*Did not check in*"}},{"type":"section","text":{"type":"mrkdwn","text":"<@UBEN> · 1 number missing"');
    expect(text).toContain('*Away this week*\\n:palm_tree: <@UANA> · away all week, not asked"');
  });

  it("has no away heading when no one was away", () => {
    expect(JSON.stringify(buildDigestMessages(composeDigest(base)).main.blocks)).not.toContain("Away this week");
  });
});

describe("time off answers", () => {
  it("names the weeks skipped, or says none is", () => {
    expect(
      buildTimeOffAddedReply({ id: 1, userId: "UANA", from: "2026-12-01", to: "2026-12-31", note: "<!channel> trip" }, [
        "2026-W49",
        "2026-W50",
        "2026-W51",
        "2026-W52",
      ]).text,
    ).toBe(":calendar: <@UANA> away 2026-12-01 – 2026-12-31 (“&lt;!channel&gt; trip”). <@UANA> is not asked for 4 weeks, 2026-W49 to 2026-W52.");
    expect(buildTimeOffAddedReply({ id: 2, userId: null, from: "2026-12-25", to: "2026-12-25", note: null }, []).text).toBe(
      ":calendar: :palm_tree: Team holiday 2026-12-25. It covers no whole week (Monday to Sunday), so the loop runs as usual.",
    );
  });

  it("lists nothing planned plainly", () => {
    expect(buildTimeOffListReply([], "2026-11-30").text).toBe("No time off planned.");
  });
});
