// The one catalogue of the metrics a run reports: name, unit, meaning, how a run computes it and
// the count it rests on. The tidy rows (results/flatten.ts) take their units from here and refuse a
// metric that is not listed; the report and docs/metrics.md (a generated table, checked by a test)
// read the same entries. A value whose count is 0 is "no data": null in JSON, empty in CSV, `–` in
// text, and left out of charts and statistics. It is never 0, which would read as "instant" or
// "no failures".
import { QUANTILE_RELATIVE_ERROR_TEXT } from "./quantiles.ts";

export interface MetricSpec {
  /** The metric's name in the tidy rows; `<app>`, `<tier>`, ... stand for one metric per item. */
  name: string;
  unit: string;
  meaning: string;
  /** How one run computes the value (replicas are then averaged, with a t-interval). */
  aggregation: string;
  /** The count the value rests on (the row's `n`); null for counts and scenario constants. */
  count: string | null;
  /** Fewest observations for a value: below it the value is null (1 for a mean, 2 for a std). */
  minCount: number;
}

const mean = (what: string) => `mean over ${what}`;
const COMPLETED = "completed counted tasks";
const ENDED = "counted tasks that ended (completed + failed)";
const QUANTILE = `nearest-rank quantile over ${COMPLETED}, from the engine's streaming log-linear histogram (within ${QUANTILE_RELATIVE_ERROR_TEXT})`;

/** Every metric, in the order the tidy rows list them. */
export const METRIC_CATALOGUE: readonly MetricSpec[] = [
  { name: "service_time_s", unit: "s", meaning: "time from a task's submission to its result reaching the device", aggregation: mean(COMPLETED), count: COMPLETED, minCount: 1 },
  { name: "service_time_std_s", unit: "s", meaning: "spread of the service time between tasks", aggregation: `sample standard deviation over ${COMPLETED}`, count: COMPLETED, minCount: 2 },
  { name: "service_time_p50_s", unit: "s", meaning: "median service time", aggregation: QUANTILE, count: COMPLETED, minCount: 1 },
  { name: "service_time_p95_s", unit: "s", meaning: "95th percentile of the service time", aggregation: QUANTILE, count: COMPLETED, minCount: 1 },
  { name: "service_time_p99_s", unit: "s", meaning: "99th percentile of the service time", aggregation: QUANTILE, count: COMPLETED, minCount: 1 },
  { name: "processing_time_s", unit: "s", meaning: "service time minus network delay (queueing and execution)", aggregation: mean(COMPLETED), count: COMPLETED, minCount: 1 },
  { name: "network_delay_s", unit: "s", meaning: "time spent on all transfer legs (upload and download)", aggregation: mean(COMPLETED), count: COMPLETED, minCount: 1 },
  { name: "failed_task_pct", unit: "%", meaning: "share of tasks that failed", aggregation: `100 × failed / (${ENDED})`, count: ENDED, minCount: 1 },
  { name: "vm_utilization_pct", unit: "%", meaning: "edge VMs' CPU utilization", aggregation: "mean of the samples taken at the scenario's utilization interval (window: utilizationWindow)", count: "utilization samples", minCount: 1 },
  { name: "vm_utilization_cloud_pct", unit: "%", meaning: "cloud VMs' CPU utilization", aggregation: "mean of the samples taken at the scenario's utilization interval (window: utilizationWindow)", count: "utilization samples", minCount: 1 },
  { name: "failed_pct.<reason>", unit: "%", meaning: "share of tasks that failed for this reason", aggregation: `100 × failed for the reason / (${ENDED})`, count: ENDED, minCount: 1 },
  { name: "breakdown_s.<part>", unit: "s", meaning: "one part of the service time (wait, upload, queue, exec, download)", aggregation: mean(COMPLETED), count: COMPLETED, minCount: 1 },
  { name: "link_delay_s.<link>", unit: "s", meaning: "delay of one transfer on this link (wlan, man, wan, shared_link)", aggregation: mean("the counted tasks' transfers on the link"), count: "transfers on the link", minCount: 1 },
  { name: "tier_share_pct.<tier>", unit: "%", meaning: "share of placement decisions that chose this tier", aggregation: "100 × tasks placed on the tier / tasks placed", count: "counted tasks placed on a VM", minCount: 1 },
  { name: "service_time_s.app.<app>", unit: "s", meaning: "service time of one application's tasks", aggregation: mean(`the app's ${COMPLETED}`), count: "the app's completed counted tasks (`completed.app.<app>`)", minCount: 1 },
  { name: "failed_task_pct.app.<app>", unit: "%", meaning: "share of one application's tasks that failed", aggregation: "100 × failed / ended, over the app's counted tasks", count: "the app's counted tasks that ended", minCount: 1 },
  { name: "completed.app.<app>", unit: "tasks", meaning: "counted tasks of the application that completed", aggregation: "count", count: null, minCount: 0 },
  { name: "service_time_s.tier.<tier>", unit: "s", meaning: "service time of the tasks placed on one tier", aggregation: mean(`the tier's ${COMPLETED}`), count: "the tier's completed counted tasks", minCount: 1 },
  { name: "failed_task_pct.tier.<tier>", unit: "%", meaning: "share of the tasks placed on one tier that failed", aggregation: "100 × failed / ended, over the tier's counted tasks", count: "the tier's counted tasks that ended", minCount: 1 },
  { name: "offered_load_rho", unit: "1", meaning: "offered load of the scenario at this device count (demand / capacity)", aggregation: "computed from the scenario, not measured", count: null, minCount: 0 },
  { name: "offered_load_rho.edge", unit: "1", meaning: "offered load on the edge tier", aggregation: "computed from the scenario, not measured", count: null, minCount: 0 },
  { name: "offered_load_rho.cloud", unit: "1", meaning: "offered load on the cloud tier", aggregation: "computed from the scenario, not measured", count: null, minCount: 0 },
  { name: "tasks_simulated", unit: "tasks", meaning: "all tasks generated, warm-up included", aggregation: "count", count: null, minCount: 0 },
  { name: "completed", unit: "tasks", meaning: "counted tasks (arrived after the warm-up) that completed", aggregation: "count", count: null, minCount: 0 },
  { name: "failed", unit: "tasks", meaning: "counted tasks that failed", aggregation: "count", count: null, minCount: 0 },
  { name: "in_flight", unit: "tasks", meaning: "tasks still running when the run ended", aggregation: "count", count: null, minCount: 0 },
  { name: "policy.<counter>", unit: "count", meaning: "a counter the policy keeps (see docs/policies.md)", aggregation: "count", count: null, minCount: 0 },
];

