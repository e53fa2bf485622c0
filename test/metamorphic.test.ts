// Metamorphic relations: transform a scenario in a way whose effect on the result is known without
// knowing the numbers (scale a speed, relabel hosts, add capacity, remove a tier), run both through
// the ordinary replica and check the relation. A second implementation cannot fake these by agreeing
// with the first: they hold or fail on the model itself.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import type { RunResult } from "../src/results/run-result.ts";
import { presetPath, type PresetName } from "../src/scenario/load.ts";
import type { ScenarioInput } from "../src/scenario/schema.ts";
import { resolveScenario } from "../src/scenario/validate.ts";

type Mutable = ScenarioInput & Record<string, unknown>;

/** A fresh, mutable copy of a preset's JSON (validated again by `run`). */
function preset(name: PresetName): Mutable {
  return JSON.parse(readFileSync(presetPath(name), "utf8")) as Mutable;
}

function run(input: ScenarioInput, policy: string, devices: number, seed: number, durationS = 600, warmupS = 60): RunResult {
  return runReplica(resolveScenario(input, `metamorphic ${input.name}`), policy, { devices, seed, durationS, warmupS });
}

/**
 * The paper world at light load, arranged so that execution speed cannot reach the network: every
 * device emits every 30 s (uploads start at the same instants whatever the VM speed), results have no
 * download leg (a download would start after execution), no deadlines, and the run ends 29.9 s after
 * the last arrivals. Relations that need "nothing queues" still check it on the run.
 */
function lightPaper(): Mutable {
  const s = preset("paper");
  for (const app of s.workload.apps) {
    app.arrival = { model: "uniform-interval", minIntervalS: 30, maxIntervalS: 30 };
    app.downloadKb = 0;
    app.maxDelayS = null;
  }
  return s;
}
const LIGHT_DURATION_S = 20 * 30 + 29.9;

