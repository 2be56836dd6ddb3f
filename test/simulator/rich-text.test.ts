// Issue 14: rich text is kept to Basecamp's allowed tags on every record kind, each rich field
// carries its `*_attachments` sibling, and a `<bc-attachment>` sgid must exist and is used once.
import { describe, expect, it } from "vitest";
import type { InProcessSimulator } from "../../src/simulator/index.js";
import { restoreStore, serializeStore } from "../../src/simulator/persist.js";
import { Store } from "../../src/simulator/store/store.js";
import { api, newSim, type ApiResult } from "./helpers.js";

const NASTY =
  '<div onclick="steal()" style="color:red">Hello <script>alert(1)</script><img src=x onerror=alert(2)>' +
  '<strong>bold</strong> <a href="javascript:alert(3)">bad link</a> <a href="https://example.com/a?b=1&c=2" target="_blank">good link</a>' +
  "<style>body{display:none}</style><p>para</p><ul><li>item</li></ul></div>";
const CLEAN =
  '<div>Hello <strong>bold</strong> <a>bad link</a> <a href="https://example.com/a?b=1&amp;c=2">good link</a><div>para</div><ul><li>item</li></ul></div>';

interface Kind {
  name: string;
  /** JSON field holding the rich text in responses. */
  field: "content" | "description";
  create(sim: InProcessSimulator, html: string): Promise<ApiResult>;
  update(sim: InProcessSimulator, id: unknown, html: string): Promise<ApiResult>;
  path(id: unknown): string;
}

function project(sim: InProcessSimulator) {
  const p = [...sim.store.projects.values()][0];
  const tool = (t: Parameters<typeof sim.store.dockTool>[1]) => sim.store.dockTool(p.id, t)!;
  return { p, tool };
}

