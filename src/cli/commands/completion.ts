// `campctl completion bash|zsh|fish`: a completion script generated from the program's commands
// and options. It finds the command path typed so far (`todos add`), skipping options and the
// values of options that take one, then offers that command's subcommands, or — when the word
// starts with "-" — its flags and the global ones.
import type { Command, Option } from "commander";
import { BC2_ENDPOINTS } from "../../api/bc2/operations.js";
import { OPERATIONS } from "../../api/generated/operations.js";
import { UsageError } from "../internal/errors.js";

interface Flag {
  name: string;
  description: string;
  takesValue: boolean;
  choices?: readonly string[];
}

interface Node {
  /** "" for the program, else the command path ("todos add"). */
  path: string;
  name: string;
  description: string;
  children: Node[];
  flags: Flag[];
}

function flagsOf(options: readonly Option[]): Flag[] {
  const out: Flag[] = [];
  for (const o of options) {
    if (o.hidden) continue;
    for (const name of [o.short, o.long]) {
      if (typeof name === "string") out.push({ name, description: o.description, takesValue: o.required || o.optional, choices: o.argChoices });
    }
  }
  return out;
}

const HELP: Flag = { name: "--help", description: "show help", takesValue: false };

function tree(cmd: Command, path: string): Node {
  const children = cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden).map((c) => tree(c, path ? `${path} ${c.name()}` : c.name()));
  return { path, name: cmd.name(), description: cmd.description(), children, flags: [...flagsOf(cmd.options), HELP] };
}

function all(node: Node): Node[] {
  return [node, ...node.children.flatMap(all)];
}

/** Every option that takes a value, anywhere: its next word is a value, not a command. */
function valueFlags(root: Node): string[] {
  return [...new Set(all(root).flatMap((n) => n.flags.filter((f) => f.takesValue).map((f) => f.name)))];
}

/** "path:word" for every step from a command to one of its subcommands. */
function steps(root: Node): string[] {
  return all(root).flatMap((n) => n.children.map((c) => `${n.path}:${c.name}`));
}

const sq = (s: string) => `'${s.replace(/'/g, "'\\''")}'`;
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
/** Values some arguments take, offered after the command path. */
function argValues(root: Node): Record<string, string[]> {
  return {
    completion: ["bash", "zsh", "fish"],
    help: ["settings", ...root.children.map((c) => c.name).filter((n) => n !== "help")],
    // campctl api: a method, or any operation by name (Basecamp 4's and Basecamp 2's).
    api: uniq(["GET", "POST", "PUT", "DELETE", ...Object.keys(OPERATIONS), ...Object.keys(BC2_ENDPOINTS)]),
    "reports assigned": ["me"],
    "reports progress": ["me"],
  };
}

const uniq = (xs: string[]) => [...new Set(xs)];

function bash(program: Command): string {
  const root = tree(program, "");
  const ARG_VALUES = argValues(root);
  const nodes = all(root);
  const globals = root.flags.map((f) => f.name);
  const flagCase = nodes
    .filter((n) => n.path !== "")
    .map((n) => `    ${sq(n.path)}) words=${sq(uniq([...n.flags.map((f) => f.name), ...globals]).join(" "))} ;;`)
    .join("\n");
  const wordCase = nodes
    .filter((n) => n.children.length || ARG_VALUES[n.path])
    .map((n) => `    ${sq(n.path)}) words=${sq([...n.children.map((c) => c.name), ...(ARG_VALUES[n.path] ?? [])].join(" "))} ;;`)
    .join("\n");
  const choiceCase = [...new Map(nodes.flatMap((n) => n.flags).filter((f) => f.choices?.length).map((f) => [f.name, f.choices!])).entries()]
    .map(([name, choices]) => `    ${name}) COMPREPLY=( $(compgen -W ${sq(choices.join(" "))} -- "$cur") ); return ;;`)
    .join("\n");
  return `# campctl completion for bash: eval "$(campctl completion bash)"
_campctl() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev="" path="" words="" i w
  (( COMP_CWORD > 0 )) && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    case "$w" in
      ${valueFlags(root).join("|")}) ((i++)) ;;
      -*) ;;
      *) case "$path:$w" in ${steps(root).map(sq).join("|")}) path="\${path:+$path }$w" ;; esac ;;
    esac
  done
  case "$prev" in
${choiceCase}
    ${valueFlags(root).join("|")}) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    case "$path" in
    '') words=${sq(globals.join(" "))} ;;
${flagCase}
    esac
  else
    case "$path" in
    '') words=${sq(root.children.map((c) => c.name).join(" "))} ;;
${wordCase}
    *) return ;;
    esac
  fi
  COMPREPLY=( $(compgen -W "$words" -- "$cur") )
}
complete -o default -F _campctl campctl
`;
}

