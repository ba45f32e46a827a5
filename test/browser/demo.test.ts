// The demo end to end in a real browser: Debian's Chromium, driven by playwright-core, clicks through a week of
// Cadence on the page that `npm run demo` serves (the real app, the local Slack, a freshly seeded database).
// Run with `npm run test:browser`; screenshots land in test-results/screenshots/.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { lastCompletedWeek } from "../../src/domain/week";
import { demoStartTime } from "../../tools/demo/demo-clock";
import { startDemo, type RunningDemo } from "../../tools/demo/start-demo";
import { ADA, LENA, PRIYA, SAM, TEAM_TZ } from "../../tools/demo/team";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const SCREENSHOTS = join(resolve(dirname(fileURLToPath(import.meta.url)), "../.."), "test-results", "screenshots");
const WAIT_MS = 15_000;
const START = demoStartTime(new Date("2026-11-18T12:00:00Z"), TEAM_TZ); // Monday 2026-11-16 07:00 in London

let workDir: string;
let demo: RunningDemo;
let browser: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

// `npm test` leaves this file out (it needs Chromium); `npm run test:browser` runs it.
describe("the demo in a browser (npm run test:browser)", () => {
  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: install Debian's Chromium with \`apt-get update && apt-get install -y chromium\` (.ci/run does)`);
    workDir = mkdtempSync(join(tmpdir(), "cadence-demo-test-"));
    mkdirSync(SCREENSHOTS, { recursive: true });
    // A fixed week (not this one), so the run and its screenshots are the same every day.
    demo = await startDemo({ port: 0, databaseUrl: `file:${join(workDir, "demo.db")}`, startAt: START, autoTickMs: 0, log: () => undefined });
    browser = await chromium.launchPersistentContext(join(workDir, "chromium-profile"), {
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
      viewport: { width: 1440, height: 900 },
    });
    page = await browser.newPage();
    page.setDefaultTimeout(WAIT_MS);
    page.on("pageerror", (error) => pageErrors.push(error.message));
  });

  afterEach(() => {
    expect(pageErrors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  const messages = () => page.getByTestId("messages");
  const message = (text: string | RegExp) => messages().getByTestId("message").filter({ hasText: text });
  const modal = () => page.getByTestId("modal");
  const shot = (name: string) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

  async function actAs(userId: string): Promise<void> {
    await page.getByTestId(`person-${userId}`).click();
    await expect.poll(() => page.locator("body").getAttribute("data-as")).toBe(userId);
  }

  async function type(text: string): Promise<void> {
    const box = page.getByTestId("composer").getByRole("textbox");
    await box.fill(text);
    await box.press("Enter");
  }

  async function jumpTo(step: "checkin" | "reminder" | "deadline" | "digest"): Promise<void> {
    const before = await page.getByTestId("clock-now").textContent();
    await page.getByTestId(`jump-${step}`).click();
    await expect.poll(() => page.getByTestId("clock-now").textContent()).not.toBe(before);
  }

  async function visible(locator: Locator): Promise<void> {
    await locator.first().waitFor({ state: "visible" });
  }

  it("shows the seeded team, the channel and the loop's next steps", async () => {
    await page.goto(`${demo.url}/#as=${ADA.id}&view=channel`);
    await page.locator("body[data-ready=true]").waitFor();
    const people = page.getByTestId("people");
    for (const name of ["Ada Okafor", "Priya Raman", "Tomás Álvarez", "Lena Vogt", "Sam Patel"]) await expect.poll(() => people.textContent()).toContain(name);
    expect(await people.textContent()).toContain("Support triage agent (AI)");
    await visible(message("Weekly digest"));
    await visible(message("First response time is off track"));
    expect(await page.getByTestId("jump-checkin").textContent()).toContain("Lena");
    await shot("01-channel-seeded");
  });

  it("has the quarter's priorities, to-dos from resolved issues and an owner away", async () => {
    await page.goto(`${demo.url}/#as=${ADA.id}&view=channel`);
    await page.locator("body[data-ready=true]").waitFor();
    await visible(message("is off track: Hire a tier-2 support lead"));
    await type("/priority");
    await visible(page.getByTestId("ephemeral").filter({ hasText: "Priorities: 3 of 4 on track" }));
    await type("/todo list");
    await visible(page.getByTestId("ephemeral").filter({ hasText: "Review the refund macros with the agent vendor" }));
    await visible(page.getByTestId("ephemeral").filter({ hasText: "Put the close calendar in the agent's config" }));
    await type("/cadence away list");
    await visible(page.getByTestId("ephemeral").filter({ hasText: "Family visit" }));
  });

  it("opens an issue from the composer and resolves it with its button and note form", async () => {
    await type("/issue add Renew the SOC 2 report before the audit");
    await visible(page.getByTestId("ephemeral").filter({ hasText: "Opened" }));
    await visible(message("Renew the SOC 2 report before the audit"));
    // Pinned by its timestamp: once resolved, the digests quote the title too.
    const ts = await message("Renew the SOC 2 report before the audit").first().getAttribute("data-ts");
    const post = messages().locator(`[data-ts="${ts}"]`);
    await shot("02-issue-added");

    await post.getByRole("button", { name: "Resolve" }).click();
    await visible(modal().getByText("How was it resolved?"));
    await modal().getByTestId("modal-submit").click();
    await visible(modal().getByText("Say how it was resolved."));
    await shot("03-resolve-form-error");
    await modal().getByLabel("How was it resolved?").fill("Renewed; the auditor is booked for March");
    await modal().getByTestId("modal-submit").click();
    await modal().waitFor({ state: "hidden" });
    await visible(post.getByText("Resolved by"));
    expect(await post.textContent()).toContain("Renewed; the auditor is booked for March");
    expect(await post.getByRole("button", { name: "Resolve" }).count()).toBe(0);
    await shot("04-issue-resolved");
  });

  it("refuses set-up commands to someone who is not an admin", async () => {
    await actAs(SAM.id);
    await type("/cadence seat list");
    await visible(page.getByTestId("ephemeral").filter({ hasText: "only Cadence admins" }));
  });

  it("sends the check-in at the owner's local time and takes numbers through its form", async () => {
    await jumpTo("checkin"); // Monday 09:00 in Berlin: Lena is asked first
    await actAs(LENA.id);
    await page.getByTestId("nav-app").click();
    await page.getByTestId("tab-dm").click();
    const checkin = message(/Check-in for \d{4}-W\d{2}/).last();
    await visible(checkin.getByRole("button", { name: "Enter numbers" }));
    await checkin.getByRole("button", { name: "Enter numbers" }).click();

    await visible(modal().getByLabel(/Qualified leads/));
    await modal()
      .getByLabel(/Qualified leads/)
      .fill("lots");
    await modal()
      .getByLabel(/Lead-to-meeting rate/)
      .fill("26%");
    await modal()
      .getByLabel(/Pipeline added/)
      .fill("$240,000");
    await modal().getByTestId("modal-submit").click();
    await visible(modal().getByText('"lots" is not a number'));
    await shot("05-checkin-form-error");
    await modal()
      .getByLabel(/Qualified leads/)
      .fill("128");
    await modal().getByTestId("modal-submit").click();
    await modal().waitFor({ state: "hidden" });
    await visible(checkin.getByText("all 3 numbers received"));
    expect(await checkin.textContent()).toContain("$240,000");
    await shot("06-checkin-answered");

    await page.getByTestId("tab-home").click();
    await visible(page.getByTestId("home").getByText("Your week"));
    expect(await page.getByTestId("home").textContent()).toContain("Lead qualification agent");
    await shot("07-home-tab");
  });

  it("records numbers typed in the DM", async () => {
    await jumpTo("checkin"); // London: Priya is asked
    await actAs(PRIYA.id);
    await page.getByTestId("tab-dm").click();
    await visible(
      message(/Check-in for \d{4}-W\d{2}/)
        .last()
        .getByRole("button", { name: "Enter numbers" }),
    );
    await type("CSAT: 94\nAuto-resolution rate: 61%");
    await visible(message(/Recorded for[\s\S]*CSAT: 94%/));
    await visible(
      message(/Check-in for/)
        .last()
        .getByText("(2/4 in)"),
    );
    await shot("08-dm-reply");
  });

  it("runs the deadline and posts the digest when the clock jumps", async () => {
    await jumpTo("checkin"); // New York: now everyone has been asked
    await actAs(ADA.id);
    await page.getByTestId("others-answer").click(); // every owner but Ada (who owns no seat) fills in the rest
    const week = lastCompletedWeek(demo.clock.now(), TEAM_TZ);
    await expect.poll(() => demo.cadence.db.checkIn.count({ where: { week, answeredAt: { not: null } } }), { timeout: WAIT_MS }).toBe(3);
    await jumpTo("deadline");
    await jumpTo("digest");
    await page.getByTestId("nav-channel").click();
    const digests = message("Weekly digest");
    await expect.poll(() => digests.count()).toBe(3);
    const latest = digests.last();
    // The page re-renders the channel on each event (page/app.js sets innerHTML), and the digest's thread parts are
    // still arriving: a scroll that meets an element replaced under it is tried again (it failed so once in CI).
    await expect
      .poll(
        () =>
          latest.scrollIntoViewIfNeeded().then(
            () => true,
            () => false,
          ),
        { timeout: WAIT_MS },
      )
      .toBe(true);
    expect(await latest.textContent()).toContain("Rate this week's meeting");
    await shot("09-digest");
    await latest.getByRole("button", { name: "8", exact: true }).click();
    await visible(page.getByTestId("ephemeral").filter({ hasText: "meeting 8/10" }));
    await latest.getByTestId("replies").click();
    await visible(page.getByTestId("thread").getByText(/Full scorecard/));
    await shot("10-digest-thread");
  });

  it("has the AI seats' agents push their numbers through the agent API and shows each call", async () => {
    await actAs(ADA.id);
    const calls = page.getByTestId("agent-calls").getByTestId("agent-call");
    expect(await calls.count()).toBe(0);
    await page.getByTestId("agents-push").click();
    const week = lastCompletedWeek(demo.clock.now(), TEAM_TZ);
    const call = (seat: string) => calls.filter({ hasText: seat });
    await visible(call("Support triage agent"));
    expect(await call("Support triage agent").textContent()).toMatch(
      new RegExp(`POST /api/v1/entries\\s*201[\\s\\S]*${week}: Auto-resolution rate \\d+%, First response time \\d+m, Escalation accuracy \\d+%.*recorded`),
    );
    expect(await call("Lead qualification agent").textContent()).toContain("201");
    // Paused by a person: what it still sends is refused and recorded nowhere.
    expect(await call("Invoice matching agent").textContent()).toMatch(/POST \/api\/v1\/entries\s*403[\s\S]*seat_retired: "Invoice matching agent" is paused/);
    await shot("11-agent-api-calls");
    const agentEntries = await demo.cadence.db.entry.findMany({ where: { week, source: "agent" }, include: { kpi: { include: { seat: true } } } });
    expect(new Set(agentEntries.map((entry) => entry.kpi.seat.name))).toEqual(new Set(["Support triage agent", "Lead qualification agent"]));

    // The same push again is answered from its Idempotency-Key: 200, nothing recorded twice.
    await page.getByTestId("agents-push").click();
    await expect.poll(() => calls.count()).toBe(6);
    expect(await call("Support triage agent").first().textContent()).toMatch(/200[\s\S]*already recorded/);
    expect(await call("Invoice matching agent").first().textContent()).toContain("403");
  });
});
