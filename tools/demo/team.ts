// The demo's team: people (local Slack users), seats and KPIs, and the numbers each KPI had over the last weeks.
import type { LocalSlackUser } from "../local-slack/server";

export const TEAM_TZ = "Europe/London";
export const CHANNEL_ID = "C0CADENCE";
export const CHANNEL_NAME = "cadence";

export interface DemoPerson extends LocalSlackUser {
  real_name: string;
  tz: string;
  /** Job title shown in the user switcher. */
  title: string;
}

export const ADA: DemoPerson = {
  id: "U0ADA",
  name: "ada",
  real_name: "Ada Okafor",
  title: "COO · runs the weekly meeting",
  tz: "Europe/London",
  is_admin: true,
};
export const PRIYA: DemoPerson = { id: "U0PRIYA", name: "priya", real_name: "Priya Raman", title: "Head of Support", tz: "Europe/London" };
export const TOMAS: DemoPerson = { id: "U0TOMAS", name: "tomas", real_name: "Tomás Álvarez", title: "Finance Controller", tz: "America/New_York" };
export const LENA: DemoPerson = { id: "U0LENA", name: "lena", real_name: "Lena Vogt", title: "Head of Growth", tz: "Europe/Berlin" };
export const SAM: DemoPerson = { id: "U0SAM", name: "sam", real_name: "Sam Patel", title: "Software engineer", tz: "Asia/Kolkata" };

/** Everyone in the workspace, in the order the user switcher lists them. */
export const PEOPLE: DemoPerson[] = [ADA, PRIYA, TOMAS, LENA, SAM];
export const ADMIN_IDS = [ADA.id];

export interface DemoKpi {
  name: string;
  /** What follows the KPI name in `/cadence kpi add`: the goal and the unit. */
  goal: string;
  /**
   * Values for the 12 weeks that end two weeks before the demo's start, oldest first (the week just before the
   * start is left for the visitor). The first 11 are written as history; the last is entered through the app
   * during seeding (null: left missing).
   */
  weeks: (number | null)[];
  /** How the owner types a value (the DM reply, the form, `/scorecard set`). */
  typed?: (value: number) => string;
}

export interface DemoSeat {
  name: string;
  kind: "agent" | "human";
  owner: DemoPerson;
  accountability: string;
  kpis: DemoKpi[];
}

const minutes = (value: number) => `${value}m`;
const yesNo = (value: number) => (value >= 0.5 ? "yes" : "no");
const dollars = (value: number) => `$${value.toLocaleString("en-US")}`;

export const SEATS: DemoSeat[] = [
  {
    name: "Support triage agent",
    kind: "agent",
    owner: PRIYA,
    accountability: "Answers and routes tier-1 support tickets around the clock",
    kpis: [
      { name: "Auto-resolution rate", goal: ">= 60 percent", weeks: [51, 53, 55, 54, 57, 59, 61, 62, 60, 63, 62, 58] },
      { name: "First response time", goal: "<= 5m duration", weeks: [4, 3, 4, 3, 3, 4, 3, 4, 3, 4, 7, 9], typed: minutes },
      { name: "Escalation accuracy", goal: ">= 95 percent", weeks: [93, 94, 96, 95, 96, 97, 96, 97, 98, 97, 96, 97] },
    ],
  },
  {
    name: "Head of Support",
    kind: "human",
    owner: PRIYA,
    accountability: "Keeps customers happy and the support team staffed",
    kpis: [{ name: "CSAT", goal: ">= 90 percent", weeks: [91, 92, 90, 93, 92, 91, 93, 92, 94, 93, 88, 92] }],
  },
  {
    name: "Invoice matching agent",
    kind: "agent",
    owner: TOMAS,
    accountability: "Matches supplier invoices to purchase orders and flags the exceptions",
    kpis: [
      { name: "Invoices auto-matched", goal: ">= 85 percent", weeks: [74, 77, 79, 80, 82, 84, 86, 85, 87, 88, 89, 87] },
      { name: "Exceptions queue", goal: "<= 40 number", weeks: [61, 55, 52, 48, 45, 41, 38, 36, 35, 33, 37, 46] },
    ],
  },
  {
    name: "Finance Controller",
    kind: "human",
    owner: TOMAS,
    accountability: "Closes the books on time and keeps cash visible",
    kpis: [{ name: "Books closed on time", goal: "= yes", weeks: [1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1], typed: yesNo }],
  },
  {
    name: "Lead qualification agent",
    kind: "agent",
    owner: LENA,
    accountability: "Scores inbound leads and books first meetings for sales",
    kpis: [
      { name: "Qualified leads", goal: ">= 120 number", weeks: [96, 104, 110, 118, 121, 125, 131, 128, 135, 140, 137, null] },
      { name: "Lead-to-meeting rate", goal: "between 20 and 35 percent", weeks: [22, 24, 25, 27, 26, 28, 29, 31, 30, 33, 38, 27] },
    ],
  },
  {
    name: "Head of Growth",
    kind: "human",
    owner: LENA,
    accountability: "Grows qualified pipeline across every channel",
    kpis: [
      {
        name: "Pipeline added",
        goal: ">= 250000 currency",
        weeks: [210000, 225000, 240000, 236000, 255000, 262000, 248000, 271000, 280000, 265000, 290000, 268000],
        typed: dollars,
      },
    ],
  },
];

/** Weeks of history written straight to the database (the oldest ones); the last week goes through the app. */
export const BULK_HISTORY_WEEKS = 11;
/** The week of each KPI's last value, relative to the demo's start week. */
export const LAST_SEEDED_WEEK = -2;

export function typedValue(kpi: DemoKpi, value: number): string {
  return kpi.typed ? kpi.typed(value) : String(value);
}

export function seatOwners(): DemoPerson[] {
  return [...new Set(SEATS.map((seat) => seat.owner))];
}
