// neural-network's pieces inside WASM (assembly/policies/neural-network.ts, nn/features.ts, nn/net.ts)
// against the host's raw features (src/training/extractor.ts, the MLP kernel driven from the host), on one
// live state: a replica run to its end leaves loaded VMs and tasks in flight, then fresh tasks of
// every app are created and each piece is computed both ways, compared bit for bit. The whole-run
// comparisons (test/wasm-differential.test.ts) see a difference only when it changes a decision;
// these see any difference in a feature, a feasible list or a score.
import { describe, expect, it } from "vitest";
import { buildInfrastructure } from "../src/scenario/infrastructure.ts";
import { runReplica } from "../src/engine/run.ts";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import { createWasmView } from "../src/engine/wasm/view.ts";
import { TIER_FEATURES, VM_FEATURES } from "../src/nn/features.ts";
import { FeatureExtractor } from "../src/training/extractor.ts";
import { defaultModelDir, type LabelMode, loadModel, modelSetPaths } from "../src/nn/model-set.ts";
import { loadKernelSync } from "../src/nn/wasm-kernel.ts";
import { readFileSync } from "node:fs";
import { loadScenario } from "../src/scenario/load.ts";
import { type ResolvedScenario, resolveScenario } from "../src/scenario/validate.ts";

/**
 * The paper world with CPU_max 1 and no deadlines: a VM whose cores are all bound stays open and
 * feasible (C3 adds no demand), so VMs whose rows differ only in their queues (the service-time
 * estimate of fifo-cores) compete.
 */
function fullVmsWorld(): ResolvedScenario {
  return paperWorld((data) => {
    data.compute.cpuMaxFraction = 1;
    for (const app of data.workload.apps) app.maxDelayS = null;
  });
}

/** The paper preset (its name, so its model set) with `edit` applied to the JSON. */
function paperWorld(edit: (data: any) => void): ResolvedScenario {
  return presetWorld("paper", edit);
}

/**
 * edgecloudsim-app4 (processor-sharing, no batches) where the heavy app needs 4 cores: only the cloud's
 * 4-core VMs admit it (the presets' apps fit every VM).
 */
function fourCoreAppWorld(): ResolvedScenario {
  return presetWorld("edgecloudsim-app4", (data) => {
    data.workload.apps.find((a: { name: string }) => a.name === "HEAVY_COMP_APP").requiredCores = 4;
  });
}

/**
 * edgecloudsim-app4 with three VM types taking turns on every host: two of the same capacity
 * (cores × MIPS) and one of another, so a host's VMs span capacity classes (compute.ts) in runs.
 */
function mixedVmsWorld(): ResolvedScenario {
  return presetWorld("edgecloudsim-app4", (data) => {
    const types = [{ cores: 2, mipsPerCore: 10000 }, { cores: 4, mipsPerCore: 5000 }, { cores: 1, mipsPerCore: 30000 }];
    for (const host of data.edge.hosts) host.vms.forEach((vm: any, i: number) => Object.assign(vm, types[(i + (i >> 2)) % 3]));
  });
}

function presetWorld(preset: string, edit: (data: any) => void): ResolvedScenario {
  const data = JSON.parse(readFileSync(new URL(`../src/scenario/presets/${preset}.json`, import.meta.url), "utf8"));
  edit(data);
  return resolveScenario(data, `${preset} variant`);
}

const bits = (a: Float32Array) => [...new Uint32Array(a.buffer, a.byteOffset, a.length)];

