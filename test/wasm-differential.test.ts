// The WASM engine against the TypeScript reference: for the same seed, the whole RunResult (every
// count and metric, to the last bit; only the wall time differs) must be identical, for the built-in
// policies running inside WASM, for the same policies running on the host through the per-batch /
// per-decision callback, and for a user policy that exists only in TypeScript.
import { describe, expect, it } from "vitest";
import { runReplica, type RunOptions, type RunResult } from "../src/engine/run.ts";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import type { PolicyFactory } from "../src/policies/types.ts";
import { worstFitAllEdge } from "../src/policies/vm-choice.ts";
import { InputError } from "../src/scenario/errors.ts";
import { nativePolicy } from "../src/engine/wasm/policies.ts";
import { POLICY_NEURAL_NETWORK } from "../src/engine/wasm/layout.ts";
import { neuralNetworkPolicy } from "../src/policies/neural-network.ts";
import { writeModelSet } from "./helpers/nn.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { fixedVm, tinyScenario, type TinyOptions } from "./helpers/scenarios.ts";

const stable = (r: RunResult) => JSON.stringify({ ...r, wallS: 0 });
const POLICIES = [
  "random", "utilization-based", "greedy-min-service", "expert-rules", "network-based", "hybrid", "first-fit", "next-fit",
  "best-fit", "worst-fit", "flores", "sonmez", "almutairi", "neural-network",
] as const;
/**
 * Simulated seconds per preset: long enough for the paper world's overflow queue to fill and drain,
 * and for every EdgeCloudSim app's devices to go idle and come back at least once (the longest cycle
 * is 60 s active + 120 s idle; a 60 s run missed a miscompiled idle-period loop, see workload.ts).
 */
const PRESETS = [
  { preset: "paper", durationS: 15, warmupS: 3 },
  { preset: "edgecloudsim-app4", durationS: 300, warmupS: 30 },
] as const;
const DEVICES = [50, 200, 600] as const;

// One engine for the whole file: the instance is reused run after run (engineReset between them).
const wasm = new WasmEngine();

/** A policy that exists only in TypeScript: the least-loaded admitting edge VM, else the cloud VM
 *  with the most free memory; it also reads task columns, the clock and the feasibility call. */
function userPolicy(batch: boolean): PolicyFactory {
  return {
    name: batch ? "user-batch" : "user-decide",
    description: "test policy running on the host",
    create() {
      let seen = 0;
      let infeasible = 0;
      const decide = (task: number, view: Parameters<NonNullable<ReturnType<PolicyFactory["create"]>["decide"]>>[1]) => {
        seen++;
        const edge = worstFitAllEdge(view, task);
        if (edge >= 0 && view.tasks.lengthMi[task]! < 20000 && view.now >= view.tasks.arrivalS[task]!) {
          if (view.feasibility(task, edge) !== 0) infeasible++;
          return edge;
        }
        let best = -1;
        for (let vm = view.infra.cloudVmStart; vm < view.infra.vmCount; vm++) {
          if (view.fits(task, vm) && (best < 0 || view.vmFreeMemMb[vm]! > view.vmFreeMemMb[best]!)) best = vm;
        }
        return best;
      };
      return {
        name: batch ? "user-batch" : "user-decide",
        decide,
        ...(batch
          ? {
              // Newest first: exercises a decideBatch that reorders and assigns on its own.
              decideBatch(tasks: Int32Array, count: number, view, assign) {
                for (let i = count - 1; i >= 0; i--) {
                  const vm = decide(tasks[i]!, view);
                  if (vm >= 0) assign(tasks[i]!, vm);
                }
              },
            }
          : {}),
        stats: () => ({ seen, infeasible }),
      };
    },
  };
}

