// Charts beyond the paper, which explain its figures: what tasks fail of, where the time goes,
// which tier the policies pick, per-app service time, and the offered load that drives it all.
import { QUANTILE_RELATIVE_ERROR_TEXT } from "../results/quantiles.ts";
import type { ChartDef } from "./figures.ts";
import { seriesPoints, valueRange } from "./figures.ts";
import { policyLabel, policyPalette } from "./policies.ts";
import { wrapLines } from "./specs/common.ts";
import { metricVsDevicesSpec, type SeriesPoint } from "./specs/metric-vs-devices.ts";
import { stackedComponentsSpec, type ComponentValue } from "./specs/stacked-components.ts";
import type { ResultTable } from "./table.ts";

interface ComponentChart {
  id: string;
  prefix: string;
  title: string;
  description: string;
  yTitle: string;
  componentTitle: string;
  /** Known components in stacking order with label and colour; unknown ones are appended. */
  known: readonly (readonly [key: string, label: string, colour: string])[];
}

const COMPONENT_CHARTS: readonly ComponentChart[] = [
  {
    id: "failure-reasons", prefix: "failed_pct", title: "Failed tasks by reason",
    description: "Share of all counted tasks that failed, split by the reason (EdgeCloudSim's categories), per policy and device count.",
    yTitle: "Failed tasks (% of tasks)", componentTitle: "failure reason",
    known: [["capacity", "capacity (no VM could take it)", "#e41a1c"], ["network", "network (transfer failed)", "#377eb8"], ["mobility", "mobility (device left the cell)", "#4daf4a"], ["deadline", "deadline (T_max missed)", "#984ea3"]],
  },
  {
    id: "delay-breakdown", prefix: "breakdown_s", title: "Where a completed task's time goes",
    description: "Mean time per completed task in each phase, stacked: the bars add up to the service time of Fig. 4.",
    yTitle: "Mean time per completed task (s)", componentTitle: "phase",
    known: [["wait", "wait for a decision", "#bdbdbd"], ["upload", "upload", "#6baed6"], ["queue", "queue at the VM", "#fd8d3c"], ["exec", "execution", "#31a354"], ["download", "download", "#9e9ac8"]],
  },
  {
    id: "tier-share", prefix: "tier_share_pct", title: "Tier share of decisions",
    description: "Where each policy sends the tasks it places: local edge, remote edge or cloud, as a percentage of placed tasks.",
    yTitle: "Placed tasks (%)", componentTitle: "tier",
    known: [["localEdge", "local edge", "#1b9e77"], ["remoteEdge", "remote edge", "#7570b3"], ["cloud", "cloud", "#d95f02"]],
  },
];

const SPARE = ["#a6761d", "#e7298a", "#66a61e", "#666666"];

function componentChart(table: ResultTable, def: ComponentChart, scenarioName: string): ChartDef | undefined {
  const keys = table.suffixes(def.prefix);
  if (keys.length === 0) return undefined;
  const ordered = [...def.known.map(([k]) => k).filter((k) => keys.includes(k)), ...keys.filter((k) => !def.known.some(([kk]) => kk === k))];
  const label = (k: string) => def.known.find(([kk]) => kk === k)?.[1] ?? k;
  const colours = ordered.map((k, i) => def.known.find(([kk]) => kk === k)?.[2] ?? SPARE[i % SPARE.length]!);
  const values: ComponentValue[] = [];
  for (const policy of table.policies) {
    for (const devices of table.devices) {
      for (const k of ordered) {
        const c = table.cell(devices, policy, `${def.prefix}.${k}`);
        if (c) values.push({ group: policyLabel(policy), devices, component: label(k), value: c.mean });
      }
    }
  }
  return {
    id: def.id,
    title: def.title,
    description: def.description,
    spec: stackedComponentsSpec({
      title: def.title, subtitle: [`Scenario ${scenarioName}; means over replicas.`], yTitle: def.yTitle,
      groupTitle: "policy", groups: table.policies.map(policyLabel), componentTitle: def.componentTitle,
      components: { domain: ordered.map(label), range: colours }, values,
    }),
  };
}

interface ServiceTimePanels {
  id: string;
  title: string;
  description: string;
  /** The subtitle after "Scenario <name>; ". */
  subtitle: string;
  yTitle: string;
  facetTitle: string;
  columns: number;
  /** The panels the table has data for: [metric, panel title], in panel order. */
  panels(table: ResultTable): readonly (readonly [metric: string, label: string])[];
}

