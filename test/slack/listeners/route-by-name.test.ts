import { describe, expect, it } from "vitest";
import { routeByName } from "../../../src/slack/listeners/route-by-name";

interface Request {
  name: string;
  handled: string[];
}

const handlerNamed = (label: string) => async (request: Request) => void request.handled.push(label);
const send = async (listener: (request: Request) => Promise<void>, name: string) => {
  const request: Request = { name, handled: [] };
  await listener(request);
  return request.handled;
};

describe("routeByName", () => {
  const listener = routeByName<Request>(
    (request) => request.name,
    [
      ["rate_meeting_5", handlerNamed("exact")],
      [/^rate_meeting_\d+$/, handlerNamed("pattern")],
      [/^rate_/, handlerNamed("later pattern")],
      ["issue_drop", handlerNamed("drop")],
    ],
    handlerNamed("unmatched"),
  );

  it("hands a request to the handler registered under its exact name, before any pattern", async () => {
    expect(await send(listener, "rate_meeting_5")).toEqual(["exact"]);
    expect(await send(listener, "issue_drop")).toEqual(["drop"]);
  });

  it("tries patterns in the order they were registered", async () => {
    expect(await send(listener, "rate_meeting_7")).toEqual(["pattern"]);
    expect(await send(listener, "rate_other")).toEqual(["later pattern"]);
  });

  it("hands a name nothing is registered under to the unmatched handler only", async () => {
    expect(await send(listener, "open_link")).toEqual(["unmatched"]);
  });

  it("refuses two handlers under one name when the routes are built", () => {
    const twice = () =>
      routeByName<Request>(
        (request) => request.name,
        [
          ["a", handlerNamed("1")],
          ["a", handlerNamed("2")],
        ],
        handlerNamed("unmatched"),
      );
    expect(twice).toThrow("two handlers for a");
  });
});
