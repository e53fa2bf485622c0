// The paper's Figures 4-8 as data: which metric each plots, with which axis title and scale. One
// generic builder (metricVsDevicesSpec) turns each into a spec; nothing here is chart-specific code.
// Each figure draws exactly the paper's five methods (the neural network in both label modes);
// every other policy of the sweep goes into a supplementary figure with the same axes.
import { MIN_REPLICAS_FOR_INTERVAL, metricDomain } from "./domain.ts";
import { overlaysPaper, paperPoints } from "./paper.ts";
import { isPaperMethod, paletteInOrder, policyLabel } from "./policies.ts";
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
  /** Fixed per metric, so the same metric reads the same in every report. */
  yScale: "log" | "linear";
}

/** Figures 4-8 of the paper, in its order. Times span orders of magnitude between worlds and
 * policies (and the paper's network delays are in ms): log. Percentages: linear. */
export const PAPER_FIGURES: readonly FigureDef[] = [
  { figure: 4, id: "fig4-service-time", metric: "service_time_s", name: "service time", title: "Fig. 4: service time", yTitle: "Mean service time (s, log scale)", yScale: "log" },
  { figure: 5, id: "fig5-network-delay", metric: "network_delay_s", name: "network delay", title: "Fig. 5: network delay", yTitle: "Mean network delay (s, log scale)", yScale: "log" },
  { figure: 6, id: "fig6-processing-time", metric: "processing_time_s", name: "processing time", title: "Fig. 6: processing time", yTitle: "Mean processing time (s, log scale)", yScale: "log" },
  { figure: 7, id: "fig7-failed-tasks", metric: "failed_task_pct", name: "failed tasks", title: "Fig. 7: task failure rate", yTitle: "Failed tasks (% of tasks)", yScale: "linear" },
  { figure: 8, id: "fig8-vm-utilization", metric: "vm_utilization_pct", name: "edge VM utilization", title: "Fig. 8: edge VM CPU utilization", yTitle: "Mean edge VM CPU utilization (%)", yScale: "linear" },
];

/** Percentages lie in [0, 100], times and counts are never negative. */
export function valueRange(metric: string): [number, number] {
  return metricDomain(metric);
}

/** The series of one metric for the given policies (default: every policy in the table). */
export function seriesPoints(table: ResultTable, metric: string, facet?: string, policies: readonly string[] = table.policies): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (const policy of policies) {
    for (const devices of table.devices) {
      const c = table.cell(devices, policy, metric);
      if (!c) continue;
      const p: SeriesPoint = { devices, series: policyLabel(policy), mean: c.mean, low: c.ci95Low, high: c.ci95High, interval: c.interval, n: c.n };
      if (facet !== undefined) p.facet = facet;
      out.push(p);
    }
  }
  return out;
}

/** Policies ordered by their mean at the largest device count where they have one (largest count first,
 * then ascending value), so the legend reads top to bottom as the lines end on the right. */
export function orderByLastValue(table: ResultTable, policies: readonly string[], metric: string): string[] {
  const last = (p: string) => {
    for (let i = table.devices.length - 1; i >= 0; i--) {
      const c = table.cell(table.devices[i]!, p, metric);
      if (c) return { devices: table.devices[i]!, mean: c.mean };
    }
    return { devices: -Infinity, mean: Infinity };
  };
  return [...policies].sort((a, b) => {
    const la = last(a), lb = last(b);
    return lb.devices - la.devices || la.mean - lb.mean || policies.indexOf(a) - policies.indexOf(b);
  });
}

/** The note placed under the overlay, so a reader never mistakes the markers for our results. */
export function overlayNote(scenarioName: string): string {
  const what = "Black-outlined markers: values printed in the paper (section V); diamonds: one method, in its colour; white triangles: a bound on all methods.";
  if (scenarioName === "edgecloudsim-app4") {
    return `${what} Its baseline numbers match this EdgeCloudSim sample_app4 world; its neural-network numbers come from its own Table II world (docs/paper-model.md §3b).`;
  }
  return `${what} At the literal Table II load the system is overloaded (see offered load ρ), so the paper's values are not expected here (docs/paper-model.md §3).`;
}

/** A y domain covering every mean, interval and marker: shared by a figure and its supplement. */
function sharedDomain(points: readonly SeriesPoint[], markers: readonly number[], scale: "log" | "linear", metric: string): [number, number] | undefined {
  const vals = [...points.flatMap((p) => (p.interval ? [p.mean, p.low, p.high] : [p.mean])), ...markers].filter((v) => Number.isFinite(v));
  const usable = scale === "log" ? vals.filter((v) => v > 0) : vals;
  if (usable.length === 0) return undefined;
  const lo = Math.min(...usable), hi = Math.max(...usable);
  if (scale === "log") return lo === hi ? [lo / 2, hi * 2] : [lo / 1.25, hi * 1.25];
  const top = metricDomain(metric)[1];
  return [0, Math.min(top, hi === 0 ? 1 : hi * 1.05)];
}

