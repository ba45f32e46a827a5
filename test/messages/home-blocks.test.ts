import { describe, expect, it } from "vitest";
import { buildHomeView, type HomeModel } from "../../src/messages/home-blocks";

const base: HomeModel = { userId: "UADMIN", week: "2026-W47", isAdmin: true, ownSeats: [], values: new Map(), issues: [] };
const team = { seats: 2, aiSeats: 1, on: 1, off: 0, missing: 1, openIssues: 0 };
const texts = (model: HomeModel) => JSON.stringify(buildHomeView(model).blocks);

describe("buildHomeView: admin section", () => {
  it("lists messages Slack refused for good, with the fix", () => {
    const refused = {
      title: "Messages Slack refused for good",
      whenEmpty: "None.",
      items: [{ text: "the post of issue #1: Slack answered `not_in_channel`", fix: "invite @Cadence to <#C1>" }],
    };
    const shown = texts({ ...base, team: { ...team, refused } });
    expect(shown).toContain("*Messages Slack refused for good* (1)");
    expect(shown).toContain("_Fix:_ invite @Cadence to <#C1>");
  });

  it("says nothing about it when nothing was refused", () => {
    const shown = texts({ ...base, team: { ...team, refused: { title: "Messages Slack refused for good", whenEmpty: "None.", items: [] } } });
    expect(shown).not.toContain("refused");
  });
});
