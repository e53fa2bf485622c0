// The paper's Figures 4-8 as data: which metric each plots, with which axis title. One generic
// builder (metricVsDevicesSpec) turns each into a spec; nothing here is chart-specific code.
import { overlaysPaper, paperPoints } from "./paper.ts";
import { policyLabel, policyPalette } from "./policies.ts";
import { wrapLines, type VlSpec } from "./specs/common.ts";
import { metricVsDevicesSpec, type ReferenceMarker, type SeriesPoint } from "./specs/metric-vs-devices.ts";
import type { ResultTable } from "./table.ts";

export interface ChartDef {
  /** File stem: <id>.vl.json, <id>.svg, <id>.png, and the HTML anchor. */
  id: string;
  title: string;
  /** One paragraph for the page: what the chart shows and how to read it. */
  description: string;
  spec: VlSpec;
}

export interface FigureDef {
  figure: number;
  id: string;
  metric: string;
  /** Short name for tables and notes. */
  name: string;
  title: string;
  yTitle: string;
}

/** Figures 4-8 of the paper, in its order. */
export const PAPER_FIGURES: readonly FigureDef[] = [
  { figure: 4, id: "fig4-service-time", metric: "service_time_s", name: "service time", title: "Fig. 4: service time", yTitle: "Mean service time (s)" },
  { figure: 5, id: "fig5-network-delay", metric: "network_delay_s", name: "network delay", title: "Fig. 5: network delay", yTitle: "Mean network delay (s)" },
  { figure: 6, id: "fig6-processing-time", metric: "processing_time_s", name: "processing time", title: "Fig. 6: processing time", yTitle: "Mean processing time (s)" },
  { figure: 7, id: "fig7-failed-tasks", metric: "failed_task_pct", name: "failed tasks", title: "Fig. 7: task failure rate", yTitle: "Failed tasks (% of tasks)" },
  { figure: 8, id: "fig8-vm-utilization", metric: "vm_utilization_pct", name: "edge VM utilization", title: "Fig. 8: edge VM CPU utilization", yTitle: "Mean edge VM CPU utilization (%)" },
];

/** Percentages lie in [0, 100], times and counts are never negative. */
export function valueRange(metric: string): [number, number] {
  return metric.includes("_pct") ? [0, 100] : [0, Infinity];
}

/** The series of one metric for every policy in the table, labelled for the colour scale. */
export function seriesPoints(table: ResultTable, metric: string, facet?: string): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const policy of table.policies) {
    for (const devices of table.devices) {
      const c = table.cell(devices, policy, metric);
      if (!c) continue;
      const p: SeriesPoint = { devices, series: policyLabel(policy), mean: c.mean, low: c.ci95Low, high: c.ci95High, n: c.n };
      if (facet !== undefined) p.facet = facet;
      out.push(p);
    }
  }
  return out;
}

/** The note placed under the overlay, so a reader never mistakes the markers for our results. */
export function overlayNote(scenarioName: string): string {
  if (scenarioName === "edgecloudsim-app4") {
    return "Markers: values printed in the paper (section V). Its baseline numbers match this EdgeCloudSim sample_app4 world; its neural-network numbers come from its own Table II world (docs/paper-model.md §3b).";
  }
  return "Markers: values printed in the paper (section V). At the literal Table II load the system is overloaded (see offered load ρ), so the paper's values are not expected here (docs/paper-model.md §3).";
}

export function paperFigureCharts(table: ResultTable, scenarioName: string): ChartDef[] {
  const overlay = overlaysPaper(scenarioName);
  const points = overlay ? paperPoints() : [];
  // Markers outside the sweep's device range would squeeze our curves into a corner; the
  // reproduction notes list those points as "not in this sweep" instead.
  const lo = table.devices[0] ?? 0;
  const hi = table.devices.at(-1) ?? 0;
  // A figure whose metric this sweep lacks is left out rather than drawn as empty axes.
  return PAPER_FIGURES.filter((f) => seriesPoints(table, f.metric).length > 0).map((f) => {
    const mine = points.filter((p) => p.metric === f.metric && p.devices >= lo && p.devices <= hi);
    // Policies the paper reports but this sweep lacks still get their (fixed) colour for their markers.
    const palette = policyPalette([...table.policies, ...mine.filter((p) => p.policy !== "all").map((p) => p.policy)]);
    const markers: ReferenceMarker[] = mine.map((p) => ({
      devices: p.devices,
      series: p.policy === "all" ? null : policyLabel(p.policy),
      value: p.value,
      reported: p.note ? `${p.reported} (${p.note})` : p.reported,
    }));
    const subtitle: string[] = [`Scenario ${scenarioName}; lines: mean over replicas, bands: 95 % CI (Student t).`];
    if (mine.length > 0) subtitle.push(...wrapLines(overlayNote(scenarioName)));
    if (f.metric === "network_delay_s" && mine.length > 0) subtitle.push("The paper printed network delay in ms; its markers are converted to s.");
    return {
      id: f.id,
      title: f.title,
      description: `${f.name[0]!.toUpperCase()}${f.name.slice(1)} against the number of IoT devices, one line per policy with its 95 % confidence band` +
        (mine.length > 0 ? "; black-outlined markers are the values the paper reports (diamonds: one method, white triangles: a bound on all methods); reported points outside this sweep's device range are listed in the reproduction notes only." : "."),
      spec: metricVsDevicesSpec({
        title: f.title, subtitle, yTitle: f.yTitle, seriesTitle: "policy",
        colour: { domain: palette.labels, range: palette.colours }, points: seriesPoints(table, f.metric), markers,
        valueRange: valueRange(f.metric),
      }),
    };
  });
}
