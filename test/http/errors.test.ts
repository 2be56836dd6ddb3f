// Error messages: the server's words or ours, never both; field errors as `field: message`.
import { describe, expect, it } from "vitest";
import { basicAuth } from "../../src/auth/basic.js";
import { AuthError, BadRequestError, BasecampError, NotFoundError, ValidationError } from "../../src/http/errors.js";
import { json, mockServer, roadTo, roadToMock, sim } from "./road-helpers.js";

/** The error a mock server's one answer becomes. */
async function errorFor(status: number, body: unknown, opts: Parameters<typeof roadToMock>[1] = {}): Promise<BasecampError> {
  const m = await mockServer((_req, res) => (body === undefined ? (res.writeHead(status), res.end()) : json(res, status, body)));
  try {
    return await roadToMock(m, { maxRetries: 0, ...opts }).request("PUT", "/todos/1.json", { body: {} }).then(
      () => {
        throw new Error("expected a failure");
      },
      (e) => e,
    );
  } finally {
    await m.close();
  }
}

describe("field errors", () => {
  it("read `field: message` for each field in the server's order, and are kept in fieldErrors", async () => {
    const e = await errorFor(422, { errors: { title: ["can't be blank"], due_on: ["is not a date", "is in the past"], assignee_ids: ["is invalid"] } });
    expect(e).toBeInstanceOf(ValidationError);
    expect(e.message).toBe("PUT /5000001/todos/1.json was refused (422): title: can't be blank; due_on: is not a date, is in the past; assignee_ids: is invalid. Fix those fields and send it again.");
    expect(Object.keys((e as ValidationError).fieldErrors)).toEqual(["title", "due_on", "assignee_ids"]);
    expect((e as ValidationError).fieldErrors.due_on).toEqual(["is not a date", "is in the past"]);
  });

  it("come from a 400 too, and from the bare and list forms", async () => {
    const bare = await errorFor(400, { name: ["is too long"] });
    expect(bare).toBeInstanceOf(ValidationError);
    expect(bare.message).toMatch(/refused \(400\): name: is too long\. Fix those fields/);
    const list = await errorFor(422, { errors: ["Name can't be blank", "Color is unknown"] });
    expect(list.message).toMatch(/refused \(422\): Name can't be blank; Color is unknown\. Fix/);
    const plain = await errorFor(400, { error: "Bad color" });
    expect(plain).toBeInstanceOf(BadRequestError);
    expect(plain.message).toBe("PUT /5000001/todos/1.json answered 400: Bad color. Check the request's parameters and User-Agent.");
  });

  it("from the simulator name the field", async () => {
    const s = sim();
    const list = [...s.store.ofType("Todolist")][0];
    const v = await roadTo(s).request("POST", `/todolists/${list.id}/todos.json`, { body: { content: "" } }).catch((e) => e);
    expect(v).toBeInstanceOf(ValidationError);
    expect(v.message).toMatch(/refused \(422\): content: can't be blank\. Fix those fields/);
  });
});

describe("messages never repeat themselves", () => {
  it("use the server's words when it sent some and ours when it did not", async () => {
    const ours: Record<number, RegExp> = {
      400: /the request is malformed/,
      401: /the access token is missing, expired or revoked/,
      403: /may not do this/,
      404: /it does not exist, was deleted, or you have no access/,
      413: /too large/,
      415: /wants JSON/,
      429: /too many requests/,
      500: /Basecamp had a problem/,
      507: /plan limit/,
    };
    for (const [code, meaning] of Object.entries(ours)) {
      const status = Number(code);
      const bare = await errorFor(status, undefined);
      expect(bare.message, code).toMatch(meaning);
      const said = await errorFor(status, { error: "The server's own words." });
      expect(said.message, code).toContain("answered " + code + ": The server's own words. ");
      expect(said.message, code).not.toMatch(meaning);
      for (const m of [bare.message, said.message]) {
        const sentences = m.split(/(?<=\.) /);
        expect(new Set(sentences).size, m).toBe(sentences.length);
      }
    }
  });

  it("a 404 from the simulator says it once", async () => {
    const s = sim();
    const e = await roadTo(s).request("GET", "/todos/1.json").catch((x) => x);
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.message).not.toMatch(/It does not exist, was deleted/i);
    expect(e.message).toMatch(/answered 404: .+\. Check the ID and the account\.$/);
  });
});

describe("Basic authentication failures", () => {
  it("show the server's text unmangled and advise checking User and Password, never campctl login", async () => {
    const text = "No access token: send Authorization: Bearer <token>.";
    const e = await errorFor(401, { error: text }, { accessToken: undefined, auth: basicAuth("jordan@example.com", "pa55-word-basic") });
    expect(e).toBeInstanceOf(AuthError);
    expect(e.message).toContain("answered 401: No access token: send Authorization: Bearer <token>. ");
    expect(e.message).not.toContain("REDACTED");
    expect(e.message).not.toMatch(/campctl login/);
    expect(e.message).toMatch(/Check User and Password/);
    const bearer = await errorFor(401, { error: text });
    expect(bearer.message).toMatch(/Sign in again \(campctl login\)/);
  });
});
