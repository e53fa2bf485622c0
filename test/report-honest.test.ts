// What a reviewer must be able to trust in a report: no interval outside what the metric can be,
// no interval (and no verdict resting on one) from fewer than 3 replicas, Figures 4-8 with exactly
// the paper's methods, and claims that never call two zeros or times of mostly failed tasks
// "reproduced".
import { describe, expect, it } from "vitest";
import { evaluateClaims } from "../src/report/claims.ts";
import { metricDomain, MIN_REPLICAS_FOR_INTERVAL } from "../src/report/domain.ts";
import { PAPER_FIGURES } from "../src/report/figures.ts";
import { policyLabel } from "../src/report/policies.ts";
import { loadResults, type SweepResults } from "../src/report/results.ts";
import { ResultTable } from "../src/report/table.ts";
import { buildReport } from "../src/report/write-report.ts";
import { FIXTURE_DIR, syntheticRows } from "./fixtures/report/helpers.ts";

type Spec = Record<string, any>;
const PAPER_FIVE = ["neural-network", "neural-network[labels=outcome]", "almutairi", "utilization-based", "sonmez", "flores"];
const METRICS = ["service_time_s", "network_delay_s", "processing_time_s", "failed_task_pct", "vm_utilization_pct", "completed"];

function results(rows: SweepResults["rows"], scenarioName = "paper", manifest?: SweepResults["manifest"]): SweepResults {
  return { dir: "", manifest, rows, summary: undefined, scenarioName, scenarioHash: "h", rowsFile: "rows.jsonl", warnings: [] };
}

/** Every drawn band of a spec: the rows of its data that carry an interval. */
function bands(spec: Spec): { metricLow: number; metricHigh: number; n: number }[] {
  return (spec.data.values as Spec[]).filter((v) => v.kind === "sim" && v.low !== null).map((v) => ({ metricLow: v.low, metricHigh: v.high, n: v.n }));
}

const fixture = buildReport(loadResults(FIXTURE_DIR));

describe("honest intervals", () => {
  it("keeps every interval of the fixture's table and charts inside the metric's domain", () => {
    let checked = 0;
    for (const d of fixture.table.devices) for (const p of fixture.table.policies) for (const m of fixture.table.metrics) {
      const c = fixture.table.cell(d, p, m);
      if (!c?.interval) continue;
      const [lo, hi] = metricDomain(m);
      expect(c.ci95Low, `${d} ${p} ${m}`).toBeGreaterThanOrEqual(lo);
      expect(c.ci95High, `${d} ${p} ${m}`).toBeLessThanOrEqual(hi);
      expect(c.ci95Low).toBeLessThanOrEqual(c.mean);
      expect(c.ci95High).toBeGreaterThanOrEqual(c.mean);
      checked++;
    }
    expect(checked).toBeGreaterThan(100);
    for (const f of PAPER_FIGURES) {
      const [lo, hi] = metricDomain(f.metric);
      for (const b of bands(fixture.charts.find((c) => c.id === f.id)!.spec)) {
        expect(b.metricLow).toBeGreaterThanOrEqual(lo);
        expect(b.metricHigh).toBeLessThanOrEqual(hi);
      }
    }
  });

  it("clips a failure rate's t-interval to [0, 100] instead of reaching below 0 %", () => {
    // Replicas 0 %, 0 %, 30 %: the t-interval is 10 ± 43 %; the bound keeps [0, 53].
    const rows = syntheticRows([200], ["random"], ["failed_task_pct"], (_d, _p, _m, r) => (r === 2 ? 30 : 0));
    const c = new ResultTable(rows).cell(200, "random", "failed_task_pct")!;
    expect(c.mean).toBe(10);
    expect(c.ci95Low).toBe(0);
    expect(c.ci95High).toBeCloseTo(10 + (4.302653 * Math.sqrt(300)) / Math.sqrt(3), 3);
    const high = new ResultTable(syntheticRows([200], ["random"], ["failed_task_pct"], (_d, _p, _m, r) => (r === 2 ? 70 : 100))).cell(200, "random", "failed_task_pct")!;
    expect(high.ci95High).toBe(100);
  });

  it("draws no band, prints no interval and calls nothing inconclusive from fewer than 3 replicas", () => {
    expect(MIN_REPLICAS_FOR_INTERVAL).toBe(3);
    // Two replicas far apart: a Student-t interval (t = 12.7) would contain the paper's 1.8 s.
    const rows = syntheticRows([200, 1000], PAPER_FIVE, METRICS, (_d, _p, m, r) => (m === "completed" ? 5000 : m.endsWith("_pct") ? 5 + 20 * r : 0.5 + 2 * r), 2);
    const report = buildReport(results(rows, "paper", { replicas: 2, durationS: 60, warmupS: 15, seed: 1 }));
    for (const c of report.charts) expect(bands(c.spec), c.id).toEqual([]);
    const fig4 = report.charts.find((c) => c.id === "fig4-service-time")!.spec as Spec;
    expect(fig4.title.subtitle.join(" ")).toContain("n = 2 < 3: no confidence band");
    expect(report.tables[0]!.rows[0]!.slice(1).every((cell) => cell.endsWith("(n=2: no interval)"))).toBe(true);
    expect(report.claims.filter((c) => c.verdict === "inconclusive")).toEqual([]);
    expect(report.claims.find((c) => c.claim === "service time of utilization-based at 200 devices")!.ours).toContain("n=2: no interval");
  });

  it("states n for every point: tooltips, tables and claims", () => {
    const fig7 = fixture.charts.find((c) => c.id === "fig7-failed-tasks")!.spec as Spec;
    expect((fig7.data.values as Spec[]).filter((v) => v.kind === "sim").every((v) => v.n === 3)).toBe(true);
    expect(JSON.stringify(fig7.layer[2].encoding.tooltip)).toContain('"field":"n"');
    for (const t of fixture.tables.slice(0, 5)) for (const row of t.rows) for (const cell of row.slice(1)) expect(cell).toMatch(/\(n=3\)$|^—$/);
  });

  it("never cuts a band on a log axis: bands stop at the axis floor, non-positive means are left out", () => {
    const rows = syntheticRows([200, 400], ["sonmez"], ["service_time_s", "completed"], (d, _p, m, r) => (m === "completed" ? 1000 : d === 200 ? 0.01 + r * 2 : 1));
    const fig4 = buildReport(results(rows)).charts.find((c) => c.id === "fig4-service-time")!.spec as Spec;
    const domain = fig4.layer[1].encoding.y.scale.domain as [number, number];
    expect(fig4.layer[1].encoding.y.scale.type).toBe("log");
    for (const b of bands(fig4)) expect(b.metricLow).toBeGreaterThanOrEqual(domain[0]);
  });
});