describe("WASM engine = TypeScript engine, bit for bit", () => {
  for (const { preset, durationS, warmupS } of PRESETS) {
    const sc = loadScenario(preset);
    for (const policy of POLICIES) {
      it(`${preset} / ${policy} at ${DEVICES.join(", ")} devices (built-in inside WASM; host callback at 200)`, () => {
        for (const devices of DEVICES) {
          const o: RunOptions = { devices, seed: 17 + devices, durationS, warmupS };
          const ts = runReplica(sc, policy, { ...o, engine: "ts" });
          const native = runReplica(sc, policy, { ...o, engine: "wasm", wasm });
          expect(ts.counts.generated).toBeGreaterThan(0);
          expect(stable(native), `${devices} devices`).toBe(stable(ts));
          if (devices === 200) {
            const host = runReplica(sc, policy, { ...o, engine: "wasm", wasm, hostPolicy: true });
            expect(stable(host), `${devices} devices, host callback`).toBe(stable(ts));
          }
        }
      });
    }
    for (const batch of [false, true]) {
      it(`${preset} / a TypeScript-only user policy (${batch ? "decideBatch" : "decide"}) through the host callback`, () => {
        for (const devices of [60, 300]) {
          const o: RunOptions = { devices, seed: 5, durationS, warmupS };
          const ts = runReplica(sc, userPolicy(batch), { ...o, engine: "ts" });
          const w = runReplica(sc, userPolicy(batch), { ...o, engine: "wasm", wasm });
          expect(ts.policyStats.seen).toBeGreaterThan(0);
          expect(stable(w)).toBe(stable(ts));
        }
      });
    }
  }

  it("another seed, a long paper run: still identical (and it differs from the first seed)", () => {
    const sc = loadScenario("paper");
    const o: RunOptions = { devices: 400, seed: 99, durationS: 40, warmupS: 10 };
    const ts = runReplica(sc, "utilization-based", { ...o, engine: "ts" });
    const w = runReplica(sc, "utilization-based", { ...o, engine: "wasm", wasm });
    expect(stable(w)).toBe(stable(ts));
    expect(stable(runReplica(sc, "utilization-based", { ...o, seed: 100, wasm }))).not.toBe(stable(w));
  });

  it("policy options reach the WASM twin (utilization-based thresholdPct)", () => {
    const sc = loadScenario("edgecloudsim-app4");
    const o: RunOptions = { devices: 400, seed: 8, durationS: 200, warmupS: 10, policyOptions: { thresholdPct: 5 } };
    const ts = runReplica(sc, "utilization-based", { ...o, engine: "ts" });
    expect(ts.metrics.tierSharePct.cloud).toBeGreaterThan(0);
    expect(stable(runReplica(sc, "utilization-based", { ...o, wasm }))).toBe(stable(ts));
  });

  it("expert-rules reports the same rule counts from WASM", () => {
    const sc = loadScenario("paper");
    const o: RunOptions = { devices: 100, seed: 2, durationS: 15, warmupS: 0 };
    const w = runReplica(sc, "expert-rules", { ...o, wasm });
    expect(Object.keys(w.policyStats).sort()).toEqual(["ruleCloud", "ruleGap", "ruleLocal", "ruleRemote"]);
    expect(w.policyStats).toEqual(runReplica(sc, "expert-rules", { ...o, engine: "ts" }).policyStats);
  });

  /**
   * Device counts at which the fuzzy policies take every branch (each counter is non-zero at one of
   * them): the paper world is overloaded from 50 devices, whereas in the EdgeCloudSim world every
   * decision up to ~600 devices is the (local) edge, so the POLICIES loop above never reaches the
   * cloud, remote-host and fall-back branches there.
   */
  const FUZZY_LOADED = { paper: [50, 300], "edgecloudsim-app4": [1500, 2000] } as const;
  const FUZZY_STATS: Record<string, readonly string[]> = {
    flores: ["decidedCloud", "decidedEdge"],
    sonmez: ["decidedNearestHost", "decidedRemoteHost", "decidedCloud"],
    almutairi: ["decidedLocal", "decidedOther", "decidedCloud", "placedLocal", "placedOther", "placedCloud", "fellBack"],
  };

  for (const { preset, durationS, warmupS } of PRESETS) {
    const devicesList = FUZZY_LOADED[preset];
    it(`${preset} / almutairi variants shifted and cog inside WASM at ${devicesList.join(", ")} devices`, () => {
      const sc = loadScenario(preset);
      for (const variant of ["shifted", "cog"]) {
        for (const devices of devicesList) {
          const o: RunOptions = { devices, seed: 23 + devices, durationS, warmupS, policyOptions: { variant } };
          const ts = runReplica(sc, "almutairi", { ...o, engine: "ts" });
          expect(ts.counts.generated).toBeGreaterThan(0);
          expect(stable(runReplica(sc, "almutairi", { ...o, engine: "wasm", wasm })), `${variant}, ${devices} devices`).toBe(stable(ts));
        }
      }
    });

    it(`${preset} / flores, sonmez, almutairi report the same counters from WASM, every branch taken (${devicesList.join(", ")} devices)`, () => {
      const sc = loadScenario(preset);
      for (const [policy, names] of Object.entries(FUZZY_STATS)) {
        const seen = new Map<string, number>(names.map((n) => [n, 0]));
        for (const devices of devicesList) {
          const o: RunOptions = { devices, seed: 3 + devices, durationS, warmupS };
          const ts = runReplica(sc, policy, { ...o, engine: "ts" });
          const w = runReplica(sc, policy, { ...o, engine: "wasm", wasm });
          const what = `${policy}, ${devices} devices`;
          expect(Object.keys(ts.policyStats), what).toEqual(names);
          expect(Object.keys(w.policyStats), what).toEqual(names);
          expect(w.policyStats, what).toEqual(ts.policyStats);
          expect(stable(w), what).toBe(stable(ts));
          for (const n of names) seen.set(n, seen.get(n)! + w.policyStats[n]!);
        }
        for (const [n, count] of seen) expect(count, `${policy}.${n} never counted`).toBeGreaterThan(0);
      }
    });
  }

  it("a bad almutairi variant is still an InputError on the WASM path", () => {
    const sc = loadScenario("edgecloudsim-app4");
    const run = (policyOptions: Record<string, unknown>) => () =>
      runReplica(sc, "almutairi", { devices: 10, seed: 1, durationS: 15, warmupS: 0, policyOptions, wasm });
    expect(run({ variant: "fuzzy" })).toThrow(InputError);
    expect(run({ variant: "shifed" })).toThrow(/variant[\s\S]*did you mean "shifted"/);
    expect(run({ varient: "cog" })).toThrow(InputError);
  });

  it("the WASM engine is the default and a fresh engine per call gives the same result", () => {
    const sc = loadScenario("paper");
    const o: RunOptions = { devices: 80, seed: 4, durationS: 10, warmupS: 2 };
    expect(stable(runReplica(sc, "random", o))).toBe(stable(runReplica(sc, "random", { ...o, engine: "ts" })));
    expect(() => runReplica(sc, "random", { ...o, engine: "js" as "ts" })).toThrow(/options.engine/);
  });

  it("the analytic tiny scenarios (test/engine-analytic.test.ts) on both engines, explicitly", () => {
    const cases: [TinyOptions, number, number][] = [
      [{ lengthMi: 5000, uploadKb: 1250, downloadKb: 250, linkMbps: 10, cloudPropagationS: 0.1 }, 1, 1],
      [{ lengthMi: 3000, uploadKb: 900, downloadKb: 900, edgeVm: { cores: 2, mipsPerCore: 1500 } }, 0, 1],
      [{ lengthMi: 2000, edgeVm: { cores: 1, mipsPerCore: 1000 } }, 0, 2],
      [{ compute: "processor-sharing", lengthMi: 1200, edgeVm: { cores: 1, mipsPerCore: 600 }, utilPct: 10 }, 0, 5],
      [{ compute: "processor-sharing", lengthMi: 1000, edgeVm: { cores: 2, mipsPerCore: 500 }, utilPct: 5 }, 0, 4],
      [{ compute: "processor-sharing", utilPct: 40, edgeVm: { cores: 1, mipsPerCore: 1000 } }, 0, 3],
      [{ lengthMi: 0.001, uploadKb: 1250, linkMbps: 10, cloudPropagationS: 0 }, 1, 2],
      [{ lengthMi: 3000, edgeVm: { cores: 1, mipsPerCore: 1000 }, maxDelayS: 2 }, 0, 1],
      [{ lengthMi: 800, uploadKb: 300, downloadKb: 100, intervalS: 0.7, durationS: 60, maxDelayS: 3 }, 1, 12],
    ];
    for (const [options, vm, devices] of cases) {
      const sc = tinyScenario(options);
      const ts = runReplica(sc, fixedVm(vm), { devices, seed: 7, engine: "ts" });
      const w = runReplica(sc, fixedVm(vm), { devices, seed: 7, engine: "wasm", wasm });
      expect(ts.counts.generated).toBeGreaterThan(0);
      expect(stable(w), JSON.stringify(options)).toBe(stable(ts));
    }
  });

  describe("neural-network inside WASM", () => {
    // The batch path (paper: batches of 0.1 s with an overflow queue) with the other label mode and
    // both other batch orders; the per-task path (edgecloudsim-app4: no batches, so no order) with the
    // other label mode.
    const OPTION_SETS: Record<string, Record<string, unknown>[]> = {
      paper: [{ labels: "outcome" }, { order: "ascending" }, { order: "none" }, { labels: "outcome", order: "ascending" }],
      "edgecloudsim-app4": [{ labels: "outcome" }],
    };
    for (const { preset, durationS, warmupS } of PRESETS) {
      it(`${preset}: ${OPTION_SETS[preset]!.map((x) => JSON.stringify(x)).join(", ")} at 120 and 400 devices`, () => {
        const sc = loadScenario(preset);
        for (const policyOptions of OPTION_SETS[preset]!) {
          for (const devices of [120, 400]) {
            const o: RunOptions = { devices, seed: 3 + devices, durationS, warmupS, policyOptions };
            const ts = runReplica(sc, "neural-network", { ...o, engine: "ts" });
            const native = runReplica(sc, "neural-network", { ...o, wasm });
            expect(ts.policyStats.decisions).toBeGreaterThan(0);
            expect(stable(native), `${JSON.stringify(policyOptions)} at ${devices} devices`).toBe(stable(ts));
          }
        }
      });
    }

    it("reports the TypeScript policy's counters, in its order, from WASM", () => {
      const sc = loadScenario("paper");
      const o: RunOptions = { devices: 300, seed: 6, durationS: 10, warmupS: 0 };
      const native = runReplica(sc, "neural-network", { ...o, wasm });
      const ts = runReplica(sc, "neural-network", { ...o, engine: "ts" });
      expect(Object.keys(native.policyStats)).toEqual([
        "decisions", "assigned", "overflow", "tierNetRuns", "vmNetRuns", "vmScored", "assignedLocalEdge", "assignedRemoteEdge",
        "assignedCloud",
      ]);
      expect(native.policyStats).toEqual(ts.policyStats);
      // The run reached every branch: tier network, VM network, overflow.
      for (const key of ["tierNetRuns", "vmNetRuns", "overflow", "assignedCloud"]) expect(native.policyStats[key], key).toBeGreaterThan(0);
    });

    it("hand-set single-layer networks: all-equal VM scores (ties: lowest VM id), lower-is-better, constant tier scores", () => {
      // VM score 0 everywhere: every choice is a tie; MIPS-weighted lower-is-better: the slowest VM;
      // a utilization-weighted score: many equal rows (idle VMs) and many distinct ones.
      const sets = [
        writeModelSet([0.3, 0.1, 0.2], {}),
        writeModelSet([0, 0.5, 0.1], { "vm.mips_per_core_k": [1] }, "lower-is-better"),
        writeModelSet([0.2, 0.2, 0.1], { "vm.utilization": [-3], "vm.estimated_service_s": [-1], "task.length_gi": [0.5] }),
      ];
      for (const { preset, durationS } of PRESETS) {
        const sc = loadScenario(preset);
        for (const modelDir of sets) {
          for (const labels of ["expert", "outcome"]) {
            const o: RunOptions = { devices: 250, seed: 9, durationS: Math.min(durationS, 120), warmupS: 0, policyOptions: { modelDir, labels } };
            const ts = runReplica(sc, "neural-network", { ...o, engine: "ts" });
            expect(stable(runReplica(sc, "neural-network", { ...o, wasm })), `${preset} ${modelDir} ${labels}`).toBe(stable(ts));
          }
        }
      }
    });

    it("runs natively with the wasm backend only: the onnx backend and profile=true keep the TypeScript policy, with the TS engine's results", () => {
      const sc = loadScenario("paper");
      expect(nativePolicy(neuralNetworkPolicy, {}, sc.scenario)?.id).toBe(POLICY_NEURAL_NETWORK);
      expect(nativePolicy(neuralNetworkPolicy, { backend: "onnx" }, sc.scenario)).toBeUndefined();
      expect(nativePolicy(neuralNetworkPolicy, { profile: true }, sc.scenario)).toBeUndefined();
      expect(() => nativePolicy(neuralNetworkPolicy, { order: "sideways" }, sc.scenario)).toThrow(/order/);
      const noClock = (r: RunResult) => stable({ ...r, policyStats: { ...r.policyStats, decideNs: 0 } });
      for (const policyOptions of [{ backend: "onnx" }, { profile: true }]) {
        const o: RunOptions = { devices: 150, seed: 12, durationS: 8, warmupS: 0, policyOptions };
        const ts = runReplica(sc, "neural-network", { ...o, engine: "ts" });
        const w = runReplica(sc, "neural-network", { ...o, wasm });
        expect(noClock(w), JSON.stringify(policyOptions)).toBe(noClock(ts));
        if (policyOptions.profile) expect(w.policyStats.decideNs).toBeGreaterThan(0);
      }
      // And the same decisions as the native twin (the onnx graph is the same network).
      const o: RunOptions = { devices: 150, seed: 12, durationS: 8, warmupS: 0 };
      expect(stable(runReplica(sc, "neural-network", { ...o, wasm, policyOptions: { profile: true } })).replace(/,"decideNs":[^,}]*/, ""))
        .toBe(stable(runReplica(sc, "neural-network", { ...o, wasm })));
    });

    it("repeat (the bench's option) places each task again on the same state: same results in both engines, counters counted once", () => {
      // The bench takes the decision cost as the run time it adds, so it must change nothing else:
      // both paths (paper's batches, app4's per-task decisions), both engines.
      for (const { preset, durationS } of PRESETS) {
        const sc = loadScenario(preset);
        const o: RunOptions = { devices: 200, seed: 4, durationS: Math.min(durationS, 60), warmupS: 0 };
        const once = stable(runReplica(sc, "neural-network", { ...o, engine: "ts" }));
        expect(once).toContain('"tierNetRuns"');
        for (const engine of ["ts", "wasm"] as const) {
          const r = runReplica(sc, "neural-network", { ...o, engine, wasm, policyOptions: { repeat: 3 } });
          expect(r.policyStats.vmNetRuns, `${preset} ${engine}`).toBeGreaterThan(0);
          expect(stable(r), `${preset} ${engine}`).toBe(once);
        }
      }
      for (const repeat of [0, 1.5, "two", 1001]) {
        expect(() => runReplica(loadScenario("paper"), "neural-network", { devices: 5, seed: 1, durationS: 1, warmupS: 0, wasm, policyOptions: { repeat } }))
          .toThrow(/repeat: not a whole number from 1 to 1000 .*repeat=2/s);
      }
    });

    it("model errors are the TypeScript policy's", () => {
      const sc = loadScenario("paper");
      const o: RunOptions = { devices: 10, seed: 1, durationS: 1, warmupS: 0, policyOptions: { modelDir: "/nonexistent-model-dir" } };
      let tsError: unknown, wasmError: unknown;
      try { runReplica(sc, "neural-network", { ...o, engine: "ts" }); } catch (e) { tsError = e; }
      try { runReplica(sc, "neural-network", { ...o, wasm }); } catch (e) { wasmError = e; }
      expect(tsError).toBeInstanceOf(Error);
      expect((wasmError as Error).constructor).toBe((tsError as Error).constructor);
      expect((wasmError as Error).message).toBe((tsError as Error).message);
    });
  });
});
