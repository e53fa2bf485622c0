// C2–C4 through the WASM tier call (viewFeasibilityTier: one task against every VM of a tier):
// each constraint rejected alone and together, exactly at its boundary (feasible) and one ulp
// beyond (violated).
import { describe, expect, it } from "vitest";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import { NOT_ADMITTED } from "../src/engine/wasm/boundary.ts";
import { C2_DEADLINE, C3_CPU, C4_MEMORY } from "../src/policies/types.ts";
import type { ScenarioInput } from "../src/scenario/schema.ts";
import { resolveScenario } from "../src/scenario/validate.ts";

const CPU_MAX = 0.9;
const MIPS = 1024;
const APP_MEM = 100;

/** One host with two 2-core VMs of 1024 MIPS (the local edge of every device), one cloud VM. */
function scenario() {
  const link = { minMbps: 10, maxMbps: 10, redrawIntervalS: 100, propagationDelayS: 0.01 };
  const data: ScenarioInput = {
    name: "feasibility",
    simulation: { durationS: 10, warmupS: 0 },
    deviceCounts: [1],
    workload: {
      apps: [{
        name: "APP", sharePct: 100, delaySensitivity: 0.5, lengthMi: 1000, uploadKb: 0, downloadKb: 0, maxDelayS: 1,
        memoryMb: APP_MEM, requiredCores: 2, arrival: { model: "uniform-interval", minIntervalS: 1, maxIntervalS: 1 },
      }],
    },
    edge: { hosts: [{ accessPoint: 0, vms: [{ cores: 2, mipsPerCore: MIPS, ramMb: 1000 }, { cores: 2, mipsPerCore: MIPS, ramMb: 1000 }] }] },
    cloud: { vms: [{ cores: 2, mipsPerCore: MIPS, ramMb: 1000 }] },
    network: { model: "shared-links", remoteEdge: link, cloud: link },
    compute: { model: "fifo-cores", cpuMaxFraction: CPU_MAX },
    mobility: { model: "static" },
  };
  return resolveScenario(data, "feasibility").scenario;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const nextUp = (x: number) => ((f64[0] = x), (u64[0]! += x >= 0 ? 1n : -1n), f64[0]!);
const nextDown = (x: number) => ((f64[0] = x), (u64[0]! += x > 0 ? -1n : 1n), f64[0]!);

describe("feasibility in WASM (C2–C4, one task against a tier)", () => {
  const engine = new WasmEngine();
  const ex = engine.exports;
  const sc = scenario();
  engine.create(sc, { devices: 1, seed: 1, durationS: 10, warmupS: 0 }, { id: 0, params: [], statNames: [] });
  const out = ex.testAllocI32(3);
  const freeMem = () => new Float64Array(ex.memory.buffer, ex.engineVmFreeMemMbPtr(), 3);

  /** Mask of the task on each of the three VMs (local-edge tier: VMs 0, 1; cloud: VM 2). */
  function masks(t: { lengthMi: number; arrivalS: number; deadlineS: number; now: number; freeMemMb?: number }) {
    freeMem().fill(t.freeMemMb ?? 1000);
    const task = ex.testTaskCreate(0, 0, t.lengthMi, 0, 0, t.arrivalS, t.deadlineS, t.now);
    const okEdge = ex.viewFeasibilityTier(task, 0, out);
    const edge = Array.from(new Int32Array(ex.memory.buffer, out, 3));
    const okCloud = ex.viewFeasibilityTier(task, 2, out);
    const cloud = Array.from(new Int32Array(ex.memory.buffer, out, 3));
    return { edge, cloud, okEdge, okCloud, single: ex.viewFeasibility(task, 0) };
  }

  // C2: L / (f · r · (1 − U)) ≤ deadline − now with U = 0, r = 2 cores, f = 1024: 2048 MI take 1 s.
  // C3: L / (f_vm · T_max) ≤ 0.9 + 1e-12, f_vm = 2 · 1024. C4: free memory ≥ 100 MB.
  const base = { lengthMi: 1024, arrivalS: 0, deadlineS: 10, now: 0 };

  it("a comfortable task is feasible on every VM of the tier; other tiers' VMs are marked -1", () => {
    const m = masks(base);
    expect(m.edge).toEqual([0, 0, -1]);
    expect(m.cloud).toEqual([-1, -1, 0]);
    expect([m.okEdge, m.okCloud, m.single]).toEqual([2, 1, 0]);
  });

  it("C2 alone: service estimate exactly equal to the time left is feasible, one ulp less time is not", () => {
    // 2048 MI → 1 s; deadline 10, T_max 10 keeps C3 at 0.1. Time left: 10 − 9 = 1 exactly.
    const at = { lengthMi: 2048, arrivalS: 0, deadlineS: 10, now: 9 };
    expect(masks(at).edge).toEqual([0, 0, -1]);
    const beyond = masks({ ...at, now: nextUp(9) });
    expect(beyond.edge).toEqual([C2_DEADLINE, C2_DEADLINE, -1]);
    expect(beyond.okEdge).toBe(0);
    expect(masks({ ...at, lengthMi: nextUp(2048) }).edge[0]).toBe(C2_DEADLINE);
  });

  it("C3 alone: demand exactly at CPU_max + 1e-12 is feasible, one ulp more MI is not", () => {
    // T_max = 1 s, f_vm = 2048: demand = L / 2048 (exact: a power of two). C2: L / 2048 ≤ 1 − 0.
    const limit = CPU_MAX + 1e-12;
    const L = limit * 2048;
    expect(L / 2048).toBe(limit);
    const at = { lengthMi: L, arrivalS: 0, deadlineS: 1, now: 0 };
    expect(masks(at).edge).toEqual([0, 0, -1]);
    expect(nextUp(L) / 2048).toBeGreaterThan(limit);
    expect(masks({ ...at, lengthMi: nextUp(L) }).edge).toEqual([C3_CPU, C3_CPU, -1]);
    expect(masks({ ...at, lengthMi: nextDown(L) }).edge).toEqual([0, 0, -1]);
  });

  it("C4 alone: free memory equal to R_req is feasible, one ulp less is not (and the VM refuses it)", () => {
    expect(masks({ ...base, freeMemMb: APP_MEM }).edge).toEqual([0, 0, -1]);
    const m = masks({ ...base, freeMemMb: nextDown(APP_MEM) });
    expect(m.edge).toEqual([C4_MEMORY | NOT_ADMITTED, C4_MEMORY | NOT_ADMITTED, -1]);
    expect(m.cloud[2]).toBe(C4_MEMORY | NOT_ADMITTED);
    expect(m.single).toBe(C4_MEMORY);
  });

  it("all three together, and each pair", () => {
    const L = (CPU_MAX + 1e-12) * 2048;
    const c2c3 = { lengthMi: nextUp(L) * 2, arrivalS: 0, deadlineS: 1, now: 0 }; // 1.8 s > 1 s; demand 1.8
    expect(masks(c2c3).edge[0]).toBe(C2_DEADLINE | C3_CPU);
    expect(masks({ ...c2c3, freeMemMb: 0 }).edge[0]).toBe(C2_DEADLINE | C3_CPU | C4_MEMORY | NOT_ADMITTED);
    expect(masks({ lengthMi: 2048, arrivalS: 0, deadlineS: 10, now: nextUp(9), freeMemMb: 50 }).edge[0]).toBe(
      C2_DEADLINE | C4_MEMORY | NOT_ADMITTED,
    );
    expect(masks({ lengthMi: nextUp(L), arrivalS: 0, deadlineS: 1, now: 0, freeMemMb: 50 }).edge[0]).toBe(
      C3_CPU | C4_MEMORY | NOT_ADMITTED,
    );
  });

  it("no deadline: C2 and C3 never bind", () => {
    expect(masks({ lengthMi: 1e12, arrivalS: 0, deadlineS: Infinity, now: 5 }).edge).toEqual([0, 0, -1]);
  });
});
