// The sandbox's simulator for one process. A long-running sandbox process (campctl watch, mcp)
// is the *host*: it serves its simulator on a loopback port and records itself in
// <sandbox>/host.json. Every other sandbox process started while the host lives is its *guest*:
// it talks to the host over HTTP instead of loading the state file into a simulator of its own,
// so the host sees (and delivers webhooks for) what guests change, and nothing is lost when it
// saves. Without a live host a process runs its own in-process simulator, as before.
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { processAlive } from "../auth/internal/file-lock.js";
import { answerConsent } from "../simulator/internal/consent.js";

/** What host.json holds: the host's process, its addresses and the sandbox app. */
export interface SandboxHostRecord {
  pid: number;
  apiUrl: string;
  launchpadUrl: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  bc2AccountId: string;
  bc2User: string;
  bc2Password: string;
  accountId: string;
}

/** The simulator a sandbox process signs in to and calls, wherever it runs. */
export interface SandboxBackend extends Omit<SandboxHostRecord, "pid"> {
  /** How this process reaches it: "host" serves it, "guest" calls a host, "local" runs it alone. */
  role: "host" | "guest" | "local";
  /** The fetch to use: the simulator's own in-process, or (a guest's) the global one toward the host. */
  fetch?: typeof fetch;
  /** Answer the consent page as a browser would; resolves to the redirect address. */
  approve(authorizeUrl: string): Promise<string>;
  flush(): void;
  close(): Promise<void>;
}

/**
 * The origin of the sandbox's Launchpad in every sandbox process, whoever serves it: sign-ins are
 * kept with their Launchpad's address, so one that changed with each host's port would make the
 * tokens of the last host (or of an in-process simulator) unusable by the next.
 */
const SANDBOX_ORIGIN = "http://simulator.localhost";
const SANDBOX_LAUNCHPAD = `${SANDBOX_ORIGIN}/launchpad`;

const RECORD_KEYS = ["apiUrl", "launchpadUrl", "clientId", "clientSecret", "redirectUri", "bc2AccountId", "bc2User", "bc2Password", "accountId"] as const;

/** Where the host records itself in the sandbox folder. */
export function hostFile(sandboxDir: string): string {
  return join(sandboxDir, "host.json");
}

function readRecord(file: string): SandboxHostRecord | undefined {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== "object" || !Number.isInteger(raw.pid) || (raw.pid as number) <= 0) return undefined;
  if (!RECORD_KEYS.every((k) => typeof raw[k] === "string")) return undefined;
  return raw as unknown as SandboxHostRecord;
}

/** Whether anything answers at the host's address within a moment. */
async function answers(apiUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${apiUrl}/__sim/stats`, { signal: AbortSignal.timeout(2000), redirect: "manual" });
    await res.body?.cancel();
    return res.status === 200 || res.status === 401;
  } catch {
    return false;
  }
}

/**
 * The host recorded in the sandbox folder, if its process lives and it answers; a stale
 * record (a dead process, or nothing answering) is removed. Call it holding the sandbox lock.
 */
export async function liveHost(sandboxDir: string): Promise<SandboxHostRecord | undefined> {
  const file = hostFile(sandboxDir);
  const record = readRecord(file);
  if (record && processAlive(record.pid) && (await answers(record.apiUrl))) return record;
  rmSync(file, { force: true });
  return undefined;
}

/** A fetch that sends what is addressed to SANDBOX_ORIGIN to the host's `origin` instead. */
function towardHost(origin: string, base: typeof fetch = fetch): typeof fetch {
  const moved = (url: string) => (url === SANDBOX_ORIGIN || url.startsWith(`${SANDBOX_ORIGIN}/`) ? origin + url.slice(SANDBOX_ORIGIN.length) : undefined);
  return async (input, init) => {
    if (!(input instanceof Request)) return base(moved(String(input)) ?? input, init);
    const to = moved(input.url);
    if (to === undefined) return base(input, init);
    const body = input.method === "GET" || input.method === "HEAD" ? undefined : await input.arrayBuffer();
    return base(new Request(to, { method: input.method, headers: input.headers, body, redirect: input.redirect, signal: input.signal }), init);
  };
}

function guestOf(record: SandboxHostRecord, fetcher: typeof fetch | undefined): SandboxBackend {
  const { pid: _pid, ...info } = record;
  const toHost = towardHost(new URL(record.launchpadUrl).origin, fetcher);
  return { ...info, launchpadUrl: SANDBOX_LAUNCHPAD, role: "guest", fetch: toHost, approve: (url) => answerConsent((req) => toHost(req), url), flush: () => {}, close: async () => {} };
}

function pick(info: Record<(typeof RECORD_KEYS)[number], string>): Omit<SandboxHostRecord, "pid"> {
  return Object.fromEntries(RECORD_KEYS.map((k) => [k, info[k]])) as Omit<SandboxHostRecord, "pid">;
}

/** Serve the simulator on a loopback port and record it in host.json (readable by you only) until close(). */
async function startHost(sandboxDir: string, state: string): Promise<SandboxBackend> {
  const [{ startSimulator }, { writeFileAtomic }] = await Promise.all([import("../simulator/index.js"), import("../simulator/persist.js")]);
  const running = await startSimulator({ scale: "small", rateLimit: "off", data: state, host: "127.0.0.1", port: 0 });
  const sim = running.simulator;
  const info = pick(running);
  const file = hostFile(sandboxDir);
  // Leave the record only while it is ours: a crash leaves a dead pid, which guests ignore.
  const forget = () => {
    if (readRecord(file)?.pid === process.pid) rmSync(file, { force: true });
  };
  process.once("exit", forget);
  try {
    writeFileAtomic(file, `${JSON.stringify({ pid: process.pid, ...info }, null, 2)}\n`);
  } catch (e) {
    process.off("exit", forget);
    await running.close();
    throw e;
  }
  let closing: Promise<void> | undefined;
  return {
    ...info,
    // In-process calls reach the simulator at any address: its Launchpad keeps the usual one.
    launchpadUrl: SANDBOX_LAUNCHPAD,
    role: "host",
    // The host calls its own simulator in-process; its URLs carry the port's origin all the same.
    fetch: sim.fetch,
    approve: (url) => sim.approve(url),
    flush: () => sim.flush(),
    close() {
      closing ??= (async () => {
        forget();
        process.off("exit", forget);
        await running.close();
      })();
      return closing;
    },
  };
}

/**
 * The sandbox simulator for this process: a live host's (as its guest), else a new host's when
 * `host` is asked for, else one of its own in-process. Call it holding the sandbox lock, so two
 * processes never both become host.
 */
export async function openSandbox(sandbox: { dir: string; state: string }, options: { host?: boolean; fetch?: typeof fetch } = {}): Promise<SandboxBackend> {
  const found = await liveHost(sandbox.dir);
  if (found) return guestOf(found, options.fetch);
  if (options.host) return startHost(sandbox.dir, sandbox.state);
  const { createSimulator } = await import("../simulator/index.js");
  const sim = createSimulator({ scale: "small", rateLimit: "off", data: sandbox.state, origin: SANDBOX_ORIGIN });
  return { ...pick(sim), role: "local", fetch: sim.fetch, approve: (url) => sim.approve(url), flush: () => sim.flush(), close: () => sim.close() };
}
