/**
 * What each connection property means and what it is when unset: the one source of
 * `campctl help settings` and docs/settings.md (a test keeps that file in step with this).
 * Every key in KEYS must have an entry here; `settingsReference` throws when one is missing.
 */
import { KEYS, type KeyInfo, type ValueKind } from "./keys.js";

export interface KeyDoc {
  /** One line: what the setting does. */
  meaning: string;
  /** What applies when it is not set. */
  default: string;
}

export const KEY_DOCS: Readonly<Record<string, KeyDoc>> = {
  AccountId: { meaning: "The Basecamp account to use: the number in your Basecamp URL (3.basecamp.com/1234567).", default: "the only account the sign-in opens (an error lists them when there are several)" },
  Schema: { meaning: "Which Basecamp: V3 for Basecamp 4/3, V2 for Basecamp 2 (bcx).", default: "V3" },
  ProjectId: { meaning: "The project commands use when none is given (set by `campctl use <project>`).", default: "none" },
  AuthScheme: { meaning: "How to sign in: OAuth through Launchpad, or Basic (User/Password; Basecamp 2 only).", default: "OAuth; Basic when Schema=V2 and User is set" },
  User: { meaning: "User name (email) for AuthScheme=Basic.", default: "none" },
  Password: { meaning: "Password for AuthScheme=Basic (a secret: never shown).", default: "none" },
  InitiateOAuth: { meaning: "OFF: use the tokens given; GETANDREFRESH: sign in when there is no token and refresh it when it expires; REFRESH: only refresh.", default: "GETANDREFRESH" },
  OAuthClientId: { meaning: "Client ID of your OAuth app (registered at launchpad.37signals.com/integrations).", default: "none (with Sandbox=true: the simulator's sandbox app)" },
  OAuthClientSecret: { meaning: "Client secret of your OAuth app (a secret: never shown).", default: "none (with Sandbox=true: the simulator's sandbox app)" },
  CallbackURL: { meaning: "The redirect URI registered with your OAuth app; a loopback address is served during sign-in.", default: "http://127.0.0.1/callback on a free port" },
  OAuthAccessToken: { meaning: "An access token to use as is (a secret: never shown).", default: "none (taken from OAuthSettingsLocation)" },
  OAuthRefreshToken: { meaning: "A refresh token to get new access tokens with (a secret: never shown).", default: "none (taken from OAuthSettingsLocation)" },
  OAuthVerifier: { meaning: "The authorization code, or the whole address you landed on, for a sign-in without a browser here (headless).", default: "none" },
  OAuthSettingsLocation: { meaning: "File where tokens are kept, encrypted.", default: "oauth/<AccountId>.json in the config directory" },
  ProxyServer: { meaning: "HTTP proxy host (or http(s):// URL) every request goes through.", default: "none (direct)" },
  ProxyPort: { meaning: "Port of ProxyServer.", default: "the port in ProxyServer's URL, else 80 (http) or 443 (https)" },
  ProxyUser: { meaning: "User name for the proxy.", default: "none" },
  ProxyPassword: { meaning: "Password for the proxy (a secret: never shown).", default: "none" },
  ProxyAutoDetect: { meaning: "Use the HTTP_PROXY, HTTPS_PROXY and NO_PROXY environment variables.", default: "false" },
  ProxyExceptions: { meaning: "Hosts reached directly, past the proxy: entries separated by ; or , (example.com, .example.com, 10.0.0.0/8, host:port, <local>, *).", default: "none" },
  FirewallType: { meaning: "NONE, SOCKS5 (a SOCKS5 proxy) or TUNNEL (an HTTP CONNECT proxy for every request).", default: "NONE" },
  FirewallServer: { meaning: "Host of the SOCKS5 or tunnel proxy (needs FirewallType).", default: "none" },
  FirewallPort: { meaning: "Port of FirewallServer.", default: "1080 (SOCKS5) or 80 (TUNNEL)" },
  FirewallUser: { meaning: "User name for the firewall proxy.", default: "none" },
  FirewallPassword: { meaning: "Password for the firewall proxy (a secret: never shown).", default: "none" },
  Logfile: { meaning: "Write the request log (redacted) to this file.", default: "none (no log file)" },
  Verbosity: { meaning: "How much the log says: 1 a line per request, 2 adds retries and paging, 3 headers, 4 bodies, 5 transport detail.", default: "1 when a log is written" },
  Timeout: { meaning: "Seconds each HTTP attempt may take before it is given up (and retried when safe).", default: "60" },
  MaxRows: { meaning: "Most rows a SQL query returns (0: no cap).", default: "0" },
  QueryTimeout: { meaning: "Seconds a SQL statement may run before it is stopped (0: no limit).", default: "60" },
  IntegerMode: { meaning: "How SQL results give integers: number (bigint past ±(2^53 − 1)), bigint (always), or string (strings past ±(2^53 − 1)).", default: "number" },
  UserAgent: { meaning: "User-Agent sent to Basecamp, naming your app and a contact: \"MyApp (me@example.com)\".", default: "basecamp-connector/<version> (<homepage>)" },
  ApiBaseURL: { meaning: "Root of the Basecamp API (for a simulator or a test server).", default: "https://3.basecampapi.com (or the address Launchpad gives for the account)" },
  LaunchpadURL: { meaning: "Root of Launchpad, where OAuth sign-in happens.", default: "https://launchpad.37signals.com" },
  Replica: {
    meaning: "Where the replica that SQL queries read lives: a SQLite file, or a PostgreSQL database (postgresql://user:password@host:5432/db; just postgresql: takes PGHOST, PGUSER, … from the environment).",
    default: "replica-<AccountId>.sqlite in the data directory",
  },
  ReplicaSchema: { meaning: "On a PostgreSQL replica, the schema holding the account's tables.", default: "basecamp_<AccountId> (basecamp_bcx_<AccountId> for Basecamp 2)" },
  MaxAge: { meaning: "Seconds before a table is synced again when a query reads it (0: always).", default: "300" },
  Offline: { meaning: "Never sync on query: answer from the replica as it is.", default: "false" },
  RateLimit: { meaning: "Client-side request rate: \"N/W\" requests per window (e.g. 50/10s, 100/1m), or off.", default: "50/10s (off with Sandbox=true)" },
  Sandbox: { meaning: "Talk to the embedded simulator (state kept in the data directory) instead of Basecamp; campctl's --sandbox sets it.", default: "false" },
};

