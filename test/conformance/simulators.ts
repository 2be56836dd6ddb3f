// The two simulators each walk runs against: one in-process and one on a real port, started
// before a describe block's tests and closed after them.
import { afterAll, beforeAll } from "vitest";
import { createSimulator, startSimulator, type InProcessSimulator, type RunningSimulator } from "../../src/simulator/index.js";

export interface SimulatorPair {
  inProcess: InProcessSimulator;
  running: RunningSimulator;
}

/** Call inside `describe`: the returned object is filled before the first test runs. */
export function useSimulatorPair(): SimulatorPair {
  const pair = {} as SimulatorPair;
  beforeAll(async () => {
    pair.inProcess = createSimulator({ rateLimit: "off" });
    pair.running = await startSimulator({ port: 0, rateLimit: "off" });
  });
  afterAll(async () => {
    await pair.inProcess?.close();
    await pair.running?.close();
  });
  return pair;
}
