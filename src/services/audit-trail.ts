// What services note in the audit log besides their changes: who tried what and was refused, and jobs run by hand.
import type { Logger } from "@slack/bolt";
import type { AuditInput } from "../repositories/audit";

export interface AuditTrail {
  record(input: AuditInput): Promise<void>;
}

/** The action written for a refused attempt; "nothing was written" checks leave these rows out. */
export const REFUSED_ACTION = "refused";

export interface Refusal {
  actor: string;
  /** What was tried, named like the audit action it would have written: "issue.drop", "entry.add". */
  attempted: string;
  entity: string;
  entityId: string | number;
  reason: string;
  at: Date;
}

/** Notes a refusal; a failure to write it is logged, never turned into a failure of the answer. */
export async function recordRefusal(audit: AuditTrail, logger: Logger, refusal: Refusal): Promise<void> {
  const { actor, attempted, entity, entityId, reason, at } = refusal;
  await audit
    .record({ actor, action: REFUSED_ACTION, entity, entityId, after: { attempted, reason }, at })
    .catch((error: Error) => logger.warn(`auditing a refusal failed: ${error.message}`));
}
