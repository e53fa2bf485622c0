// The bench's comparison with EdgeCloudSim (bench/macro.ts): which replicas it runs, and the ratio
// it computes against the conformance reference's measured wall times.
import { describe, expect, it } from "vitest";
import { edgeCloudSimSpeed, formatEdgeCloudSimSpeed, macroCases, type MacroRow } from "../bench/macro.ts";
import { PROFILES } from "../bench/profiles.ts";
import { loadReference } from "../src/experiment/conformance.ts";

const speed = { scenario: "edgecloudsim-app4", devices: 2000, durationS: 300, policies: ["utilization-based", "network-based"] };

describe("the macro cases", () => {
  it("are the grid, then the comparison's cases the grid lacks, each once", () => {
    const cases = macroCases({ scenarios: ["paper", "edgecloudsim-app4"], policies: ["utilization-based"], devices: [200, 2000], durationS: { paper: 60, "edgecloudsim-app4": 300 }, edgecloudsim: speed });
    expect(cases.map((c) => `${c.scenario}/${c.policy}/${c.devices}/${c.durationS}`)).toEqual([
      "paper/utilization-based/200/60", "paper/utilization-based/2000/60",
      "edgecloudsim-app4/utilization-based/200/300", "edgecloudsim-app4/utilization-based/2000/300",
      "edgecloudsim-app4/network-based/2000/300",
    ]);
    expect(cases.every((c) => c.warmupS === Math.min(30, c.durationS / 4))).toBe(true);
  });

  it("of both profiles include the five policies EdgeCloudSim ships, at a point where its speed was measured", () => {
    const ref = loadReference();
    for (const profile of Object.values(PROFILES)) {
      const e = profile.macro.edgecloudsim;
      expect(e.durationS).toBe(ref.simulation.durationS);
      for (const policy of ["utilization-based", "flores", "sonmez", "hybrid", "network-based"]) {
        expect(macroCases(profile.macro).some((c) => c.policy === policy && c.scenario === e.scenario && c.devices === e.devices && c.durationS === e.durationS)).toBe(true);
        expect(ref.points.find((p) => p.policy === policy && p.devices === e.devices)?.wallS).toBeGreaterThan(0);
      }
    }
  });
});

describe("the speed ratio against EdgeCloudSim", () => {
  const row = (policy: string, tasksPerS: number, durationS = 300): MacroRow => ({ scenario: "edgecloudsim-app4", policy, devices: 2000, durationS, tasks: 80_000, tasksPerS, samples: [] });

  it("divides our rate by EdgeCloudSim's generated tasks per wall second at the same point", () => {
    const ref = loadReference();
    const p = ref.points.find((x) => x.policy === "network-based" && x.devices === 2000)!;
    const ecs = p.counts.generated! / p.wallS;
    expect(ecs).toBeCloseTo(1470, 0); // the figure for NETWORK_BASED: 81,684 tasks in 55.6 s
    const [r] = edgeCloudSimSpeed([row("network-based", 2 * 1000 * ecs)], speed, ref);
    expect(r!.edgeCloudSimTasksPerS).toBeCloseTo(ecs, 9);
    expect(r!.ratio).toBeCloseTo(2000, 9);
    expect(formatEdgeCloudSimSpeed([r!], speed).join("\n")).toMatch(/2,000×\s+≥ 1,000×/);
  });

  it("says below when the ratio misses the target, and gives no ratio where EdgeCloudSim was not measured", () => {
    const ref = loadReference();
    const [slow] = edgeCloudSimSpeed([row("network-based", 1000)], speed, ref);
    expect(slow!.ratio!).toBeLessThan(1);
    expect(formatEdgeCloudSimSpeed([slow!], speed).join("\n")).toContain("BELOW 1,000×");
    const elsewhere = { ...speed, devices: 1234 };
    const [none] = edgeCloudSimSpeed([{ ...row("network-based", 1e6), devices: 1234 }], elsewhere, ref);
    expect(none!.ratio).toBeNull();
    expect(none!.edgeCloudSimTasksPerS).toBeNull();
    // A run of another length than EdgeCloudSim's measurement is not compared either.
    const longer = { ...speed, durationS: 600 };
    expect(edgeCloudSimSpeed([row("network-based", 1e6, 600)], longer, ref)[0]!.ratio).toBeNull();
  });
});
