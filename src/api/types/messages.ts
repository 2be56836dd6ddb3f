// Campfires and their lines; message boards, messages, message types; comments.
import type { Id, Recording, Status } from "./common.js";

export interface Campfire extends Recording {
  position: number;
  topic: string;
  lines_url: string;
  files_url: string;
}

export interface CampfireLineAttachment {
  title: string;
  url: string;
  filename: string;
  content_type: string;
  byte_size: number;
  download_url: string;
}

export interface CampfireLine extends Recording {
  /** "Chat::Lines::Text" | "Chat::Lines::RichText" | "Chat::Lines::Upload" */
  type: string;
  content: string;
  /** Upload lines: the file. */
  attachments?: CampfireLineAttachment[];
}

export interface MessageBoard extends Recording {
  position: number;
  messages_count: number;
  messages_url: string;
  app_messages_url: string;
}

export interface MessageType {
  id: Id;
  name: string;
  /** An emoji. */
  icon: string;
  created_at: string;
  updated_at: string;
}

export interface Message extends Recording {
  content: string;
  subject: string;
  category?: MessageType | null;
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

export interface Comment extends Recording {
  /** Rich text (HTML). */
  content: string;
}

export interface MessageListOptions {
  sort?: "created_at" | "updated_at";
  direction?: "desc" | "asc";
  status?: Status;
}