/** What every figure's caption says about the run: scenario, replicas, simulated time, warm-up, seed. */
export interface RunCaption {
  scenario: string;
  /** The preset whose world the scenario has (decides the paper's markers); default: the scenario name. */
  world?: string;
  replicas?: number;
  durationS?: number;
  warmupS?: number;
  seed?: number;
}

export function captionLines(c: RunCaption): string[] {
  const known = (v: number | undefined, unit = "") => (v === undefined ? "unknown" : `${v}${unit}`);
  const n = c.replicas;
  return [
    `Scenario ${c.scenario}; ${known(n)} replicas per point; ${known(c.durationS, " s")} simulated, ${known(c.warmupS, " s")} warm-up; base seed ${known(c.seed)}.`,
    n !== undefined && n < MIN_REPLICAS_FOR_INTERVAL
      ? `Lines: mean over replicas. n = ${n} < ${MIN_REPLICAS_FOR_INTERVAL}: no confidence band (too few replicas for an interval).`
      : `Lines: mean over replicas; bands: 95 % CI (Student t over replicas, within the metric's range); no band where n < ${MIN_REPLICAS_FOR_INTERVAL}.`,
  ];
}

export function paperFigureCharts(table: ResultTable, caption: RunCaption): ChartDef[] {
  const scenarioName = caption.world ?? caption.scenario;
  const overlay = overlaysPaper(scenarioName);
  const points = overlay ? paperPoints() : [];
  // Markers outside the sweep's device range would squeeze our curves into a corner; the
  // reproduction notes list those points as "not in this sweep" instead.
  const lo = table.devices[0] ?? 0;
  const hi = table.devices.at(-1) ?? 0;
  const main = table.policies.filter(isPaperMethod);
  const others = table.policies.filter((p) => !isPaperMethod(p));
  const charts: ChartDef[] = [];
  for (const f of PAPER_FIGURES) {
    // A figure whose metric this sweep lacks is left out rather than drawn as empty axes.
    if (seriesPoints(table, f.metric).length === 0) continue;
    const mine = points.filter((p) => p.metric === f.metric && p.devices >= lo && p.devices <= hi);
    const markers: ReferenceMarker[] = mine.map((p) => ({
      devices: p.devices,
      series: p.policy === "all" ? null : policyLabel(p.policy),
      value: p.value,
      reported: p.note ? `${p.reported} (${p.note})` : p.reported,
    }));
    const domain = sharedDomain(seriesPoints(table, f.metric), markers.map((m) => m.value), f.yScale, f.metric);
    const chart = (id: string, title: string, policies: string[], withMarkers: boolean, description: string): ChartDef => {
      // Policies the paper reports but this sweep lacks still get their (fixed) style for their markers.
      const missing = withMarkers ? [...new Set(mine.filter((p) => p.policy !== "all" && !policies.includes(p.policy)).map((p) => p.policy))] : [];
      const palette = paletteInOrder([...orderByLastValue(table, policies, f.metric), ...missing]);
      const notes = [...captionLines(caption)];
      if (withMarkers && mine.length > 0) notes.push(overlayNote(scenarioName));
      if (withMarkers && f.metric === "network_delay_s" && mine.length > 0) notes.push("The paper printed network delay in ms; its markers are converted to s.");
      notes.push(`Legend: lowest value at ${hi} devices first.`);
      const subtitle = notes.flatMap((n) => wrapLines(n, 105));
      return {
        id, title, description,
        spec: metricVsDevicesSpec({
          title, subtitle, yTitle: f.yTitle, seriesTitle: "policy",
          colour: { domain: palette.labels, range: palette.colours, shapes: palette.shapes },
          points: seriesPoints(table, f.metric, undefined, policies), markers: withMarkers ? markers : [],
          valueRange: valueRange(f.metric), yScale: f.yScale, ...(domain ? { yDomain: domain } : {}),
        }),
      };
    };
    const name = `${f.name[0]!.toUpperCase()}${f.name.slice(1)}`;
    if (main.length > 0) {
      charts.push(chart(f.id, f.title, main, true,
        `${name} against the number of IoT devices for the paper's five methods (the neural network with expert and with outcome labels), one line per method with its 95 % confidence band` +
          (mine.length > 0 ? "; black-outlined markers are the values the paper reports (diamonds: one method, white triangles: a bound on all methods); reported points outside this sweep's device range are listed in the reproduction notes only." : ".")));
    }
    if (others.length > 0) {
      charts.push(chart(`${f.id}-others`, `${f.title} (supplementary: other policies)`, others, false,
        `${name} of the sweep's other policies, on the same axes as ${f.title.split(":")[0]} so the two read together.`));
    }
  }
  return charts;
}
