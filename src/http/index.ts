// The HTTP road: public pieces for the client and for advanced callers.
export { Road, DEFAULT_API_BASE, DEFAULT_USER_AGENT } from "./road.js";
export type { ApiResponse, AuthProvider, QueryValue, RequestOptions, RoadOptions } from "./road.js";
export { PageIterator, nextLink } from "./pagination.js";
export type { Page, PaginateOptions } from "./pagination.js";
export * from "./errors.js";
export { parseJsonExact, stringifyJsonExact, sameId } from "./json.js";
export type { Id } from "./json.js";
export { MemoryCache, FileCache } from "./cache.js";
export type { CacheEntry, EtagCache } from "./cache.js";
export { AccountLimiter, parseRateRule, DEFAULT_RATE } from "./rate-limit.js";
export type { RateRule } from "./rate-limit.js";
export { fileLogger, setDefaultLogging, streamLogger } from "./log.js";
export type { Logger, Verbosity } from "./log.js";
export { redact, registerSecret, REDACTED } from "./redact.js";
export type { ProxySettings } from "./proxy.js";