describe("Figures 4-8 as the paper draws them", () => {
  it("draw exactly the paper's five methods, the neural network as two lines (expert, outcome)", () => {
    const labels = PAPER_FIVE.map(policyLabel);
    expect(labels.slice(0, 2)).toEqual(["neural-network (expert labels)", "neural-network (outcome labels)"]);
    for (const f of PAPER_FIGURES) {
      const spec = fixture.charts.find((c) => c.id === f.id)!.spec as Spec;
      const series = new Set((spec.data.values as Spec[]).filter((v) => v.kind === "sim").map((v) => v.series));
      expect([...series].sort(), f.id).toEqual([...labels].sort());
      expect([...spec.layer[1].encoding.color.scale.domain].sort(), f.id).toEqual([...labels].sort());
      // Every other policy is in the supplementary figure, on the same axis.
      const other = fixture.charts.find((c) => c.id === `${f.id}-others`)!.spec as Spec;
      expect(new Set((other.data.values as Spec[]).map((v) => v.series))).toEqual(new Set(["random"]));
      expect(other.layer[1].encoding.y.scale).toEqual(spec.layer[1].encoding.y.scale);
    }
  });

  it("gives each method its own colour and marker shape", () => {
    const points = (fixture.charts.find((c) => c.id === "fig4-service-time")!.spec as Spec).layer[2].encoding;
    expect(new Set(points.color.scale.range).size).toBe(PAPER_FIVE.length);
    expect(new Set(points.shape.scale.range).size).toBe(PAPER_FIVE.length);
  });

  it("orders the legend by the value at the largest device count", () => {
    const rows = syntheticRows([200, 2000], PAPER_FIVE, ["service_time_s"], (d, p) => (d === 200 ? 1 : 1 + PAPER_FIVE.length - PAPER_FIVE.indexOf(p)));
    const fig4 = buildReport(results(rows)).charts[0]!.spec as Spec;
    expect(fig4.layer[1].encoding.color.scale.domain).toEqual([...PAPER_FIVE].reverse().map(policyLabel));
  });

  it("uses the same axis scale for the same metric whatever the data", () => {
    const flat = buildReport(results(syntheticRows([200, 400], ["sonmez"], ["service_time_s", "vm_utilization_pct"], () => 2)));
    const spread = buildReport(results(syntheticRows([200, 400], ["sonmez"], ["service_time_s", "vm_utilization_pct"], (d) => (d === 200 ? 0.01 : 90))));
    for (const id of ["fig4-service-time", "fig8-vm-utilization"]) {
      const type = (r: typeof flat) => (r.charts.find((c) => c.id === id)!.spec as Spec).layer[1].encoding.y.scale.type;
      expect(type(flat), id).toBe(type(spread));
    }
  });

  it("captions say scenario, replicas, simulated time, warm-up and seed", () => {
    const subtitle = (fixture.charts[0]!.spec as Spec).title.subtitle.join(" ");
    expect(subtitle).toContain("Scenario paper; 3 replicas per point; 30 s simulated, 5 s warm-up; base seed 7.");
  });
});

