// Updates that replace: Basecamp's PUT clears what its body leaves out, so an update reads
// the record, checks it is the kind expected, merges the caller's changes over its editable
// fields and sends the whole record. Each resource describes its update as data (`EditSpec`).
import type { Road } from "../../http/road.js";
import type { UrlScope } from "../ids.js";
import { UnexpectedRecordError } from "../errors.js";

type Fields = Record<string, unknown>;

/** How one editable field is read from the record, and how a caller's value is sent. */
export interface FieldRule {
  /** The field's current value, in the form the PUT body takes (undefined: leave it out). */
  from(record: Fields): unknown;
  /** The caller's value made ready for the body (an ID from a URL, a Date as ISO text …). */
  to?(value: unknown, scope: UrlScope | undefined): unknown;
}

/** A resource's update, as data. */
export interface EditSpec {
  /** What the record is called in messages: "to-do", "card table column". */
  what: string;
  /** The `type`s the record may have ("Todo"). Left out for records without a `type`. */
  types?: readonly string[];
  /** Keys a record without a `type` must have (a project: name and dock). */
  keys?: readonly string[];
  /** The editable fields by body name: a string copies that key of the record, a rule reads it otherwise. */
  fields: Readonly<Record<string, string | FieldRule>>;
  /** Send the fields inside this key: "question" → `{ question: {…} }`. */
  wrap?: string;
}

/** Body fields copied from the record keys of the same names. */
export function copy(...keys: string[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, k]));
}

/**
 * Read the record at `path`, refuse it unless it is the kind `spec` expects, merge `changes`
 * over its editable fields and PUT the whole record back to `path`. A change left undefined
 * keeps the current value; `null` is sent as given (it clears). Objects merge field by field.
 */
export async function editRecord<T>(road: Road, spec: EditSpec, path: string, changes: object, signal?: AbortSignal): Promise<T> {
  const got = (await road.request<unknown>("GET", path, { signal })).data;
  const record = checkKind(spec, got, path);
  const fields = merge(currentFields(spec, record), input(spec, changes as Fields, road.urlScope));
  return (await road.request<T>("PUT", path, { body: spec.wrap ? { [spec.wrap]: fields } : fields, signal })).data;
}

function currentFields(spec: EditSpec, record: Fields): Fields {
  const out: Fields = {};
  for (const [name, rule] of Object.entries(spec.fields)) out[name] = typeof rule === "string" ? record[rule] : rule.from(record);
  return out;
}

/** The caller's changes, each through its field's `to` (undefined ones dropped). */
function input(spec: EditSpec, changes: Fields, scope: UrlScope | undefined): Fields {
  const out: Fields = {};
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const rule = spec.fields[name];
    out[name] = typeof rule === "object" && rule.to ? rule.to(value, scope) : value;
  }
  return out;
}

function isPlainObject(v: unknown): v is Fields {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
}

function merge(base: Fields, over: Fields): Fields {
  const out: Fields = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = isPlainObject(v) && isPlainObject(base[k]) ? merge(base[k], v) : v;
  return out;
}

/** `got` as a record of the expected kind, or an UnexpectedRecordError saying what came back. */
function checkKind(spec: EditSpec, got: unknown, path: string): Fields {
  let problem: string | undefined;
  if (!isPlainObject(got)) problem = describe(got);
  else if (Object.keys(got).length === 0) problem = "an empty object";
  else if (spec.types) {
    if (typeof got.type !== "string" || !spec.types.includes(got.type)) problem = typeof got.type === "string" ? `a record of type "${got.type}"` : "an object without a type";
  } else if (typeof got.type === "string") problem = `a record of type "${got.type}"`;
  else {
    const missing = (spec.keys ?? []).filter((k) => !(k in got));
    if (missing.length) problem = `an object without ${missing.join(", ")}`;
  }
  if (problem === undefined) return got as Fields;
  const a = `${/^[aeiou]/i.test(spec.what) ? "an" : "a"} ${spec.what}`;
  const expected = spec.types ? `${a} (type ${spec.types.map((t) => `"${t}"`).join(" or ")})` : a;
  throw new UnexpectedRecordError(
    `Update refused: GET ${path} returned ${problem}, not ${expected}, so nothing was sent. Check that the ID or URL names ${a}.`,
    { method: "GET", url: path, body: got },
  );
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return v.length ? `an array of ${v.length}` : "an empty array";
  if (v === null || v === undefined) return "no record";
  if (typeof v === "object") return "an object that is not a plain record";
  return `the ${typeof v} ${JSON.stringify(typeof v === "bigint" ? v.toString() : v)}`;
}
