import { bundleSurroundings, startProcess, sleep } from "./support/bundles";
import { cadenceEnvironment } from "../tools/testkit/environment";
import { openDatabase } from "../src/db/database";
import { markAsked, seedTeam } from "./support/seed-team";
import { slashCommander } from "./support/slash-commands";
import { ADMIN } from "./support/boot";
import { percentile } from "./support/latency";
const { slack, databaseUrl, close } = await bundleSurroundings();
const db = await openDatabase(databaseUrl);
const team = await seedTeam(db, slack, { seats: 125, ownersCount: 125, kpisPerSeat: 4, weeksOfHistory: 52 }, { now: new Date(), teamTz: "UTC" });
await markAsked(db, team.ownerIds, new Date());
await db.$disconnect();
const cadence = await startProcess("dist/main.js", cadenceEnvironment(slack.apiUrl, databaseUrl, { PORT: "0", NODE_OPTIONS: "-r /tmp/lean/eld.cjs" }), [
  "--optimize-for-size",
  "--cpu-prof",
  "--cpu-prof-dir=/tmp/lean/prof",
]);
await cadence.settle();
const commander = slashCommander(cadence.url, slack);
const acks: number[] = [];
for (let round = 0; round < 15; round++) {
  const sent = await Promise.all(Array.from({ length: 20 }, () => commander.send({ command: "/scorecard", text: "", userId: ADMIN }, { answerTimeoutMs: 1 })));
  for (const c of sent) if (c.ackMs !== undefined) acks.push(c.ackMs);
}
await sleep(3000);
acks.sort((a, b) => a - b);
console.log("ack p50", percentile(acks, 50), "p99", percentile(acks, 99));
commander.close();
cadence.child.kill("SIGTERM");
await new Promise((r) => cadence.child.once("exit", r));
await close();
