// Public exports of basecamp-connector (no logic here). The simulator has its own entry,
// "basecamp-connector/simulator", so client code never loads it.
export * from "./api/index.js";
export * from "./auth/index.js";
export * from "./config/index.js";
export * from "./http/index.js";
export * from "./sql/index.js";
export * from "./webhooks/index.js";
