// The on-disk envelope of a token file: AES-256-GCM over the JSON of the tokens, with a fresh
// 12-byte IV per write. The header fields (format, version, alg, kid) are bound to the
// ciphertext as additional authenticated data, so editing any of them fails the check.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const FORMAT = "basecamp-connector-oauth";
export const VERSION = 1;
export const ALG = "A256GCM";

export interface Envelope {
  format: typeof FORMAT;
  version: typeof VERSION;
  alg: typeof ALG;
  kid: string;
  iv: string;
  tag: string;
  data: string;
}

/** Why a file could not be opened; the caller turns this into a message for people. */
export type OpenFailure =
  | { kind: "damaged"; detail: string }
  | { kind: "other-key"; fileKid: string }
  | { kind: "integrity" };

function aad(kid: string): Buffer {
  return Buffer.from(`${FORMAT}\n${VERSION}\n${ALG}\n${kid}`, "utf8");
}

export function seal(plaintext: string, key: Buffer, kid: string): Envelope {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(aad(kid));
  const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return { format: FORMAT, version: VERSION, alg: ALG, kid, iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), data: data.toString("base64") };
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Parse and check the envelope's shape; a string says what is wrong with it. */
export function parseEnvelope(text: string): Envelope | string {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return text.trim() === "" ? "it is empty" : "it is not JSON (truncated or overwritten?)";
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return "it is not a JSON object";
  const o = raw as Record<string, unknown>;
  if (o.format !== FORMAT) return `its format is not "${FORMAT}"`;
  if (o.version !== VERSION) return `it has format version ${JSON.stringify(o.version)}, and this version of basecamp-connector reads version ${VERSION}`;
  if (o.alg !== ALG) return `its algorithm is ${JSON.stringify(o.alg)}, not "${ALG}"`;
  if (typeof o.kid !== "string" || !/^[0-9a-f]{8}$/.test(o.kid)) return "its key id (kid) is missing or malformed";
  for (const field of ["iv", "tag", "data"] as const) {
    const v = o[field];
    if (typeof v !== "string" || !B64.test(v)) return `its "${field}" field is missing or not base64`;
  }
  if (Buffer.from(o.iv as string, "base64").length !== 12) return "its IV is not 12 bytes";
  if (Buffer.from(o.tag as string, "base64").length !== 16) return "its authentication tag is not 16 bytes";
  return o as unknown as Envelope;
}

/** The plaintext inside `text`, or why it cannot be had with this key. */
export function open(text: string, key: Buffer, kid: string): { plaintext: string } | OpenFailure {
  const env = parseEnvelope(text);
  if (typeof env === "string") return { kind: "damaged", detail: env };
  if (env.kid !== kid) return { kind: "other-key", fileKid: env.kid };
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(env.iv, "base64"));
    decipher.setAAD(aad(env.kid));
    decipher.setAuthTag(Buffer.from(env.tag, "base64"));
    const plain = Buffer.concat([decipher.update(Buffer.from(env.data, "base64")), decipher.final()]);
    return { plaintext: plain.toString("utf8") };
  } catch {
    return { kind: "integrity" };
  }
}
