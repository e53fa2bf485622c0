// The one builder behind Figures 4-8 (and per-app service time, and offered load): a metric
// against the number of devices, one line per series (own colour and marker shape) with its 95 % CI
// as a band where the point has one, optional reference markers (the paper's reported values), an
// optional reference rule, optional facets.
import { BASE_CONFIG, chooseScale, VL_SCHEMA, wrapLines, type VlSpec } from "./common.ts";

export interface SeriesPoint {
  devices: number;
  series: string;
  mean: number;
  /** The interval, when `interval` (NaN otherwise: no band is drawn for the point). */
  low: number;
  high: number;
  interval: boolean;
  /** Replicas behind the mean. */
  n: number;
  facet?: string;
}

/** A reported value to compare against: `series` null means a bound on every series. */
export interface ReferenceMarker {
  devices: number;
  series: string | null;
  value: number;
  /** Tooltip text, e.g. "0.262 ms as printed". */
  reported: string;
}

export interface MetricVsDevicesInput {
  title: string;
  subtitle?: string[];
  xTitle?: string;
  /** The x scale; default: log when the x values span more than LOG_RATIO (device counts). */
  xScale?: "log" | "linear";
  yTitle: string;
  /** Legend title of the colour scale, e.g. "policy". */
  seriesTitle: string;
  /** Fixed colours: domain (labels, legend order) and range; shapes: marker per label, same order. */
  colour: { domain: string[]; range: string[]; shapes?: string[] };
  points: SeriesPoint[];
  markers?: ReferenceMarker[];
  /** Tooltip "source" of the markers (they have no legend: the subtitle says what they are). */
  markerLabel?: string;
  boundLabel?: string;
  facet?: { title: string; order: string[]; columns: number };
  /** What the quantity can physically be, e.g. [0, 100] for a percentage: the CI band is clipped to it. */
  valueRange?: [number, number];
  /** "auto" picks log when positive values span more than LOG_RATIO; "log"/"linear" fix it (the
   * same metric must have the same scale in every report). */
  yScale?: "auto" | "log" | "linear";
  /** A fixed y domain, e.g. shared by a figure and its supplementary figure. */
  yDomain?: [number, number];
  rule?: { value: number; label: string };
  width?: number;
  height?: number;
}

export const PAPER_MARKER = "paper (reported)";
export const PAPER_BOUND = "paper: bound on all methods";

/** Markers printed at the same point (Sonmez and Utilization-Based both 4.0 s at 2000 devices)
 * would hide each other: spread each such group sideways by 1.5 % of the device range apiece. */
function markerShift(markers: readonly ReferenceMarker[], i: number, devices: readonly number[]): number {
  const m = markers[i]!;
  const same = markers.map((o, j) => ({ o, j })).filter(({ o }) => o.devices === m.devices && o.value === m.value);
  if (same.length < 2) return 0;
  const span = devices.length > 1 ? devices.at(-1)! - devices[0]! : m.devices;
  const rank = same.findIndex(({ j }) => j === i);
  return (rank - (same.length - 1) / 2) * 0.015 * span;
}

