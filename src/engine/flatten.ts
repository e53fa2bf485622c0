// A run's result as tidy (metric, value, unit) triples: the vocabulary of sweep rows, summaries and
// charts. Wall time is deliberately absent: rows must be byte-identical across machines and workers.
import type { RunResult } from "./run.ts";

export interface MetricValue {
  metric: string;
  value: number;
  unit: string;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export function flattenResult(r: RunResult): MetricValue[] {
  const out: MetricValue[] = [];
  const m = r.metrics;
  const push = (metric: string, value: number, unit: string) => out.push({ metric, value, unit });
  push("service_time_s", m.serviceTimeS, "s");
  push("service_time_std_s", m.serviceTimeStdS, "s");
  push("processing_time_s", m.processingTimeS, "s");
  push("network_delay_s", m.networkDelayS, "s");
  push("failed_task_pct", m.failedTaskPct, "%");
  push("vm_utilization_pct", m.vmUtilizationPct.edge, "%");
  push("vm_utilization_cloud_pct", m.vmUtilizationPct.cloud, "%");
  for (const [reason, v] of Object.entries(m.failedPctByReason)) push(`failed_pct.${reason}`, v, "%");
  for (const [part, v] of Object.entries(m.breakdownS)) push(`breakdown_s.${part}`, v, "s");
  for (const [link, v] of Object.entries(m.linkDelayS)) push(`link_delay_s.${snake(link)}`, v, "s");
  for (const [tier, v] of Object.entries(m.tierSharePct)) push(`tier_share_pct.${tier}`, v, "%");
  for (const [app, s] of Object.entries(m.perApp)) {
    push(`service_time_s.app.${app}`, s.serviceTimeS, "s");
    push(`failed_task_pct.app.${app}`, s.failedTaskPct, "%");
    push(`completed.app.${app}`, s.completed, "tasks");
  }
  for (const [tier, s] of Object.entries(m.perTier)) {
    push(`service_time_s.tier.${tier}`, s.serviceTimeS, "s");
    push(`failed_task_pct.tier.${tier}`, s.failedTaskPct, "%");
  }
  push("offered_load_rho", m.offeredLoad.rhoTotal, "1");
  push("offered_load_rho.edge", m.offeredLoad.rhoEdge, "1");
  push("offered_load_rho.cloud", m.offeredLoad.rhoCloud, "1");
  push("tasks_simulated", r.tasksSimulated, "tasks");
  push("completed", r.counts.counted.completed, "tasks");
  push("failed", r.counts.counted.failed, "tasks");
  push("in_flight", r.counts.inFlight, "tasks");
  for (const [k, v] of Object.entries(r.policyStats)) push(`policy.${k}`, v, "count");
  return out;
}
