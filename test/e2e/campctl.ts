import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const CLI = join(import.meta.dirname, "../../dist/cli/main.js");

/** A `campctl` runner with its own temporary data and config folders (never the real home). */
export function campctlIn(prefix: string): (...args: string[]) => { code: number | null; out: string; err: string } {
  const home = mkdtempSync(join(tmpdir(), prefix));
  const env = { ...process.env, NO_COLOR: "1", BASECAMP_DATA_DIR: join(home, "data"), BASECAMP_CONFIG_DIR: join(home, "config"), BASECAMP_CONNECTION: "", BASECAMP_PROFILE: "" };
  return (...args) => {
    const r = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env, timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
}
