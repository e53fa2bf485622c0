// The library's sweep call, as the README shows it: a spec plus the user's policies, from a module
// (run on worker threads) or registered in code (run in this thread).
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRegistry, runSweepSpec, worstFitCloud, type PolicyFactory } from "../src/index.ts";

const tmp = mkdtempSync(join(tmpdir(), "mecbench-sweep-api-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const example = new URL("../examples/cloud-first.ts", import.meta.url).pathname;
const spec = { scenario: "edgecloudsim-app4", devices: [50], replicas: 1, durationS: 60, warmupS: 10 };
const policiesIn = (dir: string) => new Set(readFileSync(join(dir, "rows.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).policy));

describe("runSweepSpec", () => {
  it("runs a module's policy on worker threads, with the built-ins", async () => {
    const outDir = join(tmp, "module");
    const r = await runSweepSpec({ ...spec, policies: ["cloud-first", "random"], policyModules: [example] }, { outDir, workers: 2 });
    expect(r.status).toBe("complete");
    expect(r.sweep.policyModules?.[0]?.path).toBe(example);
    expect(policiesIn(outDir)).toEqual(new Set(["cloud-first", "random"]));
  });

  it("runs a policy registered in code (in this thread)", async () => {
    const edgeless: PolicyFactory = {
      name: "all-cloud", description: "cloud only",
      create: () => ({ name: "all-cloud", decide: (task, view) => worstFitCloud(view, task) }),
    };
    const registry = createRegistry();
    registry.add(edgeless);
    const outDir = join(tmp, "code");
    const r = await runSweepSpec({ ...spec, policies: ["all-cloud", "random"] }, { outDir, registry });
    expect(r.status).toBe("complete");
    expect(policiesIn(outDir)).toEqual(new Set(["all-cloud", "random"]));
  });
});
