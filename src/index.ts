// Public exports of basecamp-connector. The client, OAuth and SQL faces arrive in later
// issues; the simulator is exported from "basecamp-connector/simulator".
export { createSimulator, startSimulator } from "./simulator/index.js";
export type { SimulatorInfo, SimulatorOptions } from "./simulator/index.js";
