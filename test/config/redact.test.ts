import { describe, expect, it } from "vitest";
import { isSecretKey, MASK, parseConnectionString, redactSettings, SECRET_KEYS, toSettings } from "../../src/config/index.js";

describe("redactSettings", () => {
  it("masks every secret key of a raw record and leaves the rest", () => {
    const record = parseConnectionString(
      "AccountId=1;User=me;Password=pw1;OAuthClientId=cid;OAuthClientSecret=cs1;OAuthAccessToken=at1;OAuthRefreshToken=rt1;" +
        "OAuthVerifier=v1;ProxyPassword=pp1;FirewallPassword=fp1;ProxyServer=http://pu:pp2@proxy:8080",
    );
    const safe = redactSettings(record);
    expect(safe).toEqual({
      AccountId: "1",
      User: "me",
      Password: MASK,
      OAuthClientId: "cid",
      OAuthClientSecret: MASK,
      OAuthAccessToken: MASK,
      OAuthRefreshToken: MASK,
      OAuthVerifier: MASK,
      ProxyPassword: MASK,
      FirewallPassword: MASK,
      ProxyServer: `http://pu:${MASK}@proxy:8080`,
    });
    expect(MASK).toBe("********");
    expect(record.Password).toBe("pw1"); // a copy: the original is untouched
  });

  it("works on typed settings too", () => {
    const settings = toSettings(parseConnectionString("Schema=V2;User=u;Password=pw;OAuthRefreshToken=rt;Verbosity=2"));
    const safe = redactSettings(settings);
    expect(safe).toMatchObject({ user: "u", password: MASK, oauthRefreshToken: MASK, verbosity: 2, schema: "V2" });
    expect(JSON.stringify(safe)).not.toMatch(/"pw"|"rt"/);
  });

  it("leaves empty secrets empty, so printing shows what is unset", () => {
    expect(redactSettings({ Password: "" })).toEqual({ Password: "" });
  });

  it("knows exactly the seven secret keys", () => {
    expect([...SECRET_KEYS].sort()).toEqual(
      ["FirewallPassword", "OAuthAccessToken", "OAuthClientSecret", "OAuthRefreshToken", "OAuthVerifier", "Password", "ProxyPassword"].sort(),
    );
    expect(isSecretKey("oauthAccessToken")).toBe(true);
    expect(isSecretKey("OAuthClientId")).toBe(false);
  });
});
