// Where a value came from, as readers are told it: an AI seat's agent reports, its owner confirms or corrects.
import type { Entry } from "./model";

/** `owner`: entered by a person; `agent`: reported by the agent, not yet confirmed; `confirmed`/`corrected`: the owner's verdict. */
export type Provenance = "owner" | "agent" | "confirmed" | "corrected";

export function provenanceOf(entry: Pick<Entry, "source" | "confirmedAt" | "agentValue">): Provenance {
  if (entry.source === "agent") return entry.confirmedAt ? "confirmed" : "agent";
  return entry.agentValue !== null && entry.agentValue !== undefined ? "corrected" : "owner";
}

/** A shown value, marked while it is only the agent's word: "🤖 41, reported by the agent". */
export function withProvenance(valueText: string, provenance: Provenance | undefined): string {
  return provenance === "agent" ? `🤖 ${valueText}, reported by the agent` : valueText;
}

/** The digest's word on an AI seat's numbers for a week its KPIs were asked. */
export function describeAgentWeek(provenances: (Provenance | undefined)[]): string {
  const count = (kind: Provenance) => provenances.filter((provenance) => provenance === kind).length;
  const fromAgent = count("agent") + count("confirmed") + count("corrected");
  if (fromAgent === 0) return "the agent reported nothing this week";
  const parts = [
    count("confirmed") > 0 ? `${count("confirmed")} confirmed` : "",
    count("corrected") > 0 ? `${count("corrected")} corrected` : "",
    count("agent") > 0 ? `${count("agent")} not yet confirmed` : "",
  ].filter(Boolean);
  return `${fromAgent} number${fromAgent === 1 ? "" : "s"} from the agent: ${parts.join(", ")}`;
}
