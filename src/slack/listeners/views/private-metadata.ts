// A view's private_metadata comes back from Slack as text we wrote, but it is still input: text that is not
// JSON, or JSON of the wrong shape, means an out-of-date form, answered inside the form rather than thrown.
import type { z } from "zod";

export function readPrivateMetadata<S extends z.ZodType>(schema: S, text: string | undefined): z.infer<S> | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text ?? "");
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}
