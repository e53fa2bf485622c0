// A user's own policies, first-class: examples/cloud-first.ts through `run`, `sweep --workers 2`
// (worker threads import the module themselves; resumable; the manifest records the module) and
// `report`; a module that cannot load, exports nothing or reuses a name exits 2 with the reason.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { resolveSweep } from "../src/experiment/spec.ts";
import { mecbench } from "./helpers/cli.ts";

const tmp = mkdtempSync(join(tmpdir(), "mecbench-policy-module-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const example = new URL("../examples/cloud-first.ts", import.meta.url).pathname;
const short = ["--duration-s", "200", "--warmup-s", "20"];

describe("examples/cloud-first.ts", () => {
  it("runs through mecbench run", () => {
    const r = mecbench("run", "--policy-module", example, "--policy", "cloud-first", "--scenario", "edgecloudsim-app4", "--devices", "100", ...short, "--format", "json");
    expect(r.code, r.err).toBe(0);
    const result = JSON.parse(r.out);
    expect(result.policy).toBe("cloud-first");
    expect(result.metrics.tierSharePct.cloud).toBe(100);
  });

  it("runs through sweep --workers 2 (resumable, recorded in the manifest) and report", () => {
    const out = join(tmp, "sweep");
    const args = ["sweep", "--policy-module", example, "--scenario", "edgecloudsim-app4", "--policies", "cloud-first,utilization-based",
      "--devices", "200", "--replicas", "3", ...short, "--workers", "2", "--out", out];
    const r = mecbench(...args);
    expect(r.code, r.err).toBe(0);
    const rows = readFileSync(join(out, "rows.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(new Set(rows.map((row) => row.policy))).toEqual(new Set(["cloud-first", "utilization-based"]));
    const summary = JSON.parse(readFileSync(join(out, "summary.json"), "utf8"));
    const mine = summary.rows.find((x: { policy: string; metric: string }) => x.policy === "cloud-first" && x.metric === "service_time_s");
    expect(mine.diff.reference).toBe("utilization-based");
    expect(mine.diff.n).toBe(3);
    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.definition.policyModules).toEqual([
      { path: example, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    // The same command again: every unit is already done.
    const again = mecbench(...args);
    expect(again.code, again.err).toBe(0);
    expect(again.err).toContain("0 units run, 6 already done");

    const report = mecbench("report", out, "--policy-module", example);
    expect(report.code, report.err).toBe(0);
    for (const fig of ["fig4-service-time", "fig5-network-delay", "fig6-processing-time", "fig7-failed-tasks", "fig8-vm-utilization"]) {
      expect(readFileSync(join(out, "report", `${fig}-others.vl.json`), "utf8"), fig).toContain("cloud-first");
    }
  });

  it("is also loaded from a sweep spec's policyModules (relative to the spec file)", () => {
    const dir = mkdtempSync(join(tmp, "spec-"));
    // (The module stays in the repository, where `import ... from "mecbench"` resolves.)
    writeFileSync(join(dir, "sweep.json"), JSON.stringify({ scenario: "edgecloudsim-app4", policies: ["cloud-first"], devices: [50], replicas: 1, durationS: 60, warmupS: 10, policyModules: [relative(dir, example)] }));
    const r = mecbench("sweep", "--spec", join(dir, "sweep.json"), "--workers", "1", "--out", join(dir, "out"));
    expect(r.code, r.err).toBe(0);
    expect(readFileSync(join(dir, "out", "rows.jsonl"), "utf8")).toContain('"policy":"cloud-first"');
  });
});

describe("bad policy modules exit 2 with the reason", () => {
  const module = (name: string, text: string) => {
    const path = join(tmp, name);
    writeFileSync(path, text);
    return path;
  };
  const run = (path: string) => mecbench("run", "--policy-module", path, "--policy", "random", "--scenario", "paper", "--devices", "10", "--duration-s", "20", "--warmup-s", "2");

  it("a missing file, a module that throws, one with no policy, one reusing a name", () => {
    const cases: [string, RegExp][] = [
      [join(tmp, "nope.ts"), /--policy-module: cannot read the policy module \(ENOENT\)/],
      [module("throws.mjs", "throw new Error('boom');\n"), /the policy module failed to load: boom/],
      [module("empty.mjs", "export const x = 1;\n"), /the module exports no policy \(exports: x\)/],
      [module("dup.mjs", "export default { name: 'random', description: 'mine', create: () => ({ name: 'random', decide: () => -1 }) };\n"), /registers policy "random", a name a built-in policy already has/],
    ];
    for (const [path, message] of cases) {
      const r = run(path);
      expect(r.code, path).toBe(2);
      expect(r.err).toMatch(message);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
  });

  it("a changed module is a different sweep", () => {
    const input = { scenario: "paper", policies: ["cloud-first"], devices: [10], replicas: 1 };
    const names = ["cloud-first"];
    const a = resolveSweep(input, {}, { policyNames: names, policyModules: [{ path: example, sha256: "a".repeat(64) }] });
    const b = resolveSweep(input, {}, { policyNames: names, policyModules: [{ path: example, sha256: "b".repeat(64) }] });
    expect(a.hash).not.toBe(b.hash);
  });
});