export function metricVsDevicesSpec(input: MetricVsDevicesInput): VlSpec {
  const devices = [...new Set(input.points.map((p) => p.devices))].sort((a, b) => a - b);
  const markers = input.markers ?? [];
  const markerLabel = input.markerLabel ?? PAPER_MARKER;
  const boundLabel = input.boundLabel ?? PAPER_BOUND;
  const yValues = [...input.points.map((p) => p.mean), ...markers.map((m) => m.value), ...(input.rule ? [input.rule.value] : [])];
  const yType = input.yScale === "log" || input.yScale === "linear" ? input.yScale : chooseScale(yValues);
  // A t-interval from few replicas can leave the range the quantity can take (below 0 s, above
  // 100 %): the band is clipped to valueRange. A log axis cannot show zero or below at all, so
  // there the band stops at half the smallest value.
  const [lo, hi] = input.valueRange ?? [-Infinity, Infinity];
  // A log axis cannot show zero or below at all, so there the band stops at the axis floor
  // (the fixed domain's lower end, else half the smallest value) and a non-positive mean is left out.
  const floor = yType === "log" ? Math.max(lo, input.yDomain?.[0] ?? Math.min(...yValues.filter((v) => v > 0)) / 2) : lo;
  const clip = (v: number) => Math.min(hi, Math.max(floor, v));
  const xType = input.xScale ?? chooseScale(devices);
  const shown = input.points.filter((p) => Number.isFinite(p.mean) && (yType !== "log" || p.mean > 0));

  const values: Record<string, unknown>[] = [
    ...shown.map((p) => (p.interval ? { kind: "sim", ...p, low: clip(p.low), high: clip(p.high) } : { kind: "sim", ...p, low: null, high: null })),
    ...markers.map((m, i) => {
      const at = { devices: m.devices, xPos: m.devices + markerShift(markers, i, devices), value: m.value, reported: m.reported };
      return m.series === null ? { kind: "bound", ...at, marker: boundLabel } : { kind: "paper", ...at, series: m.series, marker: markerLabel };
    }),
  ];
  const only = (kind: string) => [{ filter: `datum.kind === '${kind}'` }];
  const x = {
    field: "devices", type: "quantitative", title: input.xTitle ?? "Number of IoT devices",
    // No "nice" rounding: a marker nudged past 2000 devices must not stretch the axis to 2200.
    scale: { type: xType, nice: false, padding: 12, ...(xType === "linear" ? { zero: false } : {}) },
    axis: { format: "d", tickMinStep: 1 },
  };
  const yScale = { type: yType, ...(input.yDomain ? { domain: input.yDomain, nice: false } : {}) };
  const y = (field: string) => ({ field, type: "quantitative", title: input.yTitle, scale: yScale, stack: null });
  const colour = { field: "series", type: "nominal", title: input.seriesTitle, scale: { domain: input.colour.domain, range: input.colour.range } };
  // Same field, domain and title as the colour: Vega-Lite merges the two into one legend.
  const seriesShape = input.colour.shapes
    ? { field: "series", type: "nominal", title: input.seriesTitle, scale: { domain: input.colour.domain, range: input.colour.shapes } }
    : undefined;
  const layer: VlSpec[] = [
    // Bands only where the point has an interval (n ≥ 3 replicas): a missing band is a statement.
    { transform: [{ filter: "datum.kind === 'sim' && datum.interval" }], mark: { type: "area", opacity: 0.16 }, encoding: { x, y: y("low"), y2: { field: "high" }, color: colour } },
    { transform: only("sim"), mark: { type: "line", strokeWidth: 2 }, encoding: { x, y: y("mean"), color: colour } },
    {
      transform: only("sim"),
      mark: { type: "point", filled: true, size: 45, opacity: 1 },
      encoding: {
        x, y: y("mean"), color: colour, ...(seriesShape ? { shape: seriesShape } : {}),
        tooltip: [
          { field: "series", title: input.seriesTitle }, { field: "devices", title: "devices" },
          { field: "mean", format: ".4~g", title: "mean" }, { field: "low", format: ".4~g", title: "95 % CI low" },
          { field: "high", format: ".4~g", title: "95 % CI high" }, { field: "n", title: "replicas (n)" },
        ],
      },
    },
  ];
  const markerTooltip = [{ field: "marker", title: "source" }, { field: "devices", title: "devices" }, { field: "reported", title: "as printed" }];
  if (markers.some((m) => m.series !== null)) {
    layer.push({
      transform: only("paper"),
      // Fixed shapes, no legend of their own (the subtitle says what they are): a second shape
      // scale would split the policy legend into a colour and a shape legend.
      mark: { type: "point", shape: "diamond", filled: true, size: 110, opacity: 1, stroke: "black", strokeWidth: 1.5 },
      encoding: { x: { ...x, field: "xPos" }, y: y("value"), color: colour, tooltip: [{ field: "series", title: input.seriesTitle }, ...markerTooltip] },
    });
  }
  if (markers.some((m) => m.series === null)) {
    layer.push({
      transform: only("bound"),
      mark: { type: "point", shape: "triangle-down", filled: true, size: 110, opacity: 1, fill: "white", stroke: "black", strokeWidth: 1.5 },
      encoding: { x: { ...x, field: "xPos" }, y: y("value"), tooltip: markerTooltip },
    });
  }
  if (input.rule) {
    // Own one-row data: a layer without data inherits every point and would draw the rule once per point.
    const one = { data: { values: [{ kind: "rule" }] } };
    layer.push({ ...one, mark: { type: "rule", strokeDash: [6, 4], color: "#444" }, encoding: { y: { datum: input.rule.value, type: "quantitative" } } });
    layer.push({
      ...one,
      mark: { type: "text", align: "left", baseline: "bottom", dx: 4, dy: -2, color: "#444" },
      encoding: { x: { datum: devices[0] ?? 0, type: "quantitative" }, y: { datum: input.rule.value, type: "quantitative" }, text: { value: input.rule.label } },
    });
  }

  const width = input.width ?? (input.facet ? 300 : 440);
  const height = input.height ?? (input.facet ? 200 : 280);
  // Say what the log axis could not show, rather than let a series silently vanish.
  const hidden = new Map<string, number[]>();
  for (const p of input.points) if (Number.isFinite(p.mean) && !shown.includes(p)) hidden.set(p.series, [...(hidden.get(p.series) ?? []), p.devices]);
  const hiddenNote = [...hidden].map(([series, at]) => `${series} at ${at.join(", ")}`).join("; ");
  const subtitle = [...(input.subtitle ?? []), ...(hiddenNote ? wrapLines(`Not drawn (a mean of 0 has no place on a log axis): ${hiddenNote}.`, 105) : [])];
  const title = { text: input.title, ...(subtitle.length > 0 ? { subtitle } : {}) };
  const base = { $schema: VL_SCHEMA, title, data: { values }, config: BASE_CONFIG };
  if (!input.facet) return { ...base, width, height, layer };
  return {
    ...base,
    facet: { field: "facet", type: "nominal", title: input.facet.title, sort: input.facet.order },
    columns: input.facet.columns,
    spec: { width, height, layer },
    resolve: { scale: { y: "independent" } },
  };
}
