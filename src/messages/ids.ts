// Action and callback ids, shared by the builders that put them in blocks and the listeners that match them.
export const ACTIONS = {
  openCheckinForm: "checkin_open_form",
  resolveIssue: "issue_resolve",
  dropIssue: "issue_drop",
  assignIssue: "issue_assign",
  /** Prefix of the ten rating buttons (`digest_rate_1` … `digest_rate_10`): ids must be unique in a block. */
  rateMeeting: "digest_rate",
  openHomeForm: "home_open_form",
  confirmAgentValues: "checkin_confirm_agent",
  /** On a `kill` issue (admins and the seat's owner) and a `gate` issue (admins); the value is the issue id. */
  pauseSeat: "kill_pause_seat",
  keepGoing: "kill_keep_going",
  promoteSeat: "gate_promote",
  notYet: "gate_not_yet",
  /** A priority's buttons in the check-in DM; the value is the priority's id. */
  priorityOnTrack: "priority_on_track",
  priorityOffTrack: "priority_off_track",
  priorityDone: "priority_done",
  /** A to-do's Done button in the check-in DM; the value is the to-do's id. */
  todoDone: "todo_done",
} as const;

export const RATING_ACTION_PATTERN = new RegExp(`^${ACTIONS.rateMeeting}_\\d+$`);

/** Block id of an issue's actions: the users_select carries no value, so the id travels here. */
export const ISSUE_ACTIONS_BLOCK = {
  of: (issueId: number) => `issue_${issueId}`,
  pattern: /^issue_(\d+)$/,
} as const;

export const VIEWS = {
  checkinForm: "checkin_form",
  resolveIssue: "issue_resolve_form",
  notice: "notice",
} as const;

/** Block and action id of the note in the Resolve form. */
export const RESOLVE_FORM = {
  noteBlock: "note",
  noteAction: "note",
} as const;

/** Block ids inside the check-in form: one per KPI, plus the note. */
export const FORM = {
  kpiBlock: (kpiId: number) => `kpi_${kpiId}`,
  kpiBlockPattern: /^kpi_(\d+)$/,
  valueAction: "value",
  noteBlock: "note",
  noteAction: "note",
} as const;
