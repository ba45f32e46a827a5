import { beforeEach, describe, expect, it } from "vitest";
import type { DeliveryRow, DeliveryStore } from "../../src/repositories/delivery-repository";
import { DELIVERY_EVENT_TYPE, DeliveryService } from "../../src/services/delivery-service";
import type { FoundMessage, MessagePage, PostedMessage, SlackMessage } from "../../src/services/ports/slack-api";

/** The outbox table in memory, with Prisma's semantics for the few writes the service makes. */
class MemoryDeliveries implements DeliveryStore {
  readonly rows = new Map<string, DeliveryRow>();
  failNextMarkSent = false;

  async find(key: string) {
    const row = this.rows.get(key);
    return row ? { ...row } : undefined;
  }
  async claim(key: string, channel: string, instanceId: string, now: Date) {
    if (this.rows.has(key)) return false;
    this.rows.set(key, {
      key,
      channel,
      state: "claimed",
      claimedBy: instanceId,
      claimedAt: now,
      firstClaimedAt: now,
      attempts: 1,
      nextAttemptAt: null,
      ts: null,
      postedIn: null,
      lastError: null,
    });
    return true;
  }
  async reclaim(key: string, expected: { state: string; claimedBy: string }, instanceId: string, now: Date) {
    const row = this.rows.get(key);
    if (!row || row.state !== expected.state || row.claimedBy !== expected.claimedBy) return false;
    Object.assign(row, { state: "claimed", claimedBy: instanceId, claimedAt: now, nextAttemptAt: null, attempts: row.attempts + 1 });
    return true;
  }
  async markSent(key: string, postedIn: string, ts: string) {
    if (this.failNextMarkSent) {
      this.failNextMarkSent = false;
      throw new Error("SQLITE_IOERR: disk I/O error");
    }
    Object.assign(this.rows.get(key)!, { state: "sent", postedIn, ts, lastError: null, nextAttemptAt: null });
  }
  async markFailed(key: string, error: string, nextAttemptAt: Date) {
    Object.assign(this.rows.get(key)!, { state: "failed", lastError: error, nextAttemptAt });
  }
  async markAbandoned(key: string, error: string) {
    Object.assign(this.rows.get(key)!, { state: "abandoned", lastError: error, nextAttemptAt: null });
  }
  async releaseClaim(key: string, instanceId: string, error: string, nextAttemptAt: Date) {
    const row = this.rows.get(key);
    if (row?.state === "claimed" && row.claimedBy === instanceId) Object.assign(row, { state: "failed", lastError: error, nextAttemptAt });
  }
  async listAbandoned() {
    return [...this.rows.values()].filter((row) => row.state === "abandoned");
  }
}

type Stored = FoundMessage & { threadTs?: string };

/** A channel store that pages like Slack: history newest first, replies oldest first, `pageSize` a page. */
class FakeSlack {
  readonly channels = new Map<string, Stored[]>();
  readonly pageCalls: string[] = [];
  readonly oldestAsked: number[] = [];
  posts = 0;
  /** The next post's outcome: refused with a Slack error code, or taken and then answered with a 500. */
  nextPost: { refuse: string } | { takeThenFail: true } | undefined;
  private seq = 0;

  constructor(private readonly pageSize = 200) {}

