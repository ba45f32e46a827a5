// Everything listeners and the scheduler may call, built once in src/main.ts.
import type { Config } from "../config/config";
import type { SetupService } from "./setup-service";
import type { UserDirectory } from "./user-directory";

export interface CadenceServices {
  config: Config;
  clock: () => Date;
  directory: UserDirectory;
  setup: SetupService;
}
