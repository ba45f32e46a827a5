// Knows which Cadence processes on this database are alive, so a dead one's unfinished claims can be taken
// over at once and a live one's are left alone. Liveness is judged by the database's clock, which every
// instance shares, never by the clock of the instance asking.
import { hostname } from "node:os";
import { randomUUID } from "node:crypto";
import type { InstanceRepository } from "../repositories/instance-repository";

/** How this instance tells live instances from dead ones. */
export interface Liveness {
  /** How often each instance writes its heartbeat (and a follower checks whether the scheduler is orphaned). */
  heartbeatMs: number;
  /** A heartbeat older than this is a dead (or hung) instance: its lease and claims may be taken over. */
  staleMs: number;
  /** Whether a missing process id on the same host means dead at once (a SQLite file has one host). */
  trustPidOnSameHost: boolean;
}

// SQLite: every instance runs on the database's host, so a killed one is seen dead at once by its pid; the long
// stale limit is for a hung process or a locked database.
export const SQLITE_LIVENESS: Liveness = { heartbeatMs: 20_000, staleMs: 90_000, trustPidOnSameHost: true };
// PostgreSQL: instances run on several hosts (or in containers that each see pid 1), so a pid proves nothing and
// the heartbeat alone decides. A killed leader's lease is taken within staleMs + heartbeatMs (50 s) and the new
// leader ticks at once, so its work is finished within the minute.
export const POSTGRES_LIVENESS: Liveness = { heartbeatMs: 10_000, staleMs: 40_000, trustPidOnSameHost: false };

export const HEARTBEAT_STALE_MS = SQLITE_LIVENESS.staleMs;
// The scheduler's holder stops acting well before others may take over: a paused holder that wakes up never
// ticks beside its successor.
export const HOLDER_SILENT_MS = HEARTBEAT_STALE_MS / 2;
const SCHEDULER_LEASE = "scheduler";

export type LeaseCheck = { held: true } | { held: false; reason: "taken"; holder: string | undefined } | { held: false; reason: "silent"; silentMs: number };

export class InstanceRegistry {
  readonly id = randomUUID();
  private readonly host = hostname();

  constructor(
    private readonly instances: Pick<InstanceRepository, "databaseNow" | "find" | "heartbeat" | "leaseHolder" | "register" | "remove" | "takeLease">,
    readonly liveness: Liveness = SQLITE_LIVENESS,
  ) {}

  private get holderSilentMs(): number {
    return this.liveness.staleMs / 2;
  }

  async register(): Promise<void> {
    await this.instances.register({ id: this.id, pid: process.pid, host: this.host, startedAt: new Date() });
  }

  async heartbeat(): Promise<void> {
    // A row removed behind our back (a cleanup of instances thought dead) is put back: we are alive.
    if (!(await this.instances.heartbeat(this.id))) await this.register();
  }

  /** This instance as the database has it: reading it is the health check's proof that the database answers. */
  async status(): Promise<{ heartbeatAt: Date | undefined }> {
    return { heartbeatAt: (await this.instances.find(this.id))?.heartbeatAt };
  }

  async unregister(): Promise<void> {
    await this.instances.remove(this.id);
  }

  async isAlive(instanceId: string): Promise<boolean> {
    if (instanceId === this.id) return true;
    const instance = await this.instances.find(instanceId);
    if (!instance) return false;
    if ((await this.instances.databaseNow()).getTime() - instance.heartbeatAt.getTime() > this.liveness.staleMs) return false;
    if (this.diedOnThisHost(instance)) return false;
    return true;
  }

  /** By the database's clock: an instance whose last heartbeat is older than this is dead. */
  async staleBefore(): Promise<Date> {
    return new Date((await this.instances.databaseNow()).getTime() - this.liveness.staleMs);
  }

  /** Whether this instance may run the scheduler: only one instance per database does. */
  async acquireSchedulerLease(): Promise<{ acquired: boolean; holder?: string }> {
    const holder = await this.instances.leaseHolder(SCHEDULER_LEASE);
    const deadHolder = holder && holder !== this.id && (await this.isDeadOnThisHost(holder)) ? holder : undefined;
    const acquired = await this.instances.takeLease(SCHEDULER_LEASE, this.id, { deadHolder, staleBefore: await this.staleBefore() });
    return acquired ? { acquired } : { acquired, holder: await this.instances.leaseHolder(SCHEDULER_LEASE) };
  }

  /** Asked before every tick: the lease is still ours, and our own heartbeat is recent enough to act on it. */
  async checkSchedulerLease(): Promise<LeaseCheck> {
    const holder = await this.instances.leaseHolder(SCHEDULER_LEASE);
    if (holder !== this.id) return { held: false, reason: "taken", holder };
    const self = await this.instances.find(this.id);
    const silentMs = self ? (await this.instances.databaseNow()).getTime() - self.heartbeatAt.getTime() : Number.POSITIVE_INFINITY;
    return silentMs > this.holderSilentMs ? { held: false, reason: "silent", silentMs } : { held: true };
  }

  async describe(instanceId: string): Promise<string> {
    const instance = await this.instances.find(instanceId);
    return instance ? `pid ${instance.pid} on ${instance.host}, started ${instance.startedAt.toISOString()}` : instanceId;
  }

  /** A process on this host that no longer exists is dead at once, without waiting for its heartbeat to age. */
  private async isDeadOnThisHost(instanceId: string): Promise<boolean> {
    const instance = await this.instances.find(instanceId);
    return !instance || this.diedOnThisHost(instance);
  }

  private diedOnThisHost(instance: { host: string; pid: number }): boolean {
    return this.liveness.trustPidOnSameHost && instance.host === this.host && !processExists(instance.pid);
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
