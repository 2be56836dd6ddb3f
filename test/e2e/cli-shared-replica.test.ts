// Several campctl processes on one sandbox replica: three `sync --full` started together all
// succeed, leave the replica a lone sync makes, and leave the sandbox's sign-in usable.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/sql/replica.js";
import { expectSameReplica } from "../sql/processes.js";
import { campctlAsync, campctlEnv } from "./campctl.js";

describe("campctl processes sharing a replica", () => {
  it("three `sync --full` started together all exit 0 with a consistent replica", async () => {
    const { home, env } = campctlEnv("shared-replica-");
    const results = await Promise.all([0, 1, 2].map(() => campctlAsync(env, ["--sandbox", "sync", "--full"]).done));
    for (const r of results) {
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/^Synced \d+ tables/);
    }
    const dir = join(home, "data", "sandbox");
    const replica = join(dir, readdirSync(dir).find((f) => /^replica-\d+\.sqlite$/.test(f))!);

    // A lone sync of the same sandbox into another file is the reference.
    const other = join(home, "other.sqlite");
    const alone = await campctlAsync({ ...env, BASECAMP_CONNECTION: `Replica='${other}'` }, ["--sandbox", "sync", "--full"]).done;
    expect(alone.code, alone.err).toBe(0);
    const shared = openDatabase(replica, { readonly: true });
    const lone = openDatabase(other, { readonly: true });
    expect(shared.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(shared.prepare("SELECT count(*) AS n FROM sys_sync_locks").get()).toEqual({ n: 0n });
    expectSameReplica(shared, lone);
    shared.close();
    lone.close();

    // Each process signed in to its own simulator; the saved state still knows the token kept.
    const after = await campctlAsync(env, ["--sandbox", "sql", "SELECT count(*) AS n FROM Projects"]).done;
    expect(after.code, after.err).toBe(0);
  }, 120_000);
});
