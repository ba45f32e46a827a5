// The folder that holds package.json and prisma/: relative paths in the environment are taken from here, so the
// app opens the same files whatever folder it is started from.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
