// The run's time series (one sample per utilization interval, the whole run): it agrees with the
// run's own totals, so a figure drawn from it tells the same story as the metrics.
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { loadScenario } from "../src/scenario/load.ts";

describe("time series", () => {
  for (const [preset, policy] of [["paper", "utilization-based"], ["edgecloudsim-app4", "sonmez"]] as const) {
    it(`${preset} / ${policy}: a sample per interval; its utilization, ends and tasks in the system match the run's`, () => {
      const resolved = loadScenario(preset);
      const interval = resolved.scenario.simulation.utilizationSampleIntervalS;
      const r = runReplica(resolved, policy, { devices: 300, seed: 4, durationS: 120, warmupS: 30 });
      const t = r.timeSeries;
      expect(t.intervalS).toBe(interval);
      expect(t.timeS.length).toBe(Math.floor(120 / interval));
      t.timeS.forEach((x, i) => expect(x).toBeCloseTo((i + 1) * interval, 9));
      // The samples in the utilization window average to the run's utilization.
      const inWindow = t.timeS.flatMap((x, i) => (r.utilizationWindow === "whole-run" ? x < 120 : x >= 30) ? [i] : []);
      expect(inWindow.length).toBe(r.metrics.utilizationSamples);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(mean(inWindow.map((i) => t.edgeUtilPct[i]!))).toBeCloseTo(r.metrics.vmUtilizationPct.edge!, 9);
      expect(mean(inWindow.map((i) => t.cloudUtilPct[i]!))).toBeCloseTo(r.metrics.vmUtilizationPct.cloud!, 9);
      // Every task that ended is in exactly one interval; the last sample sees the tasks left in flight.
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      expect(sum(t.completed)).toBe(r.counts.completed);
      expect(sum(t.failed)).toBe(r.counts.failed);
      expect(t.tasksInSystem.at(-1)).toBe(r.counts.inFlight);
      for (const u of [...t.edgeUtilPct, ...t.cloudUtilPct]) expect(u >= 0 && u <= 100).toBe(true);
    });
  }
});
