// The agent API's request and answer shapes. Requests are validated with these, and the OpenAPI document
// (src/api/openapi.ts) is generated from the same schemas, so the two cannot drift apart.
import { STAGES } from "./stage";
import { z } from "zod";
import { UNITS } from "./units";

export const MAX_ENTRIES_PER_REQUEST = 100;
const WEEK_PATTERN = /^\d{4}-W\d{2}$/;

export const entryInputSchema = z
  .object({
    kpi: z.string().trim().min(1).max(80).describe("The KPI's name in the token's seat (case does not matter)."),
    value: z.union([z.number(), z.string().max(40)]).describe('Parsed like any other entry, by the KPI\'s unit: 41, "97%", "$1,200", "1h 30m", "yes".'),
    week: z
      .string()
      .regex(WEEK_PATTERN, "must be an ISO week such as 2026-W47")
      .optional()
      .describe("ISO week; default: the last completed week in the team's time zone."),
    note: z.string().max(500).optional(),
  })
  .strict()
  .meta({ id: "EntryInput" });

export const entriesRequestSchema = z
  .union([entryInputSchema, z.object({ entries: z.array(entryInputSchema).min(1).max(MAX_ENTRIES_PER_REQUEST) }).strict()])
  .meta({ id: "EntriesRequest", description: `One entry, or up to ${MAX_ENTRIES_PER_REQUEST} in "entries": recorded all or nothing.` });

export type EntryInput = z.infer<typeof entryInputSchema>;
export type EntriesRequest = z.infer<typeof entriesRequestSchema>;

export const recordedEntrySchema = z.object({
  kpi: z.string(),
  week: z.string(),
  value: z.string().describe('The value as Cadence shows it ("97%", "1h 30m").'),
  onTrack: z.boolean(),
});

export const entriesAnswerSchema = z.object({ entries: z.array(recordedEntrySchema) }).meta({ id: "EntriesAnswer" });
export type EntriesAnswer = z.infer<typeof entriesAnswerSchema>;

export const seatAnswerSchema = z
  .object({
    seat: z.object({
      name: z.string(),
      kind: z.literal("agent"),
      ownerId: z.string().describe("The Slack user id of the seat's accountable owner."),
      accountability: z.string().nullable(),
      stage: z.enum(STAGES).describe("Where the AI seat stands from pilot to production."),
    }),
    kpis: z.array(
      z.object({
        name: z.string(),
        unit: z.enum(UNITS),
        goal: z.string().describe('As Cadence shows it: "≥ 85%", "between 2 and 4".'),
        weeks: z
          .array(
            z.object({
              week: z.string(),
              value: z.string().nullable(),
              onTrack: z.boolean().nullable(),
              source: z.enum(["dm", "form", "command", "home", "agent"]).nullable(),
              confirmed: z.boolean().nullable().describe("For the agent's values: whether the owner confirmed it."),
            }),
          )
          .describe("The last 13 weeks, oldest first."),
      }),
    ),
  })
  .meta({ id: "SeatAnswer" });
export type SeatAnswer = z.infer<typeof seatAnswerSchema>;

export const API_ERROR_CODES = [
  "unauthorized",
  "seat_retired",
  "kpi_of_another_seat",
  "kpi_not_found",
  "idempotency_conflict",
  "payload_too_large",
  "request_timeout",
  "unsupported_media_type",
  "invalid_body",
  "invalid_value",
  "invalid_week",
  "future_week",
  "rate_limited",
  "internal",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export const errorAnswerSchema = z.object({ error: z.enum(API_ERROR_CODES), message: z.string().describe("What to fix.") }).meta({ id: "Error" });
