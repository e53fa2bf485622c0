// The metric catalogue (src/results/catalogue.ts) is the one list of metrics: every row a run
// produces is in it with its unit, docs/metrics.md carries it, and "no data" is null, never 0:
// every value whose count is 0 is null, and every mean's n is the count the rows report.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSweep } from "../src/experiment/run-sweep.ts";
import { parseRowsJsonl } from "../src/experiment/rows.ts";
import { resolveSweep } from "../src/experiment/spec.ts";
import type { TidyRow } from "../src/experiment/types.ts";
import { catalogueMarkdown, METRIC_CATALOGUE, metricSpec, METRICS_DOC_BEGIN, METRICS_DOC_END } from "../src/results/catalogue.ts";
import { tempDirs } from "./fixtures/sweeps/helpers.ts";
import { BIN } from "./helpers/cli.ts";

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

/** The row that holds the count a mean metric rests on, where the rows have one. */
function countRowOf(metric: string): string | undefined {
  const app = /^service_time_s\.app\.(.+)$/.exec(metric);
  if (app) return `completed.app.${app[1]}`;
  if (["service_time_s", "service_time_std_s", "processing_time_s", "network_delay_s"].includes(metric) || metric.startsWith("breakdown_s.")) return "completed";
  return undefined;
}

describe("metric catalogue", () => {
  it("docs/metrics.md carries the generated table (regenerate: npx tsx scripts/metrics-doc.ts)", () => {
    const docs = readFileSync(new URL("../docs/metrics.md", import.meta.url), "utf8");
    const begin = docs.indexOf(METRICS_DOC_BEGIN);
    const end = docs.indexOf(METRICS_DOC_END);
    expect(begin).toBeGreaterThan(0);
    expect(docs.slice(docs.indexOf("\n", begin) + 1, end)).toBe(catalogueMarkdown());
  });

  it("names each metric once and every entry says what its value rests on", () => {
    expect(new Set(METRIC_CATALOGUE.map((m) => m.name)).size).toBe(METRIC_CATALOGUE.length);
    for (const m of METRIC_CATALOGUE) {
      expect(m.meaning.length, m.name).toBeGreaterThan(10);
      expect(m.minCount > 0, `${m.name}: a count exactly when a minimum`).toBe(m.count !== null);
    }
    expect(metricSpec("service_time_s.app.INFOTAINMENT_APP")?.unit).toBe("s");
    expect(metricSpec("no_such_metric")).toBeUndefined();
  });

  it("a paper sweep's rows: catalogued units, a count on every measured value, null (never 0) where the count is 0", async () => {
    const sweep = resolveSweep({
      scenario: "paper", policies: ["utilization-based", "random", "neural-network"], devices: [60, 200], replicas: 2, durationS: 40, warmupS: 10, seed: 5,
    });
    const out = dirs.make("paper");
    expect((await runSweep(sweep, { outDir: out, mode: "inline" })).status).toBe("complete");
    const rows = parseRowsJsonl(readFileSync(join(out, "rows.jsonl"), "utf8")) as TidyRow[];
    const unitKey = (r: TidyRow) => `${r.devices}|${r.replica}|${r.policy}`;
    const byUnit = new Map<string, Map<string, TidyRow>>();
    for (const r of rows) byUnit.set(unitKey(r), (byUnit.get(unitKey(r)) ?? new Map()).set(r.metric, r));
    let noData = 0;
    for (const r of rows) {
      const spec = metricSpec(r.metric);
      expect(spec, r.metric).toBeDefined();
      expect(r.unit, r.metric).toBe(spec!.unit);
      if (spec!.count === null) {
        expect(r.n, r.metric).toBeNull();
        continue;
      }
      expect(typeof r.n, r.metric).toBe("number");
      if (r.n! < spec!.minCount) {
        noData++;
        expect(r.value, `${unitKey(r)} ${r.metric} over n=${r.n}`).toBeNull();
      } else {
        expect(r.value, `${unitKey(r)} ${r.metric}`).not.toBeNull();
      }
      const countRow = countRowOf(r.metric);
      if (countRow !== undefined) expect(r.n, `${r.metric} rests on ${countRow}`).toBe(byUnit.get(unitKey(r))!.get(countRow)!.value);
    }
    // The sweep must contain no-data cells for the test to mean anything (paper: an app or a link unused).
    expect(noData).toBeGreaterThan(0);
    const csv = readFileSync(join(out, "rows.csv"), "utf8").split("\n");
    expect(csv[0]!.endsWith(",value,unit,n")).toBe(true);
  });

  it("`mecbench run` prints – for a mean over no tasks", () => {
    const args = ["run", "--scenario", "paper", "--policy", "utilization-based", "--devices", "100", "--duration-s", "60", "--warmup-s", "10", "--seed", "1"];
    const json = JSON.parse(spawnSync(process.execPath, [BIN, ...args, "--format", "json"], { encoding: "utf8" }).stdout);
    const empty = Object.entries(json.metrics.perApp as Record<string, { completed: number; serviceTimeS: number | null }>).find(([, s]) => s.completed === 0);
    expect(empty, "an app with no completed task at this size").toBeDefined();
    expect(empty![1].serviceTimeS).toBeNull();
    const table = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } }).stdout;
    const line = table.split("\n").find((l) => l.trim().startsWith(empty![0]));
    expect(line).toMatch(/^\s+\S+\s+–\s/);
  });
});
