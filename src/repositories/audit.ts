// The audit log row written alongside every change, inside the change's own transaction.
import type { Prisma } from "../generated/prisma/client";

export type Tx = Prisma.TransactionClient;

export interface AuditInput {
  actor: string;
  action: string;
  entity: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
  at: Date;
}

export async function writeAudit(tx: Tx, input: AuditInput): Promise<void> {
  await tx.auditLog.create({ data: auditRow(input) });
}

export function auditRow(input: AuditInput) {
  return {
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entityId: String(input.entityId),
    before: input.before === undefined ? null : JSON.stringify(input.before),
    after: input.after === undefined ? null : JSON.stringify(input.after),
    at: input.at,
  };
}
