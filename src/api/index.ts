export { BasecampClient } from "./client.js";
export type { ClientOptions, TokenProvider } from "./client.js";
export { parseBasecampUrl, idOf } from "./ids.js";
export type { IdLike, ParsedUrl } from "./ids.js";
export { Resource } from "./resource.js";
export type { CallOptions, ListOptions } from "./resource.js";
export * from "./resources/index.js";
export type * from "./types.js";
export { projectIdOrFirst } from "./defaults.js";
