// Everything the code, the report and the docs cite must ship with the repository: no path into
// reference material a user of the repository does not have, and one copy of the paper's values.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = new URL("..", import.meta.url).pathname;

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = join(dir, name);
    if (statSync(join(root, rel)).isDirectory()) out.push(...filesUnder(rel));
    else if (/\.(ts|mjs|json|md)$/.test(name)) out.push(rel);
  }
  return out;
}

describe("a self-contained repository", () => {
  it("no file in src, docs, bench or the README cites spec/ or ../shared", () => {
    // src/model is the TypeScript engine twin, removed separately (it still has one comment).
    const files = ["README.md", ...filesUnder("src"), ...filesUnder("docs"), ...filesUnder("bench")].filter((f) => !f.startsWith("src/model/"));
    const offenders = files.filter((f) => /(^|[^\w])spec\/|\.\.\/shared/.test(readFileSync(join(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("the docs cite files that exist, and the report's copy of the paper's values is the documented one", () => {
    for (const doc of ["paper-model.md", "edgecloudsim-world.md", "baselines.md", "paper-reported.json", "edgecloudsim-reference.json"]) {
      expect(statSync(join(root, "docs", doc)).isFile(), doc).toBe(true);
    }
    expect(readFileSync(join(root, "src/report/paper-reported.json"), "utf8")).toBe(readFileSync(join(root, "docs/paper-reported.json"), "utf8"));
    const source = JSON.parse(readFileSync(join(root, "docs/paper-reported.json"), "utf8")).source as string;
    expect(source).toMatch(/Lagnfdi, M\. Myyara, A\. Darif/);
    // Relative links between the docs resolve.
    for (const f of filesUnder("docs").filter((f) => f.endsWith(".md"))) {
      for (const [, target] of readFileSync(join(root, f), "utf8").matchAll(/\]\(([\w.-]+\.(?:md|json))\)/g)) {
        expect(statSync(join(root, "docs", target!), { throwIfNoEntry: false })?.isFile(), `${f} → ${target}`).toBe(true);
      }
    }
  });
});
