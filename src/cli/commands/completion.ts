// `campctl completion bash|zsh|fish`: a completion script generated from the program's commands.
import type { Command } from "commander";
import { UsageError } from "../internal/errors.js";

interface Spec {
  name: string;
  description: string;
  subcommands: string[];
}

function specs(program: Command): { commands: Spec[]; globals: string[] } {
  const commands = program.commands.map((c) => ({ name: c.name(), description: c.description(), subcommands: c.commands.map((s) => s.name()) }));
  const globals = program.options.flatMap((o) => [o.short, o.long]).filter((x): x is string => typeof x === "string");
  return { commands, globals: [...globals, "--help"] };
}

const q = (s: string) => s.replace(/'/g, "'\\''");

function bash(program: Command): string {
  const { commands, globals } = specs(program);
  const subs = commands
    .filter((c) => c.subcommands.length)
    .map((c) => `    ${c.name}) COMPREPLY=( $(compgen -W '${c.subcommands.join(" ")}' -- "$cur") ); return ;;`)
    .join("\n");
  return `# campctl completion for bash: eval "$(campctl completion bash)"
_campctl() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" cmd="" i
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  if [[ -z "$cmd" ]]; then
    if [[ "$cur" == -* ]]; then COMPREPLY=( $(compgen -W '${globals.join(" ")}' -- "$cur") )
    else COMPREPLY=( $(compgen -W '${commands.map((c) => c.name).join(" ")}' -- "$cur") ); fi
    return
  fi
  [[ $((i + 1)) -eq $COMP_CWORD ]] || return
  case "$cmd" in
${subs}
    completion) COMPREPLY=( $(compgen -W 'bash zsh fish' -- "$cur") ) ;;
  esac
}
complete -o default -F _campctl campctl
`;
}

function zsh(program: Command): string {
  const { commands, globals } = specs(program);
  const list = commands.map((c) => `    '${q(c.name)}:${q(c.description.replace(/:/g, "\\:"))}'`).join("\n");
  const subs = commands
    .filter((c) => c.subcommands.length)
    .map((c) => `        ${c.name}) _values 'subcommand' ${c.subcommands.map((s) => `'${s}'`).join(" ")} ;;`)
    .join("\n");
  return `#compdef campctl
# campctl completion for zsh: campctl completion zsh > "\${fpath[1]}/_campctl"
_campctl() {
  local -a commands
  commands=(
${list}
  )
  _arguments -C \\
${globals.map((o) => `    '${o}[option]' \\`).join("\n")}
    '1: :->command' \\
    '*:: :->args'
  case $state in
    command) _describe 'command' commands ;;
    args)
      case $words[1] in
${subs}
        completion) _values 'shell' bash zsh fish ;;
        *) _files ;;
      esac ;;
  esac
}
compdef _campctl campctl
`;
}

function fish(program: Command): string {
  const { commands, globals } = specs(program);
  const lines = ["# campctl completion for fish: campctl completion fish | source", "complete -c campctl -f"];
  for (const o of globals) lines.push(o.startsWith("--") ? `complete -c campctl -l ${o.slice(2)}` : `complete -c campctl -s ${o.slice(1)}`);
  for (const c of commands) {
    lines.push(`complete -c campctl -n __fish_use_subcommand -a ${c.name} -d '${q(c.description)}'`);
    if (c.subcommands.length) lines.push(`complete -c campctl -n '__fish_seen_subcommand_from ${c.name}' -a '${c.subcommands.join(" ")}'`);
  }
  lines.push("complete -c campctl -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'");
  return `${lines.join("\n")}\n`;
}

export function runCompletion(shell: string, program: Command): void {
  const make = { bash, zsh, fish }[shell];
  if (!make) throw new UsageError(`completion takes bash, zsh or fish; got ${JSON.stringify(shell)}`);
  process.stdout.write(make(program));
}
