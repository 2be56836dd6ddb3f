// Public entry of "basecamp-connector/simulator": a local Basecamp + Launchpad.
export { createSimulator, startSimulator } from "./simulator.js";
export type { InProcessSimulator, RunningSimulator, SimulatorInfo } from "./simulator.js";
export type { Scale, ServerOptions, SimulatorOptions } from "./options.js";
export { OptionError, SCALES } from "./options.js";
export type { FaultSpec } from "./faults.js";
