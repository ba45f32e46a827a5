// Everything listeners and the scheduler may call, built once in src/main.ts.
import type { Config } from "../config/config";
import type { AuditTrail } from "./audit-trail";
import type { CheckinService } from "./checkin-service";
import type { DigestService } from "./digest-service";
import type { DmReplyService } from "./dm-reply-service";
import type { EntryService } from "./entry-service";
import type { HomeService } from "./home-service";
import type { InvitationRecovery } from "./invitation-recovery";
import type { IssueService } from "./issue-service";
import type { OncePerEvent } from "./once-per-event";
import type { SlackApi } from "./ports/slack-api";
import type { RefreshService } from "./refresh-service";
import type { ScorecardService } from "./scorecard-service";
import type { SeatTokenService } from "./seat-tokens";
import type { SetupService } from "./setup-service";
import type { StatusService } from "./status-service";
import type { TimeOffService } from "./time-off-service";
import type { PriorityService } from "./priority-service";
import type { TodoService } from "./todo-service";
import type { UserDirectory } from "./user-directory";
import type { WeeklyLoop } from "./weekly-loop";
import type { PilotServices } from "./pilot-services";

export interface CadenceServices {
  config: Config;
  clock: () => Date;
  directory: UserDirectory;
  setup: SetupService;
  seatTokens: SeatTokenService;
  entries: EntryService;
  checkins: CheckinService;
  dmReplies: DmReplyService;
  loop: WeeklyLoop;
  issues: IssueService;
  invitations: InvitationRecovery;
  scorecard: ScorecardService;
  digest: DigestService;
  home: HomeService;
  status: StatusService;
  /** Slack retries events: what must happen once per event runs through this. */
  events: OncePerEvent;
  /** The Slack Web API (views.open, DMs), the same port services post through. */
  slack: SlackApi;
  /** For what listeners note themselves: refused set-up commands and jobs run by hand. */
  audit: AuditTrail;
  /** Refreshes after the ack; `idle()` waits for it. */
  refresh: RefreshService;
  /** AI seats from pilot to production: stages, gate, kill thresholds, reviews. */
  pilot: PilotServices;
  /** People away and team holidays. */
  timeOff: TimeOffService;
  priorities: PriorityService;
  todos: TodoService;
}
