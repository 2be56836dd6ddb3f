// Parsing `EXEC Name(arg => value, …)` and `CALL Name(…)`: named (`=>`, `=`, `:=`, T-SQL
// `@Arg = value`) or positional arguments; values are numbers (64-bit exact), 'strings'
// with '' escapes, NULL, TRUE/FALSE, and `?` / `:name` / `@name` placeholders.

export type ExecValue = string | number | bigint | boolean | null;

export interface ParsedArg {
  /** The name as written (without @), or undefined for a positional argument. */
  name?: string;
  value: ExecValue;
}

export interface ParsedCall {
  name: string;
  args: ParsedArg[];
}

export class ExecSyntaxError extends Error {
  override name = "ExecSyntaxError";
}

const CALL_RE = /^\s*(?:EXEC(?:UTE)?|CALL)\b/i;

/** Whether the text is a procedure call (EXEC, EXECUTE or CALL). */
export function isProcedureCall(sql: string): boolean {
  return CALL_RE.test(sql.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*/, ""));
}

type Params = readonly unknown[] | Record<string, unknown> | undefined;

function bound(v: unknown, what: string): ExecValue {
  if (v === undefined) throw new ExecSyntaxError(`No value was bound for ${what}.`);
  if (v === null || typeof v === "string" || typeof v === "number" || typeof v === "bigint" || typeof v === "boolean") return v;
  throw new ExecSyntaxError(`${what} is bound to a ${typeof v}; use a string, number, boolean or null.`);
}

export function parseExec(sql: string, params?: Params): ParsedCall {
  const src = sql;
  let i = 0;
  let positional = 0;
  const fail = (msg: string): never => {
    const line = src.replace(/\s+/g, " ").trim();
    throw new ExecSyntaxError(`${msg} (at character ${i + 1} of: ${line.length > 120 ? `${line.slice(0, 117)}…` : line}). Write it like EXEC CompleteToDo(Id => 123).`);
  };
  const ws = () => {
    for (;;) {
      const m = /^(\s+|--[^\n]*(\n|$)|\/\*[\s\S]*?\*\/)/.exec(src.slice(i));
      if (!m) return;
      i += m[0].length;
    }
  };
  const eat = (re: RegExp): string | undefined => {
    ws();
    const m = re.exec(src.slice(i));
    if (!m) return undefined;
    i += m[0].length;
    return m[0];
  };

  if (!eat(/^(EXECUTE|EXEC|CALL)\b/i)) fail("Expected EXEC, EXECUTE or CALL");
  const name = eat(/^(\[[^\]]+\]|"[^"]+"|[A-Za-z_][A-Za-z0-9_]*)(\.(\[[^\]]+\]|"[^"]+"|[A-Za-z_][A-Za-z0-9_]*))*/);
  if (!name) fail("Expected a procedure name after EXEC");
  const procName = name!.split(".").pop()!.replace(/^[[\"]|[\]\"]$/g, "");

  const value = (): ExecValue => {
    ws();
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^'((?:[^']|'')*)'/.exec(rest))) {
      i += m[0].length;
      return m[1].replace(/''/g, "'");
    }
    if (rest.startsWith("'")) fail("Unterminated string: close it with ' (write '' for a quote inside)");
    if ((m = /^[-+]?\d+(\.\d+)?([eE][-+]?\d+)?(?![A-Za-z0-9_])/.exec(rest))) {
      i += m[0].length;
      if (m[1] === undefined && m[2] === undefined) {
        const n = Number(m[0]);
        return Number.isSafeInteger(n) ? n : BigInt(m[0].replace(/^\+/, ""));
      }
      return Number(m[0]);
    }
    if ((m = /^(NULL|TRUE|FALSE)\b/i.exec(rest))) {
      i += m[0].length;
      const w = m[1].toUpperCase();
      return w === "NULL" ? null : w === "TRUE";
    }
    if ((m = /^\?(\d+)?/.exec(rest))) {
      i += m[0].length;
      if (!Array.isArray(params)) fail("A ? placeholder needs an array of parameters");
      const at = m[1] !== undefined ? Number(m[1]) - 1 : positional++;
      return bound((params as unknown[])[at], `parameter ${at + 1}`);
    }
    if ((m = /^[:@$]([A-Za-z_][A-Za-z0-9_]*)/.exec(rest))) {
      i += m[0].length;
      if (!params || Array.isArray(params)) fail(`The placeholder ${m[0]} needs named parameters (an object)`);
      const obj = params as Record<string, unknown>;
      const key = Object.keys(obj).find((k) => k.replace(/^[:@$]/, "").toLowerCase() === m![1].toLowerCase());
      return bound(key === undefined ? undefined : obj[key], `the placeholder ${m[0]}`);
    }
    return fail("Expected a value: a number, a 'string', NULL, TRUE or FALSE");
  };

  const args: ParsedArg[] = [];
  const arg = () => {
    const save = i;
    const named = eat(/^@?[A-Za-z_][A-Za-z0-9_]*\s*(=>|:=|=)/);
    if (named) {
      args.push({ name: named.replace(/^@/, "").replace(/\s*(=>|:=|=)$/, ""), value: value() });
      return;
    }
    i = save;
    if (args.some((a) => a.name !== undefined)) fail("A positional argument can't follow a named one");
    args.push({ value: value() });
  };

  ws();
  if (src[i] === "(") {
    i++;
    ws();
    if (src[i] === ")") i++;
    else {
      for (;;) {
        arg();
        if (eat(/^,/)) continue;
        if (eat(/^\)/)) break;
        fail("Expected , or ) after an argument");
      }
    }
  } else if (i < src.length && !/^\s*;?\s*$/.test(src.slice(i))) {
    // T-SQL style without parentheses: EXEC Name @Id = 1, @Color = 'red'
    for (;;) {
      arg();
      if (!eat(/^,/)) break;
    }
  }
  eat(/^;/);
  ws();
  if (i < src.length) fail("Unexpected text after the call");
  return { name: procName, args };
}
