// The rules SystemView hands to TypeScript policies are the engine's own, written once:
// fastestVm (assembly/policies/fastest-vm.ts), which greedy-min-service and expert-rules place with
// and the training labels read, and worstFit (assembly/policies/vm-choice.ts), EdgeCloudSim's
// least-loaded rule. Held here to VM-by-VM references on the live states of real runs, and to the
// built-in policy they serve: a host policy placing with fastestVm decides as greedy-min-service.
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { TIER_CLOUD, TIER_LOCAL_EDGE } from "../src/scenario/infrastructure.ts";
import { loadScenario } from "../src/scenario/load.ts";
import type { PolicyFactory, SystemView } from "../src/policies/types.ts";

/** The reference: the tier's VMs in VM order, the smallest estimate among the admitted (and feasible) ones, first on ties. */
function reference(view: SystemView, task: number, tier: number, feasibleOnly: boolean): [number, number] {
  const infra = view.infra;
  const local = view.localHost(task);
  let best = -1;
  let bestS = Infinity;
  for (let vm = 0; vm < infra.vmCount; vm++) {
    const host = infra.vmHost[vm]!;
    const k = vm >= infra.cloudVmStart ? TIER_CLOUD : host === local ? TIER_LOCAL_EDGE : 1;
    if (k !== tier || !view.fits(task, vm) || (feasibleOnly && view.feasibility(task, vm) !== 0)) continue;
    const s = view.estimateServiceS(task, vm);
    if (s < bestS || best < 0) {
      best = vm;
      bestS = s;
    }
  }
  return [best, bestS];
}

/** The reference of worstFit: the admitting VM of [start, end) with the most free share, first on ties. */
function worstFitReference(view: SystemView, task: number, start: number, end: number): number {
  let best = -1;
  let bestFree = -Infinity;
  for (let vm = Math.max(0, start); vm < Math.min(end, view.infra.vmCount); vm++) {
    const free = 100 - view.vmUtilPct[vm]!;
    if (free > bestFree && view.fits(task, vm)) {
      best = vm;
      bestFree = free;
    }
  }
  return best;
}

/** Places every task on the fastest feasible VM of the three tiers (greedy-min-service's rule), checking fastestVm on the way. */
function greedyOnHost(checks: { n: number; found: number; bad: string[] }): PolicyFactory {
  const out = new Float64Array(1);
  return {
    name: "greedy-on-host", description: "test: greedy-min-service on the host, through SystemView.fastestVm",
    create: () => ({
      name: "greedy-on-host",
      decide(task, view) {
        let best = -1;
        let bestS = Infinity;
        for (let tier = 0; tier < 3; tier++) {
          for (const feasibleOnly of [false, true]) {
            const vm = view.fastestVm(task, tier, feasibleOnly, out);
            const [want, wantS] = reference(view, task, tier, feasibleOnly);
            checks.n++;
            if (vm >= 0) checks.found++;
            if (vm !== want || !Object.is(out[0], wantS)) checks.bad.push(`task ${task} tier ${tier} feasibleOnly ${feasibleOnly}: ${vm} (${out[0]}) vs ${want} (${wantS})`);
            // worstFit over a range that moves with the task, past both ends now and then.
            const start = (task * 7) % (view.infra.vmCount + 4) - 2;
            const end = start + 1 + ((task * 13) % (view.infra.vmCount + 2));
            const w = view.worstFit(task, start, end);
            const wantW = worstFitReference(view, task, start, end);
            if (w !== wantW) checks.bad.push(`task ${task} worstFit [${start}, ${end}): ${w} vs ${wantW}`);
            if (feasibleOnly && vm >= 0 && out[0]! < bestS) {
              best = vm;
              bestS = out[0]!;
            }
          }
        }
        return best;
      },
    }),
  };
}

describe("SystemView.fastestVm and SystemView.worstFit", () => {
  for (const [preset, devices, durationS] of [["edgecloudsim-app4", 1500, 60], ["paper", 400, 20]] as const) {
    it(`are the VM-by-VM rules on every state of a ${preset} run (${devices} devices)`, () => {
      const checks = { n: 0, found: 0, bad: [] as string[] };
      runReplica(loadScenario(preset), greedyOnHost(checks), { devices, seed: 3, durationS, warmupS: 0 });
      expect(checks.bad.slice(0, 5)).toEqual([]);
      expect(checks.n).toBeGreaterThan(1000);
      expect(checks.found).toBeGreaterThan(0);
      // The paper world saturates its VMs within seconds: tiers without a VM occur too.
      if (preset === "paper") expect(checks.found).toBeLessThan(checks.n);
    });
  }

  it("placing with it on the host decides as the built-in greedy-min-service (edgecloudsim-app4, no batches)", () => {
    const resolved = loadScenario("edgecloudsim-app4");
    const opts = { devices: 1500, seed: 5, durationS: 90, warmupS: 30 };
    const host = runReplica(resolved, greedyOnHost({ n: 0, found: 0, bad: [] }), opts);
    const builtIn = runReplica(resolved, "greedy-min-service", opts);
    expect(host.counts).toEqual(builtIn.counts);
    expect(host.metrics.serviceTimeS).toBe(builtIn.metrics.serviceTimeS);
    expect(host.metrics.tierSharePct).toEqual(builtIn.metrics.tierSharePct);
  });
});
