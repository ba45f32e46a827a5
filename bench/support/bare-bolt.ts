// The floor Cadence is measured against (issue 17): a Bolt app that only acks every slash command, with the same
// /healthz route, nothing else. Bundled and run by bench/lean.ts exactly as Cadence's dist/main.js is.
import { App, LogLevel } from "@slack/bolt";

const botToken = process.env.SLACK_BOT_TOKEN ?? "";
const app = new App({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? "",
  // A fixed identity, as Cadence's cached authorize gives after its first auth.test: no Slack call before an ack.
  authorize: async () => ({ botToken, botId: "B0001", botUserId: "UBOT", teamId: "T0001" }),
  logLevel: LogLevel.ERROR,
  customRoutes: [{ path: "/healthz", method: ["GET"], handler: (_req, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}') }],
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
const server = (await app.start(Number(process.env.PORT ?? 0))) as unknown as { address(): { port: number } };
console.log(`running on http://127.0.0.1:${server.address().port}`);
