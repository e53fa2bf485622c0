// The engine writes 0 for a mean over no tasks (e.g. the service time of an app none of whose
// tasks completed). Plotted, that 0 reads as "instant service"; here it becomes NaN (undefined),
// so means and CIs use only the replicas where the quantity exists.
import type { ResultRow } from "./results.ts";

/** Metrics that are means over completed tasks, and the count that must be positive for them. */
function countMetricFor(metric: string): string | undefined {
  const app = /^service_time_s\.app\.(.+)$/.exec(metric);
  if (app) return `completed.app.${app[1]}`;
  if (["service_time_s", "service_time_std_s", "processing_time_s", "network_delay_s"].includes(metric) || metric.startsWith("breakdown_s.")) {
    return "completed";
  }
  return undefined;
}

export function maskEmptyMeans(rows: readonly ResultRow[]): ResultRow[] {
  const replica = (r: ResultRow) => `${r.devices}\u0000${r.policy}\u0000${r.replica}\u0000${r.seed}`;
  const counts = new Map<string, number>();
  for (const r of rows) if (r.metric === "completed" || r.metric.startsWith("completed.app.")) counts.set(`${replica(r)}\u0000${r.metric}`, r.value);
  return rows.map((r) => {
    const countMetric = countMetricFor(r.metric);
    if (countMetric === undefined) return r;
    const count = counts.get(`${replica(r)}\u0000${countMetric}`);
    return count === 0 ? { ...r, value: NaN } : r;
  });
}
