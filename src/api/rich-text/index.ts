// Basecamp rich text: Markdown (or plain text) in, readable text out.
export { markdownToRichText, safeHref } from "./markdown.js";
export { decodeEntities, richTextToText } from "./to-text.js";
