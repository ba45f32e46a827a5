// Who hears that KPI values were written through a database connection, once the write is committed: the
// off-loop thread keeps recent reads of them for /scorecard (src/off-loop/scorecard-tables.ts), and values
// written on the other thread, through the other connection, must reach it before its next answer.
import type { Database } from "../db/database";
import type { IsoWeek } from "../domain/week";
import { commitWatchers } from "./commit-watchers";

const watchers = commitWatchers<IsoWeek[]>();

/** Called by the entry repository after values of these weeks were written (or confirmed) through `db`. */
export function valuesChanged(db: Database, weeks: IsoWeek[]): void {
  if (weeks.length > 0) watchers.tell(db, weeks);
}

export function watchValues(db: Database, watcher: (weeks: IsoWeek[]) => void): void {
  watchers.watch(db, watcher);
}
