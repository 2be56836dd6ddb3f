import { mkdirSync, rmSync } from "node:fs";
import { ARTIFACTS, SUITE_LOG, SUITE_SECRETS_DIR, SUITE_SEEDED_SECRETS } from "./paths.js";

/** Start each run with an empty suite log and secrets list. */
export default function setup(): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  rmSync(SUITE_LOG, { force: true });
  rmSync(SUITE_SEEDED_SECRETS, { force: true });
  rmSync(SUITE_SECRETS_DIR, { recursive: true, force: true });
  mkdirSync(SUITE_SECRETS_DIR, { recursive: true });
}
