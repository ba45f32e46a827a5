// One agent API request as the benchmark sends it: POST /api/v1/entries, one value, with an Idempotency-Key.
import { performance } from "node:perf_hooks";

export interface AgentClient {
  token: string;
  kpis: string[];
}

export interface ApiCall {
  ms: number;
  /** The HTTP status, or why there was none ("failed (ECONNRESET)"). */
  status: string;
}

export async function pushOne(url: string, agent: AgentClient, index: number, week: string, phase: string): Promise<ApiCall> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/api/v1/entries`, {
      method: "POST",
      headers: { authorization: `Bearer ${agent.token}`, "content-type": "application/json", "idempotency-key": `bench-${phase}-${index}` },
      body: JSON.stringify({ kpi: agent.kpis[index % agent.kpis.length], value: 8 + (index % 7), week }),
    });
    await response.arrayBuffer();
    return { ms: performance.now() - started, status: String(response.status) };
  } catch (error) {
    const code = ((error as Error).cause as { code?: string } | undefined)?.code;
    return { ms: performance.now() - started, status: `failed${code ? ` (${code})` : ""}` };
  }
}
