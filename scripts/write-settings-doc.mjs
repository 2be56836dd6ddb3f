// Writes docs/settings.md from the key table (src/config/key-docs.ts, via the build in dist).
// Run with `npm run docs:settings`; test/config/settings-doc.test.ts fails when the file is stale.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { settingsMarkdown } from "../dist/config/key-docs.js";

const target = join(import.meta.dirname, "..", "docs", "settings.md");
writeFileSync(target, settingsMarkdown());
process.stdout.write(`wrote ${target}\n`);
