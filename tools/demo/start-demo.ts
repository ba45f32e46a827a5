/**
 * The demo, started from code: the local Slack, the real Cadence app talking to it (HTTP mode, its own SQLite
 * file), a seeded team on first start, and the web page that plays the Slack client. `main.ts` is its CLI; the
 * browser test starts it on free ports with a fresh database.
 */
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { LogLevel } from "@slack/bolt";
import { loadConfig } from "../../src/config/config";
import { sqliteFilePath } from "../../src/db/sqlite-url";
import { startCadence, type RunningCadence } from "../../src/main";
import { startLocalSlack, type LocalSlack } from "../local-slack/server";
import { DemoAgents } from "./agents";
import { demoRoutes, type Ticker } from "./demo-api";
import { DemoClock, demoStartTime } from "./demo-clock";
import { keepSlackSaved, loadSavedSlack, savedSlackPath } from "./saved-slack";
import { seedDemoTeam } from "./seed";
import { DemoSlackClient } from "./slack-client";
import { ADMIN_IDS, CHANNEL_ID, CHANNEL_NAME, PEOPLE, TEAM_TZ } from "./team";
import { startWebServer } from "./web-server";

export const DEFAULT_DEMO_PORT = 4000;
export const DEFAULT_DEMO_DATABASE_URL = "file:./data/demo.db";
// The scheduler is off (it would tick on wall time); the demo ticks on its own clock this often instead.
const DEFAULT_AUTO_TICK_MS = 15_000;

export interface DemoOptions {
  /** Port of the page; taken → any free one; 0 → any free one. */
  port?: number;
  databaseUrl?: string;
  /** Where the clock starts on a new database; default Monday 07:00 (team time) of the current week. */
  startAt?: Date;
  /** How often the demo ticks the weekly loop at the demo clock's time; 0 turns it off. */
  autoTickMs?: number;
  log?: (line: string) => void;
}

export interface RunningDemo {
  url: string;
  port: number;
  /** Whether this start seeded a new database. */
  seeded: boolean;
  clock: DemoClock;
  slack: LocalSlack;
  cadence: RunningCadence;
  client: DemoSlackClient;
  agents: DemoAgents;
  stop(): Promise<void>;
}

export async function startDemo(options: DemoOptions = {}): Promise<RunningDemo> {
  const log = options.log ?? ((line: string) => console.log(line));
  const databaseUrl = options.databaseUrl ?? DEFAULT_DEMO_DATABASE_URL;
  const start = options.startAt ?? demoStartTime(new Date(), TEAM_TZ);
  const clock = new DemoClock(start);

  // Message timestamps follow the demo clock, so the page shows demo times.
  const slack = await startLocalSlack({ now: () => clock.now().getTime() });
  // The local Slack forgets everything when it stops: the workspace's people are added on every start.
  for (const person of PEOPLE) slack.addUser(person);
  slack.joinChannel(CHANNEL_ID, CHANNEL_NAME); // the demo workspace has Cadence invited to its channel, as set-up step 3 says
  let cadence: RunningCadence | undefined;
  try {
    const signingSecret = randomBytes(16).toString("hex");
    cadence = await startCadence(demoConfig({ signingSecret, slackApiUrl: slack.apiUrl, databaseUrl }), {
      clock: clock.now,
      scheduler: false,
      logLevel: LogLevel.WARN,
    });
    const client = new DemoSlackClient({ slack, appUrl: cadence.url!, signingSecret, channelNames: { [CHANNEL_ID]: CHANNEL_NAME }, now: clock.now });
    return await serveDemo({ options, log, databaseUrl, start, clock, slack, cadence, client });
  } catch (error) {
    await cadence?.stop().catch(() => undefined);
    await slack.close();
    throw error;
  }
}

/** The app's environment in the demo: no real token, the local Slack's URL, the team in team.ts. */
function demoConfig(input: { signingSecret: string; slackApiUrl: string; databaseUrl: string }) {
  return loadConfig({
    SLACK_BOT_TOKEN: "xoxb-local-demo",
    SLACK_SIGNING_SECRET: input.signingSecret,
    CADENCE_CHANNEL: CHANNEL_ID,
    CADENCE_ADMINS: ADMIN_IDS.join(","),
    CADENCE_TZ: TEAM_TZ,
    SLACK_API_URL: input.slackApiUrl,
    DATABASE_URL: input.databaseUrl,
    PORT: "0",
  });
}

interface DemoParts {
  options: DemoOptions;
  log: (line: string) => void;
  databaseUrl: string;
  start: Date;
  clock: DemoClock;
  slack: LocalSlack;
  cadence: RunningCadence;
  client: DemoSlackClient;
}

/** Seeds a new database or restores the saved Slack, then serves the page and keeps the loop ticking. */
async function serveDemo({ options, log, databaseUrl, start, clock, slack, cadence, client }: DemoParts): Promise<RunningDemo> {
  const savedPath = savedSlackPath(databaseUrl);
  const seeded = (await cadence.db.seat.count()) === 0;
  if (seeded) {
    await seedDemoTeam({ cadence, slack, client, clock, start, log }).catch((error: Error) => {
      throw new Error(`${error.message}\nThe demo database is half seeded: delete ${sqliteFilePath(databaseUrl)} and start again.`);
    });
    clock.set(start);
  } else {
    const saved = loadSavedSlack(savedPath);
    if (saved) {
      slack.restore(saved.slack);
      clock.set(new Date(saved.clock));
    } else {
      log(`No saved channel in ${savedPath}: the channel starts empty (delete the database to seed a fresh team).`);
    }
  }
  const saver = keepSlackSaved(savedPath, slack, clock.now);
  saver.flush();
  // Tokens are shown once and the demo keeps none on disk: its agents get new ones at every start.
  const agents = new DemoAgents({ cadence, clock });
  await agents.issueTokens();

  const ticker = serialTicker(cadence, log);
  const autoTickMs = options.autoTickMs ?? DEFAULT_AUTO_TICK_MS;
  const autoTick = autoTickMs > 0 ? setInterval(() => void ticker.tick(), autoTickMs) : undefined;

  const web = await startWebServer({
    port: options.port ?? DEFAULT_DEMO_PORT,
    pageDir: join(dirname(fileURLToPath(import.meta.url)), "page"),
    routes: demoRoutes({ cadence, slack, client, clock, agents, ticker, onClockMoved: () => saver.flush() }),
    log,
  });
  // Every change in the local Slack (or in what only one person sees) tells the page to refresh.
  for (const event of ["message", "message_deleted", "view", "response", "ephemeral", "call"]) slack.on(event, () => web.broadcast(event));
  client.on("changed", () => web.broadcast("client"));
  agents.on("changed", () => web.broadcast("agents"));

  return {
    url: `http://localhost:${web.port}`,
    port: web.port,
    seeded,
    clock,
    slack,
    cadence,
    client,
    agents,
    async stop() {
      if (autoTick) clearInterval(autoTick);
      await web.close();
      await ticker.idle(); // a running tick finishes before the database closes
      saver.flush();
      await cadence.stop();
      await slack.close();
    },
  };
}

function serialTicker(cadence: RunningCadence, log: (line: string) => void): Ticker {
  let last: Promise<void> = Promise.resolve();
  return {
    tick() {
      last = last.then(() => cadence.tick()).catch((error: Error) => log(`tick failed: ${error.message}`));
      return last;
    },
    idle: () => last,
  };
}
