// Campfires and their lines; message boards, messages, message types; comments. Derived from
// the reference schemas of the same names (./schemas.ts; checked in reference-check.ts).
import type { Id, ParentRef, Recording, Status } from "./common.js";
import type { Rest, RichTextAttachment, Schema } from "./schemas.js";

export interface Campfire extends Recording, Rest<Schema<"Campfire">, Recording> {
  position: number;
  topic: string;
  lines_url: string;
  files_url: string;
}

export interface CampfireLineAttachment extends Schema<"CampfireLineAttachment"> {
  title: string;
  url: string;
  filename: string;
  content_type: string;
  byte_size: number;
  download_url: string;
}

export interface CampfireLine extends Recording, Rest<Schema<"CampfireLine">, Recording> {
  /** "Chat::Lines::Text" | "Chat::Lines::RichText" | "Chat::Lines::Upload" */
  type: string;
  /** The campfire. */
  parent: ParentRef;
  content: string;
  /** Upload lines: the file. */
  attachments?: CampfireLineAttachment[];
}

export interface MessageBoard extends Recording, Rest<Schema<"MessageBoard">, Recording> {
  position: number;
  messages_count: number;
  messages_url: string;
  app_messages_url: string;
}

export interface MessageType extends Schema<"MessageType"> {
  id: Id;
  name: string;
  /** An emoji. */
  icon: string;
  created_at: string;
  updated_at: string;
}

export interface Message extends Recording, Rest<Schema<"Message">, Recording> {
  parent: ParentRef;
  content: string;
  content_attachments: RichTextAttachment[];
  subject: string;
  /** The message type; left out when the message has none. */
  category?: MessageType;
  pinned?: boolean;
}

export interface NewMessage {
  subject: string;
  /** Rich text (HTML). */
  content?: string;
  /** Always "active" (the default here). */
  status?: "active";
  category_id?: Id | null;
  /** People to notify and subscribe; left out, everyone on the project is. */
  subscriptions?: Id[];
}

export interface MessageUpdate {
  subject?: string;
  content?: string;
  category_id?: Id | null;
}

export interface NewMessageType {
  name: string;
  icon: string;
}

export interface Comment extends Recording, Rest<Schema<"Comment">, Recording> {
  /** The recording commented on. */
  parent: ParentRef;
  /** Rich text (HTML). */
  content: string;
  content_attachments: RichTextAttachment[];
}

export interface MessageListOptions {
  sort?: "created_at" | "updated_at";
  direction?: "desc" | "asc";
  status?: Status;
}