const zq = (s: string) => sq(s.replace(/:/g, "\\:"));

function zsh(program: Command): string {
  const root = tree(program, "");
  const ARG_VALUES = argValues(root);
  const nodes = all(root);
  const describe = (items: Array<{ name: string; description: string }>) => items.map((i) => zq(`${i.name}`).slice(0, -1) + `:${oneLine(i.description).replace(/'/g, "'\\''")}'`).join(" ");
  const globalNames = new Set(root.flags.map((f) => f.name));
  const flagCase = nodes
    .filter((n) => n.path !== "" && n.flags.some((f) => !globalNames.has(f.name)))
    .map((n) => `      (${sq(n.path)}) items=(${describe(n.flags.filter((f) => !globalNames.has(f.name)))}) ;;`)
    .join("\n");
  const wordCase = nodes
    .filter((n) => n.children.length || ARG_VALUES[n.path])
    .map((n) => `      (${sq(n.path)}) items=(${describe([...n.children, ...(ARG_VALUES[n.path] ?? []).map((v) => ({ name: v, description: v }))])}) ;;`)
    .join("\n");
  return `#compdef campctl
# campctl completion for zsh: campctl completion zsh > "\${fpath[1]}/_campctl"
_campctl() {
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}" path="" i w
  local -a items
  for ((i = 2; i < CURRENT; i++)); do
    w="\${words[i]}"
    case "$w" in
      (${valueFlags(root).join("|")}) ((i++)) ;;
      (-*) ;;
      (*) case "$path:$w" in (${steps(root).map(sq).join("|")}) path="\${path:+$path }$w" ;; esac ;;
    esac
  done
  case "$prev" in
    (${valueFlags(root).join("|")}) _files; return ;;
  esac
  if [[ "$cur" == -* ]]; then
    case "$path" in
${flagCase}
    esac
    items+=(${describe(root.flags)})
    _describe 'option' items
  else
    case "$path" in
${wordCase}
      (*) _files; return ;;
    esac
    _describe 'command' items
  fi
}
compdef _campctl campctl
`;
}

function fish(program: Command): string {
  const root = tree(program, "");
  const ARG_VALUES = argValues(root);
  const nodes = all(root);
  const lines = [
    "# campctl completion for fish: campctl completion fish | source",
    "function __campctl_path",
    "    set -l words (commandline -opc)",
    "    set -e words[1]",
    '    set -l path ""',
    "    set -l skip 0",
    "    for w in $words",
    "        if test $skip -eq 1",
    "            set skip 0",
    "            continue",
    "        end",
    "        switch $w",
    `            case ${valueFlags(root).join(" ")}`,
    "                set skip 1",
    "            case '-*'",
    "            case '*'",
    `                if contains -- "$path:$w" ${steps(root).map(sq).join(" ")}`,
    '                    set path (string trim -- "$path $w")',
    "                end",
    "        end",
    "    end",
    '    echo "$path"',
    "end",
    "function __campctl_at",
    "    set -l p (__campctl_path)",
    '    test "$p" = "$argv[1]"',
    "end",
    "complete -c campctl -f",
  ];
  const flagLine = (f: Flag, cond?: string) => {
    const name = f.name.startsWith("--") ? `-l ${f.name.slice(2)}` : `-s ${f.name.slice(1)}`;
    const value = f.takesValue ? (f.choices?.length ? ` -x -a ${sq(f.choices.join(" "))}` : " -r") : "";
    return `complete -c campctl${cond ? ` -n ${sq(`__campctl_at ${sq(cond)}`)}` : ""} ${name}${value} -d ${sq(oneLine(f.description))}`;
  };
  for (const f of root.flags) lines.push(flagLine(f));
  for (const n of nodes) {
    // Top-level commands use fish's own test (true until a command word is typed).
    const at = n.path === "" ? "__fish_use_subcommand" : sq(`__campctl_at ${sq(n.path)}`);
    for (const c of n.children) lines.push(`complete -c campctl -n ${at} -a ${c.name} -d ${sq(oneLine(c.description))}`);
    for (const v of ARG_VALUES[n.path] ?? []) lines.push(`complete -c campctl -n ${sq(`__campctl_at ${sq(n.path)}`)} -a ${sq(v)}`);
    if (n.path !== "") for (const f of n.flags) if (f.name !== "--help") lines.push(flagLine(f, n.path));
  }
  return `${lines.join("\n")}\n`;
}

export function runCompletion(shell: string, program: Command): void {
  const make = { bash, zsh, fish }[shell];
  if (!make) throw new UsageError(`completion takes bash, zsh or fish; got ${JSON.stringify(shell)}`);
  process.stdout.write(make(program));
}
