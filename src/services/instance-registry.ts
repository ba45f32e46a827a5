// Knows which Cadence processes on this SQLite file are alive, so a dead one's unfinished claims can be taken
// over at once and a live one's are left alone. SQLite is a local file, so every instance shares this host.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { InstanceRepository } from "../repositories/instance-repository";

// A live instance refreshes its heartbeat far more often than this.
const HEARTBEAT_STALE_MS = 90_000;
const SCHEDULER_LEASE = "scheduler";

export class InstanceRegistry {
  readonly id = randomUUID();
  private readonly host = hostname();

  constructor(private readonly instances: InstanceRepository) {}

  async register(): Promise<void> {
    const now = new Date();
    await this.instances.register({ id: this.id, pid: process.pid, host: this.host, startedAt: now, heartbeatAt: now });
  }

  async heartbeat(): Promise<void> {
    await this.instances.heartbeat(this.id, new Date());
  }

  async unregister(): Promise<void> {
    await this.instances.remove(this.id);
  }

  /** Uses the real clock, not the job clock: liveness is about processes, not about the week being worked on. */
  async isAlive(instanceId: string): Promise<boolean> {
    if (instanceId === this.id) return true;
    const instance = await this.instances.find(instanceId);
    if (!instance) return false;
    if (Date.now() - instance.heartbeatAt.getTime() > HEARTBEAT_STALE_MS) return false;
    if (instance.host === this.host && !processExists(instance.pid)) return false;
    return true;
  }

  /** Whether this instance may run the scheduler: only one instance per database does. */
  async acquireSchedulerLease(): Promise<{ acquired: boolean; holder?: string }> {
    const holder = await this.instances.leaseHolder(SCHEDULER_LEASE);
    const deadHolder = holder && holder !== this.id && !(await this.isAlive(holder)) ? holder : undefined;
    const acquired = await this.instances.takeLease(SCHEDULER_LEASE, this.id, deadHolder, new Date());
    return acquired ? { acquired } : { acquired, holder: await this.instances.leaseHolder(SCHEDULER_LEASE) };
  }

  async describe(instanceId: string): Promise<string> {
    const instance = await this.instances.find(instanceId);
    return instance ? `pid ${instance.pid} on ${instance.host}, started ${instance.startedAt.toISOString()}` : instanceId;
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
