import { describe, expect, it } from "vitest";
import { ConfigError, parseConnectionString, toSettings } from "../../src/config/index.js";

const settings = (text: string) => toSettings(parseConnectionString(text));

function fails(text: string): ConfigError {
  try {
    settings(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe("toSettings: defaults", () => {
  it("fills Schema=V3, AuthScheme=OAuth, InitiateOAuth=GETANDREFRESH", () => {
    expect(settings("")).toEqual({ schema: "V3", authScheme: "OAuth", initiateOAuth: "GETANDREFRESH" });
  });

  it("chooses Basic for Schema=V2 with a User, OAuth otherwise", () => {
    expect(settings("Schema=V2;User=me;Password=pw").authScheme).toBe("Basic");
    expect(settings("Schema=V2").authScheme).toBe("OAuth");
    expect(settings("Schema=V3;User=me").authScheme).toBe("OAuth");
    expect(settings("Schema=V2;User=me;Password=pw;AuthScheme=OAuth").authScheme).toBe("OAuth");
  });

  it("treats an empty value as not set", () => {
    expect(settings("ProjectId=;Schema=;Verbosity=")).toEqual({ schema: "V3", authScheme: "OAuth", initiateOAuth: "GETANDREFRESH" });
  });
});

describe("toSettings: every key", () => {
  it("maps every known key to its typed field", () => {
    const s = settings(
      [
        "AccountId=999999999999999999999",
        "Schema=v2",
        "ProjectId=42",
        "AuthScheme=basic",
        "User=me@example.com",
        "Password=pw",
        "InitiateOAuth=refresh",
        "OAuthClientId=cid",
        "OAuthClientSecret=cs",
        "CallbackURL=http://localhost:33333/cb",
        "OAuthAccessToken=at",
        "OAuthRefreshToken=rt",
        "OAuthVerifier=v",
        "OAuthSettingsLocation=/tmp/x.json",
        "ProxyServer=proxy.local",
        "ProxyPort=8080",
        "ProxyUser=pu",
        "ProxyPassword=pp",
        "ProxyAutoDetect=YES",
        "ProxyExceptions='a.com;b.com'",
        "FirewallType=socks5",
        "FirewallServer=fw.local",
        "FirewallPort=1080",
        "FirewallUser=fu",
        "FirewallPassword=fp",
        "Logfile=/tmp/log.txt",
        "Verbosity=3",
        "Timeout=2.5",
        "MaxRows=0",
        "UserAgent=me/1.0",
        "ApiBaseURL=https://3.basecampapi.com",
        "LaunchpadURL=https://launchpad.37signals.com",
        "Replica=/tmp/r.db",
        "MaxAge=0",
        "Offline=on",
        "RateLimit=50/10s",
        "Sandbox=0",
      ].join(";"),
    );
    expect(s).toEqual({
      accountId: "999999999999999999999",
      schema: "V2",
      projectId: "42",
      authScheme: "Basic",
      user: "me@example.com",
      password: "pw",
      initiateOAuth: "REFRESH",
      oauthClientId: "cid",
      oauthClientSecret: "cs",
      callbackUrl: "http://localhost:33333/cb",
      oauthAccessToken: "at",
      oauthRefreshToken: "rt",
      oauthVerifier: "v",
      oauthSettingsLocation: "/tmp/x.json",
      proxyServer: "proxy.local",
      proxyPort: 8080,
      proxyUser: "pu",
      proxyPassword: "pp",
      proxyAutoDetect: true,
      proxyExceptions: "a.com;b.com",
      firewallType: "SOCKS5",
      firewallServer: "fw.local",
      firewallPort: 1080,
      firewallUser: "fu",
      firewallPassword: "fp",
      logfile: "/tmp/log.txt",
      verbosity: 3,
      timeout: 2.5,
      maxRows: 0,
      userAgent: "me/1.0",
      apiBaseUrl: "https://3.basecampapi.com",
      launchpadUrl: "https://launchpad.37signals.com",
      replica: "/tmp/r.db",
      maxAge: 0,
      offline: true,
      rateLimit: "50/10s",
      sandbox: false,
    });
  });

  it.each(["true", "TRUE", "yes", "Yes", "1", "on", "ON"])("reads %s as true", (v) => {
    expect(settings(`Offline=${v}`).offline).toBe(true);
  });
  it.each(["false", "False", "no", "NO", "0", "off", "Off"])("reads %s as false", (v) => {
    expect(settings(`Sandbox=${v}`).sandbox).toBe(false);
  });

  it.each([
    ["AccountId=12a", "AccountId must be digits only"],
    ["AccountId=-1", "AccountId must be digits only"],
    ["ProjectId=1.5", "ProjectId must be digits only"],
    ["Schema=V4", 'Schema must be one of V2, V3 (any case); got "V4"'],
    ["AuthScheme=Token", "AuthScheme must be one of OAuth, Basic"],
    ["InitiateOAuth=ALWAYS", "InitiateOAuth must be one of OFF, GETANDREFRESH, REFRESH"],
    ["FirewallType=HTTP", "FirewallType must be one of NONE, SOCKS5, TUNNEL"],
    ["Verbosity=6", "Verbosity must be a whole number from 0 to 5"],
    ["Verbosity=-1", "Verbosity must be a whole number from 0 to 5"],
    ["Verbosity=2.5", "Verbosity must be a whole number from 0 to 5"],
    ["Timeout=0", "Timeout must be a number of seconds greater than 0"],
    ["Timeout=abc", "Timeout must be a number of seconds greater than 0"],
    ["Timeout=1e3", "Timeout must be a number of seconds greater than 0"],
    ["MaxRows=-5", "MaxRows must be a whole number, 0 or more (0 = no cap)"],
    ["MaxRows=1.5", "MaxRows must be a whole number, 0 or more (0 = no cap)"],
    ["MaxAge=-1", "MaxAge must be a number of seconds, 0 or more"],
    ["ProxyPort=0", "ProxyPort must be a whole number from 1 to 65535"],
    ["FirewallPort=70000", "FirewallPort must be a whole number from 1 to 65535"],
    ["ProxyAutoDetect=maybe", "ProxyAutoDetect must be true or false (also yes/no, 1/0, on/off; any case)"],
    ["Offline=2", "Offline must be true or false"],
    ["Sandbox=yep", "Sandbox must be true or false"],
    ["RateLimit=fast", 'RateLimit must be "N/W" requests per window, e.g. "50/10s"'],
    ["RateLimit=0/10s", "RateLimit must be"],
    ["CallbackURL=localhost:3000/cb", "CallbackURL must be an absolute http(s) URL"],
    ["CallbackURL=/cb", "CallbackURL must be an absolute http(s) URL"],
    ["ApiBaseURL=ftp://example.com", "ApiBaseURL must be an absolute http(s) URL"],
    ["LaunchpadURL=not a url", "LaunchpadURL must be an absolute http(s) URL"],
  ])("%s → %s", (text, message) => {
    const e = fails(text);
    expect(e.message).toContain(message);
    expect(e.key).toBe(text.split("=")[0]);
  });

  it("accepts RateLimit forms the HTTP road accepts", () => {
    expect(settings("RateLimit=OFF").rateLimit).toBe("off");
    expect(settings("RateLimit=100 / 1m").rateLimit).toBe("100 / 1m");
    expect(settings("RateLimit=5/500ms").rateLimit).toBe("5/500ms");
  });

  it("accepts any-case enum values and returns canonical spelling", () => {
    expect(settings("FirewallType=tunnel;InitiateOAuth=off").firewallType).toBe("TUNNEL");
    expect(settings("InitiateOAuth=Off").initiateOAuth).toBe("OFF");
  });
});

describe("toSettings: authentication rules", () => {
  it("refuses Basic with Schema V3, saying Basecamp 4/3 needs OAuth", () => {
    for (const text of ["AuthScheme=Basic;User=u;Password=p", "AuthScheme=Basic;Schema=V3;User=u;Password=p"]) {
      const e = fails(text);
      expect(e.message).toContain("Basecamp 4/3 needs OAuth");
      expect(e.message).toContain("set AuthScheme=OAuth, or Schema=V2");
      expect(e.key).toBe("AuthScheme");
    }
  });

  it("needs User and Password for Basic", () => {
    expect(fails("Schema=V2;AuthScheme=Basic").message).toBe("AuthScheme=Basic needs User and Password: set User and Password, or use AuthScheme=OAuth");
    expect(fails("Schema=V2;AuthScheme=Basic;User=u").message).toContain("set Password");
    expect(fails("Schema=V2;User=u").message).toContain("(chosen because Schema=V2 and User is set) needs User and Password: set Password");
  });

  it("never echoes a secret value in a validation message", () => {
    const e = fails("Schema=V2;AuthScheme=Basic;Password=TopSecret123");
    expect(e.message).not.toContain("TopSecret123");
  });

  it("rejects unknown keys given as a record", () => {
    expect(() => toSettings({ AcountId: "1" })).toThrow(/did you mean AccountId\?/);
  });
});
