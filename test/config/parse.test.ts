import { describe, expect, it } from "vitest";
import { ConfigError, formatConnectionString, parseConnectionString } from "../../src/config/index.js";

function fails(text: string): ConfigError {
  try {
    parseConnectionString(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(text)} to fail`);
}

describe("parseConnectionString: syntax", () => {
  it("reads plain pairs in canonical spelling", () => {
    expect(parseConnectionString("InitiateOAuth=GETANDREFRESH;AccountId=1234567;Schema=V3;ProjectId=42")).toEqual({
      InitiateOAuth: "GETANDREFRESH",
      AccountId: "1234567",
      Schema: "V3",
      ProjectId: "42",
    });
  });

  it("matches keys ignoring case", () => {
    expect(parseConnectionString("accountid=1;SCHEMA=V2;oAuThClIeNtId=abc")).toEqual({ AccountId: "1", Schema: "V2", OAuthClientId: "abc" });
  });

  it("trims whitespace around keys and unquoted values, keeps inner spaces", () => {
    expect(parseConnectionString("  AccountId =  12 ;\tUser\t=\n Jane Doe  ;")).toEqual({ AccountId: "12", User: "Jane Doe" });
  });

  it("skips empty segments and a trailing ';'", () => {
    expect(parseConnectionString(";;AccountId=1;;; ;Schema=V3;")).toEqual({ AccountId: "1", Schema: "V3" });
    expect(parseConnectionString("")).toEqual({});
    expect(parseConnectionString(" ; ; ")).toEqual({});
  });

  it("keeps an empty value as empty text", () => {
    expect(parseConnectionString("ProjectId=;User=")).toEqual({ ProjectId: "", User: "" });
  });

  it("lets an unquoted value hold '=' and literal quotes", () => {
    expect(parseConnectionString("OAuthAccessToken=abc==;User=O'Brien;UserAgent=a\"b{c}")).toEqual({
      OAuthAccessToken: "abc==",
      User: "O'Brien",
      UserAgent: 'a"b{c}',
    });
  });

  it.each([
    ["single quotes", "Password='va;l=ue';User=u", "va;l=ue"],
    ["double quotes", 'Password="va;l=ue";User=u', "va;l=ue"],
    ["braces", "Password={va;l=ue};User=u", "va;l=ue"],
  ])("%s hold ';' and '='", (_name, text, expected) => {
    expect(parseConnectionString(text)).toEqual({ Password: expected, User: "u" });
  });

  it("keeps whitespace inside quotes and allows whitespace around them", () => {
    expect(parseConnectionString("User =  '  x  '  ; Password= {  }")).toEqual({ User: "  x  ", Password: "  " });
  });

  it("reads doubled quotes as one quote", () => {
    expect(parseConnectionString("Password='it''s';User=\"say \"\"hi\"\"\"")).toEqual({ Password: "it's", User: 'say "hi"' });
    expect(parseConnectionString("Password=''''")).toEqual({ Password: "'" });
    expect(parseConnectionString("User=\"it's\";Password='say \"x\"'")).toEqual({ User: "it's", Password: 'say "x"' });
  });

  it("reads }} inside braces as }, and { as itself", () => {
    expect(parseConnectionString("Password={a}}b{c};User={}")).toEqual({ Password: "a}b{c", User: "" });
    expect(parseConnectionString("Password={'\";=}")).toEqual({ Password: "'\";=" });
  });

  it("quoted empty values are empty", () => {
    expect(parseConnectionString("User='';Password=\"\";ProjectId={}")).toEqual({ User: "", Password: "", ProjectId: "" });
  });
});

describe("parseConnectionString: errors", () => {
  it("names an unterminated quote, where it starts, and how to close it", () => {
    const e = fails("AccountId=1;User='abc");
    expect(e.message).toContain("unterminated quote starting at position 17");
    expect(e.message).toContain("close it with '");
    expect(e.position).toBe(17);
    expect(e.key).toBe("User");
    expect(fails('User="abc""').message).toContain('close it with "');
    const b = fails("User={abc}}");
    expect(b.message).toContain("unterminated brace starting at position 5");
    expect(b.message).toContain("close it with }");
  });

  it("rejects text after a closing quote", () => {
    const e = fails("User='a' b;Schema=V3");
    expect(e.message).toMatch(/unexpected text at position 9, after the closing ' of the User value/);
    expect(e.position).toBe(9);
  });

  it("rejects a key given twice, ignoring case", () => {
    const e = fails("AccountId=1;Schema=V3;accountID=2");
    expect(e.message).toBe("AccountId is given twice (at positions 0 and 22; keys ignore case): keep only one");
    expect(e.key).toBe("AccountId");
    expect(e.position).toBe(22);
    expect(fails("User=a;User=a").key).toBe("User");
  });

  it("rejects a segment without '='", () => {
    const e = fails("AccountId=1;Schema");
    expect(e.message).toContain("missing '=' after 'Schema' at position 12");
    expect(fails("AccountId").position).toBe(0);
  });

  it("rejects '=' with no key", () => {
    expect(fails("=1").message).toContain("missing key before '=' at position 0");
    expect(fails("AccountId=1;  =2").position).toBe(14);
  });

  it("suggests the closest key for an unknown one", () => {
    expect(fails("AcountId=1").message).toBe("unknown key 'AcountId' at position 0; did you mean AccountId?");
    expect(fails("User=u;pasword=x").message).toContain("did you mean Password?");
    expect(fails("OAuthClientSecrt=x").message).toContain("did you mean OAuthClientSecret?");
    expect(fails("Account_Id=1").message).toContain("did you mean AccountId?");
    expect(fails("Veborsity=1").message).toContain("did you mean Verbosity?");
    expect(fails("CallbackUrI=x").message).toContain("did you mean CallbackURL?");
  });

  it("lists a few keys when nothing is close", () => {
    const e = fails("Frobnicate=1");
    expect(e.message).toContain("unknown key 'Frobnicate'");
    expect(e.message).toContain("known keys include AccountId, Schema");
    expect(e.message).not.toContain("did you mean");
  });

  it("does not echo what follows an unquoted secret split by ';'", () => {
    const a = fails("Password=abc;defSecretPart;User=u");
    expect(a.message).not.toContain("defSecretPart");
    expect(a.message).toContain("quote it, e.g. Password='…'");
    const b = fails("OAuthClientSecret=abc;de=fSecret");
    expect(b.message).not.toContain("fSecret");
    expect(b.message).toContain("right after the OAuthClientSecret value");
  });

  it("clips long keys and escapes control characters in messages", () => {
    const e = fails(`${"x".repeat(500)}\u0001=1`);
    expect(e.message.length).toBeLessThan(300);
    expect(fails("Ab\u0000c=1").message).toContain("\\u0000");
  });

  it("rejects non-text input with a ConfigError", () => {
    expect(() => parseConnectionString(undefined as unknown as string)).toThrow(ConfigError);
    expect(() => parseConnectionString(42 as unknown as string)).toThrow(/must be text/);
  });
});

describe("formatConnectionString", () => {
  it("quotes what needs quoting and round-trips", () => {
    const record = { AccountId: "1", Password: "a;b='c'", User: " spaced ", UserAgent: "x{y}", ProjectId: "" };
    const text = formatConnectionString(record);
    expect(text).toBe("AccountId=1;ProjectId=;User=' spaced ';Password='a;b=''c''';UserAgent='x{y}'");
    expect(parseConnectionString(text)).toEqual(record);
  });
});