const TAILS = [["service_time_p50_s", "median (p50)"], ["service_time_p95_s", "p95"], ["service_time_p99_s", "p99"]] as const;

const SERVICE_TIME_PANEL_CHARTS: readonly ServiceTimePanels[] = [
  {
    id: "service-time-per-app", title: "Service time per application",
    description: "Mean service time of each application's completed tasks, one panel per application (each with its own y scale), one line per policy with its 95 % band.",
    subtitle: "each panel has its own y scale.", yTitle: "Mean service time (s, log scale)", facetTitle: "application", columns: 2,
    panels: (table) => table.suffixes("service_time_s.app").map((app) => [`service_time_s.app.${app}`, app] as const),
  },
  {
    // Quantiles from the engine's streaming histogram (results/quantiles.ts): one panel per quantile.
    id: "service-time-tails", title: "Service-time tails",
    description: `Median, 95th and 99th percentile of the service time of completed tasks (per run, from the engine's streaming histogram, within ${QUANTILE_RELATIVE_ERROR_TEXT} of the exact value; then means over replicas with their 95 % band), one panel per quantile.`,
    subtitle: "quantiles per run, means over replicas.", yTitle: "Service time (s, log scale)", facetTitle: "quantile", columns: 3,
    panels: (table) => TAILS.filter(([metric]) => table.metrics.has(metric)),
  },
];

/** Service-time metrics, one panel each, one line per policy; undefined when the table has none of them. */
function serviceTimePanelChart(table: ResultTable, def: ServiceTimePanels, scenarioName: string): ChartDef | undefined {
  const panels = def.panels(table);
  if (panels.length === 0) return undefined;
  const palette = policyPalette(table.policies);
  const points: SeriesPoint[] = panels.flatMap(([metric, label]) => seriesPoints(table, metric, label));
  return {
    id: def.id,
    title: def.title,
    description: def.description,
    spec: metricVsDevicesSpec({
      title: def.title, subtitle: [`Scenario ${scenarioName}; ${def.subtitle}`],
      yTitle: def.yTitle, seriesTitle: "policy",
      colour: { domain: palette.labels, range: palette.colours, shapes: palette.shapes }, points,
      // Log like Fig. 4: the same metric reads on the same scale in every chart and report.
      facet: { title: def.facetTitle, order: panels.map(([, l]) => l), columns: def.columns }, valueRange: valueRange("service_time_s"), yScale: "log",
    }),
  };
}

const RHO_SERIES = [
  ["offered_load_rho", "all VMs (edge + cloud)", "#000000"],
  ["offered_load_rho.edge", "edge VMs only", "#1b9e77"],
  ["offered_load_rho.cloud", "cloud VMs only", "#d95f02"],
] as const;

function offeredLoadChart(table: ResultTable, scenarioName: string): ChartDef | undefined {
  const points: SeriesPoint[] = [];
  for (const [metric, label] of RHO_SERIES) {
    for (const devices of table.devices) {
      const rho = table.rho(devices, metric);
      if (rho !== undefined && Number.isFinite(rho)) points.push({ devices, series: label, mean: rho, low: NaN, high: NaN, interval: false, n: 1 });
    }
  }
  if (points.length === 0) return undefined;
  const present = RHO_SERIES.filter(([, label]) => points.some((p) => p.series === label));
  return {
    id: "offered-load",
    title: "Offered load ρ",
    description: "Offered load ρ = demanded MIPS / capacity MIPS at each sweep point, computed from the scenario (the same for every policy). Above the dashed line (ρ = 1) no policy can complete every task: the queues grow until tasks fail.",
    spec: metricVsDevicesSpec({
      title: "Offered load ρ per sweep point",
      subtitle: [`Scenario ${scenarioName}.`, ...wrapLines("ρ = demand (tasks/s × MI per task) / capacity (MIPS); ρ > 1 means overload whatever the policy does.")],
      yTitle: "Offered load ρ (log scale)", seriesTitle: "capacity counted",
      colour: { domain: present.map(([, l]) => l), range: present.map(([, , c]) => c) }, points,
      yScale: "log", rule: { value: 1, label: "ρ = 1: capacity" },
    }),
  };
}

export function extraCharts(table: ResultTable, scenarioName: string): ChartDef[] {
  const charts = [
    ...COMPONENT_CHARTS.map((def) => componentChart(table, def, scenarioName)),
    ...SERVICE_TIME_PANEL_CHARTS.map((def) => serviceTimePanelChart(table, def, scenarioName)),
    offeredLoadChart(table, scenarioName),
  ];
  return charts.filter((c): c is ChartDef => c !== undefined);
}
