import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { TokenStore, TokenStoreError, type StoredTokens } from "../../src/auth/token-store.js";
import { expectStoreError, removeTempDirs, runChild, tempDir } from "./fixtures/token-store-helpers.js";

const KEY = randomBytes(32);
const KEY_HEX = KEY.toString("hex");
const KEY_B64 = KEY.toString("base64");
const kidOf = (k: Buffer) => createHash("sha256").update(k).digest("hex").slice(0, 8);

const TOKENS: StoredTokens = {
  accessToken: "AT-secret-access-BAhbB0kiAbB7ImNsaWVudF9pZCI6",
  refreshToken: "RT-secret-refresh-Zm9vYmFyYmF6cXV4",
  expiresAt: 1_900_000_000_000,
  clientId: "client-123",
  accountId: "99999999999999999",
  launchpadUrl: "https://launchpad.37signals.com",
  identity: { id: "1234", name: "Ada Lovelace", email: "ada@example.com" },
  updatedAt: 1_800_000_000_000,
};
const SECRETS = [TOKENS.accessToken, TOKENS.refreshToken!, KEY_HEX, KEY_B64];
const POSIX = process.platform !== "win32";
const mode = (p: string) => statSync(p).mode & 0o777;

afterEach(removeTempDirs);

describe("TokenStore: round trip and file format", () => {
  it("reads back exactly what it wrote; undefined when there is no file; delete removes it", async () => {
    const path = join(tempDir(), "acct.json");
    const store = new TokenStore(path, { key: KEY });
    expect(store.exists()).toBe(false);
    expect(await store.read()).toBeUndefined();
    await store.write(TOKENS);
    expect(store.exists()).toBe(true);
    expect(await store.read()).toEqual(TOKENS);
    await store.delete();
    expect(store.exists()).toBe(false);
    await store.delete(); // deleting nothing is fine
  });

  it("stamps updatedAt with now when it is not given", async () => {
    const store = new TokenStore(join(tempDir(), "a.json"), { key: KEY });
    const now = 1_850_000_000_000;
    vi.useFakeTimers({ toFake: ["Date"], now });
    try {
      await store.write({ accessToken: "tok-123456" });
    } finally {
      vi.useRealTimers();
    }
    expect((await store.read())!.updatedAt).toBe(now);
  });

  it.runIf(POSIX)("makes the token file and key file 0600 and a folder it creates 0700", async () => {
    const dir = join(tempDir(), "nested", "tokens");
    const path = join(dir, "acct.json");
    await new TokenStore(path, { env: {} }).write(TOKENS);
    expect(mode(path)).toBe(0o600);
    expect(mode(join(dir, "oauth.key"))).toBe(0o600);
    expect(mode(dir)).toBe(0o700);
    expect(mode(join(dir, ".."))).toBe(0o700);
  });

  it("keeps no token text in the file: only the envelope, a fresh IV each write", async () => {
    const path = join(tempDir(), "acct.json");
    const store = new TokenStore(path, { key: KEY });
    await store.write(TOKENS);
    const raw = readFileSync(path, "utf8");
    for (const s of [...SECRETS, "accessToken", "refreshToken", "ada@example.com", "Lovelace", "launchpad"]) expect(raw).not.toContain(s);
    const env = JSON.parse(raw);
    expect(Object.keys(env).sort()).toEqual(["alg", "data", "format", "iv", "kid", "tag", "version"]);
    expect(env).toMatchObject({ format: "basecamp-connector-oauth", version: 1, alg: "A256GCM", kid: kidOf(KEY) });
    expect(Buffer.from(env.iv, "base64")).toHaveLength(12);
    await store.write(TOKENS);
    const again = JSON.parse(readFileSync(path, "utf8"));
    expect(again.iv).not.toBe(env.iv);
    expect(again.data).not.toBe(env.data);
  });

  it("rejects things that are not tokens", async () => {
    const path = join(tempDir(), "a.json");
    const store = new TokenStore(path, { key: KEY });
    await expectStoreError(store.write({ accessToken: "" }), "INVALID_TOKENS", path, []);
    await expectStoreError(store.write({ accessToken: "abcdef", expiresAt: Number.NaN }), "INVALID_TOKENS", path, []);
    expect(store.exists()).toBe(false);
  });
});

