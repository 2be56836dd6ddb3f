// Chatbots (campfire integrations). A chatbot belongs to the whole account; it is read and
// managed through any campfire, which gives it that campfire's `lines_url`: a URL with the
// chatbot's own key, through which it posts lines without an OAuth token. Only admins and
// the owner may create, change or delete chatbots (every edit is account-wide).
import { registerCollection, type FieldReader } from "../crud.js";
import type { SimContext } from "../context.js";
import { notFound, sendJson, validationFailed } from "../internal/respond.js";
import { apiBase, appBase, iso, renderRecording, type Json, type RenderCtx } from "../render.js";
import { claimAttachments, richText } from "../rich-text-fields.js";
import { bodyOf, findRecording, renderCtx, requireWritable, toId, type ApiRouter } from "../router.js";
import type { Id, Item, Recording } from "../store/model.js";
import { randomToken } from "../store/auth.js";
import type { Store } from "../store/store.js";

const COLLECTION = "chatbots";

/** The path a chatbot posts lines to (no token: the key authenticates it); see app.ts. */
export const CHATBOT_LINES_PATH = /^\/\d+\/integrations\/[^/]+\/buckets\/\d+\/chats\/\d+\/lines(\.json)?$/;

function renderChatbot(ctx: RenderCtx, bot: Item, chat: Recording): Json {
  const at = `buckets/${chat.bucketId}/chats/${chat.id}`;
  return {
    id: bot.id,
    created_at: iso(bot.createdAt),
    updated_at: iso(bot.updatedAt),
    service_name: bot.service_name,
    command_url: bot.command_url ?? "",
    url: `${apiBase(ctx)}/${at}/integrations/${bot.id}.json`,
    app_url: `${appBase(ctx)}/${at}/integrations/${bot.id}`,
    lines_url: `${apiBase(ctx)}/integrations/${bot.key}/${at}/lines`,
  };
}

/** `service_name`: a single word (it is how people address the bot, `!name`); always required. */
const serviceName: FieldReader = (body, f) => {
  const name = body[f];
  if (name === undefined || name === null || name === "") throw validationFailed({ [f]: ["can't be blank"] });
  if (typeof name !== "string" || !/^\w+$/u.test(name)) throw validationFailed({ [f]: ["may contain only letters, digits and underscores (no spaces, emoji or punctuation)"] });
  return name;
};

const commandUrl: FieldReader = (body, f) => {
  const url = body[f];
  if (url === undefined || url === null) return undefined;
  if (typeof url !== "string") throw validationFailed({ [f]: ["must be a string"] });
  if (url !== "" && !/^https:\/\/[^\s/]+/i.test(url)) throw validationFailed({ [f]: ["must be an HTTPS URL"] });
  return url;
};

const chatbotFields = (f: { service_name?: unknown; command_url?: unknown; key?: string }) => ({ service_name: f.service_name, command_url: f.command_url ?? "", key: f.key ?? randomToken(18) });

/** Make a chatbot (used by the seed). */
export function addChatbot(store: Store, fields: { service_name: string; command_url?: string; key?: string; creatorId: Id }): Item {
  return store.addItem(COLLECTION, { ...chatbotFields(fields), creatorId: fields.creatorId });
}

/** POST /integrations/{key}/buckets/{b}/chats/{c}/lines: a line written by the chatbot. */
function postLine(c: SimContext): Response {
  const store = c.var.sim.store;
  const key = c.req.param("chatbotKey");
  const bot = [...store.collection(COLLECTION).values()].find((b) => b.key === key);
  if (!bot) throw notFound();
  const chatId = toId(c.req.param("campfireId"));
  const chat = chatId === undefined ? undefined : store.getRecording(chatId);
  const project = chat ? store.getProject(chat.bucketId) : undefined;
  if (!chat || chat.type !== "Chat::Transcript" || chat.bucketId !== toId(c.req.param("bucketId")) || chat.status === "trashed" || !project || project.status === "trashed") throw notFound();
  requireWritable(chat);
  const raw = bodyOf(c).content;
  if (typeof raw !== "string" || raw.trim() === "") throw validationFailed({ content: ["can't be blank"] });
  // Chatbot lines are rich text, with tables and <details> allowed as well.
  const content = richText(store, "content", raw, { chat: true });
  const line = store.insertRecording({ type: "Chat::Lines::RichText", bucketId: chat.bucketId, parentId: chat.id, creatorId: bot.id, title: content, content });
  claimAttachments(store, line);
  return sendJson(c, renderRecording(renderCtx(c), line), { status: 201 });
}

export function register(r: ApiRouter): void {
  registerCollection(r, {
    what: "chatbot",
    collection: COLLECTION,
    paths: { list: "/chats/:campfireId/integrations", create: "/chats/:campfireId/integrations", item: "/chats/:campfireId/integrations/:chatbotId" },
    forms: "bucket",
    parentOf(c) {
      const chat = findRecording(c, "campfireId", ["Chat::Transcript"]);
      if (chat.status === "trashed") throw notFound();
      return chat;
    },
    writers: "admins",
    forbidden: "Only admins and the account owner can manage chatbots: they are shared by the whole account.",
    wrap: "chatbot",
    fields: { service_name: serviceName, command_url: commandUrl },
    order: (a, b) => b.createdAt - a.createdAt,
    create: (_c, f) => chatbotFields(f),
    render: (ctx, bot, { parent }) => renderChatbot(ctx, bot, parent),
  });
  r.post("/integrations/:chatbotKey/buckets/:bucketId/chats/:campfireId/lines", postLine, { forms: "flat" });
}

/** Two chatbots for the account (fixed keys from the seed's random stream). */
export function seedChatbots(store: Store, rnd: () => number): void {
  const owner = store.account.ownerId;
  const key = () => Array.from({ length: 24 }, () => "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"[Math.floor(rnd() * 56)]).join("");
  addChatbot(store, { service_name: "deploybot", command_url: "https://example.com/deploybot/command", key: key(), creatorId: owner });
  addChatbot(store, { service_name: "standup", key: key(), creatorId: owner });
}
