// The compiled JavaScript (dist/, built at install by scripts/build.mjs and brought up to date by
// test/global-setup.ts): the bin runs it, it finds its files (presets, rule bases, WASM, models,
// package.json) from dist/ as the sources do from src/, it gives the sources' results, and a
// dist/ older than the sources is detected instead of being run.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { distState } from "../src/cli/dist-current.mjs";

const root = new URL("../", import.meta.url).pathname;
const node = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};
/** Metrics of a run without its wall time, the one field that is not deterministic. */
const resultOf = (json: string) => {
  const { wallS: _w, ...rest } = JSON.parse(json) as Record<string, unknown>;
  return rest;
};

describe("compiled JavaScript in dist/", () => {
  it("the bin runs dist/ (no tsx fallback) and lists the policies", () => {
    const r = node(["src/cli/bin.mjs", "policies"]);
    expect(r.code).toBe(0);
    expect(r.err).not.toMatch(/tsx/);
    expect(r.out).toMatch(/^utilization-based\s+EdgeCloudSim UTILIZATION_BASED/m);
    expect(r.out).toMatch(/^neural-network\s/m);
  });

  it("node dist/src/cli/main.js works without the bin", () => {
    const r = node(["dist/src/cli/main.js", "--help"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Usage: mecbench <command>/m);
  });

  it("a run from dist/ gives the sources' result bit for bit (fuzzy rules, models/, WASM, package.json found)", () => {
    for (const policy of ["flores", "neural-network"]) {
      const args = ["run", "--scenario", "edgecloudsim-app4", "--policy", policy, "--devices", "30", "--duration-s", "40", "--warmup-s", "5", "--format", "json"];
      const compiled = node(["dist/src/cli/main.js", ...args]);
      const sources = node(["--import", "tsx", "src/cli/main.ts", ...args]);
      expect(compiled.code, compiled.err).toBe(0);
      expect(sources.code, sources.err).toBe(0);
      expect(resultOf(compiled.out)).toEqual(resultOf(sources.out));
      expect((resultOf(compiled.out) as { version: string }).version).toMatch(/^\d+\.\d+\.\d+/);
    }
  });

  it("a second build is a no-op: both outputs are up to date", () => {
    const r = node(["scripts/build.mjs"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/build\/ \(WASM engine\) up to date/);
    expect(r.out).toMatch(/dist\/ \(compiled JavaScript\) up to date/);
  });
});

describe("dist/ freshness (src/cli/dist-current.mjs)", () => {
  const tree = () => {
    const dir = mkdtempSync(join(tmpdir(), "mecbench-dist-"));
    mkdirSync(join(dir, "src", "cli"), { recursive: true });
    writeFileSync(join(dir, "src", "cli", "a.ts"), "");
    writeFileSync(join(dir, "src", "b.ts"), "");
    const src = pathToFileURL(join(dir, "src") + "/");
    const stamp = pathToFileURL(join(dir, "stamp"));
    return { dir, src, stamp };
  };

  it("missing before the first build", () => {
    const t = tree();
    expect(distState(t.src, t.stamp)).toBe("missing");
  });

  it("current when the stamp is newer than every source; stale when one nested source is newer", () => {
    const t = tree();
    writeFileSync(t.stamp, "x\n");
    const old = new Date("2020-01-01T00:00:00Z");
    const recent = new Date("2021-01-01T00:00:00Z");
    utimesSync(join(t.dir, "src", "cli", "a.ts"), old, old);
    utimesSync(join(t.dir, "src", "b.ts"), old, old);
    utimesSync(t.stamp, recent, recent);
    expect(distState(t.src, t.stamp)).toBe("current");
    const later = new Date("2022-01-01T00:00:00Z");
    utimesSync(join(t.dir, "src", "cli", "a.ts"), later, later);
    expect(distState(t.src, t.stamp)).toBe("stale");
  });
});
