// Basecamp 2's tool inputs, read from the TypeScript types the Basecamp 2 client is typed with
// (src/api/bc2/types.ts: Bc2Bodies and Bc2Queries), so campctl mcp checks the same fields the
// compiler does. Called by generate-api.mjs; writes src/api/generated/bc2-tool-inputs.ts.
import { writeFileSync } from "node:fs";
import ts from "typescript";

/** JSON Schema for a TypeScript type: primitives, literal unions, arrays, objects (nested twice). */
function schemaOf(checker, type, at, depth) {
  if (type.isUnion()) {
    const parts = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
    const literals = parts.filter((t) => t.isStringLiteral());
    if (literals.length === parts.length) return { type: "string", enum: literals.map((t) => t.value) };
    // Id (number | bigint) and booleans (true | false) are one JSON type each.
    const kinds = [...new Set(parts.map((t) => kindOf(t)))];
    if (kinds.every((k) => k !== "other")) return { type: kinds.length === 1 ? kinds[0] : kinds };
    const nonNull = parts.filter((t) => !(t.flags & ts.TypeFlags.Null));
    const inner = nonNull.length === 1 ? schemaOf(checker, nonNull[0], at, depth) : {};
    return inner.type && nonNull.length < parts.length ? { ...inner, type: [...[inner.type].flat(), "null"] } : inner;
  }
  const kind = kindOf(type);
  if (kind !== "other") return { type: kind };
  if (checker.isArrayType(type)) return { type: "array", items: schemaOf(checker, checker.getTypeArguments(type)[0], at, depth) };
  if (type.flags & ts.TypeFlags.Object && depth < 3) {
    const properties = {};
    const required = [];
    for (const p of type.getProperties()) {
      properties[p.name] = schemaOf(checker, checker.getTypeOfSymbolAtLocation(p, at), at, depth + 1);
      if (!(p.flags & ts.SymbolFlags.Optional)) required.push(p.name);
    }
    return { type: "object", properties, ...(required.length ? { required } : {}) };
  }
  return {};
}

function kindOf(t) {
  const f = t.flags;
  if (f & (ts.TypeFlags.String | ts.TypeFlags.StringLiteral)) return "string";
  if (f & (ts.TypeFlags.Boolean | ts.TypeFlags.BooleanLiteral)) return "boolean";
  // Numbers in Basecamp 2's bodies and queries are IDs (Id is number | bigint): JSON integers.
  if (f & (ts.TypeFlags.Number | ts.TypeFlags.BigInt | ts.TypeFlags.NumberLiteral)) return "integer";
  if (f & ts.TypeFlags.Null) return "null";
  return "other";
}

/** The properties of one interface's members: { Operation: JSON Schema of its type }. */
function membersOf(checker, file, name) {
  let found;
  ts.forEachChild(file, (n) => {
    if (ts.isInterfaceDeclaration(n) && n.name.text === name) found = n;
  });
  if (!found) throw new Error(`generate-api: ${name} is gone from src/api/bc2/types.ts`);
  const out = {};
  for (const p of checker.getTypeAtLocation(found).getProperties()) out[p.name] = schemaOf(checker, checker.getTypeOfSymbolAtLocation(p, found), found, 0);
  return out;
}

export function writeBc2ToolInputs(root, outDir, banner) {
  const typesFile = `${root}src/api/bc2/types.ts`;
  const program = ts.createProgram([typesFile], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, strict: true, noEmit: true });
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(typesFile);
  const bodies = membersOf(checker, file, "Bc2Bodies");
  const queries = membersOf(checker, file, "Bc2Queries");
  const inputs = {};
  for (const op of new Set([...Object.keys(bodies), ...Object.keys(queries)])) {
    const q = queries[op];
    inputs[op] = { query: q?.properties ?? {}, requiredQuery: q?.required ?? [], ...(bodies[op] ? { body: bodies[op] } : {}) };
  }
  writeFileSync(
    `${outDir}bc2-tool-inputs.ts`,
    `${banner.replace("reference/basecamp-operations.json", "src/api/bc2/types.ts")}\nimport type { ToolInput } from "./tool-inputs.js";\n\n/** Basecamp 2 endpoints' query parameters and bodies (Bc2Queries, Bc2Bodies) as JSON Schema. */\nexport const BC2_TOOL_INPUTS: Record<string, ToolInput> = ${JSON.stringify(inputs, null, 1)};\n`,
  );
}
