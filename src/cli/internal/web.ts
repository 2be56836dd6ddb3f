// `--web`: open a record's web address in the browser, or print it when there is none to open.
import type { GlobalOptions } from "./context.js";
import { toJson } from "./output.js";

export interface OpenDeps {
  env?: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (default: process.stdout.isTTY). */
  isTTY?: boolean;
  platform?: NodeJS.Platform;
  /** How to open (default: the `open` package, or $BROWSER when it names a program). */
  opener?: (url: string) => Promise<void>;
}

/**
 * Why the URL is printed rather than opened, or undefined when a browser may be tried:
 * BROWSER=none, stdout not a terminal (a script or a pipe wants the address), or Linux/BSD
 * without a display.
 */
export function noBrowserReason(deps: OpenDeps = {}): string | undefined {
  const env = deps.env ?? process.env;
  const isTTY = deps.isTTY ?? process.stdout.isTTY === true;
  const platform = deps.platform ?? process.platform;
  const browser = env.BROWSER?.trim();
  if (browser === "none" || browser === "false" || browser === "0") return "BROWSER=none";
  if (!isTTY) return "stdout is not a terminal";
  if (platform !== "darwin" && platform !== "win32" && !browser && !env.DISPLAY && !env.WAYLAND_DISPLAY && !env.WSL_DISTRO_NAME) return "no display";
  return undefined;
}

async function defaultOpener(url: string, env: NodeJS.ProcessEnv): Promise<void> {
  const { default: open } = await import("open");
  const browser = env.BROWSER?.trim();
  const child = await open(url, browser ? { app: { name: browser } } : {});
  // A missing opener (no xdg-open, a BROWSER that does not exist) shows up as a spawn error.
  await new Promise<void>((resolve, reject) => {
    child.once("error", reject);
    child.once("spawn", () => resolve());
    if (child.pid !== undefined) resolve();
  });
}

/**
 * Open `url` in the browser; when that is not possible (see noBrowserReason) or fails, print
 * it on stdout so it can be clicked or piped. With --json: `{ "url": …, "opened": bool }`.
 */
export async function openOrPrint(url: string, g: Pick<GlobalOptions, "json">, deps: OpenDeps = {}): Promise<boolean> {
  const env = deps.env ?? process.env;
  let opened = false;
  if (noBrowserReason(deps) === undefined) {
    try {
      await (deps.opener ?? ((u: string) => defaultOpener(u, env)))(url);
      opened = true;
    } catch {
      opened = false;
    }
  }
  if (g.json) process.stdout.write(`${toJson({ url, opened })}\n`);
  else if (opened) process.stderr.write(`Opened ${url} in your browser.\n`);
  else process.stdout.write(`${url}\n`);
  return opened;
}
