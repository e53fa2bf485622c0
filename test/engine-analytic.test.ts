// Analytic cases: results the engine must reproduce exactly.
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { fixedVm, tinyScenario } from "./helpers/scenarios.ts";

describe("analytic cases", () => {
  it("one task alone on an idle cloud VM: service = upload + L/f + download (+ propagation per leg)", () => {
    const sc = tinyScenario({ lengthMi: 5000, uploadKb: 1250, downloadKb: 250, linkMbps: 10, cloudPropagationS: 0.1 });
    const r = runReplica(sc, fixedVm(1), { devices: 1, seed: 7 });
    expect(r.counts.counted.completed).toBe(1);
    const upload = (1250 * 8) / 1000 / 10 + 0.1; // 1.1 s
    const exec = 5000 / 10000; // 0.5 s on one 10 000 MIPS core
    const download = (250 * 8) / 1000 / 10 + 0.1; // 0.3 s
    expect(r.metrics.breakdownS.upload).toBeCloseTo(upload, 12);
    expect(r.metrics.breakdownS.exec).toBeCloseTo(exec, 12);
    expect(r.metrics.breakdownS.download).toBeCloseTo(download, 12);
    expect(r.metrics.serviceTimeS).toBeCloseTo(upload + exec + download, 12);
    expect(r.metrics.networkDelayS).toBeCloseTo(upload + download, 12);
    expect(r.metrics.processingTimeS).toBeCloseTo(exec, 12);
    expect(r.metrics.tierSharePct.cloud).toBe(100);
  });

  it("local edge has no transfer: service = L/f exactly", () => {
    const sc = tinyScenario({ lengthMi: 3000, uploadKb: 900, downloadKb: 900, edgeVm: { cores: 2, mipsPerCore: 1500 } });
    const r = runReplica(sc, fixedVm(0), { devices: 1, seed: 1 });
    expect(r.metrics.serviceTimeS).toBeCloseTo(2, 12);
    expect(r.metrics.networkDelayS).toBe(0);
    expect(r.metrics.tierSharePct.localEdge).toBe(100);
  });

  it("two tasks on a 1-core FIFO VM: the second waits for the first", () => {
    // Two devices emit at the same instant; the VM runs one at a time.
    const sc = tinyScenario({ lengthMi: 2000, edgeVm: { cores: 1, mipsPerCore: 1000 } });
    const r = runReplica(sc, fixedVm(0), { devices: 2, seed: 3 });
    expect(r.counts.counted.completed).toBe(2);
    // services 2 s and 4 s; the second queued 2 s
    expect(r.metrics.serviceTimeS).toBeCloseTo(3, 12);
    expect(r.metrics.breakdownS.queue).toBeCloseTo(1, 12);
    expect(r.metrics.serviceTimeStdS).toBeCloseTo(Math.SQRT2, 12);
  });

  it("processor sharing with k tasks: each advances at f/k, all finish at k·L/f", () => {
    for (const k of [1, 2, 3, 5]) {
      const sc = tinyScenario({ compute: "processor-sharing", lengthMi: 1200, edgeVm: { cores: 1, mipsPerCore: 600 }, utilPct: 10 });
      const r = runReplica(sc, fixedVm(0), { devices: k, seed: 11 });
      expect(r.counts.counted.completed).toBe(k);
      expect(r.metrics.serviceTimeS).toBeCloseTo((k * 1200) / 600, 9);
      // A standard deviation needs two tasks: over one it is no data (null), not 0.
      if (k === 1) expect(r.metrics.serviceTimeStdS).toBeNull();
      else expect(r.metrics.serviceTimeStdS).toBeLessThan(1e-9);
    }
  });

  it("processor sharing on a 2-core VM: two 1-core tasks run at full speed, four at half", () => {
    const run = (k: number) =>
      runReplica(tinyScenario({ compute: "processor-sharing", lengthMi: 1000, edgeVm: { cores: 2, mipsPerCore: 500 }, utilPct: 5 }), fixedVm(0), { devices: k, seed: 2 });
    expect(run(2).metrics.serviceTimeS).toBeCloseTo(2, 9);
    expect(run(4).metrics.serviceTimeS).toBeCloseTo(4, 9);
  });

  it("processor-sharing admission: tasks beyond 100 % utilization are rejected for capacity", () => {
    const sc = tinyScenario({ compute: "processor-sharing", utilPct: 40, edgeVm: { cores: 1, mipsPerCore: 1000 } });
    const r = runReplica(sc, fixedVm(0), { devices: 3, seed: 5 });
    expect(r.counts.counted.completed).toBe(2);
    expect(r.counts.counted.failedByReason.capacity).toBe(1);
  });

  it("a fair-shared link: two simultaneous uploads each get half the capacity", () => {
    const sc = tinyScenario({ lengthMi: 0.001, uploadKb: 1250, linkMbps: 10, cloudPropagationS: 0 });
    const r = runReplica(sc, fixedVm(1), { devices: 2, seed: 1 });
    expect(r.metrics.breakdownS.upload).toBeCloseTo(2, 9); // 10 Mb at 5 Mbps each
  });

  it("a deadline shorter than the service time fails the task with reason deadline", () => {
    const sc = tinyScenario({ lengthMi: 3000, edgeVm: { cores: 1, mipsPerCore: 1000 }, maxDelayS: 2 });
    const r = runReplica(sc, fixedVm(0), { devices: 1, seed: 1 });
    expect(r.counts.counted.failedByReason.deadline).toBe(1);
    expect(r.metrics.failedTaskPct).toBe(100);
  });
});
