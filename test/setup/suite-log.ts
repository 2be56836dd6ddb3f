// In every test process: log every road at verbosity 5 into the suite log, and when the
// process's tests are done, write down the secrets its roads handled, so the audit project
// can check that none of them reached the log.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll } from "vitest";
import { fileLogger, setDefaultLogging } from "../../src/http/log.js";
import { _registeredSecretsForAudit } from "../../src/http/redact.js";
import { SUITE_LOG, SUITE_SECRETS_DIR } from "./paths.js";

setDefaultLogging(fileLogger(SUITE_LOG), 5);

afterAll(() => {
  const secrets = _registeredSecretsForAudit();
  if (secrets.length === 0) return;
  writeFileSync(join(SUITE_SECRETS_DIR, `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.txt`), secrets.join("\n"));
});
