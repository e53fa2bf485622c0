// A policy with options is its own line of a sweep: `neural-network[labels=outcome]` runs the
// registered policy with those options, and its rows carry the whole name; a bad form is an
// InputError naming the JSON path or flag.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseSweepArgs } from "../src/cli/sweep.ts";
import { parsePolicyVariant, splitPolicyList } from "../src/experiment/policy-variant.ts";
import { runSweep } from "../src/experiment/run-sweep.ts";
import { resolveSweep } from "../src/experiment/spec.ts";
import { executeUnit } from "../src/experiment/worker.ts";
import { runReplica } from "../src/engine/run.ts";
import { flattenResult } from "../src/results/flatten.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { tempDirs } from "./fixtures/sweeps/helpers.ts";
import { problemsOf } from "./helpers/problems.ts";

const dirs = tempDirs();
afterAll(() => dirs.cleanup());


describe("policy variants", () => {
  it("parses a name, or a name with options read as run --option reads them", () => {
    expect(parsePolicyVariant("sonmez")).toEqual({ name: "sonmez", options: {}, id: "sonmez" });
    expect(parsePolicyVariant("neural-network[labels=outcome]")).toEqual({ name: "neural-network", options: { labels: "outcome" }, id: "neural-network[labels=outcome]" });
    expect(parsePolicyVariant("almutairi[variant=cog, thresholdPct=70]")).toMatchObject({ options: { variant: "cog", thresholdPct: 70 } });
    for (const bad of ["nn[labels]", "nn[=x]", "nn[a=1,a=2]", "nn[]", "nn[a=1"]) expect(parsePolicyVariant(bad), bad).toHaveProperty("error");
  });

  it("keeps commas inside [...] with their policy in --policies", () => {
    expect(splitPolicyList("random, almutairi[variant=cog,thresholdPct=70],sonmez")).toEqual(["random", "almutairi[variant=cog,thresholdPct=70]", "sonmez"]);
    expect(parseSweepArgs(["--policies", "neural-network,neural-network[labels=outcome]"]).input.policies).toEqual(["neural-network", "neural-network[labels=outcome]"]);
  });

  it("resolves a sweep with both label modes, and names a bad variant by its path", () => {
    const sweep = resolveSweep({ scenario: "paper", policies: ["neural-network", "neural-network[labels=outcome]"], devices: [20], replicas: 1, durationS: 10, warmupS: 2 });
    expect(sweep.policies).toEqual(["neural-network", "neural-network[labels=outcome]"]);
    const problems = problemsOf(() => resolveSweep({ scenario: "paper", policies: ["neural-netwrk[labels=outcome]", "sonmez[x]"], durationS: 10, warmupS: 2 }));
    expect(problems.map((p) => [p.path, p.value])).toEqual([["--policies", "neural-netwrk[labels=outcome]"], ["--policies", "sonmez[x]"]]);
    expect(problems[0]!.message).toMatch(/did you mean "neural-network"/);
    // Option values are checked at resolution, as `run --option` checks them.
    const bad = problemsOf(() => resolveSweep({ scenario: "paper", policies: ["neural-network[labels=outcom]"], durationS: 10, warmupS: 2 }));
    expect(bad[0]).toMatchObject({ path: "--policies: labels", value: "outcom" });
    expect(bad[0]!.fix).toMatch(/expert, outcome, rl/);
  });

  it("runs the variant with its options: the unit equals runReplica with those options, and differs from the default", async () => {
    const sweep = resolveSweep({ scenario: "paper", policies: ["neural-network", "neural-network[labels=outcome]"], devices: [30], replicas: 1, durationS: 10, warmupS: 2 });
    const out = dirs.make("variants");
    const outcome = await runSweep(sweep, { outDir: out, workers: 1, mode: "inline" });
    expect(outcome.status).toBe("complete");
    const rows = readFileSync(join(out, "rows.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(new Set(rows.map((r) => r.policy))).toEqual(new Set(sweep.policies));
    const served = (policy: string) => rows.find((r) => r.policy === policy && r.metric === "service_time_s").value;
    const direct = flattenResult(runReplica(sweep.resolved, "neural-network", { devices: 30, seed: sweep.seeds[0]!, durationS: 10, warmupS: 2, policyOptions: { labels: "outcome" } }));
    const unit = executeUnit({ scenarioHash: sweep.resolved.hash, index: 0, devices: 30, replica: 0, seed: sweep.seeds[0]!, policy: "neural-network[labels=outcome]", durationS: 10, warmupS: 2 }, () => loadScenario("paper"));
    expect(unit.metrics.map((m) => m.value)).toEqual(direct.map((m) => (Number.isFinite(m.value) ? m.value : null)));
    expect(served("neural-network[labels=outcome]")).not.toBe(served("neural-network"));
  });
});
