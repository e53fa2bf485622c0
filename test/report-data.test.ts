// Reading a results directory: Student-t intervals, summary.json taking precedence over the rows,
// rows.csv as a fallback, and means over no tasks treated as undefined rather than 0.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadResults } from "../src/report/results.ts";
import { meanCi, tQuantile975 } from "../src/report/stats.ts";
import { ResultTable } from "../src/report/table.ts";
import { writeResultsDir } from "./fixtures/report/make-fixture.ts";
import { FIXTURE_DIR, syntheticRows } from "./fixtures/report/helpers.ts";

const tmp = mkdtempSync(join(tmpdir(), "mecbench-report-data-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("report statistics", () => {
  it("uses Student t quantiles", () => {
    expect(tQuantile975(1)).toBeCloseTo(12.706, 3);
    expect(tQuantile975(4)).toBeCloseTo(2.776, 3);
    expect(tQuantile975(30)).toBeCloseTo(2.042, 3);
    expect(tQuantile975(60)).toBeCloseTo(2.0003, 3);
    expect(tQuantile975(1e6)).toBeCloseTo(1.96, 3);
  });

  it("computes mean ± t·s/√n, and no interval from one replica", () => {
    const c = meanCi([1, 2, 3, 4, 5]);
    expect(c.mean).toBe(3);
    expect(c.std).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(c.ci95High - c.mean).toBeCloseTo((2.7764 * Math.sqrt(2.5)) / Math.sqrt(5), 4);
    expect(meanCi([7])).toMatchObject({ n: 1, mean: 7, ci95Low: 7, ci95High: 7 });
    expect(meanCi([NaN, 2, 4]).n).toBe(2);
  });

  it("leaves a mean over no completed tasks (null in the rows, NaN here) out of the statistics", () => {
    const rows = syntheticRows([100], ["random"], ["service_time_s.app.A"], (_d, _p, _m, r) => (r === 0 ? NaN : 2));
    expect(new ResultTable(rows).cell(100, "random", "service_time_s.app.A")).toMatchObject({ n: 2, mean: 2 });
    const none = syntheticRows([100], ["random"], ["service_time_s.app.A"], () => NaN);
    expect(new ResultTable(none).cell(100, "random", "service_time_s.app.A")).toBeUndefined();
  });
});

describe("report input", () => {
  it("reads the committed fixture: scenario from the manifest, every policy and device count", () => {
    const r = loadResults(FIXTURE_DIR);
    expect(r.scenarioName).toBe("paper");
    const t = new ResultTable(r.rows, r.summary);
    expect(t.devices).toEqual([100, 200]);
    expect(t.policies).toEqual(["neural-network", "neural-network[labels=outcome]", "almutairi", "utilization-based", "sonmez", "flores", "random"]);
    expect(t.rho(200)).toBeCloseTo(8.4, 6);
    expect(t.usedSummary()).toBe(false);
  });

  it("prefers summary.json where it has an entry and computes the rest from the rows", () => {
    const dir = join(tmp, "fresh");
    writeResultsDir(dir, { scenario: "paper", devices: [40], policies: ["random", "utilization-based"], replicas: 2, durationS: 8, warmupS: 2, seed: 3 });
    // the format `mecbench sweep` writes (src/experiment/summary.ts)
    const summary = { sweep: "x", scenario: "paper", reference: null, rows: [{ devices: 40, policy: "random", metric: "service_time_s", unit: "s", n: 2, mean: 123, std: 1, ciLow: 120, ciHigh: 126, diff: null }] };
    writeFileSync(join(dir, "summary.json"), JSON.stringify(summary));
    const r = loadResults(dir);
    const t = new ResultTable(r.rows, r.summary);
    expect(t.cell(40, "random", "service_time_s")).toMatchObject({ mean: 123, source: "summary.json" });
    const values = r.rows.filter((x) => x.policy === "utilization-based" && x.metric === "failed_task_pct").map((x) => x.value);
    expect(values).toHaveLength(2);
    // Two replicas: the mean, and no interval (the report draws none from fewer than 3).
    expect(t.cell(40, "utilization-based", "failed_task_pct")).toMatchObject({ n: 2, mean: meanCi(values).mean, interval: false, source: "rows" });
  });

  it("falls back to rows.csv when rows.jsonl is missing", () => {
    const dir = join(tmp, "csv");
    writeResultsDir(dir, { scenario: "paper", devices: [20], policies: ["random"], replicas: 1, durationS: 5, warmupS: 1, seed: 1 });
    const jsonl = loadResults(dir).rows;
    const header = "sweep,scenario,scenarioHash,replica,seed,devices,policy,metric,value,unit,n";
    const csv = jsonl.map((x) => [x.sweep, x.scenario, x.scenarioHash, x.replica, x.seed, x.devices, `"${x.policy}"`, x.metric, Number.isNaN(x.value) ? "" : x.value, x.unit, x.n ?? ""].join(","));
    rmSync(join(dir, "rows.jsonl"));
    writeFileSync(join(dir, "rows.csv"), `${header}\n${csv.join("\n")}\n`);
    const r = loadResults(dir);
    expect(r.rows).toEqual(jsonl);
    expect(r.warnings.join(" ")).toContain("rows.csv");
  });
});
