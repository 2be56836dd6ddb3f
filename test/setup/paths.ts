import { join } from "node:path";

export const ARTIFACTS = join(import.meta.dirname, "../../test-artifacts");
/** Everything every road logged during the suite, at verbosity 5. */
export const SUITE_LOG = join(ARTIFACTS, "suite-v5.log");
/** One file per test process listing the secrets its roads used (for the audit). */
export const SUITE_SECRETS_DIR = join(ARTIFACTS, "suite-secrets");
/** Secrets test/http/seeded-secrets.test.ts made up and sent itself, for the audit. */
export const SUITE_SEEDED_SECRETS = join(ARTIFACTS, "suite-seeded-secrets.txt");
