// Where credentials may go: https off this machine, only inside the account's path, only on
// the first hop of a download; Basecamp URLs given as IDs must be of the connected account.
import { describe, expect, it } from "vitest";
import { BasecampClient } from "../../src/api/client.js";
import { Launchpad } from "../../src/auth/launchpad.js";
import { BasecampError, RefusedUrlError, UnsafeLinkError } from "../../src/http/errors.js";
import { Road } from "../../src/http/road.js";
import { isLoopbackHost, storageOriginsFor, webOriginsFor } from "../../src/http/url-policy.js";
import { json, mockServer, recording, roadTo, roadToMock, sim, type MockServer } from "./road-helpers.js";

function counting(): { fetch: typeof fetch; calls: number } {
  const c = {
    calls: 0,
    fetch: (async () => {
      c.calls++;
      return new Response("[]", { status: 200, headers: { "content-type": "application/json" } });
    }) as typeof fetch,
  };
  return c;
}

describe("base URLs", () => {
  it("must be https off this machine; nothing is sent otherwise", async () => {
    const c = counting();
    const ua = "t (t@example.com)";
    for (const apiBaseUrl of ["http://3.basecampapi.com", "http://10.0.0.5:8080", "http://example.com"]) {
      expect(() => new Road({ accountId: 1, apiBaseUrl, accessToken: "x", fetch: c.fetch, userAgent: ua }), apiBaseUrl).toThrow(RefusedUrlError);
      expect(() => new BasecampClient({ accountId: 1, apiBaseUrl, accessToken: "x", fetch: c.fetch, userAgent: ua })).toThrow(/ApiBaseURL must use https:\/\//);
    }
    expect(() => new Road({ baseUrl: "http://basecamp.com/999/api/v1", accessToken: "x", fetch: c.fetch, userAgent: ua })).toThrow(/baseUrl must use https/);
    expect(() => new Launchpad({ launchpadUrl: "http://launchpad.37signals.com", fetch: c.fetch })).toThrow(/LaunchpadURL must use https/);
    expect(c.calls).toBe(0);
    for (const apiBaseUrl of ["https://3.basecampapi.com", "http://127.0.0.1:3000", "http://127.8.9.10", "http://[::1]:8080", "http://localhost:9", "http://sim.localhost"]) {
      await new Road({ accountId: 1, apiBaseUrl, accessToken: "x", fetch: c.fetch, userAgent: ua, rateLimit: null }).request("GET", "/projects.json");
    }
    expect(c.calls).toBe(6);
  });

  it("knows loopback hosts", () => {
    for (const h of ["127.0.0.1", "127.255.0.9", "[::1]", "localhost", "LOCALHOST", "a.b.localhost", "[::ffff:127.0.0.1]"]) expect(isLoopbackHost(h), h).toBe(true);
    for (const h of ["128.0.0.1", "10.0.0.1", "localhost.example.com", "[::2]", "example.com", "127.0.0.1.nip.io"]) expect(isLoopbackHost(h), h).toBe(false);
  });
});

describe("paths stay in the account", () => {
  it("refuses ../ and full URLs of another account before sending", async () => {
    const s = sim();
    const rec = recording(s.fetch);
    const road = roadTo(s, { fetch: rec.fetch });
    for (const p of ["/../5000002/projects.json", "../5000002/projects.json", "/%2e%2e/5000002/projects.json", "projects/../../5000002/people.json", `${s.apiUrl}/5000002/projects.json`, `${s.apiUrl}/launchpad/authorization.json`]) {
      await expect(road.request("GET", p), p).rejects.toBeInstanceOf(RefusedUrlError);
    }
    await expect(road.request("GET", "https://elsewhere.example/projects.json")).rejects.toThrow(/Refusing to send credentials to https:\/\/elsewhere\.example/);
    expect(rec.calls).toHaveLength(0);
    // Inside the account, dots that stay inside are fine.
    expect((await road.request("GET", "/projects/../projects.json")).status).toBe(200);
  });
});

describe("Basecamp URLs given as IDs", () => {
  it("must be of the connected account and host", async () => {
    const s = sim();
    const client = new BasecampClient({ accountId: s.accountId, apiBaseUrl: s.apiUrl, accessToken: s.adminToken, fetch: s.fetch, userAgent: "t (t@example.com)", rateLimit: null });
    const todo = [...s.store.ofType("Todo")].find((t) => t.status === "active")!;
    const own = await client.todos.get(`${s.apiUrl}/web/${s.accountId}/buckets/1/todos/${todo.id}`);
    expect(own.id).toBe(todo.id);
    await expect(client.todos.get(`${s.apiUrl}/web/5000002/buckets/1/todos/${todo.id}`)).rejects.toThrow(/belongs to account 5000002, but this connection is to account 5000001/);
    await expect(client.todos.get(`https://3.basecamp.com/${s.accountId}/buckets/1/todos/${todo.id}`)).rejects.toThrow(RefusedUrlError);
    // IDs that go into request bodies too.
    const puts = recording(s.fetch);
    const watched = new BasecampClient({ accountId: s.accountId, apiBaseUrl: s.apiUrl, accessToken: s.adminToken, fetch: puts.fetch, userAgent: "t (t@example.com)", rateLimit: null });
    await expect(watched.todos.reposition(todo.id, 1, { parentId: `${s.apiUrl}/web/5000002/buckets/1/todolists/77` })).rejects.toBeInstanceOf(RefusedUrlError);
    await expect(watched.todos.update(todo.id, { assignee_ids: [`${s.apiUrl}/web/5000002/people/9`] })).rejects.toThrow(/belongs to account 5000002/);
    expect(puts.calls.filter((c) => c.method !== "GET")).toEqual([]);
    expect(webOriginsFor("https://3.basecampapi.com")).toEqual(["https://3.basecampapi.com", "https://3.basecamp.com"]);
  });
});

describe("downloads", () => {
  /** An API that answers 404 to everything, and a storage host that answers with bytes naming the path. */
  async function apiAndStorage(): Promise<{ a: MockServer; b: MockServer }> {
    const a = await mockServer((_req, res) => json(res, 404, { error: "Not found" }));
    const b = await mockServer((req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(Buffer.from(`bytes of ${req.url}`));
    });
    return { a, b };
  }

  it("sends credentials on the first hop only, also when a redirect comes back to the API", async () => {
    let b!: MockServer;
    const a = await mockServer((req, res) => {
      if (req.url === "/5000001/files/1/download") {
        res.writeHead(302, { location: `${b.origin}/signed?sig=abc` });
      } else {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        res.write("from the API");
      }
      res.end();
    });
    b = await mockServer((_req, res) => {
      res.writeHead(307, { location: `${a.origin}/5000001/files/1/raw` });
      res.end();
    });
    try {
      const bytes = await roadToMock(a).request<Uint8Array>("GET", "/files/1/download", { responseType: "bytes" });
      expect(Buffer.from(bytes.data).toString()).toBe("from the API");
      expect(a.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
        ["/5000001/files/1/download", "Bearer mock-token-0123456789"],
        ["/5000001/files/1/raw", undefined],
      ]);
      expect(b.requests[0].headers.authorization).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("follows at most 5 redirects, and names a 3xx without Location", async () => {
    const a = await mockServer((_req, res, n) => {
      res.writeHead(302, n < 10 ? { location: `/5000001/hop/${n}` } : {});
      res.end();
    });
    try {
      const err = await roadToMock(a).request("GET", "/start", { responseType: "bytes" }).catch((e) => e);
      expect(err).toBeInstanceOf(BasecampError);
      expect(err.message).toMatch(/redirected more than 5 times/);
      expect(a.requests).toHaveLength(6);
    } finally {
      await a.close();
    }
    const c = await mockServer((_req, res) => {
      res.writeHead(302);
      res.end();
    });
    try {
      await expect(roadToMock(c).request("GET", "/f", { responseType: "bytes" })).rejects.toThrow(/302 \(a redirect\) without a Location header/);
    } finally {
      await c.close();
    }
  });

  it("fetches a download_url on a storage host without credentials, and refuses other hosts", async () => {
    const { a, b } = await apiAndStorage();
    try {
      const road = roadToMock(a, { storageOrigins: [b.origin] });
      const got = await road.request<Uint8Array>("GET", `${b.origin}/5000001/blobs/k1/download/report.pdf`, { responseType: "bytes" });
      expect(Buffer.from(got.data).toString()).toBe("bytes of /5000001/blobs/k1/download/report.pdf");
      expect(b.requests[0].headers.authorization).toBeUndefined();
      // Not a download: a storage host gets no JSON calls.
      await expect(road.request("GET", `${b.origin}/5000001/blobs/k1`)).rejects.toBeInstanceOf(RefusedUrlError);
      await expect(roadToMock(a).request("GET", `${b.origin}/x`, { responseType: "bytes" })).rejects.toThrow(/Refusing to send credentials/);
      expect(b.requests).toHaveLength(1);
      expect(a.requests).toHaveLength(0);
      expect(storageOriginsFor("https://3.basecampapi.com")).toEqual(["https://storage.3.basecamp.com"]);
      expect(new Road({ accountId: 1, accessToken: "x", userAgent: "t (t@example.com)" }).storageOrigins).toEqual(["https://storage.3.basecamp.com"]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it("refuses a redirect that downgrades https to http", async () => {
    const fake: typeof fetch = async () => new Response(null, { status: 302, headers: { location: "http://storage.example/x" } });
    const road = new Road({ accountId: 1, accessToken: "x", userAgent: "t (t@example.com)", fetch: fake, rateLimit: null });
    await expect(road.request("GET", "/f", { responseType: "bytes" })).rejects.toBeInstanceOf(UnsafeLinkError);
  });
});
