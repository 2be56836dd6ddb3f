// One place that keeps secrets out of logs, error messages and CLI output.
//
// Two layers: every secret the process has handled (tokens, client secrets, passwords,
// codes) is registered and replaced wherever it appears, and well-known shapes
// (Authorization headers, token fields, `code=` parameters, URL credentials) are masked
// even when the value was never registered.

export const REDACTED = "[REDACTED]";

const known = new Set<string>();
let knownPattern: RegExp | null = null;

/** Remember a secret so it is masked wherever it later appears. Short values are ignored. */
export function registerSecret(value: string | undefined | null): void {
  if (!value || value.length < 6 || known.has(value)) return;
  known.add(value);
  knownPattern = null;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Whether an unquoted `name: value` in prose holds a credential rather than words: long
 * enough, of token characters only, and with a digit or the length of a real token. JSON
 * fields, `name=value` pairs and values after a scheme word are masked whatever they hold.
 */
function looksSecret(value: string): boolean {
  return /^[A-Za-z0-9._~+/=-]{8,}$/.test(value) && (/\d/.test(value) || value.length >= 20);
}

/** A placeholder in a message ("Bearer <token>", "Bearer …"), not a value. */
function placeholder(value: string): boolean {
  return /^(<[^>]*>|…|\.\.\.)[.,;:]?$/.test(value);
}

type Shape = [RegExp, (...m: string[]) => string];

const SHAPES: Shape[] = [
  // Authorization / Proxy-Authorization headers, any scheme.
  [
    /\b((?:proxy-)?authorization)(["']?)(\s*[:=]\s*)(["']?)(?:(bearer|basic|token)\s+)?([^\s"',;}]+)/gi,
    (m, name, q1, sep, q2, scheme, value) => {
      const structured = q1 !== "" || q2 !== "" || !/\s/.test(sep);
      if (placeholder(value) || (!scheme && !structured && !looksSecret(value))) return m;
      return `${name}${q1}${sep}${q2}${scheme ? `${scheme} ` : ""}${REDACTED}`;
    },
  ],
  // JSON or form fields that hold secrets.
  [
    /((?<![\w-])(["']?)(?:access_token|refresh_token|client_secret|password|proxy_?password|firewall_?password|oauth_?verifier|code|token|secret|api_key)\2(\s*[:=]\s*)(["']?))([^"'&\s,;}]+)/gi,
    (m, prefix, q1, sep, q2, value) => {
      const structured = q1 !== "" || q2 !== "" || !/\s/.test(sep);
      return structured || looksSecret(value) ? `${prefix}${REDACTED}` : m;
    },
  ],
  // Credentials inside URLs: scheme://user:pass@host
  [/(\b[a-z][a-z0-9+.-]*:\/\/)([^/\s:@]+):([^/\s@]+)@/gi, (_m, scheme, user) => `${scheme}${user}:${REDACTED}@`],
];

/** Internal: the registered secrets, for the test suite's log audit only. */
export function _registeredSecretsForAudit(): string[] {
  return [...known];
}

/** Text with every known secret and secret-shaped value masked. */
export function redact(text: string): string {
  let out = text;
  if (known.size > 0) {
    knownPattern ??= new RegExp([...known].sort((a, b) => b.length - a.length).map(escapeRe).join("|"), "g");
    out = out.replace(knownPattern, REDACTED);
  }
  for (const [re, rep] of SHAPES) out = out.replace(re, rep);
  return out;
}

/** Headers as log text, with secret-bearing ones masked. */
export function redactHeaders(headers: Headers | Record<string, string>): string {
  const entries = headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  return entries
    .map(([k, v]) => (/^(authorization|proxy-authorization|cookie|set-cookie)$/i.test(k) ? `${k}: ${REDACTED}` : redact(`${k}: ${v}`)))
    .join("\n");
}
