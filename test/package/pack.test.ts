// The package as a dependency of someone else's project: npm pack, install the tarball into a
// new strict TypeScript project (nothing else installed there), type-check the README's
// examples as written with skipLibCheck off, then build and run them against the simulator.
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { install, pack, readmeExamples, REPO, run, writeProject, type Packed } from "./consumer.js";

const TSC = join(REPO, "node_modules/typescript/bin/tsc");

let work: string;
let project: string;
let packed: Packed;
let route: "npm" | "linked";

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "pack-test-"));
  project = join(work, "consumer");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true, type: "module" }, null, 2)}\n`);
  packed = pack(work);
  route = install(project, packed.tarball);
  console.info(`pack test: installed ${relative(work, packed.tarball)} by ${route === "npm" ? "npm install --offline" : "unpacking it and linking its dependencies (the npm cache lacks full package documents)"}`);
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every .d.ts in the installed package. */
function declarationFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".d.ts"))
    .map((e) => join(e.parentPath, e.name));
}

describe("basecamp-connector as a dependency", () => {
  it("packs dist and the README, with no sources, tests or source maps of tests", () => {
    expect(packed.files).toEqual(expect.arrayContaining(["package.json", "README.md", "dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "dist/simulator/index.d.ts", "dist/form/index.d.ts"]));
    expect(packed.files.filter((f) => !f.startsWith("dist/") && !["package.json", "README.md", "LICENSE"].includes(f))).toEqual([]);
    expect(packed.files.filter((f) => f.startsWith("dist/test/") || f.startsWith("dist/bench/"))).toEqual([]);
  });

  it("its declarations import only Node's modules and the package's own dependencies", () => {
    const pkgDir = join(project, "node_modules/basecamp-connector");
    const manifest = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8")) as { dependencies: Record<string, string> };
    const deps = new Set(Object.keys(manifest.dependencies));
    const stray: string[] = [];
    for (const file of declarationFiles(join(pkgDir, "dist"))) {
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/(?:from\s+|import\(\s*|reference types=)"([^"]+)"/g)) {
        const spec = m[1];
        if (spec.startsWith(".") || spec.startsWith("node:")) continue;
        const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
        if (!deps.has(name) && !deps.has(`@types/${name}`)) stray.push(`${relative(pkgDir, file)}: ${spec}`);
      }
    }
    expect(stray).toEqual([]);
  });

  it("type-checks the README's examples and a program using them in a strict project (skipLibCheck off), then runs it against the simulator", { timeout: 120_000 }, () => {
    const readme = readmeExamples(readFileSync(join(REPO, "README.md"), "utf8"));
    expect(readme.blocks).toBeGreaterThanOrEqual(5);
    // A guard that the package's types are real (not any): a wrong call must be an error.
    const guard = `import { connect } from "basecamp-connector";\n// @ts-expect-error connect() takes a connection string\nexport const wrong = () => connect(42);\n`;
    writeProject(project, {
      "readme-examples.ts": readme.source,
      "guard.ts": guard,
      "run-examples.ts": readFileSync(join(import.meta.dirname, "fixtures/run-examples.ts"), "utf8"),
    });
    const tsc = run(process.execPath, [TSC, "-p", "."], project, { allowFail: true, timeout: 90_000 });
    expect(`${tsc.stdout}${tsc.stderr}`, "tsc in the consumer project").toBe("");
    expect(tsc.status).toBe(0);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      BASECAMP_DATA_DIR: join(work, "data"),
      BASECAMP_CONFIG_DIR: join(work, "config"),
      BASECAMP_CONNECTION: "",
      BASECAMP_PROFILE: "",
    };
    const out = run(process.execPath, ["out/run-examples.js"], project, { env, timeout: 90_000 });
    const seen = JSON.parse(out.stdout.trim().split("\n").pop()!) as Record<string, unknown>;
    expect(seen).toMatchObject({
      openIsNumber: true,
      completedBySql: true,
      procedureKind: "procedure",
      bigIsBigint: true,
      stringMode: [{ big: "9007199254740993", small: 7 }],
      me: expect.any(String),
      inProcessStatus: 200,
      clientTodo: { completed: true, due_on: null, content: "Ship it" },
      campfireLine: "Deployed ✅",
      profileName: expect.any(String),
      formIsApp: true,
    });
    expect(seen.openPeople).toBeGreaterThan(0);
    expect(seen.openJson).toBe(seen.openPeople);
    expect(typeof seen.openPlusOne).toBe("number");
    expect(seen.projects).toBeGreaterThan(0);
    // The one-liner wrote the big ID as a bare, exact JSON number: the API's own digits.
    expect(seen.bigJson).toMatch(new RegExp(`^\\[\\{"Id":${seen.bigFromApi},"Content":`));
    expect(BigInt(seen.bigFromApi as string)).toBeGreaterThan(2n ** 53n);
  });
});
