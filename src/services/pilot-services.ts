// The services behind AI seats from pilot to production, built once in src/main.ts.
import type { GateService } from "./gate-service";
import type { KillService } from "./kill-service";
import type { ReviewService } from "./review-service";
import type { StageService } from "./stage-service";
import type { StageRepository } from "../repositories/stage-repository";
import type { StopWebhook } from "./stop-webhook";

export interface PilotServices {
  stages: StageService;
  gate: GateService;
  kill: KillService;
  reviews: ReviewService;
  stageRows: Pick<StageRepository, "setGate" | "gateSettings">;
  webhooks: StopWebhook;
}
