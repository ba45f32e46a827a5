// The OpenAPI 3.1 description of the agent API, generated from the zod schemas the API validates with.
import { z } from "zod";
import { entriesAnswerSchema, entriesRequestSchema, entryInputSchema, errorAnswerSchema, seatAnswerSchema } from "../domain/api-schemas";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const json = (schemaId: string, description: string) => ({ description, content: { "application/json": { schema: ref(schemaId) } } });
const error = (description: string) => json("Error", description);

/** Component schemas: every schema with a `meta({ id })`, converted once (OpenAPI 3.1 is JSON Schema 2020-12). */
function componentSchemas(): Record<string, unknown> {
  const registry = z.registry<{ id: string }>();
  for (const schema of [entryInputSchema, entriesRequestSchema, entriesAnswerSchema, seatAnswerSchema, errorAnswerSchema]) {
    registry.add(schema, { id: z.globalRegistry.get(schema)!.id! });
  }
  const { schemas } = z.toJSONSchema(registry, { target: "draft-2020-12", io: "input", uri: (id) => `#/components/schemas/${id}` });
  // Each schema carries its own `$id`/`$schema`, which are noise inside an OpenAPI document.
  return Object.fromEntries(Object.entries(schemas).map(([id, { $id: _id, $schema: _schema, ...schema }]) => [id, schema]));
}

export function buildOpenApiDocument(serverUrl?: string): Record<string, unknown> {
  const common = {
    "401": error("No token, or not a valid one."),
    "403": error("The seat is retired."),
    "429": {
      ...error("More than 60 requests in a minute with this token."),
      headers: { "Retry-After": { schema: { type: "integer" }, description: "Seconds to wait." } },
    },
  };
  return {
    openapi: "3.1.0",
    info: {
      title: "Cadence agent API",
      version: "1.0.0",
      description: "An AI seat's agent reports its own KPI values; the seat's owner confirms or corrects them in Slack.",
    },
    ...(serverUrl ? { servers: [{ url: serverUrl }] } : {}),
    security: [{ seatToken: [] }],
    paths: {
      "/api/v1/entries": {
        post: {
          summary: "Record KPI values for the token's seat (all or nothing)",
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              schema: { type: "string", maxLength: 255 },
              description: "A retry with the same key and body gets the first answer again (kept 24 hours).",
            },
          ],
          requestBody: { required: true, content: { "application/json": { schema: ref("EntriesRequest") } } },
          responses: {
            "201": json("EntriesAnswer", "Recorded."),
            "200": json("EntriesAnswer", "The same Idempotency-Key and body again: the first answer, nothing recorded twice."),
            ...common,
            "403": error("A KPI of another seat, or the seat is retired."),
            "404": error("No such KPI in the seat."),
            "408": error("The body took too long to arrive."),
            "409": error("The Idempotency-Key was used with another body."),
            "413": error("The body is over 64 KB."),
            "415": error("The body is not JSON."),
            "422": error("A value or week that does not parse, a week in the future, or a body of the wrong shape."),
          },
        },
      },
      "/api/v1/seat": {
        get: { summary: "The token's seat, its KPIs and their last 13 weeks", responses: { "200": json("SeatAnswer", "The seat."), ...common } },
      },
      "/api/v1/openapi.json": {
        get: { summary: "This document", security: [], responses: { "200": { description: "OpenAPI 3.1" } } },
      },
    },
    components: {
      securitySchemes: { seatToken: { type: "http", scheme: "bearer", description: 'A seat token (cad_…) from `/cadence seat token "<seat>"`.' } },
      schemas: componentSchemas(),
    },
  };
}
