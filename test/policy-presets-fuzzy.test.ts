// Every one of the fuzzy baselines (flores, sonmez, almutairi and its variants) runs on both presets at 200, 1000 and 2000 devices without throwing; runReplica
// checks the engine invariants itself and the outside checks are repeated here. Short runs (40 s, 5 s
// warm-up). Split from the other policy group so that vitest runs the two files in parallel.
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { expectSaneRun } from "./policy-helpers.ts";

const POLICIES: [string, Record<string, unknown>][] = [["flores", {}], ["sonmez", {}], ["almutairi", {}], ["almutairi", { variant: "shifted" }], ["almutairi", { variant: "cog" }]];

describe("policies on both presets", () => {
  for (const preset of ["paper", "edgecloudsim-app4"] as const) {
    const scenario = loadScenario(preset);
    for (const [policy, options] of POLICIES) {
      const label = Object.keys(options).length ? `${policy} ${JSON.stringify(options)}` : policy;
      it(`${preset} / ${label} at 200, 1000, 2000 devices`, () => {
        for (const devices of [200, 1000, 2000]) {
          const r = runReplica(scenario, policy, { devices, seed: 3, durationS: 40, warmupS: 5, policyOptions: options });
          expect(r.policy).toBe(policy);
          expectSaneRun(r);
        }
      }, 120_000);
    }
  }
});
