// The request form: a web page that turns a person's request into a Basecamp to-do.
export { createFormApp, type FormApp } from "./app.js";
export { serveFormApp, type RunningForm, type ServeFormOptions } from "./server.js";
export type { FormAppOptions } from "./options.js";
export { markdownToRichText } from "../api/rich-text/markdown.js";
