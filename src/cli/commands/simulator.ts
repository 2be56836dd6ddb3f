import { OptionError, SCALES, startSimulator, type Scale } from "../../simulator/index.js";
import { UsageError } from "../internal/errors.js";
import { wholeNumber } from "../internal/numbers.js";

export interface SimulatorCommandOptions {
  host: string;
  port: string;
  seed: string;
  scale: string;
  data?: string;
  rateLimit: string;
  tokenTtl: string;
}

/** `campctl simulator`: serve until SIGINT/SIGTERM, then save state (with --data) and exit 0. */
export async function runSimulator(o: SimulatorCommandOptions): Promise<void> {
  if (!SCALES.includes(o.scale as Scale)) throw new UsageError(`--scale must be one of ${SCALES.join(", ")}; got ${JSON.stringify(o.scale)}`);
  let running;
  try {
    running = await startSimulator({
      host: o.host,
      port: wholeNumber("--port", o.port, 0, 65535),
      seed: wholeNumber("--seed", o.seed, 0),
      scale: o.scale as Scale,
      data: o.data,
      rateLimit: o.rateLimit,
      tokenTtl: wholeNumber("--token-ttl", o.tokenTtl, 1),
    });
  } catch (e) {
    if (e instanceof OptionError) throw new UsageError(`${e.message}`);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new UsageError(`port ${o.port} on ${o.host} is in use; pick another with --port, or --port 0 for a free one`);
    if (code === "EADDRNOTAVAIL") throw new UsageError(`cannot listen on ${o.host}: no such local address; use --host 127.0.0.1`);
    throw e;
  }
  const { apiUrl, launchpadUrl, accountId, adminToken, clientId, clientSecret, redirectUri, bc2AccountId, bc2ApiUrl, bc2User, bc2Password } = running;
  process.stdout.write(`${JSON.stringify({ apiUrl, launchpadUrl, accountId, adminToken, clientId, clientSecret, redirectUri, bc2AccountId, bc2ApiUrl, bc2User, bc2Password })}\n`);
  process.stderr.write(
    [
      `Basecamp simulator: API ${apiUrl}/${accountId}/…  Launchpad ${launchpadUrl}`,
      `Try: curl -H 'User-Agent: MyApp (me@example.com)' -H 'Authorization: Bearer <adminToken>' ${apiUrl}/${accountId}/projects.json`,
      o.data ? `State is kept in ${o.data}. Press Ctrl-C to stop.` : "State is in memory (use --data FILE to keep it). Press Ctrl-C to stop.",
      "",
    ].join("\n"),
  );
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void running.close().then(resolve);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
