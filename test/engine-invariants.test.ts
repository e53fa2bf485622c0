// Every run checks its invariants at the end (runReplica throws on a violation); here every
// built-in policy runs on both presets and the checks are repeated from the outside.
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { createRegistry } from "../src/policies/registry.ts";
import { loadScenario } from "../src/scenario/load.ts";

const presets = ["paper", "edgecloudsim-app4"] as const;

describe("invariants on both presets, every policy", () => {
  for (const preset of presets) {
    for (const policy of createRegistry().names()) {
      it(`${preset} / ${policy}`, () => {
        const r = runReplica(loadScenario(preset), policy, { devices: 120, seed: 4, durationS: 90, warmupS: 15 });
        const c = r.counts;
        expect(c.generated).toBe(c.completed + c.failed + c.inFlight);
        expect(c.generated).toBeGreaterThan(0);
        expect(r.metrics.vmUtilizationPct.edge).toBeGreaterThanOrEqual(0);
        expect(r.metrics.vmUtilizationPct.edge).toBeLessThanOrEqual(100);
        expect(r.metrics.vmUtilizationPct.cloud).toBeLessThanOrEqual(100);
        const b = r.metrics.breakdownS;
        if (r.metrics.completed === 0) {
          // A mean over no completed task is no data, never 0.
          for (const v of [b.wait, b.upload, b.queue, b.exec, b.download, r.metrics.serviceTimeS]) expect(v).toBeNull();
        } else {
          for (const v of [b.wait, b.upload, b.queue, b.exec, b.download, r.metrics.serviceTimeS]) expect(v).toBeGreaterThanOrEqual(0);
          const parts = b.wait! + b.upload! + b.queue! + b.exec! + b.download!;
          expect(parts).toBeCloseTo(r.metrics.serviceTimeS!, 6);
          expect(r.metrics.processingTimeS! + r.metrics.networkDelayS!).toBeCloseTo(r.metrics.serviceTimeS!, 9);
        }
        const pct = r.metrics.failedTaskPct ?? 0;
        const byReason = Object.values(r.metrics.failedPctByReason).reduce((s: number, x) => s + (x ?? 0), 0);
        expect(byReason).toBeCloseTo(pct, 9);
      });
    }
  }
});
