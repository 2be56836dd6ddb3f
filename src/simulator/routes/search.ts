// Full-text search over a person's visible, active content, and the search metadata.
import { escapeHtml } from "../internal/html.js";
import type { Sim, SimContext } from "../context.js";
import { badRequest, requestedPage, sendJson } from "../internal/respond.js";
import { renderRecording } from "../render.js";
import type { Id, RecType, Recording } from "../store/model.js";
import { type ApiRouter, canSeeProject, renderCtx, toId } from "../router.js";
import { sortByTime } from "../router.js";

const CHAT_LINES: readonly RecType[] = ["Chat::Lines::Text", "Chat::Lines::RichText", "Chat::Lines::Upload"];

/** Search type keys (metadata `key`) → the stored types they cover. */
const TYPE_KEYS: Record<string, readonly RecType[]> = {
  "Kanban::Card": ["Kanban::Card"],
  "Chat::Transcript": CHAT_LINES,
  Question: ["Question", "Question::Answer"],
  "Client::Correspondence": [],
  Comment: ["Comment"],
  Document: ["Document"],
  "Schedule::Entry": ["Schedule::Entry"],
  Attachment: ["Upload"],
  Vault: ["Vault"],
  "Inbox::Forward": [],
  Message: ["Message"],
  Circle: [],
  Todo: ["Todo"],
  // Accepted too: the stored type names the metadata does not list.
  Upload: ["Upload"],
  Todolist: ["Todolist"],
  "Kanban::Step": ["Kanban::Step"],
  "Question::Answer": ["Question::Answer"],
};

const METADATA_TYPES: Array<[string, string]> = [
  ["Kanban::Card", "Cards"],
  ["Chat::Transcript", "Chats"],
  ["Question", "Check-ins"],
  ["Client::Correspondence", "Client updates"],
  ["Comment", "Comments"],
  ["Document", "Documents"],
  ["Schedule::Entry", "Events"],
  ["Attachment", "Files"],
  ["Vault", "Folders"],
  ["Inbox::Forward", "Forwards"],
  ["Message", "Messages"],
  ["Circle", "Pings"],
  ["Todo", "To-dos"],
];

const FILE_TYPES: Record<string, { label: string; test: (ct: string) => boolean }> = {
  Image: { label: "Images", test: (ct) => ct.startsWith("image/") },
  Audio: { label: "Audio", test: (ct) => ct.startsWith("audio/") },
  Video: { label: "Videos", test: (ct) => ct.startsWith("video/") },
  PDF: { label: "PDFs", test: (ct) => ct === "application/pdf" },
};

const SEARCHABLE: readonly RecType[] = [
  "Todo", "Todolist", "Message", "Comment", "Document", "Upload", "Vault", "Schedule::Entry",
  "Kanban::Card", "Kanban::Step", "Question", "Question::Answer", ...CHAT_LINES,
];

/** Types whose `content` is plain text (everywhere else it is rich text HTML). */
const PLAIN_CONTENT = new Set<RecType>(["Todo", "Chat::Lines::Text"]);