export interface SettingRow {
  key: string;
  meaning: string;
  default: string;
  /** What it accepts, in words. */
  accepts: string;
  /** The environment variable that sets it. */
  env: string;
  secret: boolean;
}

function accepts(kind: ValueKind): string {
  switch (kind.type) {
    case "string":
      return "text";
    case "digits":
      return "digits";
    case "url":
      return "http(s) URL";
    case "enum":
      return kind.values.join(" | ");
    case "bool":
      return "true | false";
    case "int":
      return kind.max === Number.MAX_SAFE_INTEGER ? `whole number ≥ ${kind.min}` : `whole number ${kind.min}–${kind.max}`;
    case "number":
      return kind.exclusiveMin ? `seconds > ${kind.min}` : `seconds ≥ ${kind.min}`;
    case "rate":
      return "N/W or off";
  }
}

/** The environment variable of a key: BASECAMP_ plus the key in capitals (underscores between words also work). */
export function envNameOf(key: string): string {
  return `BASECAMP_${key.toUpperCase()}`;
}

function row(info: KeyInfo): SettingRow {
  const doc = KEY_DOCS[info.key];
  if (doc === undefined) throw new Error(`connection property ${info.key} has no entry in src/config/key-docs.ts: add its meaning and default`);
  return { key: info.key, meaning: doc.meaning, default: doc.default, accepts: accepts(info.kind), env: envNameOf(info.key), secret: info.secret === true };
}

/** Every connection property, in the order of the key table. */
export function settingsReference(): SettingRow[] {
  return KEYS.map(row);
}

export const SETTINGS_INTRO = [
  "Settings come from a connection string (`Key=value;Key=value`, keys in any case), from BASECAMP_* environment variables, or from a profile in the config file; the connection string wins, then the environment, then the profile.",
  "Environment variables take the key in capitals, with or without underscores between words (BASECAMP_ACCOUNTID or BASECAMP_ACCOUNT_ID). BASECAMP_CONNECTION holds a whole connection string, BASECAMP_PROFILE names a profile, BASECAMP_CONFIG_DIR and BASECAMP_DATA_DIR move the config and data directories.",
];

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

/** docs/settings.md, produced from the key table. */
export function settingsMarkdown(): string {
  const rows = settingsReference();
  const lines = [
    "<!-- Generated from src/config/key-docs.ts and src/config/keys.ts by `npm run docs:settings`; do not edit by hand. -->",
    "# Settings (connection properties)",
    "",
    ...SETTINGS_INTRO.flatMap((p) => [p, ""]),
    "The same list is printed by `campctl help settings`.",
    "",
    `| Key | Meaning | Accepts | Default | Environment variable |`,
    `|---|---|---|---|---|`,
    ...rows.map((r) => `| \`${r.key}\` | ${cell(r.meaning)} | ${cell(r.accepts)} | ${cell(r.default)} | \`${r.env}\` |`),
    "",
  ];
  return lines.join("\n");
}

/** The plain-text reference `campctl help settings` prints. */
export function settingsText(width = 100): string {
  const wrap = (text: string, indent: string): string[] => {
    const out: string[] = [];
    let line = "";
    for (const word of text.split(/\s+/)) {
      if (line && indent.length + line.length + 1 + word.length > width) {
        out.push(indent + line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(indent + line);
    return out;
  };
  const lines = ["Settings (connection properties)", "", ...SETTINGS_INTRO.flatMap((p) => [...wrap(p, ""), ""])];
  for (const r of settingsReference()) {
    lines.push(`${r.key}  (${r.env})`);
    lines.push(...wrap(r.meaning, "    "));
    lines.push(...wrap(`Accepts: ${r.accepts}. Default: ${r.default}.`, "    "));
    lines.push("");
  }
  lines.push("Also in docs/settings.md.", "");
  return lines.join("\n");
}
