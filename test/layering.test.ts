// The layering of the sources: relative imports between folders never form a cycle (each folder
// imports only folders below it), and no file is over 400 lines. The files directly under a tree's
// root form one unit, "." (the entry points: index.ts, testing.ts), so nothing below may import
// them.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MAX_LINES = 400;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith(".ts") && !e.name.endsWith(".d.ts")) out.push(p);
  }
  return out;
}

/** The relative module specifiers a file imports or re-exports (type-only imports included). */
export function relativeImports(text: string): string[] {
  const specs: string[] = [];
  const re = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s*["'](\.{1,2}\/[^"']*)["']|import\(\s*["'](\.{1,2}\/[^"']*)["']\s*\)/g;
  for (const m of text.matchAll(re)) specs.push((m[1] ?? m[2])!);
  return specs;
}

/** The unit of a file: its folder relative to the tree's root ("." for the root's own files). */
function unitOf(tree: string, file: string): string {
  return dirname(relative(tree, file));
}

function resolveImport(file: string, spec: string): string {
  const base = resolve(dirname(file), spec);
  if (base.endsWith(".ts")) return base;
  for (const candidate of [`${base}.ts`, join(base, "index.ts")]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {
      // try the next form
    }
  }
  return `${base}.ts`;
}

/** unit → units it imports (outside itself). */
export function unitGraph(tree: string): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of sources(tree)) {
    const from = unitOf(tree, file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const spec of relativeImports(readFileSync(file, "utf8"))) {
      const target = resolveImport(file, spec);
      if (relative(tree, target).startsWith("..")) continue; // outside the tree: not a layer of it
      const to = unitOf(tree, target);
      if (to !== from) edges.add(to);
    }
  }
  return graph;
}

/** Every cycle's units, as "a → b → a" strings (one per strongly connected group of units). */
export function cycles(graph: Map<string, Set<string>>): string[] {
  // Tarjan's strongly connected components; a component of more than one unit is a cycle.
  let index = 0;
  const idx = new Map<string, number>(), low = new Map<string, number>(), onStack = new Set<string>();
  const stack: string[] = [];
  const found: string[] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const group: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        group.push(w);
      } while (w !== v);
      if (group.length > 1) found.push(group.sort().join(" ↔ "));
    }
  };
  for (const v of [...graph.keys()].sort()) if (!idx.has(v)) visit(v);
  return found.sort();
}

function longFiles(tree: string): string[] {
  return sources(tree)
    .map((f) => [relative(ROOT, f), readFileSync(f, "utf8").split("\n").length - 1] as const)
    .filter(([, n]) => n > MAX_LINES)
    .map(([f, n]) => `${f}: ${n} lines`)
    .sort();
}

describe("the cycle check itself", () => {
  it("finds a two-folder cycle and none in a chain", () => {
    const g = (edges: [string, string][]) => {
      const m = new Map<string, Set<string>>();
      for (const [a, b] of edges) {
        if (!m.has(a)) m.set(a, new Set());
        if (!m.has(b)) m.set(b, new Set());
        m.get(a)!.add(b);
      }
      return m;
    };
    expect(cycles(g([["model", "kernel"], ["engine", "model"], ["engine", "kernel"]]))).toEqual([]);
    expect(cycles(g([["model", "kernel"], ["kernel", "engine"], ["engine", "model"]]))).toEqual(["engine ↔ kernel ↔ model"]);
  });

  it("reads import, re-export and dynamic import specifiers", () => {
    const text = [
      'import { a } from "./a";',
      'import type { B } from "../b.ts";',
      'export { c } from "./c/index";',
      'const d = await import("./d.ts");',
      'import { e } from "vitest";',
    ].join("\n");
    expect(relativeImports(text)).toEqual(["./a", "../b.ts", "./c/index", "./d.ts"]);
  });
});

describe("assembly/ (the engine) is layered", () => {
  const tree = join(ROOT, "assembly");

  it("has no import cycle between its folders", () => {
    expect(cycles(unitGraph(tree))).toEqual([]);
  });

  it("has the layers of docs/architecture.md: the kernel imports no model, the models no policy or loop", () => {
    const graph = unitGraph(tree);
    const imports = (unit: string) => [...(graph.get(unit) ?? [])].sort();
    expect(imports("kernel")).toEqual([]);
    for (const model of ["model", "model/compute", "model/network"]) {
      expect(imports(model).filter((u) => /^(policies|nn|engine|decision|\.)$/.test(u))).toEqual([]);
    }
    expect(imports("model")).not.toContain("model/compute");
    expect(imports("model")).not.toContain("model/network");
    expect(imports("nn").filter((u) => u === "policies" || u === "engine")).toEqual([]);
    expect(imports("policies")).not.toContain("engine");
  });

  it("has no file over 400 lines", () => {
    expect(longFiles(tree)).toEqual([]);
  });
});

// src/ (the host): no folder cycle and no file over 400 lines, now that the engine is written once.
describe("src/ (the host) is layered", () => {
  const tree = join(ROOT, "src");

  it("has no import cycle between its folders", () => {
    expect(cycles(unitGraph(tree))).toEqual([]);
  });

  it("has no file over 400 lines", () => {
    expect(longFiles(tree)).toEqual([]);
  });
});