const PATTERNS = METRIC_CATALOGUE.map((spec) => ({
  spec,
  re: new RegExp(`^${spec.name.replace(/[.]/g, "\\.").replace(/<[a-z]+>/g, "[^.]+")}$`),
}));

/** A camelCase name as the tidy rows and the CSV files spell names: snake case (edgeUtilPct → edge_util_pct). */
export function snakeCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The catalogue entry of a metric name, or undefined when the name is not a catalogued metric. */
export function metricSpec(metric: string): MetricSpec | undefined {
  return PATTERNS.find((p) => p.re.test(metric))?.spec;
}

/**
 * A value with the count behind it: null when the count is below the metric's minimum (no data),
 * and null when not finite: JSON has no NaN/Infinity, so an explicit null keeps JSON and CSV agreeing.
 */
export function valueOrNull(spec: MetricSpec, value: number, n: number | null): number | null {
  if (n !== null && n < spec.minCount) return null;
  return Number.isFinite(value) ? value : null;
}

/**
 * The markers around the generated table in docs/metrics.md: scripts/metrics-doc.ts writes between
 * them, test/metric-catalogue.test.ts reads between them (the script runs when imported, so they live here).
 */
export const METRICS_DOC_BEGIN = "<!-- BEGIN generated by `npx tsx scripts/metrics-doc.ts` from src/results/catalogue.ts; do not edit -->\n";
export const METRICS_DOC_END = "<!-- END generated -->";

/** The catalogue as a Markdown table (docs/metrics.md carries it between METRICS_DOC_BEGIN and METRICS_DOC_END). */
export function catalogueMarkdown(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const lines = [
    "| Metric | Unit | Meaning | Computed per run as | Count behind it (`n`) |",
    "|---|---|---|---|---|",
    ...METRIC_CATALOGUE.map((m) => `| \`${m.name}\` | ${m.unit} | ${cell(m.meaning)} | ${cell(m.aggregation)} | ${m.count === null ? "–" : cell(m.count)} |`),
  ];
  return `${lines.join("\n")}\n`;
}