function everyVm(s: ScenarioInput, f: (vm: { mipsPerCore: number; ramMb?: number }) => void): void {
  for (const h of s.edge.hosts) h.vms.forEach(f);
  s.cloud.vms.forEach(f);
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => xs.reduce((a, b) => a + (b - mean(xs)) ** 2, 0) / (xs.length - 1);

describe("metamorphic relations", () => {
  it("doubling every VM's MIPS at light load halves execution and leaves network delays unchanged", () => {
    // `random` decides from its own stream, so both runs place every task alike.
    let applied = 0;
    for (let seed = 1; seed <= 20 && applied < 4; seed++) {
      const base = lightPaper();
      const fast = lightPaper();
      everyVm(fast, (vm) => (vm.mipsPerCore *= 2));
      const a = run(base, "random", 10, seed, LIGHT_DURATION_S, 0);
      const b = run(fast, "random", 10, seed, LIGHT_DURATION_S, 0);
      // The preconditions: nothing queued (two random picks can still meet on a VM), nothing cut off by the end.
      if (a.metrics.breakdownS.queue !== 0 || a.counts.inFlight !== 0) continue;
      applied++;
      expect(a.metrics.completed).toBe(200);
      expect(b.metrics.completed).toBe(a.metrics.completed);
      expect(b.metrics.tierSharePct).toEqual(a.metrics.tierSharePct);
      expect(b.metrics.breakdownS.exec).toBeCloseTo(a.metrics.breakdownS.exec! / 2, 12);
      expect(b.metrics.networkDelayS).toBeCloseTo(a.metrics.networkDelayS!, 12);
      expect(b.metrics.breakdownS.upload).toBeCloseTo(a.metrics.breakdownS.upload!, 12);
      expect(b.metrics.breakdownS.download).toBeCloseTo(a.metrics.breakdownS.download!, 12);
    }
    expect(applied, "seeds 1..20 where nothing queued").toBe(4);
  });

  it("scaling every task length and every VM's MIPS by 2 leaves the whole result bit-identical, even under load", () => {
    // ×2 is exact in binary floating point and L/f is all the model asks of either, so nothing may
    // move: not a queue, not a decision. Policies with absolute MI thresholds (expert rules, the
    // fuzzy task-size terms, the NN's features) are excluded: for them the task really changed.
    const policies = ["random", "utilization-based", "greedy-min-service", "network-based", "hybrid", "first-fit", "next-fit", "best-fit", "worst-fit"];
    for (const name of ["paper", "edgecloudsim-app4"] as const) {
      const base = preset(name);
      base.workload.integerSizes = false; // rounding to integers would not commute with ×2
      const scaled: Mutable = JSON.parse(JSON.stringify(base));
      for (const app of scaled.workload.apps) app.lengthMi *= 2;
      everyVm(scaled, (vm) => (vm.mipsPerCore *= 2));
      const devices = name === "paper" ? 60 : 1500;
      for (const policy of policies) {
        const { wallS: _a, scenarioHash: _h1, ...a } = run(base, policy, devices, 7, 120, 20);
        const { wallS: _b, scenarioHash: _h2, ...b } = run(scaled, policy, devices, 7, 120, 20);
        // The offered-load summary is in MIPS: it doubles, as it should.
        const load = b.metrics.offeredLoad;
        b.metrics.offeredLoad = { ...load, demandMips: load.demandMips / 2, edgeCapacityMips: load.edgeCapacityMips / 2, cloudCapacityMips: load.cloudCapacityMips / 2 };
        expect(JSON.stringify(b), `${name} / ${policy}`).toBe(JSON.stringify(a));
      }
    }
  });

  it("reversing the order of the edge hosts leaves the aggregate results unchanged within their spread", () => {
    // Relabelling hosts (with their access points and attractiveness) changes each seed's trajectory
    // but not the distribution. Policies that do not break ties by VM id only.
    const seeds = Array.from({ length: 8 }, (_, i) => i + 1);
    for (const policy of ["random", "greedy-min-service"]) {
      const base = preset("edgecloudsim-app4");
      const reversed = preset("edgecloudsim-app4");
      reversed.edge.hosts.reverse();
      const a = seeds.map((seed) => run(base, policy, 800, seed, 240, 30).metrics);
      const b = seeds.map((seed) => run(reversed, policy, 800, seed, 240, 30).metrics);
      for (const metric of ["failedTaskPct", "serviceTimeS", "networkDelayS"] as const) {
        const x = a.map((m) => m[metric]!);
        const y = b.map((m) => m[metric]!);
        // Two independent samples: the difference of means within 4 standard errors.
        const se = Math.sqrt(variance(x) / x.length + variance(y) / y.length);
        expect(se, `${policy} ${metric}: replicas must differ for the test to mean anything`).toBeGreaterThan(0);
        expect(Math.abs(mean(x) - mean(y)), `${policy} ${metric}`).toBeLessThan(4 * se);
      }
    }
  });

  it("reversing the order of the apps leaves the aggregate and per-app results unchanged within their spread", () => {
    // A device's app is the first whose running share sum exceeds a uniform draw, so reordering the
    // list changes which device runs which app but not how many do; per-app results keep their names.
    const seeds = Array.from({ length: 8 }, (_, i) => i + 1);
    for (const policy of ["random", "greedy-min-service"]) {
      const base = preset("edgecloudsim-app4");
      const reversed = preset("edgecloudsim-app4");
      reversed.workload.apps.reverse();
      const a = seeds.map((seed) => run(base, policy, 800, seed, 240, 30).metrics);
      const b = seeds.map((seed) => run(reversed, policy, 800, seed, 240, 30).metrics);
      const pick: [string, (m: RunResult["metrics"]) => number][] = [
        ["failedTaskPct", (m) => m.failedTaskPct!],
        ["serviceTimeS", (m) => m.serviceTimeS!],
        ...base.workload.apps.map((app): [string, (m: RunResult["metrics"]) => number] => [`${app.name} serviceTimeS`, (m) => m.perApp[app.name]!.serviceTimeS!]),
      ];
      for (const [label, f] of pick) {
        const x = a.map(f);
        const y = b.map(f);
        const se = Math.sqrt(variance(x) / x.length + variance(y) / y.length);
        expect(se, `${policy} ${label}: replicas must differ for the test to mean anything`).toBeGreaterThan(0);
        expect(Math.abs(mean(x) - mean(y)), `${policy} ${label}`).toBeLessThan(4 * se);
      }
    }
  });

  it("a policy held to one tier has 0 % share and no completed task elsewhere", () => {
    // Edge-only policies, and WAN-driven ones under a WAN that never exceeds 6 Mbps: no cloud.
    const slowWan = preset("paper");
    slowWan.network = { ...slowWan.network, cloud: { minMbps: 2, maxMbps: 6, redrawIntervalS: 10, propagationDelayS: 0.1 } } as typeof slowWan.network;
    for (const policy of ["first-fit", "next-fit", "best-fit", "worst-fit", "network-based", "hybrid"]) {
      const r = run(slowWan, policy, 40, 3, 120, 20);
      expect(r.metrics.completed, policy).toBeGreaterThan(0);
      expect(r.metrics.tierSharePct.cloud, policy).toBe(0);
      expect(r.metrics.perTier.cloud!.completed, policy).toBe(0);
    }
    // No edge VM has the memory any app needs (C4): policies that check feasibility use only the cloud.
    const cloudOnly = preset("paper");
    for (const h of cloudOnly.edge.hosts) for (const vm of h.vms) vm.ramMb = 10;
    // A world no model set was trained for: the paper's set, by the user's choice.
    cloudOnly.policyOptions = { "neural-network": { modelDir: "models/paper" } };
    for (const policy of ["greedy-min-service", "expert-rules", "almutairi", "neural-network"]) {
      const r = run(cloudOnly, policy, 10, 3, 120, 20);
      expect(r.metrics.completed, policy).toBeGreaterThan(0);
      expect(r.metrics.tierSharePct, policy).toEqual({ localEdge: 0, remoteEdge: 0, cloud: 100 });
    }
  });

  it("adding idle VMs never raises the number of failed tasks under greedy-min-service", () => {
    // Counted failures, not the percentage: tasks still in flight at the end are in neither count,
    // so at light load one task finishing just before or after the end moves the percentage by 1e-5
    // with the same failures.
    for (const name of ["paper", "edgecloudsim-app4"] as const) {
      const base = preset(name);
      const more = preset(name);
      // One more VM per edge host and one more cloud VM, copies of the first ones.
      for (const h of more.edge.hosts) h.vms.push({ ...h.vms[0]! });
      more.cloud.vms.push({ ...more.cloud.vms[0]! });
      for (const devices of name === "paper" ? [10, 40, 120] : [600, 2400]) {
        for (const seed of [1, 2]) {
          const a = run(base, "greedy-min-service", devices, seed, 120, 20);
          const b = run(more, "greedy-min-service", devices, seed, 120, 20);
          expect(b.counts.counted.failed, `${name} ${devices} devices seed ${seed}`).toBeLessThanOrEqual(a.counts.counted.failed);
        }
      }
    }
  });

  it("raising link bandwidth never raises the network delay (random placement, shared links)", () => {
    for (let seed = 1; seed <= 4; seed++) {
      const base = lightPaper();
      const wide = lightPaper();
      for (const app of [...base.workload.apps, ...wide.workload.apps]) app.downloadKb = 500;
      for (const link of ["remoteEdge", "cloud"] as const) {
        const l = (wide.network as Extract<ScenarioInput["network"], { model: "shared-links" }>)[link];
        l.minMbps *= 2;
        l.maxMbps *= 2;
      }
      const a = run(base, "random", 10, seed, LIGHT_DURATION_S, 0);
      const b = run(wide, "random", 10, seed, LIGHT_DURATION_S, 0);
      expect(a.metrics.networkDelayS).toBeGreaterThan(0);
      expect(b.metrics.networkDelayS).toBeLessThanOrEqual(a.metrics.networkDelayS!);
      // Transmission times shrink while propagation stays: strictly lower when anything was sent.
      expect(b.metrics.networkDelayS).toBeLessThan(a.metrics.networkDelayS!);
    }
  });
});
