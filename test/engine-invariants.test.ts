// Every run checks its invariants at the end (runReplica throws on a violation); here every
// built-in policy runs on both presets and the checks are repeated from the outside.
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { createRegistry } from "../src/policies/registry.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { expectSaneRun } from "./policy-helpers.ts";

const presets = ["paper", "edgecloudsim-app4"] as const;

describe("invariants on both presets, every policy", () => {
  for (const preset of presets) {
    for (const policy of createRegistry().names()) {
      it(`${preset} / ${policy}`, () => {
        const r = runReplica(loadScenario(preset), policy, { devices: 120, seed: 4, durationS: 90, warmupS: 15 });
        expectSaneRun(r);
        // And what only the engine's own breakdown guarantees: processing + network = service.
        if (r.metrics.completed > 0) {
          expect(r.metrics.processingTimeS! + r.metrics.networkDelayS!).toBeCloseTo(r.metrics.serviceTimeS!, 9);
        }
      });
    }
  }
});
