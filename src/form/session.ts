// The person's session, kept in signed cookies (HMAC-SHA256; nothing secret inside): a random
// session id, and which stored connection is theirs. The CSRF token is derived from the
// session id, so it needs no server-side state; the OAuth `state` lives in its own short-lived
// cookie bound to the session.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

export const SESSION_COOKIE = "bcform_session";
export const STATE_COOKIE = "bcform_oauth";
const SESSION_DAYS = 30;
const STATE_MINUTES = 15;

export interface Session {
  sid: string;
  /** The stored connection (token file name) this browser is signed in with. */
  who?: string;
}

export interface CookieSettings {
  /** Path of the app (its public URL's path, "/" at the root). */
  path: string;
  secure: boolean;
}

const b64 = (b: Buffer) => b.toString("base64url");
export const randomId = (bytes = 18) => b64(randomBytes(bytes));

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class SessionCookies {
  private readonly signKey: Buffer;
  private readonly csrfKey: Buffer;

  constructor(
    secret: Buffer,
    private readonly cookie: CookieSettings,
  ) {
    // Separate keys per use, derived from the one secret.
    this.signKey = createHmac("sha256", secret).update("bcform cookie signing").digest();
    this.csrfKey = createHmac("sha256", secret).update("bcform csrf").digest();
  }

  /** `value.signature`, the signature covering the cookie's name too. */
  sign(name: string, value: string): string {
    return `${value}.${b64(createHmac("sha256", this.signKey).update(`${name}=${value}`).digest())}`;
  }

  /** The value when the signature holds, else undefined. */
  unsign(name: string, signed: string | undefined): string | undefined {
    if (!signed) return undefined;
    const dot = signed.lastIndexOf(".");
    if (dot <= 0) return undefined;
    const value = signed.slice(0, dot);
    return sameText(this.sign(name, value), signed) ? value : undefined;
  }

  private readJson(c: Context, name: string): Record<string, unknown> | undefined {
    const value = this.unsign(name, getCookie(c, name));
    if (!value) return undefined;
    try {
      const v = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
      return typeof v === "object" && v !== null && !Array.isArray(v) ? v : undefined;
    } catch {
      return undefined;
    }
  }

  private writeJson(c: Context, name: string, data: object, maxAge: number): void {
    const value = this.sign(name, b64(Buffer.from(JSON.stringify(data))));
    setCookie(c, name, value, { path: this.cookie.path, httpOnly: true, secure: this.cookie.secure, sameSite: "Lax", maxAge });
  }

  /** The session the request carries, if its cookie is present and genuine. */
  read(c: Context): Session | undefined {
    const v = this.readJson(c, SESSION_COOKIE);
    if (!v || typeof v.sid !== "string" || !/^[\w-]{16,64}$/.test(v.sid)) return undefined;
    const who = typeof v.who === "string" && /^[\w-]{1,120}$/.test(v.who) ? v.who : undefined;
    return { sid: v.sid, who };
  }

  /** The request's session, or a new one (sent back as a cookie). */
  ensure(c: Context): Session {
    const s = this.read(c);
    if (s) return s;
    const fresh = { sid: randomId() };
    this.write(c, fresh);
    return fresh;
  }

  write(c: Context, s: Session): void {
    this.writeJson(c, SESSION_COOKIE, s.who ? { sid: s.sid, who: s.who } : { sid: s.sid }, SESSION_DAYS * 86_400);
  }

  csrfToken(s: Session): string {
    return b64(createHmac("sha256", this.csrfKey).update(s.sid).digest());
  }

  csrfValid(s: Session, token: unknown): boolean {
    return typeof token === "string" && sameText(this.csrfToken(s), token);
  }

  /** Remember the OAuth `state` for this session until the callback (or 15 minutes). */
  rememberState(c: Context, s: Session, state: string, now: number): void {
    this.writeJson(c, STATE_COOKIE, { state, sid: s.sid, exp: now + STATE_MINUTES * 60_000 }, STATE_MINUTES * 60);
  }

  /** Whether `state` is the one this session's flow started with; the cookie is used up either way. */
  takeState(c: Context, s: Session | undefined, state: string | undefined, now: number): boolean {
    const v = this.readJson(c, STATE_COOKIE);
    deleteCookie(c, STATE_COOKIE, { path: this.cookie.path, secure: this.cookie.secure });
    if (!v || !s || !state || typeof v.state !== "string" || typeof v.exp !== "number") return false;
    return v.sid === s.sid && v.exp > now && sameText(v.state, state);
  }
}
