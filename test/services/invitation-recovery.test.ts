// What waited for the bot's invitation: issue posts go through postPending, digest parts through their week.
import { describe, expect, it } from "vitest";
import { CURED_BY_INVITATION, InvitationRecovery } from "../../src/services/invitation-recovery";

function recovery(rearmed: string[]) {
  const calls: string[] = [];
  const service = new InvitationRecovery({
    deliveries: {
      async rearmAbandoned(channel, codes) {
        calls.push(`rearm ${channel} ${codes.join(",")}`);
        return rearmed;
      },
    },
    issues: { postPending: async () => void calls.push("post pending issues") },
    digest: { retryWeek: async (week) => void calls.push(`digest ${week}`) },
    logger: { info: () => undefined, warn: () => undefined },
  });
  return { service, calls };
}

describe("InvitationRecovery", () => {
  it("re-arms what the invitation cures and posts issues, then each digest week once", async () => {
    const { service, calls } = recovery(["issue:3", "digest:2026-W47:main", "digest:2026-W47:thread:0", "digest:2026-W48:thread:1"]);
    expect(await service.botJoined("C1", new Date())).toBe(4);
    expect(calls).toEqual([`rearm C1 ${CURED_BY_INVITATION.join(",")}`, "post pending issues", "digest 2026-W47", "digest 2026-W48"]);
  });

  it("does nothing more when nothing was waiting", async () => {
    const { service, calls } = recovery([]);
    expect(await service.botJoined("C1", new Date())).toBe(0);
    expect(calls).toHaveLength(1);
  });
});
