import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import type { RunResult } from "../src/results/run-result.ts";
import { loadScenario } from "../src/scenario/load.ts";

/** The result as JSON without its wall time (the only field that is not a function of the inputs). */
const stable = (r: RunResult) => JSON.stringify({ ...r, wallS: 0 });

describe("determinism", () => {
  for (const preset of ["paper", "edgecloudsim-app4"]) {
    it(`${preset}: same seed gives byte-identical JSON; another seed differs`, () => {
      const sc = loadScenario(preset);
      const run = (seed: number) => runReplica(sc, "utilization-based", { devices: 150, seed, durationS: 80, warmupS: 10 });
      expect(stable(run(42))).toBe(stable(run(42)));
      expect(stable(run(42))).not.toBe(stable(run(43)));
    });
  }

  it("common random numbers: every policy sees the same tasks for a seed", () => {
    const sc = loadScenario("edgecloudsim-app4");
    const generated = ["random", "utilization-based", "greedy-min-service"].map(
      (p) => runReplica(sc, p, { devices: 100, seed: 9, durationS: 60, warmupS: 0 }).counts.generated,
    );
    expect(new Set(generated).size).toBe(1);
  });
});
