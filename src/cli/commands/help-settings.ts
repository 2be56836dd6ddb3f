// `campctl help [topic...]`: help for a command (as commander's own help command gives it), or,
// for the topic "settings", every connection property with its meaning, default and
// environment variable — printed from the same table as docs/settings.md.
import type { Command } from "commander";
import { settingsText } from "../../config/key-docs.js";
import { UsageError } from "../internal/errors.js";

export const SETTINGS_TOPIC = "settings";

/** The command a path of names leads to (`["todos", "add"]`), or undefined. */
function findCommand(program: Command, names: string[]): Command | undefined {
  let at: Command = program;
  for (const name of names) {
    const next = at.commands.find((c) => c.name() === name || c.aliases().includes(name));
    if (next === undefined) return undefined;
    at = next;
  }
  return at;
}

export function runHelp(topic: string[], program: Command): void {
  if (topic.length === 1 && topic[0].toLowerCase() === SETTINGS_TOPIC) {
    const width = Math.max(60, Math.min(process.stdout.columns ?? 100, 120));
    process.stdout.write(settingsText(width));
    return;
  }
  const cmd = findCommand(program, topic);
  if (cmd === undefined) {
    throw new UsageError(`no help for ${JSON.stringify(topic.join(" "))}: name a command (campctl help todos) or ${SETTINGS_TOPIC} (campctl help ${SETTINGS_TOPIC})`);
  }
  cmd.outputHelp();
}
