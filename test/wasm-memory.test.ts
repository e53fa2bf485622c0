// Memory of the WASM engine: the task table follows live tasks (it does not grow with the number of
// tasks simulated), linear memory stays small at 2000 devices, and reusing one engine for many
// replicas does not accumulate memory.
import { describe, expect, it } from "vitest";
import { runReplica, type RunOptions } from "../src/engine/run.ts";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import type { ScenarioInput } from "../src/scenario/schema.ts";
import { resolveScenario } from "../src/scenario/validate.ts";
import { loadScenario } from "../src/scenario/load.ts";

const stable = (r: unknown) => JSON.stringify({ ...(r as object), wallS: 0 });

describe("WASM engine memory", () => {
  it("2000 devices on the paper preset: the task table stays at its initial size, memory stays small", () => {
    const wasm = new WasmEngine();
    const sc = loadScenario("paper");
    const r = runReplica(sc, "utilization-based", { devices: 2000, seed: 1, durationS: 90, warmupS: 10, wasm });
    const capacity = wasm.exports.engineTaskCapacity();
    expect(r.tasksSimulated).toBeGreaterThan(300_000);
    // 16 task rows per device, never grown: proportional to live tasks (~10 per device), not to tasks simulated.
    expect(capacity).toBe(32768);
    expect(r.counts.inFlight).toBeLessThan(capacity);
    expect(wasm.memoryBytes).toBeLessThanOrEqual(32 * 2 ** 20);
    // Another replica on the same engine reuses the same memory.
    const before = wasm.memoryBytes;
    runReplica(sc, "utilization-based", { devices: 2000, seed: 2, durationS: 30, warmupS: 10, wasm });
    runReplica(sc, "random", { devices: 500, seed: 3, durationS: 30, warmupS: 10, wasm });
    expect(wasm.memoryBytes).toBe(before);
  });

  it("the task table grows by doubling when live tasks exceed it, and results stay identical to TypeScript", () => {
    // 40 devices, a task every 0.1 s each, a slow VM and a long deadline: waiting tasks pile up in
    // the overflow queue far beyond the initial 1024 rows.
    const link = { minMbps: 10, maxMbps: 20, redrawIntervalS: 5, propagationDelayS: 0.01 };
    const data: ScenarioInput = {
      name: "pile-up",
      simulation: { durationS: 60, warmupS: 5, utilizationSampleIntervalS: 1 },
      deviceCounts: [40],
      workload: {
        apps: [{
          name: "APP", sharePct: 100, delaySensitivity: 0.5, lengthMi: 2000, uploadKb: 10, downloadKb: 10, maxDelayS: 100,
          memoryMb: 10, arrival: { model: "uniform-interval", minIntervalS: 0.05, maxIntervalS: 0.15 },
        }],
      },
      edge: { hosts: [{ accessPoint: 0, vms: [{ cores: 1, mipsPerCore: 1000, ramMb: 100 }] }] },
      cloud: { vms: [{ cores: 1, mipsPerCore: 2000, ramMb: 100 }] },
      network: { model: "shared-links", remoteEdge: link, cloud: link },
      compute: { model: "fifo-cores" },
      mobility: { model: "static" },
      orchestration: { batchIntervalS: 0.1, overflowQueue: true },
    };
    const sc = resolveScenario(data, "pile-up");
    const wasm = new WasmEngine();
    const o: RunOptions = { devices: 40, seed: 6 };
    const w = runReplica(sc, "utilization-based", { ...o, wasm });
    expect(w.counts.inFlight).toBeGreaterThan(10_000);
    const capacity = wasm.exports.engineTaskCapacity();
    expect(capacity).toBeGreaterThan(1024);
    expect(capacity).toBeLessThan(4 * w.counts.inFlight);
    // A grown task table changes nothing: a fresh instance gives the same result.
    expect(stable(w)).toBe(stable(runReplica(sc, "utilization-based", o)));
  });
});
