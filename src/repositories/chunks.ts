// SQLite caps the number of bound parameters in one query; long `IN (…)` lists are split into several queries.
const MAX_IDS_PER_QUERY = 500;

export async function inChunks<Id, Row>(ids: Id[], query: (chunk: Id[]) => Promise<Row[]>): Promise<Row[]> {
  const rows: Row[] = [];
  for (let start = 0; start < ids.length; start += MAX_IDS_PER_QUERY) rows.push(...(await query(ids.slice(start, start + MAX_IDS_PER_QUERY))));
  return rows;
}
