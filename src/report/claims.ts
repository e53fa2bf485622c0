// The reproduction notes: each value the paper prints (paper-reported.json) set against our mean
// and CI at the same point, with a verdict, the numbers it rests on and the reason. Reasons come
// from the data (offered load ρ at that point) and from what docs/paper-model.md §3/§3b established
// about the paper. A point with too few completed tasks, or a time where most tasks fail, gets no
// verdict; the neural network's values are judged for each label mode the sweep ran.
import { contextReasons, describeCell, firstNotComparable, fmt, missing, type ClaimResult } from "./claim-helpers.ts";
import { qualitativeClaims } from "./claims-qualitative.ts";
import { paperPoints, type PaperPoint } from "./paper.ts";
import { paperMethod } from "./palette.ts";
import { isPaperMethod, policyLabel } from "./policies.ts";
import type { ResultTable } from "./table.ts";

/** A reported value counts as reproduced within this relative distance of our mean... */
export const REL_TOLERANCE = 0.25;
/** ...or, for percentages, within this many percentage points (0.3 % vs 0.8 % is "the same" here). */
export const PCT_POINT_TOLERANCE = 1;

function pointClaim(table: ResultTable, scenarioName: string, p: PaperPoint, metricName: string): ClaimResult {
  const all = p.policy === "all";
  // "All methods" are the paper's methods where the sweep ran them.
  const methods = table.policies.filter(isPaperMethod);
  const policies = all ? (methods.length > 0 ? methods : table.policies) : [p.policy];
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
  const gate = firstNotComparable(table, policies.map((q) => [p.devices, q] as const), p.metric);
  if (gate) return { ...base, ours, verdict: "not comparable", verdictNote: gate.note, why: gate.why };
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
  // A wide interval can contain almost anything: that is no match, and no miss. Only an interval
  // (n ≥ 3) can make a miss inconclusive; without one the mean decides.
  if (c.interval && c.ci95Low <= p.value && p.value <= c.ci95High) {
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
  const modes = nnModes(table);
  const points = paperPoints()
    .flatMap((p) => (p.policy === "neural-network" ? modes.map((m) => ({ ...p, policy: m })) : [p]))
    .map((p) => pointClaim(table, scenarioName, p, METRIC_NAMES[p.metric] ?? p.metric));
  const qualitative = qualitativeClaims(table, scenarioName, modes);
  return [...points, ...qualitative].sort((a, b) => a.figure - b.figure);
}

/** The neural network's label modes in this sweep (its ids, expert first), or the plain name when
 * the sweep ran neither: its claims then say "not in this sweep". */
export function nnModes(table: ResultTable): string[] {
  const modes = table.policies.filter((p) => paperMethod(p)?.startsWith("neural-network"));
  return modes.length > 0 ? modes : ["neural-network"];
}
