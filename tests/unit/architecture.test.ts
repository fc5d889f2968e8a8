import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { LIB_IMPORTS } from "../../eslint.config.mjs";

/**
 * The map (ARCHITECTURE.md) and its enforcement (eslint.config.mjs) stay true: the lint rules refuse a forbidden
 * import, the map names every lib folder with the imports the lint allows, and lib/ has no folder-level cycle.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const LIB = path.join(ROOT, "lib");
const libModules = () =>
  fs
    .readdirSync(LIB, { withFileTypes: true })
    .map((e) => (e.isDirectory() ? e.name : e.name.replace(/\.tsx?$/, "")))
    .sort();

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== "generated") sourceFiles(p, out);
    } else if (/\.tsx?$/.test(e.name)) out.push(p);
  }
  return out;
}

/** The lib module a path falls in ("dal" for lib/dal/x.ts, "env" for lib/env.ts), or null outside lib/. */
function moduleOf(file: string): string | null {
  const rel = path.relative(LIB, file);
  if (rel.startsWith("..")) return null;
  return rel.split(path.sep)[0]!.replace(/\.tsx?$/, "");
}

/** Folder-level import edges of lib/, type-only and dynamic imports included (ts.preProcessFile sees them all). */
function folderEdges(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of sourceFiles(LIB)) {
    const from = moduleOf(file)!;
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      const target = fileName.startsWith("@/")
        ? path.join(ROOT, fileName.slice(2))
        : fileName.startsWith(".")
          ? path.resolve(path.dirname(file), fileName)
          : null;
      const to = target && moduleOf(target);
      if (!to || to === from) continue;
      (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
    }
  }
  return edges;
}

/** One cycle as a path a -> b -> ... -> a, or null. */
function findCycle(edges: Map<string, Set<string>>): string[] | null {
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (n: string): string[] | null => {
    if (state.get(n) === "done") return null;
    if (state.get(n) === "open") return [...stack.slice(stack.indexOf(n)), n];
    state.set(n, "open");
    stack.push(n);
    for (const m of edges.get(n) ?? []) {
      const c = visit(m);
      if (c) return c;
    }
    stack.pop();
    state.set(n, "done");
    return null;
  };
  for (const n of edges.keys()) {
    const c = visit(n);
    if (c) return c;
  }
  return null;
}

const eslint = new ESLint({ cwd: ROOT });
async function lintAs(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, filePath) });
  return result!.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

describe("the layer rules bite", () => {
  it("a pure domain module may not import the data access layer", async () => {
    const messages = await lintAs(
      "lib/charts/__architecture_probe.ts",
      'import { getActiveDatasets } from "@/lib/dal/datasets";\nexport const probe = getActiveDatasets;\n',
    );
    expect(messages.join("\n")).toMatch(/import\/no-restricted-paths: .*lib\/charts may import only/);
  });

  it("the ingest layer may not import the pipeline, even by a relative path or a type-only import", async () => {
    const messages = await lintAs(
      "lib/ingest/__architecture_probe.ts",
      'import type { ComputedResult } from "../pipeline/results";\nexport type Probe = ComputedResult;\n',
    );
    expect(messages.join("\n")).toMatch(/import\/no-restricted-paths: .*lib\/ingest may import only/);
  });

  it("pages and components may not import the DAL's internal helpers or the database client", async () => {
    const page = await lintAs(
      "app/(staff)/staff/__architecture_probe.ts",
      'import { completeRuns } from "@/lib/dal/internal/eis-runs";\nexport const probe = completeRuns;\n',
    );
    expect(page.join("\n")).toMatch(/import\/no-restricted-paths: .*lib\/dal\/internal trusts its caller/);
    const component = await lintAs(
      "components/__architecture_probe.tsx",
      'import { db } from "@/lib/db/client";\nexport const probe = db;\n',
    );
    expect(component.join("\n")).toMatch(/import\/no-restricted-paths/);
  });

  it("the DAL may not import next/navigation", async () => {
    const messages = await lintAs(
      "lib/dal/__architecture_probe.ts",
      'import { notFound } from "next/navigation";\nexport const probe = notFound;\n',
    );
    expect(messages.join("\n")).toMatch(/no-restricted-imports: .*next\/navigation/);
  });

  it("an allowed import passes", async () => {
    const messages = await lintAs(
      "lib/charts/__architecture_probe.ts",
      'import type { CrisisCube } from "@/lib/trends/crisis-cube";\nexport type Probe = CrisisCube;\n',
    );
    expect(messages.filter((m) => m.startsWith("import/no-restricted-paths"))).toEqual([]);
  });
});

describe("the map is complete and true", () => {
  const doc = fs.readFileSync(path.join(ROOT, "ARCHITECTURE.md"), "utf8");
  /** The folder table of ARCHITECTURE.md: lib module -> the modules it may import. */
  const table = new Map(
    [...doc.matchAll(/^\| `lib\/([a-z0-9-]+)` \|[^|]*\| ([^|]*) \|$/gm)].map((m) => [
      m[1]!,
      m[2]!.trim() === "nothing" ? [] : m[2]!.split(",").map((s) => s.trim()),
    ]),
  );

  it("every lib folder and file module is in the lint map and in ARCHITECTURE.md", () => {
    expect(Object.keys(LIB_IMPORTS).sort()).toEqual(libModules());
    expect([...table.keys()].sort()).toEqual(libModules());
  });

  it("ARCHITECTURE.md allows exactly the imports the lint allows", () => {
    for (const [name, allowed] of Object.entries(LIB_IMPORTS as Record<string, string[]>))
      expect({ name, allowed: [...table.get(name)!].sort() }).toEqual({ name, allowed: [...allowed].sort() });
  });

  it("the README's layout section points to the map and names only folders that exist", () => {
    const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");
    const layout = readme.slice(readme.indexOf("## Layout"), readme.indexOf("\n## ", readme.indexOf("## Layout") + 1));
    expect(layout).toContain("ARCHITECTURE.md");
    for (const [, name] of layout.matchAll(/lib\/([a-z0-9-]+)/g)) expect(libModules()).toContain(name);
  });

  it("every file of the DAL is server-only", () => {
    const missing = sourceFiles(path.join(LIB, "dal")).filter(
      (f) => !/^import "server-only";/m.test(fs.readFileSync(f, "utf8")),
    );
    expect(missing.map((f) => path.relative(ROOT, f))).toEqual([]);
  });
});

describe("lib has no folder-level import cycle", () => {
  it("finds none", () => {
    expect(findCycle(folderEdges())).toBeNull();
  });

  it("would find one", () => {
    expect(
      findCycle(
        new Map([
          ["ingest", new Set(["pipeline"])],
          ["pipeline", new Set(["ingest"])],
        ]),
      ),
    ).toEqual(["ingest", "pipeline", "ingest"]);
  });

  it("every import edge is one the lint allows", () => {
    const allowedMap = LIB_IMPORTS as Record<string, string[]>;
    const forbidden = [...folderEdges()].flatMap(([from, tos]) =>
      [...tos].filter((to) => !allowedMap[from]?.includes(to)).map((to) => `${from} -> ${to}`),
    );
    expect(forbidden).toEqual([]);
  });
});
