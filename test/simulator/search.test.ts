import { describe, expect, it } from "vitest";
import { api, newSim } from "./helpers.js";
import type { InProcessSimulator } from "../../src/simulator/index.js";

const s = (v: unknown) => String(v);

function firstList(sim: InProcessSimulator) {
  const project = [...sim.store.projects.values()][0];
  const todoset = sim.store.dockTool(project.id, "Todoset")!;
  return { project, list: sim.store.childrenOf(todoset.id, ["Todolist"])[0] };
}

async function newTodo(sim: InProcessSimulator, listId: bigint, content: string, description = "") {
  const r = await api(sim, "POST", `/todolists/${listId}/todos.json`, { content, description });
  expect(r.status).toBe(201);
  return r.body;
}

describe("GET /search", () => {
  it("finds a fresh to-do by a word in its title, highlighted and escaped", async () => {
    const sim = newSim();
    const { list } = firstList(sim);
    const todo = await newTodo(sim, list.id, "Order <b>Zebrafish</b> & tanks", "<div>Feed the zebrafish &amp; <strong>fish</strong> daily</div>");
    const r = await api(sim, "GET", "/search.json?q=zebrafish");
    expect(r.status).toBe(200);
    expect(r.headers.get("x-total-count")).toBe("1");
    expect(r.body).toHaveLength(1);
    const hit = r.body[0];
    expect(s(hit.id)).toBe(s(todo.id));
    expect(hit.type).toBe("Todo");
    expect(hit.url).toContain(`/todos/${todo.id}.json`);
    expect(hit.plain_text_content).toBe("Order &lt;b&gt;<em>Zebrafish</em>&lt;/b&gt; &amp; tanks");
    expect(hit.plain_text_description).toBe("Feed the <em>zebrafish</em> &amp; fish daily");

    // Case-insensitive, suffixless, and every word must match.
    expect((await api(sim, "GET", "/search?q=ZEBRAFISH%20tanks")).body).toHaveLength(1);
    expect((await api(sim, "GET", "/search.json?q=zebrafish%20elephants")).body).toHaveLength(0);
    // Tag names are not content.
    expect((await api(sim, "GET", "/search.json?q=strong")).body.map((x: any) => s(x.id))).not.toContain(s(todo.id));
  });

  it("400 without q; filters by type, bucket, creator; skips trashed", async () => {
    const sim = newSim();
    const { project, list } = firstList(sim);
    expect((await api(sim, "GET", "/search.json")).status).toBe(400);
    expect((await api(sim, "GET", "/search.json?q=%20")).status).toBe(400);
    expect((await api(sim, "GET", "/search.json?q=x&type=Nope")).status).toBe(400);
    expect((await api(sim, "GET", "/search.json?q=x&bucket_id=abc")).status).toBe(400);
    expect((await api(sim, "GET", "/search.json?q=x&per_page=0")).status).toBe(400);
    expect((await api(sim, "GET", `/buckets/${project.id}/search.json?q=x`)).status).toBe(404);

    const todo = await newTodo(sim, list.id, "Quokka census");
    const board = sim.store.dockTool(project.id, "Kanban::Board")!;
    const triage = sim.store.childrenOf(board.id)[0];
    const card = await api(sim, "POST", `/card_tables/lists/${triage.id}/cards.json`, { title: "Quokka habitat" });
    expect(card.status).toBe(201);

    const both = await api(sim, "GET", "/search.json?q=quokka");
    expect(both.body.map((x: any) => x.type).sort()).toEqual(["Kanban::Card", "Todo"]);
    // Newest updated first.
    expect(s(both.body[0].id)).toBe(s(card.body.id));
    const todos = await api(sim, "GET", "/search.json?q=quokka&type=Todo");
    expect(todos.body.map((x: any) => s(x.id))).toEqual([s(todo.id)]);
    const cards = await api(sim, "GET", "/search.json?q=quokka&type=Kanban::Card");
    expect(cards.body.map((x: any) => s(x.id))).toEqual([s(card.body.id)]);

    const other = [...sim.store.projects.values()][1];
    expect((await api(sim, "GET", `/search.json?q=quokka&bucket_id=${other.id}`)).body).toHaveLength(0);
    expect((await api(sim, "GET", `/search.json?q=quokka&bucket_id=${project.id}`)).body).toHaveLength(2);
    const owner = sim.store.account.ownerId;
    expect((await api(sim, "GET", `/search.json?q=quokka&creator_id=${owner}`)).body).toHaveLength(2);
    const someoneElse = [...sim.store.people.keys()].find((id) => id !== owner)!;
    expect((await api(sim, "GET", `/search.json?q=quokka&creator_id=${someoneElse}`)).body).toHaveLength(0);

    expect((await api(sim, "PUT", `/recordings/${todo.id}/status/trashed.json`)).status).toBe(204);
    expect((await api(sim, "GET", "/search.json?q=quokka")).body.map((x: any) => x.type)).toEqual(["Kanban::Card"]);
  });

  it("searches campfire lines unless exclude_chat=1", async () => {
    const sim = newSim();
    const line = [...sim.store.ofType("Chat::Lines::Text")].find((l) => l.status === "active")!;
    const word = line.title.split(" ")[0];
    const withChat = await api(sim, "GET", `/search.json?q=${encodeURIComponent(line.title)}&type=Chat::Transcript`);
    expect(withChat.body.map((x: any) => s(x.id))).toContain(s(line.id));
    const noChat = await api(sim, "GET", `/search.json?q=${encodeURIComponent(word)}&exclude_chat=1`);
    expect(noChat.body.some((x: any) => x.type.startsWith("Chat::"))).toBe(false);
  });

  it("pages by per_page with Link and X-Total-Count", async () => {
    const sim = newSim();
    const { list } = firstList(sim);
    for (let i = 0; i < 7; i++) await newTodo(sim, list.id, `Platypus task ${i}`);
    const seen: string[] = [];
    let url: string | null = "/search.json?q=platypus&per_page=3";
    let pages = 0;
    while (url) {
      const r = await api(sim, "GET", url);
      expect(r.status).toBe(200);
      expect(r.headers.get("x-total-count")).toBe("7");
      expect(r.body.length).toBeLessThanOrEqual(3);
      seen.push(...r.body.map((x: any) => s(x.id)));
      pages++;
      const m = /<([^>]+)>;\s*rel="next"/.exec(r.headers.get("link") ?? "");
      url = m ? m[1] : null;
    }
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(7);
    const big = await api(sim, "GET", "/search.json?q=platypus&per_page=500");
    expect(big.body).toHaveLength(7);
    expect(big.headers.get("link")).toBeNull();
  });
});

describe("GET /searches/metadata", () => {
  it("lists the type and file keys", async () => {
    const sim = newSim();
    const r = await api(sim, "GET", "/searches/metadata.json");
    expect(r.status).toBe(200);
    const keys = r.body.recording_search_types.map((t: any) => t.key);
    expect(keys).toEqual(expect.arrayContaining(["Todo", "Message", "Kanban::Card", "Chat::Transcript", "Document", "Comment"]));
    expect(r.body.recording_search_types.every((t: any) => typeof t.value === "string")).toBe(true);
    expect(r.body.file_search_types.map((t: any) => t.key)).toEqual(["Image", "Audio", "Video", "PDF"]);
    expect(typeof r.body.default_type_label).toBe("string");
    expect(typeof r.body.default_file_type_label).toBe("string");
    // Every listed key is accepted by /search.
    for (const k of keys) expect((await api(sim, "GET", `/search.json?q=x&type=${encodeURIComponent(k)}`)).status).toBe(200);
  });
});
