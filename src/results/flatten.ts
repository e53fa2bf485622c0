// A run's result as tidy (metric, value, unit, n) rows: the vocabulary of sweep rows, summaries and
// charts. Every name, unit and count comes from the metric catalogue (src/results/catalogue.ts);
// a value over no observations is null, never 0. Wall time is deliberately absent: rows must be
// byte-identical across machines and workers.
import { metricSpec, snakeCase, valueOrNull } from "./catalogue.ts";
import type { Summary } from "./metrics.ts";
import type { RunResult } from "./run-result.ts";

export interface MetricValue {
  metric: string;
  /** null: no data (the count behind it is below the metric's minimum) or not a finite number. */
  value: number | null;
  unit: string;
  /** The count the value is computed from (completed tasks, ended tasks, transfers, samples); null for counts and constants. */
  n: number | null;
}

export function flattenResult(r: RunResult): MetricValue[] {
  const out: MetricValue[] = [];
  const m = r.metrics;
  const push = (metric: string, value: number | null, n: number | null) => {
    const spec = metricSpec(metric);
    if (spec === undefined) throw new Error(`metric ${metric} is not in the metric catalogue (src/results/catalogue.ts)`);
    out.push({ metric, value: value === null ? null : valueOrNull(spec, value, n), unit: spec.unit, n });
  };
  const ended = (s: Summary) => s.completed + s.failed;
  push("service_time_s", m.serviceTimeS, m.completed);
  push("service_time_std_s", m.serviceTimeStdS, m.completed);
  push("service_time_p50_s", m.serviceTimeQuantilesS.p50, m.completed);
  push("service_time_p95_s", m.serviceTimeQuantilesS.p95, m.completed);
  push("service_time_p99_s", m.serviceTimeQuantilesS.p99, m.completed);
  push("processing_time_s", m.processingTimeS, m.completed);
  push("network_delay_s", m.networkDelayS, m.completed);
  push("failed_task_pct", m.failedTaskPct, ended(m));
  push("vm_utilization_pct", m.vmUtilizationPct.edge, m.utilizationSamples);
  push("vm_utilization_cloud_pct", m.vmUtilizationPct.cloud, m.utilizationSamples);
  for (const [reason, v] of Object.entries(m.failedPctByReason)) push(`failed_pct.${reason}`, v, ended(m));
  for (const [part, v] of Object.entries(m.breakdownS)) push(`breakdown_s.${part}`, v, m.completed);
  for (const [link, v] of Object.entries(m.linkDelayS)) push(`link_delay_s.${snakeCase(link)}`, v, m.linkTransfers[link as keyof Summary["linkTransfers"]]);
  for (const [tier, v] of Object.entries(m.tierSharePct)) push(`tier_share_pct.${tier}`, v, m.tierDecisions);
  for (const [app, s] of Object.entries(m.perApp)) {
    push(`service_time_s.app.${app}`, s.serviceTimeS, s.completed);
    push(`failed_task_pct.app.${app}`, s.failedTaskPct, ended(s));
    push(`completed.app.${app}`, s.completed, null);
  }
  for (const [tier, s] of Object.entries(m.perTier)) {
    push(`service_time_s.tier.${tier}`, s.serviceTimeS, s.completed);
    push(`failed_task_pct.tier.${tier}`, s.failedTaskPct, ended(s));
  }
  push("offered_load_rho", m.offeredLoad.rhoTotal, null);
  push("offered_load_rho.edge", m.offeredLoad.rhoEdge, null);
  push("offered_load_rho.cloud", m.offeredLoad.rhoCloud, null);
  push("tasks_simulated", r.tasksSimulated, null);
  push("completed", r.counts.counted.completed, null);
  push("failed", r.counts.counted.failed, null);
  push("in_flight", r.counts.inFlight, null);
  for (const [k, v] of Object.entries(r.policyStats)) push(`policy.${k}`, v, null);
  return out;
}
