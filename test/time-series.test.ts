// The run's time series (one sample per utilization interval, the whole run): it agrees with the
// run's own totals, so a figure drawn from it tells the same story as the metrics.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { runSweep } from "../src/experiment/run-sweep.ts";
import { writeReport } from "../src/report/write-report.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { tempDirs, tinySweep } from "./fixtures/sweeps/helpers.ts";

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

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

  // One sweep for both tests below (the report only reads its results). 18 s: a multiple of the 6 s
  // interval, so the last sample closes the run (a tail after the last sample is in no interval).
  let swept: Promise<{ sweep: ReturnType<typeof tinySweep>; out: string; status: string }> | undefined;
  const sweepOnce = () => (swept ??= (async () => {
    const sweep = tinySweep({ durationS: 18 });
    const out = dirs.make("series");
    return { sweep, out, status: (await runSweep(sweep, { outDir: out, mode: "inline" })).status };
  })());

  it("a sweep writes every unit's series to series.csv, one row per sample, agreeing with the unit's counts", async () => {
    const { sweep, out, status } = await sweepOnce();
    expect(status).toBe("complete");
    const [header, ...lines] = readFileSync(join(out, "series.csv"), "utf8").trim().split("\n");
    expect(header).toBe("sweep,scenario,replica,seed,devices,policy,time_s,edge_util_pct,cloud_util_pct,tasks_in_system,completed,failed");
    const interval = sweep.resolved.scenario.simulation.utilizationSampleIntervalS;
    const units = sweep.devices.length * sweep.replicas * sweep.policies.length;
    expect(lines.length).toBe(units * Math.floor(sweep.durationS / interval));
    const rows = readFileSync(join(out, "rows.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const first = lines[0]!.split(",");
    const [replica, devices, policy] = [Number(first[2]), Number(first[4]), first[5]];
    const ended = lines.map((l) => l.split(",")).filter((c) => Number(c[2]) === replica && Number(c[4]) === devices && c[5] === policy)
      .reduce((a, c) => a + Number(c[10]) + Number(c[11]), 0);
    const simulated = rows.find((r) => r.replica === replica && r.devices === devices && r.policy === policy && r.metric === "tasks_simulated").value;
    const inFlight = rows.find((r) => r.replica === replica && r.devices === devices && r.policy === policy && r.metric === "in_flight").value;
    expect(ended).toBe(simulated - inFlight);
  });

  it("the report draws the series at the largest device count, one line per policy in each panel", async () => {
    const { sweep, out } = await sweepOnce();
    const report = await writeReport(out);
    const chart = report.model.charts.find((c) => c.id === "time-series");
    expect(chart?.title).toBe("Over time at 40 devices");
    const values = (chart!.spec as { data: { values: { kind: string; series: string; facet: string; devices: number }[] } }).data.values.filter((v) => v.kind === "sim");
    expect(new Set(values.map((v) => v.facet))).toEqual(new Set(["edge VM utilization (%)", "tasks in the system", "tasks failed in the interval"]));
    expect(new Set(values.map((v) => v.series)).size).toBe(sweep.policies.length);
    expect(values.length).toBe(3 * sweep.policies.length * 3);
    expect(report.files.some((f) => f.endsWith("time-series.png"))).toBe(true);
  });
});
