// This package's name, version and home page, read once from its package.json (for the
// default User-Agent and campctl's --version and banners).
import { readFileSync } from "node:fs";

export const PACKAGE = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8")) as { name: string; version: string; homepage?: string };
