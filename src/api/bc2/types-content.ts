// Basecamp 2 messages, topics, comments, documents, attachments, uploads, tags and forwards.
import type { Id } from "../../http/json.js";
import type {
  Bc2AttachedFile,
  Bc2Bucket,
  Bc2Discussion,
  Bc2PersonRef,
  Bc2RecordRef,
  Bc2TokenAttachment,
} from "./types-common.js";

// ---- messages ----

/** One message with its comments (GetMessage, CreateMessage, UpdateMessage). Messages are listed as topics. */
export interface Bc2Message extends Bc2Discussion {
  id: Id;
  subject: string;
  content: string;
  created_at: string;
  updated_at: string;
  creator: Bc2PersonRef;
  private?: boolean;
  trashed?: boolean;
  attachments?: Bc2AttachedFile[];
}

/** CreateMessage's body; `subscribers` are people IDs to notify. */
export interface Bc2NewMessage {
  subject: string;
  content?: string;
  subscribers?: Id[];
  attachments?: Bc2TokenAttachment[];
  private?: boolean;
}

/** UpdateMessage's body. */
export interface Bc2MessageChanges {
  subject?: string;
  content?: string;
  private?: boolean;
}

// ---- topics ----

/**
 * Anything people comment on, as ListTopics & co. list it: always messages, other kinds once
 * they have a comment. `bucket` only when listed account-wide.
 */
export interface Bc2Topic {
  id: Id;
  /** The commented record's title. */
  title: string;
  /** From the latest comment. */
  excerpt: string;
  created_at: string;
  updated_at: string;
  /** How many attachments (a count, not a list). */
  attachments: number;
  private: boolean;
  trashed: boolean;
  /** Older revisions of the docs show it. */
  creator?: Bc2PersonRef;
  /** Who wrote the latest comment (or the record, if none). */
  last_updater: Bc2PersonRef;
  topicable: Bc2RecordRef;
  bucket?: Bc2Bucket;
}

// ---- comments ----

/** CreateComment's body; `subscribers` are people IDs to notify. */
export interface Bc2NewComment {
  content: string;
  subscribers?: Id[];
  attachments?: Bc2TokenAttachment[];
}

// ---- documents ----

/** A document in ListDocuments / ListAllDocuments (`bucket` only account-wide). */
export interface Bc2DocumentSummary {
  id: Id;
  title: string;
  created_at: string;
  updated_at: string;
  url: string;
  app_url: string;
  private: boolean;
  trashed: boolean;
  bucket?: Bc2Bucket;
}

/** One document with its content and comments (latest version only). */
export interface Bc2Document extends Bc2Discussion {
  id: Id;
  title: string;
  /** HTML. */
  content: string;
  created_at: string;
  updated_at: string;
  private: boolean;
  trashed: boolean;
  last_updater: Bc2PersonRef;
  url?: string;
  app_url?: string;
}

/** CreateDocument's body. */
export interface Bc2NewDocument {
  title: string;
  content?: string;
  private?: boolean;
}

/** UpdateDocument's body. */
export interface Bc2DocumentChanges {
  title?: string;
  content?: string;
  private?: boolean;
}

// ---- attachments, uploads, tags ----

/** An attachment with what it is attached to (ListAttachments, GetAttachment, tag lists). */
export interface Bc2Attachment extends Bc2AttachedFile {
  id: Id;
  updated_at: string;
  thumbnail_url?: string;
  private: boolean;
  trashed: boolean;
  /** Tag ("file label") names. */
  tags: Bc2Tag[];
  attachable: Bc2RecordRef;
  /** Linked files (e.g. Google Docs) only: source, kind and where it lives. */
  linked_source?: string;
  linked_type?: string;
  link_url?: string;
}

/** UpdateAttachment's body: the new file name (linked files can't be renamed). */
export interface Bc2AttachmentChanges {
  name: string;
}

/** An entry of a project's Files (GetUpload, CreateUpload): one file plus a note and comments. */
export interface Bc2Upload extends Bc2Discussion {
  id: Id;
  content: string;
  created_at: string;
  updated_at: string;
  private?: boolean;
  trashed: boolean;
  attachments: Bc2AttachedFile[];
}

/** CreateUpload's body. */
export interface Bc2NewUpload {
  content?: string;
  /** Exactly one file, though it is an array (one upload per file). */
  attachments: Bc2TokenAttachment[];
  subscribers?: Id[];
  private?: boolean;
}

/** A tag ("file label") is known by its name only; names are case-insensitive and must be URL-encoded in paths. */
export type Bc2Tag = string;

/** TagAttachment's body. */
export interface Bc2NewTag {
  name: Bc2Tag;
}

/** UpdateAttachmentTag / RenameTag body: the new name. */
export interface Bc2TagChanges {
  name: Bc2Tag;
}

// ---- forwards ----

/** An email forwarded into a project, in ListForwards / ListAllForwards (`bucket` only account-wide). */
export interface Bc2ForwardSummary {
  id: Id;
  subject: string;
  /** Sender, e.g. "Name (address)"; null when unknown. */
  from: string | null;
  created_at: string;
  updated_at: string;
  private: boolean;
  trashed: boolean;
  url: string;
  app_url: string;
  bucket?: Bc2Bucket;
}

/** One forward with its text and HTML bodies, files and comments (GetForward). */
export interface Bc2Forward extends Bc2Discussion {
  id: Id;
  subject: string;
  from: string | null;
  created_at: string;
  updated_at: string;
  private: boolean;
  trashed: boolean;
  content: string;
  content_html: string;
  creator: Bc2PersonRef;
  attachments: Bc2AttachedFile[];
  bucket: Bc2Bucket;
}
