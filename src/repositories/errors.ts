// Recognising database errors that are part of normal flow (a lost race on a unique key).
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  const message = error instanceof Error ? error.message : "";
  return code === "P2002" || /UNIQUE constraint failed|Unique constraint failed/i.test(message);
}
