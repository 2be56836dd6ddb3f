// A consumer project for the pack test: npm pack, install the tarball into a new project with
// nothing else in it, and the sources that project compiles (the README's TypeScript examples,
// type-checked as written, and a program that runs them against the simulator).
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

export const REPO = join(import.meta.dirname, "../..");

/** Run a command; throw with its output when it fails, so every step fails loudly. */
export function run(cmd: string, args: string[], cwd: string, o: { env?: NodeJS.ProcessEnv; timeout?: number; allowFail?: boolean } = {}): SpawnSyncReturns<string> {
  const r = spawnSync(cmd, args, { cwd, encoding: "utf8", env: o.env ?? process.env, timeout: o.timeout ?? 60_000, maxBuffer: 64 * 1024 * 1024 });
  if (!o.allowFail && (r.status !== 0 || r.error)) {
    throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) failed with ${r.error?.message ?? `exit ${r.status} ${r.signal ?? ""}`}:\n${r.stdout}\n${r.stderr}`);
  }
  return r;
}

/** npm, with no prompts, notices or network: everything must come from the local cache. */
export function npmEnv(): NodeJS.ProcessEnv {
  return { ...process.env, npm_config_offline: "true", npm_config_audit: "false", npm_config_fund: "false", npm_config_update_notifier: "false", NO_UPDATE_NOTIFIER: "1" };
}

export interface Packed {
  tarball: string;
  files: string[];
}

/** `npm pack` the repository (its dist as built) into `dir`. */
export function pack(dir: string): Packed {
  if (!existsSync(join(REPO, "dist/index.js")) || !existsSync(join(REPO, "dist/index.d.ts"))) {
    throw new Error("dist/ is missing: run `npm run build` first (npm test does).");
  }
  const r = run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dir], REPO, { env: npmEnv() });
  const [info] = JSON.parse(r.stdout.slice(r.stdout.indexOf("["))) as Array<{ filename: string; files: Array<{ path: string }> }>;
  return { tarball: join(dir, info.filename), files: info.files.map((f) => f.path) };
}

/**
 * Install the tarball into `project` as a user would: `npm install --offline <tarball>`. npm 11
 * resolves with full package documents, which an offline cache filled by a lockfile install
 * may not hold (ENOTCACHED); then the tarball is unpacked into node_modules and its
 * production dependencies (the whole tree under them, nothing else) are linked from this
 * repository's node_modules, as npm would have placed them. Says which way it went.
 * Install scripts never run: better-sqlite3's native build is the repository's (it takes
 * ~80 s to compile and is the same for the same Node).
 */
export function install(project: string, tarball: string): "npm" | "linked" {
  const r = run("npm", ["install", "--offline", "--ignore-scripts", "--no-audit", "--no-fund", tarball], project, { env: npmEnv(), timeout: 120_000, allowFail: true });
  if (r.status === 0) {
    const native = join(project, "node_modules/better-sqlite3/build");
    if (!existsSync(native)) symlinkSync(join(REPO, "node_modules/better-sqlite3/build"), native, "dir");
    return "npm";
  }
  if (!/ENOTCACHED/.test(r.stderr + r.stdout)) throw new Error(`npm install --offline of the tarball failed:\n${r.stdout}\n${r.stderr}`);
  const target = join(project, "node_modules/basecamp-connector");
  mkdirSync(target, { recursive: true });
  run("tar", ["-xzf", tarball, "-C", target, "--strip-components=1"], project);
  const manifest = JSON.parse(readFileSync(join(target, "package.json"), "utf8")) as Manifest;
  linkDependencies(project, Object.keys(manifest.dependencies ?? {}));
  return "linked";
}

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** Link `names` and everything they need (hoisted, as npm places them) from the repository's node_modules. */
function linkDependencies(project: string, names: string[]): void {
  const seen = new Set<string>();
  const queue = names.map((name) => ({ name, optional: false }));
  while (queue.length) {
    const { name, optional } = queue.shift()!;
    if (seen.has(name)) continue;
    const source = join(REPO, "node_modules", name);
    if (!existsSync(join(source, "package.json"))) {
      if (optional) continue;
      throw new Error(`${name} (a production dependency) is not in ${join(REPO, "node_modules")}: run npm install there.`);
    }
    seen.add(name);
    const link = join(project, "node_modules", name);
    mkdirSync(dirname(link), { recursive: true });
    symlinkSync(source, link, "dir");
    const m = JSON.parse(readFileSync(join(source, "package.json"), "utf8")) as Manifest;
    const optionalPeers = new Set(Object.entries(m.peerDependenciesMeta ?? {}).filter(([, v]) => v.optional).map(([k]) => k));
    const needs = [
      ...Object.keys(m.dependencies ?? {}).map((n) => ({ name: n, optional: false })),
      ...Object.keys(m.optionalDependencies ?? {}).map((n) => ({ name: n, optional: true })),
      ...Object.keys(m.peerDependencies ?? {}).map((n) => ({ name: n, optional: optionalPeers.has(n) })),
    ];
    // A copy nested under the package travels with it; the rest is hoisted.
    for (const need of needs) if (!existsSync(join(source, "node_modules", need.name))) queue.push(need);
  }
}

/**
 * A strict consumer: strict and more, no skipLibCheck, Node's own module resolution, no DOM.
 * (Not exactOptionalPropertyTypes: the README passes `process.env.X` to optional options.)
 */
export const TSCONFIG = {
  compilerOptions: {
    target: "es2022",
    module: "nodenext",
    moduleResolution: "nodenext",
    lib: ["es2023"],
    strict: true,
    noUncheckedIndexedAccess: true,
    noImplicitOverride: true,
    skipLibCheck: false,
    noEmitOnError: true,
    rootDir: "src",
    outDir: "out",
  },
  include: ["src"],
};

/** Names the README's examples use without defining them: declared, so each block type-checks as written. */
const FREE = `declare const listId: number, todoId: number, campfireId: number, clientId: string, clientSecret: string;
declare const app: { route(path: string, sub: unknown): unknown };`;

/**
 * The README's ```ts blocks as one module: their imports merged at the top, each block's body in
 * a function of its own (so top-level await and repeated names work), exported and never called.
 */
export function readmeExamples(readme: string): { source: string; blocks: number } {
  const blocks = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
  const imports = new Map<string, Set<string>>();
  const bodies: string[] = [];
  for (const block of blocks) {
    const body: string[] = [];
    for (const line of block.split("\n")) {
      const m = /^import\s+(type\s+)?\{([^}]*)\}\s+from\s+"([^"]+)";?\s*$/.exec(line);
      if (!m) {
        body.push(line);
        continue;
      }
      const names = imports.get(m[3]) ?? new Set<string>();
      for (const n of m[2].split(",").map((x) => x.trim()).filter(Boolean)) names.add(m[1] ? `type ${n}` : n);
      imports.set(m[3], names);
    }
    bodies.push(body.join("\n"));
  }
  const head = [...imports].map(([from, names]) => `import { ${[...names].join(", ")} } from "${from}";`);
  const fns = bodies.map((b, i) => `export async function readmeExample${i + 1}(): Promise<void> {\n${b}\n}`);
  return { source: [...head, "", FREE, "", ...fns, ""].join("\n"), blocks: blocks.length };
}

export function writeProject(project: string, files: Record<string, string>): void {
  writeFileSync(join(project, "tsconfig.json"), `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  mkdirSync(join(project, "src"), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(project, "src", name), text);
}