function contentText(rec: Recording): string {
  const v = rec.content ?? "";
  return PLAIN_CONTENT.has(rec.type) ? v.replace(/\s+/g, " ").trim() : plainText(v);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Rich text → plain text: tags out (block ends become spaces), entities decoded. */
export function plainText(html: string): string {
  return html
    .replace(/<(br|\/div|\/p|\/li|\/h1|\/blockquote|\/pre)\b[^>]*>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === "#") {
        const n = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, " ")
    .trim();
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Plain text, HTML-escaped, with each matched term wrapped in `<em>`. */
export function highlight(plain: string, terms: readonly string[]): string {
  if (!terms.length) return escapeHtml(plain);
  const re = new RegExp([...terms].sort((a, b) => b.length - a.length).map(escapeRe).join("|"), "giu");
  let out = "";
  let last = 0;
  for (const m of plain.matchAll(re)) {
    out += escapeHtml(plain.slice(last, m.index)) + `<em>${escapeHtml(m[0])}</em>`;
    last = m.index + m[0].length;
  }
  return out + escapeHtml(plain.slice(last));
}

function idParam(c: SimContext, name: string): Id | undefined {
  const raw = c.req.query(name);
  if (raw === undefined || raw === "") return undefined;
  const id = toId(raw);
  if (id === undefined) throw badRequest(`${name} must be a numeric ID (got ${JSON.stringify(raw)})`);
  return id;
}

function perPageOf(c: SimContext): number {
  const raw = c.req.query("per_page");
  if (raw === undefined || raw === "") return 50;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw badRequest(`per_page must be a whole number from 1 up (got ${JSON.stringify(raw)})`);
  return Math.min(n, 100);
}

interface Haystack {
  title: string;
  content: string | undefined;
  description: string | undefined;
  text: string;
}

/**
 * Lower-cased searchable text per recording, kept until its title, content or
 * description changes: stripping HTML from 100k descriptions on every query is slow.
 */
const haystacks = new WeakMap<Recording, Haystack>();

function haystackOf(rec: Recording): string {
  const h = haystacks.get(rec);
  if (h && h.title === rec.title && h.content === rec.content && h.description === rec.description) return h.text;
  const text = [rec.title, contentText(rec), rec.description ? plainText(rec.description) : ""].join("\n").toLowerCase();
  haystacks.set(rec, { title: rec.title, content: rec.content, description: rec.description, text });
  return text;
}

/** Does every term occur (case-insensitively) in the title, content or description? */
function matches(rec: Recording, terms: readonly string[]): boolean {
  const text = haystackOf(rec);
  for (const t of terms) if (!text.includes(t)) return false;
  return true;
}

export function register(r: ApiRouter, sim: Sim): void {
  void sim;

  r.get(
    "/search",
    (c) => {
      const store = c.var.sim.store;
      const q = c.req.query("q");
      if (q === undefined || q.trim() === "") throw badRequest("q is required: the words to search for.");
      const terms = [...new Set(q.trim().toLowerCase().split(/\s+/))];
      const typeKey = c.req.query("type");
      let types = SEARCHABLE;
      if (typeKey !== undefined && typeKey !== "") {
        const t = TYPE_KEYS[typeKey];
        if (!t) throw badRequest(`type must be one of ${Object.keys(TYPE_KEYS).join(", ")} (got ${JSON.stringify(typeKey)})`);
        types = t;
      }
      const fileKey = c.req.query("file_type");
      let fileTest: ((ct: string) => boolean) | undefined;
      if (fileKey !== undefined && fileKey !== "") {
        const f = FILE_TYPES[fileKey];
        if (!f) throw badRequest(`file_type must be one of ${Object.keys(FILE_TYPES).join(", ")} (got ${JSON.stringify(fileKey)})`);
        fileTest = f.test;
      }
      if (c.req.query("exclude_chat") === "1" || c.req.query("exclude_chat") === "true") types = types.filter((t) => !CHAT_LINES.includes(t));
      const bucketId = idParam(c, "bucket_id");
      const creatorId = idParam(c, "creator_id");
      const perPage = perPageOf(c);
      const page = requestedPage(c);

      const projects = new Set<Id>();
      for (const p of store.projects.values()) {
        if (p.status === "active" && canSeeProject(c, p) && (bucketId === undefined || p.id === bucketId)) projects.add(p.id);
      }
      const found: Recording[] = [];
      for (const type of types) {
        for (const rec of store.ofType(type)) {
          if (rec.status !== "active" || rec.parentId === null || !projects.has(rec.bucketId)) continue;
          if (creatorId !== undefined && rec.creatorId !== creatorId) continue;
          if (fileTest && !(rec.contentType && fileTest(rec.contentType))) continue;
          if (matches(rec, terms)) found.push(rec);
        }
      }
      const sorted = sortByTime(found, "updatedAt", -1);

      const start = (page - 1) * perPage;
      const slice = sorted.slice(start, start + perPage);
      const headers: Record<string, string> = { "X-Total-Count": String(found.length) };
      if (start + perPage < found.length) {
        const url = new URL(c.req.url);
        url.searchParams.set("page", String(page + 1));
        headers.Link = `<${url.toString()}>; rel="next"`;
      }
      const ctx = renderCtx(c);
      const body = slice.map((rec) => ({
        // The reference requires both on every result; a record without one sends null/"".
        content: null,
        description: "",
        ...renderRecording(ctx, rec),
        // Plain strings in the reference: a record without the field leaves its plain text out.
        ...(rec.content !== undefined ? { plain_text_content: highlight(contentText(rec), terms) } : {}),
        ...(rec.description !== undefined ? { plain_text_description: highlight(plainText(rec.description), terms) } : {}),
      }));
      const lastModified = slice.reduce<number | undefined>((m, rec) => Math.max(m ?? 0, rec.updatedAt), undefined);
      return sendJson(c, body, { headers, lastModified });
    },
    { forms: "flat" },
  );

  r.get(
    "/searches/metadata",
    (c) =>
      sendJson(c, {
        recording_search_types: METADATA_TYPES.map(([key, value]) => ({ key, value })),
        file_search_types: Object.entries(FILE_TYPES).map(([key, f]) => ({ key, value: f.label })),
        default_type_label: "Everything",
        default_bucket_label: "All projects",
        default_creator_label: "Anyone",
        default_circle_label: "Everyone",
        default_file_type_label: "All files",
      }),
    { forms: "flat" },
  );
}
