// One instance per database runs the weekly loop. It holds the scheduler lease, re-checks it before every tick
// and steps down the moment another instance has taken it; the others try to take it over on each heartbeat.
import type { Logger } from "@slack/bolt";
import type { InstanceRegistry } from "../services/instance-registry";
import { startScheduler, type Scheduler } from "./scheduler";

export interface LeadershipOptions {
  registry: InstanceRegistry;
  logger: Logger;
  /** The work of one tick, run only while this instance holds the lease. */
  tick: () => Promise<void>;
  /** Whether to tick every minute once leading (tests tick by hand). */
  ticking: boolean;
  heartbeatMs: number;
  /** Work every instance shares, started after each heartbeat whether it leads or not (not awaited). */
  afterHeartbeat?: () => void;
}

export class SchedulerLeadership {
  private leading = false;
  private scheduler: Scheduler | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private beating: Promise<void> | undefined;
  /** Set by stop(): a beat still under way must not take the lease or start the clock again. */
  private stopping = false;

  constructor(private readonly options: LeadershipOptions) {}

  get isLeading(): boolean {
    return this.leading;
  }

  /** Claims the lease at start (saying who holds it if we cannot) and keeps a heartbeat from then on. */
  async start(): Promise<void> {
    await this.claim(true);
    // A beat still running when the next is due is not doubled: on a slow database, overlapping beats would pile
    // up transactions that contend with each other and with the requests we serve.
    this.heartbeat = setInterval(() => {
      this.beating ??= this.beat().finally(() => {
        this.beating = undefined;
      });
    }, this.options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** One tick, if this instance still leads: a holder that lost the lease or went silent does nothing. */
  async tickIfLeading(): Promise<boolean> {
    if (!this.leading || this.stopping) return false;
    const lease = await this.options.registry.checkSchedulerLease();
    if (lease.held) {
      await this.options.tick();
      return true;
    }
    if (lease.reason === "taken") {
      const holder = lease.holder ? await this.options.registry.describe(lease.holder) : "nobody";
      this.options.logger.warn(`the scheduler lease is held by another Cadence (${holder}); this one stepped down and serves Slack requests only`);
      this.stepDown();
    } else {
      this.options.logger.warn(
        `this instance's heartbeat is ${Math.round(lease.silentMs / 1000)} s old (a paused process or a locked database); skipping this tick`,
      );
    }
    return false;
  }

  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    clearInterval(this.heartbeat);
    // The minute's clock stops first, so no tick starts while we wait for a beat, however long that takes (a stop
    // that gives up on this step goes on with the clock stopped).
    const scheduler = this.scheduler;
    this.scheduler = undefined;
    const tickDone = scheduler?.stop(graceMs);
    // A beat that lands after we leave the registry would put our row back, and our successor would wait for it
    // to go stale before taking the scheduler over.
    await this.beating;
    await tickDone;
  }

  /** One heartbeat: says this instance is alive, and takes the lease over if its holder is gone. */
  async beat(): Promise<void> {
    try {
      await this.options.registry.heartbeat();
      await this.claim(false);
      this.options.afterHeartbeat?.();
    } catch (error) {
      this.options.logger.warn(`heartbeat failed: ${error instanceof Error ? error.message : String(error)}; another instance may take the scheduler over`);
    }
  }

  private async claim(announce: boolean): Promise<void> {
    if (this.leading || this.stopping) return;
    const lease = await this.options.registry.acquireSchedulerLease();
    if (this.stopping) return; // the lease goes with this instance's row when it leaves the registry
    if (!lease.acquired) {
      if (announce) {
        const holder = lease.holder ? await this.options.registry.describe(lease.holder) : "another instance";
        this.options.logger.warn(`another Cadence (${holder}) runs the scheduler on this database; this one serves Slack requests only`);
      }
      return;
    }
    this.leading = true;
    if (!announce) this.options.logger.info("the instance that ran the scheduler is gone; this one runs it now");
    if (this.options.ticking) this.scheduler = startScheduler({ tick: () => this.tickIfLeading().then(() => undefined), logger: this.options.logger });
  }

  private stepDown(): void {
    this.leading = false;
    const scheduler = this.scheduler;
    this.scheduler = undefined;
    // Called from inside a tick: stop the clock without waiting for the tick we are in.
    void scheduler?.stop(0);
  }
}