describe("claims that mean something", () => {
  /** NN matches the paper's service times but fails most tasks; utilization-based has zero network delay. */
  const rows = syntheticRows([200, 1000, 2000], PAPER_FIVE, [...METRICS, "offered_load_rho"], (d, p, m) => {
    const nn = p.startsWith("neural-network");
    if (m === "completed") return nn ? 300 : 5000;
    if (m === "failed_task_pct") return nn ? 80 : 5;
    if (m === "service_time_s") return nn ? 0.74 + (0.23 * (d - 200)) / 1800 : 4;
    if (m === "network_delay_s") return p === "utilization-based" ? 0 : 0.3;
    if (m === "offered_load_rho") return d / 200;
    return 1;
  });
  const claims = evaluateClaims(new ResultTable(rows), "paper");

  it("never says reproduced for a time where the policy fails more than half its tasks", () => {
    const nnTimes = claims.filter((c) => /neural/.test(c.claim) && c.figure === 4);
    expect(nnTimes.length).toBeGreaterThan(4);
    for (const c of nnTimes) {
      expect(c.verdict, c.claim).toBe("not comparable");
      expect(c.verdictNote).toBe("most tasks fail");
      expect(c.why).toContain("80 %");
    }
  });

  it("never says reproduced for values that are all zero", () => {
    const c = claims.find((x) => x.claim.startsWith("Utilization-Based's network delay remains stable"))!;
    expect(c.verdict).toBe("not comparable");
    expect(c.verdictNote).toBe("all zero");
    expect(c.ours).toContain("0 s");
  });

  it("needs 200 completed tasks at a point for a verdict", () => {
    const few = syntheticRows([200], ["utilization-based"], ["service_time_s", "failed_task_pct", "completed"], (_d, _p, m) => (m === "completed" ? 60 : m === "failed_task_pct" ? 1 : 1.8));
    const c = evaluateClaims(new ResultTable(few), "paper").find((x) => x.claim === "service time of utilization-based at 200 devices")!;
    expect(c.verdict).toBe("not comparable");
    expect(c.verdictNote).toBe("too few completed tasks");
    expect(c.why).toContain("180 tasks");
  });

  it("judges the neural network in each label mode the sweep ran", () => {
    const modes = claims.filter((c) => c.claim.startsWith("The neural network has the lowest service time"));
    expect(modes.map((c) => c.claim)).toEqual([
      "The neural network has the lowest service time at every device count [neural-network (expert labels)]",
      "The neural network has the lowest service time at every device count [neural-network (outcome labels)]",
    ]);
    expect(claims.filter((c) => c.claim.startsWith("task failure rate of neural-network (outcome labels)"))).toHaveLength(claims.filter((c) => c.claim.startsWith("task failure rate of neural-network (expert labels)")).length);
    expect(claims.filter((c) => c.claim.startsWith("task failure rate of neural-network (outcome labels)")).length).toBeGreaterThan(0);
  });

  it("never reproduces a comparison where any policy compared fails most tasks, in any table built from the fixture", () => {
    for (const c of fixture.claims) {
      if (c.verdict !== "reproduced") continue;
      const failedPcts = [...c.ours.matchAll(/([\d.]+) % failed/g)].map((m) => Number(m[1]));
      if (/time|delay/.test(c.claim)) expect(failedPcts.every((f) => f <= 50), c.claim).toBe(true);
    }
  });
});
