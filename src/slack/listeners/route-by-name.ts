// One Bolt listener per kind of payload, which picks Cadence's handler by name. Bolt runs the matchers of every
// registered listener on every request before the one that matches acks (App.processEvent walks them all, each
// with its own copy of the middleware arguments): with a listener per command, button and form, 24 of them,
// that was about 150 µs of each request's path to its ack; one listener per kind takes about 30 µs. Measured by
// `npm run bench -- lean` (the /scorecard ack beside a bare Bolt app) and with Bolt's processEvent alone.

// A handler written for one payload variant (a button's args) stands in for the kind's handler (any action's
// args): the name it is registered under guarantees the variant, which the parameter types cannot express.
type Handler<Args> = { handle(args: Args): Promise<void> }["handle"];

export type Route<Args> = readonly [name: string | RegExp, handler: Handler<Args>];

/**
 * A listener that hands each request to the handler registered under its name (exact names first, then
 * patterns, in order), or to `unmatched`.
 */
export function routeByName<Args>(nameOf: (args: Args) => string, routes: readonly Route<Args>[], unmatched: Handler<Args>): Handler<Args> {
  const exact = new Map<string, Handler<Args>>();
  const patterns: [RegExp, Handler<Args>][] = [];
  for (const [name, handler] of routes) {
    if (typeof name !== "string") patterns.push([name, handler]);
    else if (exact.has(name)) throw new Error(`two handlers for ${name}`);
    else exact.set(name, handler);
  }
  return (args) => {
    const name = nameOf(args);
    const handler = exact.get(name) ?? patterns.find(([pattern]) => pattern.test(name))?.[1] ?? unmatched;
    return handler(args);
  };
}
