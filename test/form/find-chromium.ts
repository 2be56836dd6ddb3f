// Which Chromium the browser tests drive: CHROMIUM_PATH when set, else the system's
// (Debian's /usr/bin/chromium), else the one shipped inside the @sparticuz/chromium npm
// package, so `npm test` works on a machine that has only Node.
import { statSync } from "node:fs";

export interface FoundChromium {
  executablePath: string;
  /** Where it came from, for the test log. */
  source: "CHROMIUM_PATH" | "system" | "@sparticuz/chromium";
}

/** A regular file with an execute bit (a path hidden behind /dev/null is not one). */
function runnable(path: string): boolean {
  try {
    const st = statSync(path);
    return st.isFile() && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

export async function findChromium(env: NodeJS.ProcessEnv = process.env): Promise<FoundChromium> {
  const given = env.CHROMIUM_PATH;
  if (given) {
    if (!runnable(given)) throw new Error(`CHROMIUM_PATH=${given} is not an executable file. Point it at a Chromium binary, or unset it to use the system's or the bundled one.`);
    return { executablePath: given, source: "CHROMIUM_PATH" };
  }
  for (const path of ["/usr/bin/chromium", "/usr/bin/chromium-browser"]) if (runnable(path)) return { executablePath: path, source: "system" };
  let bundled: { executablePath(): Promise<string> };
  try {
    bundled = (await import("@sparticuz/chromium")).default;
  } catch (e) {
    throw new Error(`No Chromium found: set CHROMIUM_PATH, install the system's (apt-get install -y chromium), or run npm install so the bundled @sparticuz/chromium is there (${(e as Error).message}).`);
  }
  return { executablePath: await bundled.executablePath(), source: "@sparticuz/chromium" };
}
