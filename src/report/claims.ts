// The reproduction notes: each value the paper prints (paper-reported.json) set against our mean
// and CI at the same point, with a verdict and the reason. Reasons come from the data (offered
// load ρ at that point) and from what docs/paper-model.md §3/§3b established about the paper.
import { contextReasons, describeCell, fmt, missing, type ClaimResult } from "./claim-helpers.ts";
import { qualitativeClaims } from "./claims-qualitative.ts";
import { paperPoints, type PaperPoint } from "./paper.ts";
import { policyLabel } from "./policies.ts";
import type { ResultTable } from "./table.ts";

/** A reported value counts as reproduced within this relative distance of our mean... */
export const REL_TOLERANCE = 0.25;
/** ...or, for percentages, within this many percentage points (0.3 % vs 0.8 % is "the same" here). */
export const PCT_POINT_TOLERANCE = 1;

function pointClaim(table: ResultTable, scenarioName: string, p: PaperPoint, metricName: string): ClaimResult {
  const all = p.policy === "all";
  const policies = all ? table.policies : [p.policy];
  const who = all ? "all methods" : policyLabel(p.policy);
  const base = {
    figure: p.figure,
    claim: all ? `${metricName} of ${who} ≤ ${p.reported} at ${p.devices} devices` : `${metricName} of ${who} at ${p.devices} devices`,
    paper: all ? `≤ ${p.reported}` : p.reported,
  };
  const gap = missing(table, p.devices, policies, p.metric);
  if (gap !== undefined || policies.length === 0) {
    return { ...base, ours: "—", verdict: "not in this sweep", why: gap ?? "no policies in this sweep" };
  }
  const ours = policies.map((q) => `${all ? `${policyLabel(q)}: ` : ""}${describeCell(table, p.devices, q, p.metric)}`).join("; ");
  const means = policies.map((q) => table.cell(p.devices, q, p.metric)!);
  if (all) {
    const ok = means.every((c) => c.mean <= p.value);
    const why = ok ? ["Every policy in this sweep is at or below the bound."] : ["At least one policy exceeds the bound.", ...contextReasons(table, scenarioName, p.devices, policies, p.metric)];
    return { ...base, ours, verdict: ok ? "reproduced" : "not reproduced", why: why.join(" ") };
  }
  const c = means[0]!;
  const pct = p.metric.endsWith("_pct");
  const tolerance = Math.max(REL_TOLERANCE * Math.abs(p.value), pct ? PCT_POINT_TOLERANCE : 0);
  if (Math.abs(c.mean - p.value) <= tolerance) {
    return { ...base, ours, verdict: "reproduced", why: `Within ±${REL_TOLERANCE * 100} %${pct ? ` or ±${PCT_POINT_TOLERANCE} percentage point` : ""} of the paper's value.` };
  }
  // A wide interval from few replicas can contain almost anything: that is no match, and no miss.
  if (c.ci95Low <= p.value && p.value <= c.ci95High) {
    return { ...base, ours, verdict: "inconclusive", why: `Our mean is off, but our 95 % CI (n=${c.n}) still contains the paper's value: run more replicas to tell.` };
  }
  const why = [describeGap(c.mean, p.value), ...contextReasons(table, scenarioName, p.devices, policies, p.metric)];
  return { ...base, ours, verdict: "not reproduced", why: why.join(" ") };
}

function describeGap(ours: number, paper: number): string {
  if (paper === 0 || ours === 0) return "Outside tolerance.";
  const ratio = ours / paper;
  return ratio >= 1 ? `Ours is ${fmt(ratio)}× the paper's value.` : `Ours is ${fmt(1 / ratio)}× below the paper's value.`;
}

const METRIC_NAMES: Record<string, string> = {
  service_time_s: "service time",
  network_delay_s: "network delay",
  processing_time_s: "processing time",
  failed_task_pct: "task failure rate",
  vm_utilization_pct: "edge VM CPU utilization",
};

/** Every printed value of section V, then the paper's qualitative claims, in figure order. */
export function evaluateClaims(table: ResultTable, scenarioName: string): ClaimResult[] {
  const points = paperPoints().map((p) => pointClaim(table, scenarioName, p, METRIC_NAMES[p.metric] ?? p.metric));
  const qualitative = qualitativeClaims(table, scenarioName);
  return [...points, ...qualitative].sort((a, b) => a.figure - b.figure);
}
