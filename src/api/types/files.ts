// Docs & Files: vaults (folders), documents, uploads, and raw attachments.
import type { Id, Recording } from "./common.js";
import type { RecordingEvent } from "./misc.js";

export interface Vault extends Recording {
  position: number;
  documents_count: number;
  documents_url: string;
  uploads_count: number;
  uploads_url: string;
  vaults_count: number;
  vaults_url: string;
}

export interface Document extends Recording {
  position: number;
  /** Rich text (HTML). */
  content: string;
}

export interface Upload extends Recording {
  position: number;
  description: string;
  content_type: string;
  byte_size: number;
  filename: string;
  download_url: string;
  app_download_url: string;
  width: number | null;
  height: number | null;
}

/** What POST /attachments.json answers: an uploaded file not yet placed anywhere. */
export interface Attachment {
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
export interface UploadVersionFile {
  content_type?: string;
  byte_size?: number;
  filename: string;
  download_url: string;
  app_download_url: string;
  /** True on the version the upload holds now. */
  current: boolean;
}

/** An item of an upload's versions: the event that made the version, and its file. */
export interface UploadVersion extends RecordingEvent {
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
