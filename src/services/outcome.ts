// A service's answer: what happened, or a one-line reason nothing was written.
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export const done = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const refused = (error: string): { ok: false; error: string } => ({ ok: false, error });
