// The reference's record shapes (src/api/generated/openapi.ts, generated from
// reference/basecamp-operations.json by scripts/generate-api.mjs), for the hand-written
// types to derive from. Not re-exported by src/api/types.ts: only the derived types are public.
import type { components } from "../generated/openapi.js";

export type Schemas = components["schemas"];

/**
 * The fields of reference schema `S` that the hand-written base `B` does not declare: a record
 * type extends `B, Rest<Schemas["X"], B>`, so it has every field the reference has, and the
 * base's refined ones (status, creator, bucket …) win.
 */
export type Rest<S, B> = Omit<S, keyof B>;

/** A file or image embedded in rich text, as every `*_attachments` field lists them. */
export type RichTextAttachment = Schemas["RichTextAttachment"];

/** One reference schema by name (an interface can extend `Schema<"Todo">`, not `Schemas["Todo"]`). */
export type Schema<K extends keyof Schemas> = Schemas[K];
