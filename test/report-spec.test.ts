// The Vega-Lite specs the report generates from a small real sweep: which charts, which marks,
// which fields and titles; data values and pixels are deliberately not pinned.
import { describe, expect, it } from "vitest";
import { PAPER_FIGURES } from "../src/report/figures.ts";
import { policyPalette } from "../src/report/policies.ts";
import { loadResults } from "../src/report/results.ts";
import { chooseScale } from "../src/report/specs/common.ts";
import { ResultTable } from "../src/report/table.ts";
import { buildReport } from "../src/report/write-report.ts";
import { FIXTURE_DIR, specStructure, syntheticRows } from "./fixtures/report/helpers.ts";

type Spec = Record<string, any>;
const model = buildReport(loadResults(FIXTURE_DIR));
const chart = (id: string) => model.charts.find((c) => c.id === id)!.spec as Spec;

describe("report specs", () => {
  it("has the paper's five figures, each with a supplementary figure of the other policies, and the six charts beyond them", () => {
    expect(model.charts.map((c) => c.id)).toEqual([
      ...PAPER_FIGURES.flatMap((f) => [f.id, `${f.id}-others`]),
      "failure-reasons", "delay-breakdown", "tier-share", "service-time-per-app", "service-time-tails", "offered-load",
    ]);
  });

  it("builds every paper figure with the same generic layers: band, line, points, paper markers", () => {
    for (const f of PAPER_FIGURES) {
      const spec = chart(f.id);
      const marks = spec.layer.map((l: Spec) => (typeof l.mark === "string" ? l.mark : l.mark.type));
      expect(marks.slice(0, 4), f.id).toEqual(["area", "line", "point", "point"]);
      const [band, line, points, ...paper] = spec.layer as Spec[];
      expect(band!.encoding.y.field).toBe("low");
      expect(band!.encoding.y2.field).toBe("high");
      expect(band!.transform[0].filter).toContain("datum.interval");
      expect(line!.encoding.y).toMatchObject({ field: "mean", title: f.yTitle });
      expect(line!.encoding.y.scale.type).toBe(f.yScale);
      expect(line!.encoding.x).toMatchObject({ field: "devices", title: "Number of IoT devices" });
      expect(line!.encoding.color.field).toBe("series");
      // One legend: colour and shape on the same field with the same domain.
      expect(points!.encoding.shape.field).toBe("series");
      expect(points!.encoding.shape.scale.domain).toEqual(points!.encoding.color.scale.domain);
      // Per-method diamonds, or (Figs. 5 and 8 at 200 devices) a white triangle bounding all methods.
      expect(paper.length).toBeGreaterThan(0);
      for (const p of paper) {
        expect(p.mark).toMatchObject({ stroke: "black", filled: true });
        expect(["diamond", "triangle-down"]).toContain(p.mark.shape);
      }
      expect(chart(`${f.id}-others`).layer.map((l: Spec) => l.mark.type)).toEqual(["area", "line", "point"]);
    }
  });

  it("colours policies from one fixed map, the same in every chart", () => {
    const palette = policyPalette(model.table.policies);
    for (const id of ["fig4-service-time", "fig4-service-time-others", "service-time-per-app"]) {
      const spec = chart(id);
      const layer = (spec.layer ?? spec.spec.layer)[1] as Spec;
      const { domain, range } = layer.encoding.color.scale;
      for (const [i, label] of (domain as string[]).entries()) expect(range[i], `${id} ${label}`).toBe(palette.colours[palette.labels.indexOf(label)]);
    }
    expect(policyPalette(["random", "neural-network"]).colours).toEqual(policyPalette(["neural-network", "random", "sonmez"]).colours.filter((_, i) => i !== 1));
  });

  it("labels almutairi as a reconstruction in charts and tables", () => {
    const rows = syntheticRows([200], ["almutairi", "random"], ["service_time_s", "failed_task_pct"], () => 1);
    const table = new ResultTable(rows);
    const results = { dir: "", manifest: undefined, rows, summary: undefined, scenarioName: "paper", scenarioHash: "h", rowsFile: "rows.jsonl", warnings: [] };
    const m = buildReport(results);
    const fig4 = m.charts[0]!.spec as Spec;
    expect(fig4.layer[1].encoding.color.scale.domain).toContain("almutairi (reconstruction)");
    expect(fig4.layer[1].encoding.color.scale.domain).not.toContain("almutairi");
    expect(m.tables[0]!.header).toContain("almutairi (reconstruction)");
    expect(table.policies).toEqual(["almutairi", "random"]);
  });

  it("overlays the paper only for the paper and edgecloudsim-app4 scenarios", () => {
    const rows = (scenario: string) => syntheticRows([200, 400], ["utilization-based"], ["service_time_s"], () => 2, 2, scenario);
    const layers = (scenario: string) => {
      const m = buildReport({ dir: "", manifest: undefined, rows: rows(scenario), summary: undefined, scenarioName: scenario, scenarioHash: "h", rowsFile: "", warnings: [] });
      return (m.charts[0]!.spec as Spec).layer.length;
    };
    expect(layers("paper")).toBe(4);
    expect(chart("fig4-service-time").layer[3].mark.shape).toBe("diamond");
    expect(layers("edgecloudsim-app4")).toBe(4);
    expect(layers("my-scenario")).toBe(3);
  });

  it("stacks components per policy panel for failure reasons, delay breakdown and tier share", () => {
    for (const [id, n] of [["failure-reasons", 4], ["delay-breakdown", 5], ["tier-share", 3]] as const) {
      const spec = chart(id);
      expect(spec.facet.field).toBe("group");
      expect(spec.spec.mark.type).toBe("bar");
      expect(spec.spec.encoding.y.stack).toBe("zero");
      expect(spec.spec.encoding.color.scale.domain).toHaveLength(n);
    }
  });

  it("puts offered load on a log axis with the ρ = 1 rule, and picks log scales from the data", () => {
    const spec = chart("offered-load");
    expect(spec.layer[1].encoding.y.scale.type).toBe("log");
    expect(spec.layer.map((l: Spec) => l.mark.type)).toContain("rule");
    expect(chooseScale([0.5, 20])).toBe("linear");
    expect(chooseScale([0.0002, 0.5])).toBe("log");
    expect(chooseScale([0, 1000])).toBe("linear");
    // The fixture's network delays span from sub-ms (paper markers) to ~1 s: log.
    expect(chart("fig5-network-delay").layer[1].encoding.y.scale.type).toBe("log");
  });

  it("keeps the structure of the generated specs (snapshot without data)", async () => {
    const structure = Object.fromEntries(model.charts.map((c) => [c.id, specStructure(c.spec)]));
    await expect(`${JSON.stringify(structure, null, 1)}\n`).toMatchFileSnapshot("./fixtures/report/spec-structure.snap.json");
  });
});
