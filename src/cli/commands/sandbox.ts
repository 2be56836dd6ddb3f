// `campctl sandbox reset`: start the embedded simulator's world over — its saved state, its
// sign-ins, its replica and cached answers, all kept in one folder — so the next --sandbox
// run seeds afresh.
import { existsSync, rmSync } from "node:fs";
import { sandboxPaths } from "../../config/files.js";
import type { GlobalOptions } from "../internal/context.js";
import { printDone } from "./shared.js";

export function runSandboxReset(g: GlobalOptions): void {
  const { dir } = sandboxPaths();
  const existed = existsSync(dir);
  rmSync(dir, { recursive: true, force: true });
  printDone(g, { removed: existed ? [dir] : [] }, existed ? `Sandbox reset: removed ${dir}. The next --sandbox command starts from fresh seed data.` : `The sandbox was already fresh (nothing at ${dir}).`);
}