const KINDS: Kind[] = [
  {
    name: "to-do",
    field: "description",
    create: (sim, html) => {
      const { p, tool } = project(sim);
      const list = sim.store.childrenOf(tool("Todoset").id, ["Todolist"])[0];
      return api(sim, "POST", `/buckets/${p.id}/todolists/${list.id}/todos.json`, { content: "Rich to-do", description: html });
    },
    update: (sim, id, html) => api(sim, "PUT", `/buckets/${project(sim).p.id}/todos/${id}.json`, { content: "Rich to-do", description: html }),
    path: (id) => `/todos/${id}.json`,
  },
  {
    name: "to-do list",
    field: "description",
    create: (sim, html) => {
      const { p, tool } = project(sim);
      return api(sim, "POST", `/buckets/${p.id}/todosets/${tool("Todoset").id}/todolists.json`, { name: "Rich list", description: html });
    },
    update: (sim, id, html) => api(sim, "PUT", `/buckets/${project(sim).p.id}/todolists/${id}.json`, { name: "Rich list", description: html }),
    path: (id) => `/todolists/${id}.json`,
  },
  {
    name: "message",
    field: "content",
    create: (sim, html) => {
      const { p, tool } = project(sim);
      return api(sim, "POST", `/buckets/${p.id}/message_boards/${tool("Message::Board").id}/messages.json`, { subject: "Rich message", content: html });
    },
    update: (sim, id, html) => api(sim, "PUT", `/buckets/${project(sim).p.id}/messages/${id}.json`, { content: html }),
    path: (id) => `/messages/${id}.json`,
  },
  {
    name: "comment",
    field: "content",
    create: (sim, html) => {
      const { p, tool } = project(sim);
      const msg = sim.store.childrenOf(tool("Message::Board").id, ["Message"])[0];
      return api(sim, "POST", `/buckets/${p.id}/recordings/${msg.id}/comments.json`, { content: html });
    },
    update: (sim, id, html) => api(sim, "PUT", `/buckets/${project(sim).p.id}/comments/${id}.json`, { content: html }),
    path: (id) => `/comments/${id}.json`,
  },
  {
    name: "document",
    field: "content",
    create: (sim, html) => {
      const { p, tool } = project(sim);
      return api(sim, "POST", `/buckets/${p.id}/vaults/${tool("Vault").id}/documents.json`, { title: "Rich doc", content: html });
    },
    update: (sim, id, html) => api(sim, "PUT", `/buckets/${project(sim).p.id}/documents/${id}.json`, { title: "Rich doc", content: html }),
    path: (id) => `/documents/${id}.json`,
  },
  {
    name: "schedule entry",
    field: "description",
    create: (sim, html) => {
      const { p, tool } = project(sim);
      const when = { summary: "Rich entry", starts_at: "2030-01-01T10:00:00Z", ends_at: "2030-01-01T11:00:00Z" };
      return api(sim, "POST", `/buckets/${p.id}/schedules/${tool("Schedule").id}/entries.json`, { ...when, description: html });
    },
    update: (sim, id, html) =>
      api(sim, "PUT", `/buckets/${project(sim).p.id}/schedule_entries/${id}.json`, { summary: "Rich entry", starts_at: "2030-01-01T10:00:00Z", ends_at: "2030-01-01T11:00:00Z", description: html }),
    path: (id) => `/schedule_entries/${id}.json`,
  },
  {
    name: "card",
    field: "description",
    create: (sim, html) => {
      const { p, tool } = project(sim);
      const col = sim.store.childrenOf(tool("Kanban::Board").id, ["Kanban::Column"])[0];
      return api(sim, "POST", `/buckets/${p.id}/card_tables/lists/${col.id}/cards.json`, { title: "Rich card", content: html });
    },
    update: (sim, id, html) => api(sim, "PUT", `/buckets/${project(sim).p.id}/card_tables/cards/${id}.json`, { content: html }),
    path: (id) => `/card_tables/cards/${id}.json`,
  },
  {
    name: "question answer",
    field: "content",
    create: (sim, html) => {
      const { p, tool } = project(sim);
      const q = sim.store.childrenOf(tool("Questionnaire").id, ["Question"])[0];
      return api(sim, "POST", `/buckets/${p.id}/questions/${q.id}/answers.json`, { question_answer: { content: html } });
    },
    update: async (sim, id, html) => {
      const put = await api(sim, "PUT", `/buckets/${project(sim).p.id}/question_answers/${id}.json`, { question_answer: { content: html } });
      return put.status === 204 ? api(sim, "GET", `/question_answers/${id}.json`) : put;
    },
    path: (id) => `/question_answers/${id}.json`,
  },
  {
    name: "upload",
    field: "description",
    create: async (sim, html) => {
      const { p, tool } = project(sim);
      const file = await attach(sim, "file.txt");
      return api(sim, "POST", `/buckets/${p.id}/vaults/${tool("Vault").id}/uploads.json`, { attachable_sgid: file.attachable_sgid, description: html });
    },
    update: (sim, id, html) => api(sim, "PUT", `/buckets/${project(sim).p.id}/uploads/${id}.json`, { description: html }),
    path: (id) => `/uploads/${id}.json`,
  },
];

async function attach(sim: InProcessSimulator, name: string, text = "some bytes", type = "text/plain"): Promise<any> {
  const r = await api(sim, "POST", `/attachments.json?name=${encodeURIComponent(name)}`, text, { "Content-Type": type, "Content-Length": String(Buffer.byteLength(text)) });
  expect(r.status).toBe(201);
  return r.body;
}

const embed = (sgid: string, caption = "") => `<div>See <bc-attachment sgid="${sgid}"${caption ? ` caption="${caption}"` : ""}></bc-attachment></div>`;