describe("TokenStore: damaged, edited and foreign files", () => {
  const b64edit = (b64: string, i: number) => {
    const b = Buffer.from(b64, "base64");
    b[i] ^= 0x01;
    return b.toString("base64");
  };
  const edits: Array<[string, (raw: string) => string, TokenStoreError["code"]]> = [
    ["a flipped byte of data", (raw) => JSON.stringify({ ...JSON.parse(raw), data: b64edit(JSON.parse(raw).data, 3) }), "UNREADABLE"],
    ["a flipped byte of the tag", (raw) => JSON.stringify({ ...JSON.parse(raw), tag: b64edit(JSON.parse(raw).tag, 0) }), "UNREADABLE"],
    ["a flipped byte of the IV", (raw) => JSON.stringify({ ...JSON.parse(raw), iv: b64edit(JSON.parse(raw).iv, 5) }), "UNREADABLE"],
    ["a changed kid", (raw) => JSON.stringify({ ...JSON.parse(raw), kid: "abcd1234" }), "WRONG_KEY"],
    ["truncation", (raw) => raw.slice(0, Math.floor(raw.length / 2)), "UNREADABLE"],
    ["an empty file", () => "", "UNREADABLE"],
    ["text that is not JSON", () => "hello, I am not a token file\n", "UNREADABLE"],
    ["another format", (raw) => JSON.stringify({ ...JSON.parse(raw), format: "something-else" }), "UNREADABLE"],
    ["a future version", (raw) => JSON.stringify({ ...JSON.parse(raw), version: 2 }), "UNREADABLE"],
  ];

  for (const [what, edit, code] of edits) {
    it(`refuses ${what}, and neither read nor write changes the file`, async () => {
      const path = join(tempDir(), "acct.json");
      const store = new TokenStore(path, { key: KEY });
      await store.write(TOKENS);
      const edited = edit(readFileSync(path, "utf8"));
      writeFileSync(path, edited);
      const err = await expectStoreError(store.read(), code, path, SECRETS);
      expect(err.message).toMatch(/not changed/);
      expect(err.message).toMatch(/delete it and sign in again/);
      const refused = await expectStoreError(store.write(TOKENS), "WOULD_OVERWRITE", path, SECRETS);
      expect(refused.message).toMatch(/delete it first/);
      expect(readFileSync(path, "utf8")).toBe(edited);
      // Deleting it first (or saying so) is how the caller replaces it.
      await store.write({ ...TOKENS, accessToken: "replacement-1" }, { replaceUnreadable: true });
      expect((await store.read())!.accessToken).toBe("replacement-1");
    });
  }

  it("names both key ids when the file was made with another key", async () => {
    const path = join(tempDir(), "acct.json");
    await new TokenStore(path, { key: KEY }).write(TOKENS);
    const other = randomBytes(32);
    const store = new TokenStore(path, { key: other });
    const err = await expectStoreError(store.read(), "WRONG_KEY", path, [...SECRETS, other.toString("hex"), other.toString("base64")]);
    expect(err.message).toContain(`kid ${kidOf(KEY)}`);
    expect(err.message).toContain(`yours ${kidOf(other)}`);
    expect(err.message).toContain("BASECAMP_OAUTH_KEY");
    const before = readFileSync(path, "utf8");
    await store.delete();
    expect(existsSync(path)).toBe(false);
    await store.write(TOKENS); // after an explicit delete, writing is allowed again
    expect(before).not.toBe(readFileSync(path, "utf8"));
    expect(await store.read()).toEqual(TOKENS);
  });

  it("says there is no key when the key file is missing, and creates none on read", async () => {
    const dir = tempDir();
    const path = join(dir, "acct.json");
    await new TokenStore(path, { env: {} }).write(TOKENS);
    const keyFile = join(dir, "oauth.key");
    const key = readFileSync(keyFile, "utf8");
    writeFileSync(join(dir, "moved.key"), key, { mode: 0o600 });
    rmSync(keyFile);
    const err = await expectStoreError(new TokenStore(path, { env: {} }).read(), "WRONG_KEY", path, [...SECRETS, key.trim()]);
    expect(err.message).toMatch(/no key here/);
    expect(existsSync(keyFile)).toBe(false);
    expect(await new TokenStore(path, { env: {}, keyFile: join(dir, "moved.key") }).read()).toEqual(TOKENS);
  });
});

