// Arbitrary values through the check-in form and arbitrary DM replies, against the real app and the fake Slack:
// good values are stored exactly as the parsers read them, bad ones store nothing, and every reply is answered once.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCheckinReply, type ReplyKpi } from "../../src/domain/reply-parse";
import { parseValue, type Unit } from "../../src/domain/units";
import { ACTIONS } from "../../src/messages/ids";
import { bootApp, testClock, type BootedApp } from "../support/boot-app";
import { snapshotDatabase } from "../support/db-snapshot";
import { clickButton, sendDm, submitView } from "../support/interactions";
import { escapeLikeSlack } from "../../tools/local-slack/signed-requests";

const WEEK = "2026-W47";
const OWNER = "UOWNER";
const OTHER = "UOTHER";

/** Text typed in a value field or a reply line. */
const valueText = fc.oneof(
  fc.string({ maxLength: 45 }),
  fc.string({ unit: "grapheme", maxLength: 10 }),
  fc.string({ unit: fc.constantFrom(..."0123456789.,:-+ %$€hmyesno"), maxLength: 12 }),
  fc.constantFrom(
    "42",
    "3.5",
    "-2",
    "0",
    "1",
    "1,234.5",
    "97%",
    "$1,200.50",
    "€5",
    "1h 30m",
    "90m",
    "1:30",
    "1.5h",
    "yes",
    "no",
    "done",
    ":x:",
    "NaN",
    "Infinity",
    "1e999",
    "1,2,3",
    "12 tickets",
    "abc",
    "   ",
    "",
    "9".repeat(20),
    "1".repeat(41),
    "-1h",
    "1:60",
  ),
);

let app: BootedApp;
let form: any;
let ownerKpis: ReplyKpi[];

const entriesOf = async () => new Map((await app.cadence.db.entry.findMany({ where: { week: WEEK } })).map((entry) => [entry.kpiId, entry.value]));

beforeAll(async () => {
  app = await bootApp({ clock: testClock("2026-11-10T10:00:00Z") });
  app.slack.addUser({ id: OWNER, name: "omar", tz: "UTC" });
  app.slack.addUser({ id: OTHER, name: "otto", tz: "UTC" });
  await app.command("/cadence", `seat add "Support triage agent" <@${OWNER}> agent`);
  await app.command("/cadence", 'kpi add "Support triage agent" "Resolution rate" >= 85 percent');
  await app.command("/cadence", 'kpi add "Support triage agent" "First response" <= 1h duration');
  await app.command("/cadence", 'kpi add "Support triage agent" "Escalations" <= 10');
  await app.command("/cadence", 'seat add "Finance" <@UOWNER> human');
  await app.command("/cadence", 'kpi add "Finance" "Cash" >= 25000 currency');
  await app.command("/cadence", 'kpi add "Finance" "Books closed" = yes');
  await app.command("/cadence", 'kpi add "Finance" "R&D hours" >= 5');
  // Someone else's seat: nothing the owner sends may land here.
  await app.command("/cadence", `seat add "Billing" <@${OTHER}> human`);
  await app.command("/cadence", 'kpi add "Billing" "Invoices sent" >= 5');
  app.clock.set("2026-11-23T15:00:00Z"); // Monday of W48: both owners are asked for W47
  await app.cadence.tick();
  expect(app.slack.dmsTo(OWNER)).toHaveLength(1);

  const model = await app.cadence.services.checkins.model(OWNER, WEEK);
  ownerKpis = model.seats.flatMap((seat) => seat.kpis).map((kpi) => ({ id: kpi.id, name: kpi.name, unit: kpi.unit }));
  const { triggerId } = await clickButton(app, { userId: OWNER, actionId: ACTIONS.openCheckinForm, value: JSON.stringify({ week: WEEK, ownerId: OWNER }) });
  form = await app.slack.waitFor(() => [...app.slack.views.values()].find((view) => view.trigger_id === triggerId)?.view);
  expect(form.callback_id).toBe("checkin_form");
});
afterAll(async () => app?.stop());

/** The form's own rule: a blank field is skipped; yes/no selects send 1 or 0; the rest goes through parseValue. */
function readField(text: string, unit: Unit): { ok: true; value: number } | { ok: false } | undefined {
  if (text.trim() === "") return undefined;
  if (unit === "yes/no" && /^[01]$/.test(text)) return { ok: true, value: Number(text) };
  return parseValue(text, unit);
}

