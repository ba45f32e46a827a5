// Everything listeners and the scheduler may call, built once in src/main.ts.
import type { Config } from "../config/config";
import type { ProcessedEventRepository } from "../repositories/processed-event-repository";
import type { AuditTrail } from "./audit-trail";
import type { CheckinService } from "./checkin-service";
import type { DigestService } from "./digest-service";
import type { DmReplyService } from "./dm-reply-service";
import type { EntryService } from "./entry-service";
import type { HomeService } from "./home-service";
import type { InvitationRecovery } from "./invitation-recovery";
import type { IssueService } from "./issue-service";
import type { RefreshService } from "./refresh-service";
import type { ScorecardService } from "./scorecard-service";
import type { SetupService } from "./setup-service";
import type { StatusService } from "./status-service";
import type { TimeOffService } from "./time-off-service";
import type { PriorityService } from "./priority-service";
import type { TodoService } from "./todo-service";
import type { UserDirectory } from "./user-directory";
import type { WeeklyLoop } from "./weekly-loop";

export interface CadenceServices {
  config: Config;
  clock: () => Date;
  directory: UserDirectory;
  setup: SetupService;
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
  processedEvents: ProcessedEventRepository;
  /** For what listeners note themselves: refused set-up commands and jobs run by hand. */
  audit: AuditTrail;
  /** Refreshes after the ack; `idle()` waits for it. */
  refresh: RefreshService;
  /** People away and team holidays. */
  timeOff: TimeOffService;
  priorities: PriorityService;
  todos: TodoService;
}
