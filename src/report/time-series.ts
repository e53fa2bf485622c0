// The sweep's time series (series.csv) as a report figure: at the largest device count, the edge
// VMs' utilization, the tasks in the system and the failures per interval over simulated time, one
// line per policy (mean over replicas; no band: the replicas' spread over time is not the question
// here, the transient and the steady state are). Absent when the sweep wrote no series.csv.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { SWEEP_FILES } from "../experiment/store.ts";
import { SERIES_COLUMN } from "../results/series.ts";
import type { ChartDef } from "./figures.ts";
import { policyLabel, policyPalette } from "./policies.ts";
import { splitCsvLine } from "./rows-file.ts";
import { metricVsDevicesSpec, type SeriesPoint } from "./specs/metric-vs-devices.ts";

export interface SeriesSample {
  replica: number;
  devices: number;
  policy: string;
  timeS: number;
  values: Record<string, number>;
}

// Keyed by series.csv column.
const PANELS = [
  [SERIES_COLUMN.edgeUtilPct, "edge VM utilization (%)"],
  [SERIES_COLUMN.tasksInSystem, "tasks in the system"],
  [SERIES_COLUMN.failed, "tasks failed in the interval"],
] as const;

/** series.csv of a sweep directory, or undefined when there is none. */
export function loadSeries(dir: string): SeriesSample[] | undefined {
  const path = join(dir, SWEEP_FILES.seriesCsv);
  if (!existsSync(path)) return undefined;
  const [head, ...lines] = readFileSync(path, "utf8").split(/\r?\n/).filter((l) => l.trim() !== "");
  const header = splitCsvLine(head ?? "");
  // The columns' indices, found once; a missing column is −1, whose cells read as NaN.
  const replica = header.indexOf("replica"), devices = header.indexOf("devices"), policy = header.indexOf("policy");
  const timeS = header.indexOf(SERIES_COLUMN.timeS);
  const panels = PANELS.map(([key]) => [key, header.indexOf(key)] as const);
  return lines.map((line) => {
    const c = splitCsvLine(line);
    const values: Record<string, number> = {};
    for (const [key, i] of panels) values[key] = Number(c[i]);
    return { replica: Number(c[replica]), devices: Number(c[devices]), policy: c[policy]!, timeS: Number(c[timeS]), values };
  });
}

export function timeSeriesChart(samples: readonly SeriesSample[] | undefined, policies: readonly string[], scenarioName: string): ChartDef | undefined {
  if (!samples || samples.length === 0) return undefined;
  const devices = Math.max(...samples.map((s) => s.devices));
  const at = samples.filter((s) => s.devices === devices);
  const groups = new Map<string, { policy: string; timeS: number; key: string; sum: number; n: number }>();
  for (const s of at) {
    for (const [key] of PANELS) {
      const v = s.values[key]!;
      if (!Number.isFinite(v)) continue;
      const k = `${s.policy}\u0000${s.timeS}\u0000${key}`;
      const g = groups.get(k) ?? { policy: s.policy, timeS: s.timeS, key, sum: 0, n: 0 };
      g.sum += v;
      g.n++;
      groups.set(k, g);
    }
  }
  const shown = policies.filter((p) => at.some((s) => s.policy === p));
  const palette = policyPalette(shown);
  const label = (key: string) => PANELS.find(([k]) => k === key)![1];
  const points: SeriesPoint[] = [...groups.values()].map((g) => ({
    devices: g.timeS, series: policyLabel(g.policy), facet: label(g.key), mean: g.sum / g.n, low: NaN, high: NaN, interval: false, n: g.n,
  }));
  const replicas = new Set(at.map((s) => s.replica)).size;
  return {
    id: "time-series",
    title: `Over time at ${devices} devices`,
    description: `Edge VM utilization, tasks in the system and tasks failed per utilization interval over the simulated time (warm-up included), at the sweep's largest device count (${devices}); one line per policy, the mean over ${replicas} replica(s). Each panel has its own y scale.`,
    spec: metricVsDevicesSpec({
      title: `Over time at ${devices} devices`, subtitle: [`Scenario ${scenarioName}; means over ${replicas} replica(s); the warm-up is included.`],
      yTitle: "value (see the panel's title)", xTitle: "Simulated time (s)", xScale: "linear", seriesTitle: "policy",
      colour: { domain: palette.labels, range: palette.colours, shapes: palette.shapes }, points,
      facet: { title: "quantity", order: PANELS.map(([, l]) => l), columns: 3 },
    }),
  };
}