describe("neural-network in WASM: features, feasible VMs and scores = the host extractor's and reference kernel's", () => {
  const cases: { preset: string; devices: number; durationS: number; labels: LabelMode; world?: () => ResolvedScenario }[] = [
    // The paper world fills every VM within seconds: stop while some are still open.
    { preset: "paper", devices: 20, durationS: 3, labels: "expert" },
    { preset: "paper", devices: 40, durationS: 1.05, labels: "outcome" },
    { preset: "edgecloudsim-app4", devices: 1500, durationS: 150, labels: "expert" },
    { preset: "paper, CPU_max 1, no deadlines", devices: 300, durationS: 4, labels: "expert", world: fullVmsWorld },
    { preset: "edgecloudsim-app4, a 4-core app", devices: 1500, durationS: 150, labels: "outcome", world: fourCoreAppWorld },
    { preset: "edgecloudsim-app4, mixed VM types", devices: 1500, durationS: 90, labels: "expert", world: mixedVmsWorld },
  ];
  for (const { preset, devices, durationS, labels, world } of cases) {
    it(`${preset} at ${devices} devices after ${durationS} s (labels=${labels})`, () => {
      const resolved = world ? world() : loadScenario(preset);
      const s = resolved.scenario;
      const wasm = new WasmEngine();
      // A derived world has no model set of its own: the preset's set, given explicitly (the features are the point here).
      const modelDir = defaultModelDir(preset.split(",")[0]!);
      runReplica(resolved, "neural-network", { devices, seed: 21, durationS, warmupS: 0, wasm, policyOptions: { labels, modelDir } });
      const ex = wasm.exports;
      const infra = buildInfrastructure(s);
      const vmCount = infra.vmCount;
      const paths = modelSetPaths(modelDir, labels);
      const tierModel = loadModel(paths.tier, "tier-selection", true);
      const vmModel = loadModel(paths.vm, "vm-compatibility", true);
      const vmMlp = loadKernelSync().createMlp(vmModel.mlp!, vmCount);

      // Fresh waiting tasks of every app on several devices, with varied sizes and waits.
      const now = ex.engineNow();
      const tasks: number[] = [];
      s.workload.apps.forEach((app, a) => {
        for (let i = 0; i < 6; i++) {
          const device = (i * 131 + a * 17) % devices;
          const f = 0.35 + 0.29 * i;
          const arrival = now - 0.07 * i;
          const deadline = app.maxDelayS == null ? Infinity : arrival + app.maxDelayS;
          tasks.push(ex.testTaskCreate(device, a, app.lengthMi * f, app.uploadKb * f, app.downloadKb / f, arrival, deadline, now));
        }
      });
      const out = ex.testAlloc(4 * (vmCount + VM_FEATURES.length + 8));
      const { view, refresh } = createWasmView(ex, s, infra, devices);
      refresh();
      const f32 = (ptr: number, n: number) => new Float32Array(ex.memory.buffer, ptr, n).slice();
      const extractor = new FeatureExtractor();
      const cpuMax = s.compute.cpuMaxFraction + 1e-12;
      let scored = 0, multiFeasible = 0;
      const distinctScores = new Set<number>();

      for (const task of tasks) {
        const tsTier = new Float32Array(TIER_FEATURES.length);
        extractor.tierRow(view, task, tierModel.norm, tsTier, 0);
        expect(bits(f32(ex.nnTestTierRow(task), TIER_FEATURES.length)), `tier row of task ${task}`).toEqual(bits(tsTier));

        for (let vm = 0; vm < vmCount; vm++) {
          const tsVm = new Float32Array(VM_FEATURES.length);
          extractor.vmRow(view, task, vm, vmModel.norm, tsVm, 0);
          ex.nnTestVmRow(task, vm, out);
          expect(bits(f32(out, VM_FEATURES.length)), `VM row of task ${task}, VM ${vm}`).toEqual(bits(tsVm));
        }

        for (let k = 0; k < 3; k++) {
          // The TypeScript policy's feasible VMs of tier k: open (U ≤ CPU_max), admitting, C2–C4, VM order.
          const want: number[] = [];
          for (let vm = 0; vm < vmCount; vm++) {
            if (view.loadFraction(vm) <= cpuMax && view.fits(task, vm) && view.feasibility(task, vm) === 0 && view.tierOf(task, vm) === k) want.push(vm);
          }
          const n = ex.nnTestFeasible(task, k, out);
          expect([...new Int32Array(ex.memory.buffer, out, n)], `feasible VMs of tier ${k}, task ${task}`).toEqual(want);
          if (n === 0) continue;
          if (n > 1) multiFeasible++;
          const x = vmMlp.input;
          want.forEach((vm, i) => extractor.vmRow(view, task, vm, vmModel.norm, x, i * VM_FEATURES.length));
          vmMlp.forward(n, "simd");
          const tsScores = vmMlp.output.slice(0, n);
          expect(ex.nnTestScores(task, k, out)).toBe(n);
          expect(bits(f32(out, n)), `VM scores of tier ${k}, task ${task}`).toEqual(bits(tsScores));
          scored += n;
          for (const v of tsScores) distinctScores.add(v);
        }
      }
      // The state was busy enough to mean something: many VMs scored, with many different scores.
      expect(multiFeasible).toBeGreaterThan(5);
      expect(scored).toBeGreaterThan(50);
      expect(distinctScores.size).toBeGreaterThan(10);
    });
  }
});
