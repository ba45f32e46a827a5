// Recognising database errors that are part of normal flow (a lost race on a unique key).
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : "";
  // P2002 from Prisma's own queries; a raw statement's error carries the database's words (SQLite's, PostgreSQL's).
  return code === "P2002" || /UNIQUE constraint failed|Unique constraint failed|duplicate key value violates unique constraint|\b23505\b/i.test(message);
}
