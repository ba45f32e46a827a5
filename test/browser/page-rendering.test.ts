// The demo page's Block Kit and mrkdwn rendering (tools/demo/page), as plain functions: no browser needed.
import { describe, expect, it } from "vitest";

interface TextContext {
  users: Map<string, { realName: string; bot?: boolean }>;
  me: string;
  tz: string;
  now: Date;
}

// The page's modules are plain browser JavaScript (no build step, no types): loaded by URL, typed here.
const pageModule = (name: string) => import(new URL(`../../tools/demo/page/${name}`, import.meta.url).href);
const { mrkdwn } = (await pageModule("mrkdwn.js")) as { mrkdwn: (text: string, context: TextContext) => string };
const { renderBlocks } = (await pageModule("blocks.js")) as {
  renderBlocks: (blocks: unknown[], context: TextContext & { container: unknown; errors?: Record<string, string> }) => string;
};

const context: TextContext = {
  users: new Map([
    ["U1", { realName: "Ada Okafor" }],
    ["U2", { realName: "Lena Vogt" }],
  ]),
  me: "U2",
  tz: "Europe/London",
  now: new Date("2026-11-17T10:00:00Z"),
};
const blocksContext = { ...context, container: { type: "message", channel: "C1", ts: "1.0" } };

describe("mrkdwn", () => {
  it.each([
    ["*bold* and _italics_ and ~gone~", "<b>bold</b> and <i>italics</i> and <s>gone</s>"],
    ["`code *not bold*`", '<code class="md-code">code *not bold*</code>'],
    ["```a < b\n*x*```", '<pre class="md-pre">a &lt; b\n*x*</pre>'],
    [
      "see <https://example.com/a?b=1&amp;c=2|the docs>",
      'see <a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>',
    ],
    ["<https://example.com>", '<a href="https://example.com" target="_blank" rel="noopener noreferrer">https://example.com</a>'],
    ["owner <@U1>", 'owner <span class="mention" title="U1">@Ada Okafor</span>'],
    ["hi <@U2|lena>", 'hi <span class="mention me" title="U2">@Lena Vogt</span>'],
    ["<@U9|someone>", '<span class="mention" title="U9">@someone</span>'],
    ["`/issue resolve &lt;id&gt;` &amp; more &lt;b&gt;", '<code class="md-code">/issue resolve &lt;id&gt;</code> &amp; more &lt;b&gt;'],
    [":white_check_mark: done :no_such_emoji:", "✅ done :no_such_emoji:"],
    ["• one\n• two", "• one\n• two"],
    ["snake_case_names stay", "snake_case_names stay"],
  ])("%s", (input, html) => {
    expect(mrkdwn(input, context)).toBe(html);
  });

  it("writes <!date^…> in the reader's time zone, relative to demo time, with the fallback as title", () => {
    const at = Math.floor(new Date("2026-11-17T09:30:00Z").getTime() / 1000);
    expect(mrkdwn(`<!date^${at}^{date_short_pretty} at {time}|2026-11-17T09:30:00Z>`, context)).toBe(
      `<time datetime="2026-11-17T09:30:00.000Z" title="2026-11-17T09:30:00Z">today at 9:30 AM</time>`,
    );
    expect(mrkdwn(`<!date^${at - 86400 * 3}^{date_num}|fallback>`, context)).toContain(">2026-11-14<");
  });

  it("never lets text become markup", () => {
    expect(mrkdwn('<img src=x onerror="alert(1)"> *<script>*', context)).not.toMatch(/<img|<script/);
    expect(mrkdwn("<javascript:alert(1)|click>", context)).not.toContain("href");
  });
});

describe("Block Kit", () => {
  it("renders header, section with fields and an accessory button, context, divider and actions", () => {
    const html = renderBlocks(
      [
        { type: "header", text: { type: "plain_text", text: "Weekly digest" } },
        {
          type: "section",
          text: { type: "mrkdwn", text: "*Open issues*" },
          fields: [{ type: "mrkdwn", text: "*Owner*\n<@U1>" }],
          accessory: { type: "button", action_id: "resolve", text: { type: "plain_text", text: "Resolve" }, value: "7" },
        },
        { type: "context", elements: [{ type: "mrkdwn", text: "Open · owner <@U1>" }] },
        { type: "divider" },
        {
          type: "actions",
          block_id: "issue_7",
          elements: [
            { type: "button", action_id: "drop", style: "danger", text: { type: "plain_text", text: "Drop" }, value: "7" },
            { type: "users_select", action_id: "assign", placeholder: { type: "plain_text", text: "Assign…" } },
            { type: "static_select", action_id: "pick", options: [{ text: { type: "plain_text", text: "yes" }, value: "1" }] },
          ],
        },
      ],
      blocksContext,
    );
    expect(html).toContain('<div class="b-header">Weekly digest</div>');
    expect(html).toContain('<div class="b-fields">');
    expect(html).toContain('class="b-button danger"');
    expect(html).toContain("Lena Vogt</option>");
    expect(html).toContain("Assign…");
    expect(html).toContain('<hr class="b-divider">');
    // What a click sends: the container and the element as Slack reports it.
    const action = /data-action="([^"]+)"[^>]*>Resolve/.exec(html)![1].replace(/&quot;/g, '"');
    expect(JSON.parse(action)).toEqual({
      container: blocksContext.container,
      action: { block_id: "b1", action_id: "resolve", type: "button", text: { type: "plain_text", text: "Resolve" }, value: "7" },
    });
  });

  it("shows unknown blocks and elements instead of dropping them", () => {
    const html = renderBlocks(
      [
        { type: "video", title: "x" },
        { type: "actions", elements: [{ type: "datepicker", action_id: "d" }] },
      ],
      blocksContext,
    );
    expect(html).toContain("[unsupported block: video]");
    expect(html).toContain("[unsupported element: datepicker]");
  });

  it("renders modal inputs with their label, hint, initial value and the app's error", () => {
    const html = renderBlocks(
      [
        {
          type: "input",
          block_id: "kpi_3",
          optional: true,
          label: { type: "plain_text", text: "Qualified leads (goal ≥ 120)" },
          hint: { type: "plain_text", text: "A number" },
          element: { type: "plain_text_input", action_id: "value", initial_value: "12" },
        },
        {
          type: "input",
          block_id: "kpi_4",
          label: { type: "plain_text", text: "Books closed" },
          element: {
            type: "static_select",
            action_id: "value",
            options: [
              { text: { type: "plain_text", text: "yes" }, value: "1" },
              { text: { type: "plain_text", text: "no" }, value: "0" },
            ],
            initial_option: { text: { type: "plain_text", text: "no" }, value: "0" },
          },
        },
      ],
      { ...blocksContext, errors: { kpi_3: '"lots" is not a number' } },
    );
    expect(html).toContain('value="12"');
    expect(html).toContain("(optional)");
    expect(html).toContain('<div class="b-error" role="alert">&quot;lots&quot; is not a number</div>');
    expect(html).toMatch(/<option value="[^"]*&quot;value&quot;:&quot;0&quot;[^"]*" selected>no<\/option>/);
  });
});
