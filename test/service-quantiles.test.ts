// Tails and the trace: the engine's streaming service-time histogram gives p50/p95/p99 within the
// documented accuracy of the exact quantiles of the per-task trace, and the trace has one row per
// ended task, agreeing with the run's counts.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { binBounds, histogramQuantile, QUANTILE_RELATIVE_ERROR } from "../src/results/quantiles.ts";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import { runReplica } from "../src/engine/run.ts";
import { traceRow } from "../src/results/trace.ts";
import { SERVICE_HIST_BINS } from "../src/engine/wasm/boundary.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { BIN } from "./helpers/cli.ts";

const tmp = mkdtempSync(join(tmpdir(), "mecbench-trace-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The nearest-rank q-quantile of a sorted sample: the ⌈q·n⌉-th smallest. */
const exact = (sorted: number[], q: number) => sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1]!;

describe("service-time histogram", () => {
  it("bins are contiguous, each at most 2^-subBits of its lower end wide, and the engine puts a time inside its bin", () => {
    for (let bin = 1; bin < SERVICE_HIST_BINS - 1; bin++) {
      const [low, high] = binBounds(bin);
      expect(binBounds(bin + 1)[0]).toBe(high);
      expect((high - low) / low).toBeLessThanOrEqual(2 * QUANTILE_RELATIVE_ERROR + 1e-12);
    }
    const wasm = new WasmEngine().exports;
    // Arbitrary times, and every bin's own lower end (where a rounding slip would land one bin off).
    const lows = Array.from({ length: SERVICE_HIST_BINS - 2 }, (_, i) => binBounds(i + 1)[0]);
    for (const x of [1e-3, 0.0417, 0.5, 1, 1.5, 4.75, 33.3, 600, ...lows]) {
      const [low, high] = binBounds(wasm.testHistBin(x));
      expect(x).toBeGreaterThanOrEqual(low);
      expect(x).toBeLessThan(high);
    }
    expect(histogramQuantile(new Float64Array(SERVICE_HIST_BINS), 0.5)).toBeNull();
  });

  for (const [preset, policy, devices] of [["paper", "utilization-based", 200], ["edgecloudsim-app4", "sonmez", 400]] as const) {
    it(`${preset} / ${policy}: p50, p95, p99 within ${(100 * QUANTILE_RELATIVE_ERROR).toFixed(2)} % of the trace's exact quantiles`, () => {
      const records: Float64Array[] = [];
      const r = runReplica(loadScenario(preset), policy, { devices, seed: 3, durationS: 120, warmupS: 20, trace: (x) => records.push(x.slice()) });
      const apps = loadScenario(preset).scenario.workload.apps.map((a) => a.name);
      const rows = records.map((x) => traceRow(x, apps).split(","));
      // One row per ended task; the counted ones are the run's counted tasks.
      expect(rows.length).toBe(r.counts.completed + r.counts.failed);
      const counted = rows.filter((x) => x[14] === "1");
      expect(counted.filter((x) => x[12] === "completed").length).toBe(r.counts.counted.completed);
      expect(counted.filter((x) => x[12] === "failed").length).toBe(r.counts.counted.failed);
      const service = counted.filter((x) => x[12] === "completed").map((x) => Number(x[11])).sort((a, b) => a - b);
      expect(service.length).toBeGreaterThan(200);
      const q = r.metrics.serviceTimeQuantilesS;
      for (const [p, est] of [[0.5, q.p50], [0.95, q.p95], [0.99, q.p99]] as const) {
        const x = exact(service, p);
        expect(Math.abs(est! - x) / x, `p${p * 100}: ${est} vs exact ${x}`).toBeLessThanOrEqual(QUANTILE_RELATIVE_ERROR);
      }
    });
  }

  it("`mecbench run --trace` streams one CSV row per ended task", () => {
    const path = join(tmp, "tasks.csv");
    const out = spawnSync(process.execPath, [BIN, "run", "--scenario", "paper", "--policy", "random", "--devices", "50", "--duration-s", "40", "--warmup-s", "5", "--format", "json", "--trace", path], { encoding: "utf8" });
    expect(out.status).toBe(0);
    const result = JSON.parse(out.stdout);
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(lines[0]).toBe("arrival_s,end_s,app,device,tier,host,vm,upload_s,queue_s,exec_s,download_s,service_s,outcome,reason,counted");
    expect(lines.length - 1).toBe(result.counts.completed + result.counts.failed);
    const bad = spawnSync(process.execPath, [BIN, "run", "--scenario", "paper", "--policy", "random", "--devices", "50", "--duration-s", "40", "--warmup-s", "5", "--trace", join(tmp, "no/such/dir.csv")], { encoding: "utf8" });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--trace");
  });
});
