// Docs & Files: vaults (folders), documents, uploads, and raw attachments, derived from the
// reference schemas Vault, Document, Upload, UploadVersion(File) and CreateAttachmentResponseContent
// (./schemas.ts; checked in reference-check.ts).
import type { Id, ParentRef, Recording } from "./common.js";
import type { RecordingEvent } from "./misc.js";
import type { Rest, RichTextAttachment, Schema } from "./schemas.js";

export interface Vault extends Recording, Rest<Schema<"Vault">, Recording> {
  position: number;
  documents_count: number;
  documents_url: string;
  uploads_count: number;
  uploads_url: string;
  vaults_count: number;
  vaults_url: string;
}

export interface Document extends Recording, Rest<Schema<"Document">, Recording> {
  parent: ParentRef;
  position: number;
  /** Rich text (HTML). */
  content: string;
  content_attachments: RichTextAttachment[];
}

export interface Upload extends Recording, Rest<Schema<"Upload">, Recording> {
  parent: ParentRef;
  position: number;
  description: string;
  description_attachments: RichTextAttachment[];
  content_type: string;
  /** Bytes (an int64 `Id` in the reference; no file is near 2^53 bytes). */
  byte_size: number;
  filename: string;
  download_url: string;
  app_download_url: string;
  /** Images only (plain integers in the reference: other files leave both out). */
  width?: number;
  height?: number;
}

/**
 * What POST /attachments.json answers: an uploaded file not yet placed anywhere (reference
 * `CreateAttachmentResponseContent`, which names only `attachable_sgid`).
 */
export interface Attachment extends Schema<"CreateAttachmentResponseContent"> {
  id: Id;
  /** Use in an upload (`uploads.create`) or a `<bc-attachment sgid>` in rich text. */
  attachable_sgid: string;
  sgid?: string;
  status_url?: string;
  caption: string | null;
  byte_size: number;
  content_type: string;
  width: number | null;
  height: number | null;
  key?: string;
  filename: string;
  download_url: string;
  previewable: boolean;
  preview_url: string | null;
  thumbnail_url: string | null;
}

export interface NewDocument {
  title: string;
  /** Rich text (HTML). */
  content: string;
  status?: "active" | "drafted";
}

export interface DocumentUpdate {
  title: string;
  /** null clears it. */
  content?: string | null;
}

export interface NewUpload {
  /** From `attachments.upload(…)`; each attachment can be used once. */
  attachable_sgid: string;
  description?: string;
  /** New file name without its extension. */
  base_name?: string;
}

/** A new file for an upload (`uploads.replaceFile`): the upload keeps its id. */
export interface NewUploadVersion {
  /** From `attachments.upload(…)`; each attachment can be used once. */
  attachable_sgid: string;
  /** New file name without its extension. */
  base_name?: string;
}

/** The file an upload had at one version. */
export interface UploadVersionFile extends Schema<"UploadVersionFile"> {
  content_type?: string;
  byte_size?: number;
  filename: string;
  download_url: string;
  app_download_url: string;
  /** True on the version the upload holds now. */
  current: boolean;
}

/** An item of an upload's versions: the event that made the version, and its file. */
export interface UploadVersion extends RecordingEvent, Rest<Schema<"UploadVersion">, RecordingEvent> {
  upload?: UploadVersionFile;
}

export interface UploadUpdate {
  /** null clears it. */
  description?: string | null;
  base_name?: string;
}

export interface FileOptions {
  /** File name Basecamp stores, e.g. "report.pdf". */
  name: string;
  /** MIME type, e.g. "application/pdf" (default application/octet-stream). */
  contentType?: string;
  signal?: AbortSignal;
}
