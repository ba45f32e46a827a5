// `npm run demo`: Cadence with a local Slack in the browser. No token, no network. DEMO_PORT picks the port.
import { DEFAULT_DEMO_PORT, startDemo } from "./start-demo";

async function main(): Promise<void> {
  const port = process.env.DEMO_PORT ? Number(process.env.DEMO_PORT) : DEFAULT_DEMO_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`DEMO_PORT must be a port number such as 4000, not "${process.env.DEMO_PORT}"`);
    process.exit(1);
  }
  console.log("Starting the Cadence demo (the real app, a local Slack, data in data/demo.db)…");
  const demo = await startDemo({ port });
  console.log(`${demo.seeded ? "Seeded a demo team. " : ""}Open ${demo.url} — Ctrl+C stops the demo.`);
  const shutdown = () => void demo.stop().finally(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

main().catch((error) => {
  console.error("The demo stopped:", error instanceof Error ? error.message : error);
  process.exit(1);
});