describe("rich text is sanitised to Basecamp's allowed tags", () => {
  for (const kind of KINDS) {
    it(`${kind.name}: strips script, style, img, onclick and javascript: links on create and update, keeping text and allowed tags`, async () => {
      const sim = newSim();
      const created = await kind.create(sim, NASTY);
      expect(created.status, created.text).toBe(201);
      expect(created.body[kind.field]).toBe(CLEAN);
      expect(created.body[kind.field]).not.toMatch(/script|onclick|onerror|<img|style|javascript:|<p>/);
      const shown = await api(sim, "GET", kind.path(created.body.id));
      expect(shown.body[kind.field]).toBe(CLEAN);

      const updated = await kind.update(sim, created.body.id, '<h1 class="x">Title</h1><em>it<blockquote>q</em></blockquote><IMG SRC="x.png"><SCRIPT>bad()</SCRIPT>tail');
      expect([200, 204]).toContain(updated.status);
      const after = await api(sim, "GET", kind.path(created.body.id));
      expect(after.body[kind.field]).toBe("<h1>Title</h1><em>it<blockquote>q</blockquote></em>tail");
    });
  }

  it("keeps rich campfire lines to the allowed tags plus a chatbot's tables; plain lines stay text", async () => {
    const sim = newSim();
    const { p, tool } = project(sim);
    const chat = tool("Chat::Transcript");
    const rich = await api(sim, "POST", `/buckets/${p.id}/chats/${chat.id}/lines.json`, {
      content: '<table onclick="x()"><tr><td>1</td></tr></table><script>alert(1)</script><img src=x>ok',
      content_type: "text/html",
    });
    expect(rich.status).toBe(201);
    expect(rich.body.content).toBe("<table><tr><td>1</td></tr></table>ok");
    const plain = await api(sim, "POST", `/buckets/${p.id}/chats/${chat.id}/lines.json`, { content: "a <b> c" });
    expect(plain.body.content).toBe("a <b> c");
  });
});

describe("*_attachments siblings", () => {
  it("every rich field carries its sibling, empty when nothing is embedded", async () => {
    const sim = newSim();
    for (const kind of KINDS) {
      const created = await kind.create(sim, "<div>plain</div>");
      expect(created.status, `${kind.name}: ${created.text}`).toBe(201);
      expect(created.body[`${kind.field}_attachments`], kind.name).toEqual([]);
      const shown = await api(sim, "GET", kind.path(created.body.id));
      expect(shown.body[`${kind.field}_attachments`], kind.name).toEqual([]);
    }
  });

  it("lists an embedded file on several kinds, shaped like RichTextAttachment, on create, show and lists", async () => {
    const sim = newSim();
    for (const kind of KINDS.filter((k) => ["to-do", "message", "comment", "document", "schedule entry", "card", "question answer", "upload"].includes(k.name))) {
      const file = await attach(sim, `${kind.name}.png`, "PNGDATA", "image/png");
      const created = await kind.create(sim, embed(file.attachable_sgid, "A picture"));
      expect(created.status, `${kind.name}: ${created.text}`).toBe(201);
      expect(created.body[kind.field]).toBe(`<div>See <bc-attachment sgid="${file.attachable_sgid}" caption="A picture"></bc-attachment></div>`);
      const list = created.body[`${kind.field}_attachments`];
      expect(list, kind.name).toHaveLength(1);
      expect(list[0]).toMatchObject({ sgid: file.attachable_sgid, filename: `${kind.name}.png`, content_type: "image/png", byte_size: 7, previewable: true });
      expect(String(list[0].id)).toBe(String(file.id));
      for (const key of ["download_url", "preview_url", "thumbnail_url"]) expect(typeof list[0][key]).toBe("string");
      const bytes = await sim.fetch(list[0].download_url, { headers: { "User-Agent": "t (t@example.com)", Authorization: `Bearer ${sim.adminToken}` } });
      expect(await bytes.text()).toBe("PNGDATA");
      const shown = await api(sim, "GET", kind.path(created.body.id));
      expect(shown.body[`${kind.field}_attachments`].map((a: any) => a.sgid)).toEqual([file.attachable_sgid]);
    }
    // Cross-cutting lists (recordings) show the sibling too.
    const p = project(sim).p;
    const docs = await api(sim, "GET", `/projects/recordings.json?type=Document&bucket=${p.id}`);
    const mine = docs.body.find((d: any) => d.title === "Rich doc");
    expect(mine.content_attachments).toHaveLength(1);
  });

  it("keeps an embedded file when the record is updated with the same sgid", async () => {
    const sim = newSim();
    const kind = KINDS.find((k) => k.name === "message")!;
    const file = await attach(sim, "keep.txt");
    const created = await kind.create(sim, embed(file.attachable_sgid));
    const again = await kind.update(sim, created.body.id, `<div>Edited</div>${embed(file.attachable_sgid)}`);
    expect(again.status, again.text).toBe(200);
    expect(again.body.content_attachments.map((a: any) => a.sgid)).toEqual([file.attachable_sgid]);
  });

  it("lets a person mention (their attachable_sgid) through without listing it as a file", async () => {
    const sim = newSim();
    const person = [...sim.store.people.values()][0];
    const kind = KINDS.find((k) => k.name === "comment")!;
    const one = await kind.create(sim, embed(person.attachableSgid));
    const two = await kind.create(sim, embed(person.attachableSgid));
    expect(one.status).toBe(201);
    expect(two.status).toBe(201);
    expect(two.body.content).toContain(`sgid="${person.attachableSgid}"`);
    expect(two.body.content_attachments).toEqual([]);
  });
});

