import { describe, expect, it } from "vitest";
import { createSimulator } from "../../src/simulator/index.js";
import type { Store } from "../../src/simulator/store/store.js";

const NOW = Date.parse("2026-11-23T10:00:00Z");

function fingerprint(store: Store): string {
  const rows = [...store.recordings.values()].map((r) => `${r.id}|${r.type}|${r.bucketId}|${r.parentId}|${r.status}|${r.title}|${r.dueOn ?? ""}|${(r.assigneeIds ?? []).join(",")}|${r.completed ?? ""}|${r.createdAt}`);
  const people = [...store.people.values()].map((p) => `${p.id}|${p.name}|${p.emailAddress}`);
  const projects = [...store.projects.values()].map((p) => `${p.id}|${p.name}|${p.status}|${p.peopleIds.join(",")}`);
  return [...people, ...projects, ...rows].join("\n");
}

function count(store: Store, type: Parameters<Store["ofType"]>[0]): number {
  return store.ofType(type).size;
}

describe("seed data", () => {
  it("is the same for the same seed and day, and differs for another seed", () => {
    const a = createSimulator({ scale: "small", seed: 42, clock: () => NOW });
    const b = createSimulator({ scale: "small", seed: 42, clock: () => NOW });
    const c = createSimulator({ scale: "small", seed: 43, clock: () => NOW });
    expect(fingerprint(a.store)).toBe(fingerprint(b.store));
    expect(fingerprint(a.store)).not.toBe(fingerprint(c.store));
    expect(a.accountId).toBe(b.accountId);
  });

  it("builds each scale to its size", () => {
    const tiny = createSimulator({ scale: "tiny", clock: () => NOW }).store;
    expect(tiny.projects.size).toBe(2);
    const content = [...tiny.recordings.values()].filter((r) => r.parentId !== null && !r.type.startsWith("Kanban::") ).length;
    expect(content).toBeGreaterThanOrEqual(40);
    expect(content).toBeLessThanOrEqual(70);

    const small = createSimulator({ scale: "small", clock: () => NOW }).store;
    expect(small.projects.size).toBe(5);
    expect(small.recordings.size).toBeGreaterThan(900);
    expect(small.recordings.size).toBeLessThan(1500);

    const medium = createSimulator({ scale: "medium", clock: () => NOW }).store;
    expect(medium.projects.size).toBe(30);
    expect(count(medium, "Todo")).toBeGreaterThanOrEqual(4800);
    expect(count(medium, "Todo")).toBeLessThanOrEqual(5200);
    expect(count(medium, "Message")).toBeGreaterThanOrEqual(1000);
    expect(count(medium, "Comment")).toBeGreaterThanOrEqual(8000);
    expect(count(medium, "Chat::Lines::Text")).toBe(3000);

    const empty = createSimulator({ scale: "empty", clock: () => NOW }).store;
    expect(empty.projects.size).toBe(0);
    expect(empty.people.size).toBe(1);
  });

  it("builds the large scale: 200 projects and about 100k to-dos", () => {
    const large = createSimulator({ scale: "large", clock: () => NOW }).store;
    expect(large.projects.size).toBe(200);
    expect(count(large, "Todo")).toBeGreaterThanOrEqual(95_000);
    expect(count(large, "Todo")).toBeLessThanOrEqual(105_000);
  });

  it("has people, assignments, due dates, completed and trashed records to find", () => {
    const store = createSimulator({ scale: "small", clock: () => NOW }).store;
    const todos = [...store.ofType("Todo")];
    const today = new Date(NOW).toISOString().slice(0, 10);
    expect(store.people.size).toBe(10);
    expect(new Set([...store.people.values()].map((p) => p.name)).size).toBe(10);
    expect(todos.some((t) => (t.assigneeIds ?? []).length > 0)).toBe(true);
    expect(todos.some((t) => t.completed)).toBe(true);
    expect(todos.some((t) => !t.completed && t.dueOn && t.dueOn < today)).toBe(true);
    expect(todos.some((t) => t.dueOn && t.dueOn > today)).toBe(true);
    expect(todos.some((t) => t.status === "trashed")).toBe(true);
    expect([...store.projects.values()].map((p) => p.status)).toEqual(expect.arrayContaining(["active", "archived", "trashed"]));
    expect([...store.recordings.keys()].some((id) => id > 2n ** 53n)).toBe(true);
  });
});