describe("the check-in form with arbitrary values", () => {
  it("stores exactly the values it reads, and nothing at all when any field is refused", async () => {
    const fields = fc.tuple(...ownerKpis.map(() => fc.option(valueText, { nil: undefined })));
    await fc.assert(
      fc.asyncProperty(fields, async (texts) => {
        const values: Record<string, string> = {};
        ownerKpis.forEach((kpi, index) => {
          if (texts[index] !== undefined) values[`kpi_${kpi.id}`] = texts[index]!;
        });
        const reads = ownerKpis.map((kpi, index) => (texts[index] === undefined ? undefined : readField(texts[index]!, kpi.unit)));
        const refusedBlocks = ownerKpis.filter((_, index) => reads[index] && !reads[index]!.ok).map((kpi) => `kpi_${kpi.id}`);
        const label = JSON.stringify(values);

        const before = await snapshotDatabase(app.cadence.db);
        const entriesBefore = await entriesOf();
        const answer = await submitView(app, { userId: OWNER, view: form, values });
        expect(answer.status, label).toBe(200);
        if (refusedBlocks.length > 0) {
          expect(answer.body?.response_action, label).toBe("errors");
          expect(Object.keys(answer.body.errors).sort(), label).toEqual(refusedBlocks.sort());
          for (const message of Object.values(answer.body.errors)) expect(message, label).not.toMatch(/[\r\n]/);
          expect(await snapshotDatabase(app.cadence.db), `${label}: a refused form wrote something`).toEqual(before);
          return;
        }
        expect(answer.body?.response_action, `${label}: accepted values must close the form`).toBeUndefined();
        const expected = new Map(entriesBefore);
        ownerKpis.forEach((kpi, index) => {
          const read = reads[index];
          if (read?.ok) expected.set(kpi.id, read.value);
        });
        expect(await entriesOf(), label).toEqual(expected);
      }),
      { numRuns: 50, interruptAfterTimeLimit: 15_000 },
    );
  }, 40_000);
});

describe("DM replies with arbitrary text", () => {
  const line = () =>
    fc.oneof(
      valueText,
      fc
        .tuple(fc.constantFrom(...ownerKpis.map((kpi) => kpi.name), "Invoices sent", "Unknown", "note", "NOTE"), fc.constantFrom(": ", ":", " = "), valueText)
        .map(([name, sep, value]) => `${name}${sep}${value}`),
      fc.constantFrom("", "thanks!", "- Escalations: 3", "• Cash: $30,000", "Books closed: yes", "R&D hours: 6", "1:30"),
    );
  const reply = () =>
    fc.oneof(
      { weight: 4, arbitrary: fc.array(line(), { maxLength: 8 }).chain((lines) => fc.constantFrom("\n", "\r\n").map((eol) => lines.join(eol))) },
      { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
      { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 60 }) },
    );

  it("records what the reply parser reads for the sender's own KPIs, and nothing when it reads nothing", async () => {
    const otherKpi = await app.cadence.db.kpi.findFirstOrThrow({ where: { name: "Invoices sent" } });
    await fc.assert(
      fc.asyncProperty(reply(), async (text) => {
        // Slack escapes &, < and > in message text; the app must read what the person typed (as UTF-8 carries it).
        const sent = escapeLikeSlack(text);
        const typed = Buffer.from(text, "utf8").toString("utf8");
        const parsed = parseCheckinReply(typed, ownerKpis);
        const label = JSON.stringify(text);

        const before = await snapshotDatabase(app.cadence.db);
        const entriesBefore = await entriesOf();
        const dmsBefore = app.slack.dmsTo(OWNER).length;
        const answer = await sendDm(app, { userId: OWNER, text: sent });
        expect(answer.status, label).toBe(200);
        await app.idle();
        const entriesAfter = await entriesOf();
        const answers = app.slack.dmsTo(OWNER).slice(dmsBefore);
        expect(answers, `${label}: exactly one answer`).toHaveLength(1);
        expect(answers[0].text ?? "", label).not.toMatch(/something went wrong/i);

        if (parsed.values.length === 0) {
          expect(await snapshotDatabase(app.cadence.db), `${label}: a reply with nothing readable wrote something`).toEqual(before);
          return;
        }
        const expected = new Map(entriesBefore);
        for (const { kpiId, value } of parsed.values) expected.set(kpiId, value);
        expect(entriesAfter, label).toEqual(expected);
        expect(entriesAfter.get(otherKpi.id), `${label}: touched another owner's KPI`).toBe(entriesBefore.get(otherKpi.id));
      }),
      { numRuns: 50, interruptAfterTimeLimit: 15_000 },
    );
  }, 40_000);

  it("answers a KPI whose name has an & by name, as Slack escapes it (`R&amp;D hours: 7`)", async () => {
    const kpi = await app.cadence.db.kpi.findFirstOrThrow({ where: { name: "R&D hours" } });
    const dmsBefore = app.slack.dmsTo(OWNER).length;
    await sendDm(app, { userId: OWNER, text: escapeLikeSlack("R&D hours: 7") });
    const [answer] = await app.slack.waitFor(() => app.slack.dmsTo(OWNER).slice(dmsBefore).length > 0 && app.slack.dmsTo(OWNER).slice(dmsBefore));
    expect(answer.text).toMatch(/Recorded for 2026-W47/);
    expect(answer.text).toMatch(/R(&|&amp;)D hours: 7/); // mrkdwn shows &amp; as &
    expect((await entriesOf()).get(kpi.id)).toBe(7);
  });
});