describe("attachment sgids must exist and are used once", () => {
  it("refuses an unknown sgid with 422 naming the field, on create and update", async () => {
    const sim = newSim();
    for (const kind of KINDS.filter((k) => ["to-do", "document", "card", "schedule entry"].includes(k.name))) {
      const bad = await kind.create(sim, embed("no-such-sgid"));
      expect(bad.status, kind.name).toBe(422);
      const field = kind.name === "card" ? "content" : kind.field;
      expect(bad.body.errors[field][0]).toMatch(/no-such-sgid.*names no attachment/);
      expect(bad.body.error).toContain(field);
    }
    const kind = KINDS.find((k) => k.name === "comment")!;
    const ok = await kind.create(sim, "<div>fine</div>");
    const before = sim.store.recordings.get(BigInt(ok.body.id))!.content;
    const bad = await kind.update(sim, ok.body.id, embed("nope"));
    expect(bad.status).toBe(422);
    expect(bad.body.errors.content[0]).toContain("nope");
    expect(sim.store.recordings.get(BigInt(ok.body.id))!.content).toBe(before);
  });

  it("refuses an sgid another record already uses (rich text or an upload's file), with 422", async () => {
    const sim = newSim();
    const file = await attach(sim, "once.txt");
    const message = KINDS.find((k) => k.name === "message")!;
    const doc = KINDS.find((k) => k.name === "document")!;
    const first = await message.create(sim, embed(file.attachable_sgid));
    expect(first.status).toBe(201);

    const second = await doc.create(sim, embed(file.attachable_sgid));
    expect(second.status).toBe(422);
    expect(second.body.errors.content[0]).toMatch(/already used/);
    const otherMessage = await message.create(sim, "<div>x</div>");
    const reuseOnUpdate = await message.update(sim, otherMessage.body.id, embed(file.attachable_sgid));
    expect(reuseOnUpdate.status).toBe(422);

    // An sgid used in rich text cannot become an upload's file, and an upload's file cannot be embedded.
    const { p, tool } = project(sim);
    const asUpload = await api(sim, "POST", `/buckets/${p.id}/vaults/${tool("Vault").id}/uploads.json`, { attachable_sgid: file.attachable_sgid });
    expect(asUpload.status).toBe(422);
    const fileOfUpload = await attach(sim, "upload.txt");
    const up = await api(sim, "POST", `/buckets/${p.id}/vaults/${tool("Vault").id}/uploads.json`, { attachable_sgid: fileOfUpload.attachable_sgid });
    expect(up.status).toBe(201);
    const embedUploadFile = await doc.create(sim, embed(fileOfUpload.attachable_sgid));
    expect(embedUploadFile.status).toBe(422);
  });

  it("remembers which record uses an attachment across a state-file round trip", async () => {
    const sim = newSim();
    const file = await attach(sim, "kept.txt");
    const created = await KINDS.find((k) => k.name === "document")!.create(sim, embed(file.attachable_sgid));
    expect(created.status).toBe(201);
    const restored = new Store();
    restoreStore(restored, serializeStore(sim.store), "state.json");
    expect(restored.attachments.get(file.attachable_sgid)?.usedById).toBe(BigInt(created.body.id));
  });

  it("a refused write consumes nothing: the sgid stays free for the next record", async () => {
    const sim = newSim();
    const file = await attach(sim, "free.txt");
    const kind = KINDS.find((k) => k.name === "to-do")!;
    const refused = await kind.create(sim, `${embed(file.attachable_sgid)}${embed("missing")}`);
    expect(refused.status).toBe(422);
    const ok = await kind.create(sim, embed(file.attachable_sgid));
    expect(ok.status, ok.text).toBe(201);
    expect(ok.body.description_attachments.map((a: any) => a.sgid)).toEqual([file.attachable_sgid]);
  });
});