describe("TokenStore: keys", () => {
  it("accepts hex, base64 (padded, unpadded, url-safe) and a Buffer, from options or the env", async () => {
    const path = join(tempDir(), "acct.json");
    await new TokenStore(path, { key: KEY }).write(TOKENS);
    const forms = [KEY_HEX, KEY_HEX.toUpperCase(), KEY_B64, KEY_B64.replace(/=+$/, ""), KEY.toString("base64url"), `  ${KEY_B64}\n`];
    for (const key of forms) expect(await new TokenStore(path, { key }).read()).toEqual(TOKENS);
    for (const k of forms) expect(await new TokenStore(path, { env: { BASECAMP_OAUTH_KEY: k } }).read()).toEqual(TOKENS);
    // The program's key wins over the environment's.
    expect(await new TokenStore(path, { key: KEY, env: { BASECAMP_OAUTH_KEY: randomBytes(32).toString("hex") } }).read()).toEqual(TOKENS);
  });

  it("refuses a key in a wrong form, saying the accepted forms and never echoing it", async () => {
    const path = join(tempDir(), "acct.json");
    const bad: Array<Buffer | string> = [randomBytes(31), randomBytes(33), KEY_HEX.slice(2), randomBytes(24).toString("base64"), "correct horse battery staple", `${KEY_HEX}00`];
    for (const key of bad) {
      const shown = Buffer.isBuffer(key) ? key.toString("hex") : key;
      const err = await expectStoreError(new TokenStore(path, { key }).write(TOKENS), "BAD_KEY", path, [...SECRETS, shown]);
      expect(err.message).toMatch(/64 hex characters/);
      expect(err.message).toMatch(/base64/);
    }
    const envBad = "not-a-key-at-all-but-secret-ish";
    const err = await expectStoreError(new TokenStore(path, { env: { BASECAMP_OAUTH_KEY: envBad } }).write(TOKENS), "BAD_KEY", path, [envBad]);
    expect(err.message).toContain("BASECAMP_OAUTH_KEY");
    expect(existsSync(path)).toBe(false);
  });

  it("creates a key file once (base64 of 32 bytes) and reuses it; an empty env value counts as unset", async () => {
    const dir = tempDir();
    const a = new TokenStore(join(dir, "a.json"), { env: { BASECAMP_OAUTH_KEY: "" } });
    await a.write(TOKENS);
    const keyText = readFileSync(join(dir, "oauth.key"), "utf8");
    expect(Buffer.from(keyText.trim(), "base64")).toHaveLength(32);
    await new TokenStore(join(dir, "b.json"), { env: {} }).write(TOKENS);
    expect(readFileSync(join(dir, "oauth.key"), "utf8")).toBe(keyText);
    const kid = kidOf(Buffer.from(keyText.trim(), "base64"));
    for (const f of ["a.json", "b.json"]) expect(JSON.parse(readFileSync(join(dir, f), "utf8")).kid).toBe(kid);
  });

  it("refuses a broken key file without touching it", async () => {
    const dir = tempDir();
    const keyFile = join(dir, "custom.key");
    writeFileSync(keyFile, "garbage-garbage\n", { mode: 0o600 });
    const path = join(dir, "a.json");
    const err = await expectStoreError(new TokenStore(path, { env: {}, keyFile }).write(TOKENS), "BAD_KEY", path, ["garbage-garbage"]);
    expect(err.message).toContain(keyFile);
    expect(readFileSync(keyFile, "utf8")).toBe("garbage-garbage\n");
    expect(existsSync(path)).toBe(false);
  });

  it("moves between machines: a file copied to another folder reads with the same key from the env", async () => {
    const a = join(tempDir(), "acct.json");
    await new TokenStore(a, { key: KEY }).write(TOKENS);
    const b = join(tempDir(), "acct.json");
    copyFileSync(a, b);
    expect(await new TokenStore(b, { env: { BASECAMP_OAUTH_KEY: KEY_B64 } }).read()).toEqual(TOKENS);
  });

  it("several processes racing to create the key file end up with one key", async () => {
    const dir = tempDir();
    const startAt = Date.now() + 1500;
    const n = 6;
    const runs = await Promise.all(Array.from({ length: n }, (_, i) => runChild(["race", join(dir, `acct-${i}.json`), String(startAt)])));
    for (const r of runs) expect(r, r.err).toMatchObject({ code: 0 });
    const names = readdirSync(dir).sort();
    expect(names).toEqual([...Array.from({ length: n }, (_, i) => `acct-${i}.json`), "oauth.key"].sort());
    const kids = new Set(names.filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")).kid));
    expect(kids.size).toBe(1);
    for (let i = 0; i < n; i++) expect((await new TokenStore(join(dir, `acct-${i}.json`), { env: {} }).read())!.accessToken).toMatch(/^race-token-\d+$/);
  }, 30_000);
});

describe("TokenStore: writes and locks", () => {
  it("leaves no temp files behind, also when many writes overlap or a rename fails", async () => {
    const dir = tempDir();
    const path = join(dir, "acct.json");
    const store = new TokenStore(path, { key: KEY });
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.write({ ...TOKENS, accessToken: `overlap-token-${i}` })));
    expect((await store.read())!.accessToken).toMatch(/^overlap-token-\d+$/);
    expect(readdirSync(dir)).toEqual(["acct.json"]);
    // A folder in the way: the rename fails, and the temp file is cleaned up.
    const blocked = join(dir, "blocked.json");
    mkdirSync(join(blocked, "inside"), { recursive: true });
    await expectStoreError(new TokenStore(blocked, { key: KEY }).write(TOKENS, { replaceUnreadable: true }), "IO", blocked, SECRETS);
    expect(readdirSync(dir).sort()).toEqual(["acct.json", "blocked.json"]);
  });

  it("withLock excludes a holder in another process until it lets go", async () => {
    const dir = tempDir();
    const path = join(dir, "sub", "acct.json");
    const marker = join(dir, "holder-let-go");
    let locked!: () => void;
    const holding = new Promise<void>((r) => (locked = r));
    let letGo!: () => void;
    const child = runChild(["hold", path, marker], (line) => line === "locked" && locked(), new Promise<void>((r) => (letGo = r)));
    await holding;
    const entered: boolean[] = []; // for each entry: had the holder let go by then?
    const waiting = new TokenStore(path, { key: KEY }).withLock(async () => void entered.push(existsSync(marker)));
    // Tries at the lock come and go while the child holds it; none may get in.
    await new Promise((r) => setTimeout(r, 400));
    expect(entered).toEqual([]);
    letGo();
    await waiting;
    expect(entered).toEqual([true]);
    const { code, out, err } = await child;
    expect(code, err).toBe(0);
    expect(out).toContain("released");
  }, 30_000);

  it("withLock passes results and errors through and always lets go", async () => {
    const path = join(tempDir(), "x", "acct.json");
    const store = new TokenStore(path, { key: KEY, lockTimeoutMs: 1000 });
    expect(await store.withLock(async () => 42)).toBe(42);
    const boom = new Error("boom");
    await expect(store.withLock(async () => Promise.reject(boom))).rejects.toBe(boom);
    expect(existsSync(`${path}.lock`)).toBe(false);
    expect(await store.withLock(async () => "again")).toBe("again");
  });

  it("withLock gives up after its timeout, naming the lock file to remove", async () => {
    const path = join(tempDir(), "acct.json");
    const a = new TokenStore(path, { key: KEY });
    const b = new TokenStore(path, { key: KEY, lockTimeoutMs: 300 });
    let ran = 0;
    await a.withLock(async () => {
      const err = await expectStoreError(b.withLock(async () => void ran++), "LOCK_TIMEOUT", path, SECRETS);
      expect(err.message).toContain(`${path}.lock`);
    });
    expect(ran).toBe(0);
  });

  it("withLock takes over a stale lock left by a dead process", async () => {
    const path = join(tempDir(), "acct.json");
    mkdirSync(`${path}.lock`);
    const old = new Date(Date.now() - 60_000);
    utimesSync(`${path}.lock`, old, old);
    // Waiting it out would end in LOCK_TIMEOUT: only a takeover gets in.
    expect(await new TokenStore(path, { key: KEY, lockTimeoutMs: 2000 }).withLock(async () => "ok")).toBe("ok");
    expect(existsSync(`${path}.lock`)).toBe(false);
  });
});
