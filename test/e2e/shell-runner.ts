import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CLI } from "./campctl.js";

/** `campctl … shell` with piped stdin, in its own temporary data and config folders. */
export function shellIn(prefix: string): { home: string; run: (input: string, ...args: string[]) => { code: number | null; out: string; err: string } } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const env = { ...process.env, NO_COLOR: "1", BASECAMP_DATA_DIR: join(home, "data"), BASECAMP_CONFIG_DIR: join(home, "config"), BASECAMP_CONNECTION: "", BASECAMP_PROFILE: "" };
  return {
    home,
    run: (input, ...args) => {
      const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env, input, timeout: 60_000 });
      return { code: r.status, out: r.stdout, err: r.stderr };
    },
  };
}