  add(channel: string, message: Omit<Stored, "ts">): string {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, "0")}`;
    const list = this.channels.get(channel) ?? [];
    list.push({ ...message, ts });
    this.channels.set(channel, list);
    return ts;
  }

  async postMessage(channel: string, message: SlackMessage): Promise<PostedMessage> {
    const outcome = this.nextPost;
    this.nextPost = undefined;
    if (outcome && "refuse" in outcome)
      throw Object.assign(new Error(`An API error occurred: ${outcome.refuse}`), { data: { ok: false, error: outcome.refuse } });
    this.posts += 1;
    const ts = this.add(channel, { metadata: message.metadata, threadTs: message.threadTs });
    if (outcome) throw Object.assign(new Error("An HTTP protocol error occurred: statusCode = 500"), { code: "slack_webapi_http_error" });
    return { channel, ts };
  }
  async openDm(userId: string) {
    return `D${userId}`;
  }
  async historyPage(channel: string, oldest: number, cursor?: string): Promise<MessagePage> {
    this.pageCalls.push(`history:${cursor ?? ""}`);
    this.oldestAsked.push(oldest);
    const all = (this.channels.get(channel) ?? []).filter((message) => !message.threadTs && Number(message.ts) >= oldest).reverse();
    return this.page(all, cursor);
  }
  async repliesPage(channel: string, threadTs: string, cursor?: string): Promise<MessagePage> {
    this.pageCalls.push(`replies:${cursor ?? ""}`);
    const all = (this.channels.get(channel) ?? []).filter((message) => message.ts === threadTs || message.threadTs === threadTs);
    return this.page(all, cursor);
  }
  private page(all: Stored[], cursor: string | undefined): MessagePage {
    const start = Number(cursor ?? 0);
    const messages = all.slice(start, start + this.pageSize);
    return start + this.pageSize < all.length ? { messages, nextCursor: String(start + this.pageSize) } : { messages };
  }
}

const MINUTE = 60_000;
let deliveries: MemoryDeliveries;
let slack: FakeSlack;
let now: Date;
let logs: string[];
let service: DeliveryService;

function build(pageSize = 200) {
  deliveries = new MemoryDeliveries();
  slack = new FakeSlack(pageSize);
  now = new Date("2026-11-24T12:00:00Z");
  logs = [];
  const log = (...args: unknown[]) => void logs.push(args.join(" "));
  service = new DeliveryService({
    deliveries,
    slack,
    registry: { id: "me", isAlive: async () => false },
    logger: { info: log, warn: log, error: log },
    clock: () => now,
  });
}

const message: SlackMessage = { text: "Drift: tickets closed is off track" };
const later = (ms: number) => (now = new Date(now.getTime() + ms));
const chatter = (channel: string, count: number, threadTs?: string) => {
  for (let i = 0; i < count; i += 1) slack.add(channel, { threadTs });
};

beforeEach(() => build());

describe("recovering a post whose answer was lost", () => {
  it("finds it behind 300 later channel messages, reading every page, and does not post it again", async () => {
    slack.nextPost = { takeThenFail: true };
    expect(await service.deliverOnce("issue:1", "C1", message)).toMatchObject({ status: "failed" });
    chatter("C1", 300);
    later(MINUTE);
    const result = await service.deliverOnce("issue:1", "C1", message);
    expect(result).toMatchObject({ status: "recovered" });
    expect(slack.posts).toBe(1);
    expect(slack.pageCalls).toEqual(["history:", "history:200"]);
    expect(deliveries.rows.get("issue:1")).toMatchObject({ state: "sent" });
  });

  it("reads every page of a thread for a thread part", async () => {
    build(50);
    const parent = slack.add("C1", {});
    chatter("C1", 120, parent); // replies come oldest first: the lost part is on the third page
    slack.nextPost = { takeThenFail: true };
    await service.deliverOnce("digest:2026-W47:thread:0", "C1", { ...message, threadTs: parent });
    later(MINUTE);
    expect(await service.deliverOnce("digest:2026-W47:thread:0", "C1", { ...message, threadTs: parent })).toMatchObject({ status: "recovered" });
    expect(slack.posts).toBe(1);
    expect(slack.pageCalls).toEqual(["replies:", "replies:50", "replies:100"]);
  });

  it("searches from the first claim however often the delivery was taken over", async () => {
    slack.nextPost = { takeThenFail: true };
    await service.deliverOnce("issue:1", "C1", message);
    const firstClaim = deliveries.rows.get("issue:1")!.firstClaimedAt;
    slack.historyPage = async () => Promise.reject(new Error("socket hang up"));
    for (let i = 0; i < 3; i += 1) {
      later(2 * 60 * MINUTE);
      expect(await service.deliverOnce("issue:1", "C1", message)).toMatchObject({ status: "failed" });
    }
    expect(deliveries.rows.get("issue:1")!.firstClaimedAt).toEqual(firstClaim);
    slack.historyPage = FakeSlack.prototype.historyPage.bind(slack);
    later(2 * 60 * MINUTE);
    expect(await service.deliverOnce("issue:1", "C1", message)).toMatchObject({ status: "recovered" });
    expect(slack.oldestAsked).toEqual([Math.floor(firstClaim.getTime() / 1000) - 300]);
    expect(slack.posts).toBe(1);
  });

  it("marks its message with the key it searches for", async () => {
    await service.deliverOnce("issue:1", "C1", message);
    expect(slack.channels.get("C1")![0]!.metadata).toEqual({ event_type: DELIVERY_EVENT_TYPE, event_payload: { key: "issue:1" } });
  });
});

describe("backoff", () => {
  it("skips a failed delivery that is not due yet without posting, waiting twice as long after each failure", async () => {
    const fail = () => (slack.nextPost = { refuse: "internal_error" });
    fail();
    await service.deliverOnce("checkin:U1:2026-W47", "C1", message);
    expect(deliveries.rows.get("checkin:U1:2026-W47")!.nextAttemptAt).toEqual(new Date(now.getTime() + MINUTE));

    later(MINUTE - 1000);
    expect(await service.deliverOnce("checkin:U1:2026-W47", "C1", message)).toMatchObject({ status: "failed", error: expect.stringMatching(/^waiting until/) });
    expect(deliveries.rows.get("checkin:U1:2026-W47")!.attempts).toBe(1);

    later(1000);
    fail();
    await service.deliverOnce("checkin:U1:2026-W47", "C1", message);
    expect(deliveries.rows.get("checkin:U1:2026-W47")).toMatchObject({ attempts: 2, nextAttemptAt: new Date(now.getTime() + 2 * MINUTE) });

    later(2 * MINUTE);
    expect(await service.deliverOnce("checkin:U1:2026-W47", "C1", message)).toMatchObject({ status: "sent" });
    expect(slack.posts).toBe(1);
  });
});

describe("permanent errors", () => {
  it.each([
    ["not_in_channel", "C1", "invite @Cadence to <#C1>"],
    ["is_archived", "C1", "<#C1> is archived"],
    ["channel_not_found", "C1", "check CADENCE_CHANNEL"],
    ["invalid_blocks", "C1", "a bug in Cadence"],
    ["user_not_found", "U9", "<@U9> is not in this workspace"],
    ["account_inactive", "U9", "<@U9> is deactivated"],
  ])("%s ends the delivery for good, logs what to do, and is never tried again", async (code, channel, fix) => {
    slack.nextPost = { refuse: code };
    expect(await service.deliverOnce("issue:1", channel, message)).toEqual({ status: "abandoned", error: code });
    expect(logs.join("\n")).toContain(fix);
    expect(deliveries.rows.get("issue:1")).toMatchObject({ state: "abandoned", lastError: code, nextAttemptAt: null });
    later(24 * 60 * MINUTE);
    expect(await service.deliverOnce("issue:1", channel, message)).toEqual({ status: "abandoned", error: code });
    expect(slack.posts).toBe(0);
  });

  it("retries an error that is not permanent", async () => {
    slack.nextPost = { refuse: "ratelimited" };
    expect(await service.deliverOnce("issue:1", "C1", message)).toMatchObject({ status: "failed" });
    expect(deliveries.rows.get("issue:1")!.state).toBe("failed");
  });
});

describe("claims", () => {
  it("releases its claim in finally when recording the post throws, and the next run finds the post", async () => {
    deliveries.failNextMarkSent = true;
    await expect(service.deliverOnce("issue:1", "C1", message)).rejects.toThrow(/disk I\/O/);
    expect(deliveries.rows.get("issue:1")).toMatchObject({ state: "failed", claimedBy: "me" });
    later(MINUTE);
    expect(await service.deliverOnce("issue:1", "C1", message)).toMatchObject({ status: "recovered" });
    expect(slack.posts).toBe(1);
  });

  it("leaves a live instance's claim alone", async () => {
    await deliveries.claim("issue:1", "C1", "other", new Date());
    const alive = new DeliveryService({
      deliveries,
      slack,
      registry: { id: "me", isAlive: async () => true },
      logger: { info: () => {}, warn: () => {}, error: () => {} },
      clock: () => now,
    });
    expect(await alive.deliverOnce("issue:1", "C1", message)).toEqual({ status: "in-progress" });
    expect(slack.posts).toBe(0);
  });
});
