// Shared by the quantitative and the qualitative reproduction claims: the verdict vocabulary,
// number formatting, what is missing from a sweep, and the reasons our numbers may differ.
import { isReconstruction, policyLabel } from "./policies.ts";
import type { ResultTable } from "./table.ts";

/**
 * "inconclusive": our mean misses the paper's value but our CI (n ≥ 3) still contains it.
 * "not comparable": the numbers exist but cannot carry a verdict (too few completed tasks, most
 * tasks fail where times of completed tasks are compared, or values that are all zero).
 */
export type Verdict = "reproduced" | "not reproduced" | "inconclusive" | "not comparable" | "not in this sweep";

export const VERDICTS: readonly Verdict[] = ["reproduced", "not reproduced", "inconclusive", "not comparable", "not in this sweep"];

/** A point's mean rests on at least this many completed tasks (over its replicas), or no verdict. */
export const MIN_COMPLETED_TASKS = 200;
/** Above this failure rate, a time of the few completed tasks says nothing about the policy. */
export const MAX_FAILED_PCT_FOR_TIMES = 50;

/** Metrics that are means over completed tasks. */
export function isTimeMetric(metric: string): boolean {
  return metric.endsWith("_s") || metric.includes("_s.");
}

/** Why a policy's value at a point cannot carry a verdict (with the numbers), or undefined. */
export function notComparable(table: ResultTable, devices: number, policy: string, metric: string): { note: string; why: string } | undefined {
  const completed = table.completedTasks(devices, policy);
  if (completed !== undefined && completed < MIN_COMPLETED_TASKS) {
    return { note: "too few completed tasks", why: `${policyLabel(policy)} completed ${completed} tasks at ${devices} devices (over all replicas), fewer than the ${MIN_COMPLETED_TASKS} a verdict needs.` };
  }
  const failed = table.cell(devices, policy, "failed_task_pct")?.mean;
  if (isTimeMetric(metric) && failed !== undefined && failed > MAX_FAILED_PCT_FOR_TIMES) {
    return { note: "most tasks fail", why: `${policyLabel(policy)} fails ${fmt(failed)} % of its tasks at ${devices} devices: its ${metric} is a mean over the few that complete, not comparable.` };
  }
  return undefined;
}

/** The first reason any of these (devices, policy) points cannot carry a verdict. */
export function firstNotComparable(table: ResultTable, points: readonly (readonly [devices: number, policy: string])[], metric: string): { note: string; why: string } | undefined {
  for (const [d, p] of points) {
    const r = notComparable(table, d, p, metric);
    if (r) return r;
  }
  return undefined;
}

/** The counts a verdict rests on besides n: "8123 completed, 0.8 % failed" (the failure rate unless
 * it is the metric itself; empty when unknown). */
export function basis(table: ResultTable, devices: number, policy: string, metric = ""): string {
  const parts: string[] = [];
  const completed = table.completedTasks(devices, policy);
  if (completed !== undefined) parts.push(`${completed} completed`);
  const failed = table.cell(devices, policy, "failed_task_pct")?.mean;
  if (failed !== undefined && metric !== "failed_task_pct") parts.push(`${fmt(failed)} % failed`);
  return parts.join(", ");
}

/** "3 reproduced, 5 not reproduced, ..." */
export function tally(claims: readonly ClaimResult[]): string {
  return `${VERDICTS.map((v) => `${claims.filter((c) => c.verdict === v).length} ${v}`).join(", ")}.`;
}

export interface ClaimResult {
  figure: number;
  /** What the paper says, in words. */
  claim: string;
  /** The paper's value(s) as printed. */
  paper: string;
  /** Our value(s) at the matching point(s) with the counts behind them, or what is missing. */
  ours: string;
  verdict: Verdict;
  /** Shown after the verdict, e.g. "most tasks fail" for "not comparable". */
  verdictNote?: string;
  why: string;
}

/** "not comparable (most tasks fail)": the verdict as the tables print it. */
export function verdictText(c: ClaimResult): string {
  return c.verdictNote ? `${c.verdict} (${c.verdictNote})` : c.verdict;
}

const BASELINES = new Set(["utilization-based", "sonmez", "flores", "almutairi"]);

/** The paper's smallest upload (Heavy, 2500 KB) over its fastest link (100 Mbps), in seconds. */
const MIN_HEAVY_UPLOAD_S = (2500 * 8 * 1000) / 100e6;

export function fmt(v: number): string {
  if (v === Infinity) return "∞";
  if (!Number.isFinite(v)) return "n/a";
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.001 || a >= 1e5)) return v.toExponential(2);
  return Number(v.toPrecision(3)).toString();
}

export function unitOf(metric: string): string {
  return metric.endsWith("_pct") ? "%" : metric === "offered_load_rho" ? "" : "s";
}

/** "1.23 s [1.1, 1.4] (n=3; 8123 completed, 0.8 % failed)", with the value in ms for network delay
 * (to compare with the paper's ms): the numbers a verdict rests on. */
export function describeCell(table: ResultTable, devices: number, policy: string, metric: string): string | undefined {
  const c = table.cell(devices, policy, metric);
  if (!c) return undefined;
  const u = unitOf(metric);
  const ci = c.interval ? ` [${fmt(c.ci95Low)}, ${fmt(c.ci95High)}]` : "";
  const ms = metric === "network_delay_s" ? ` = ${fmt(c.mean * 1000)} ms` : "";
  const n = `n=${Number.isFinite(c.n) ? c.n : "?"}${c.interval ? "" : ": no interval"}`;
  const b = basis(table, devices, policy, metric);
  return `${fmt(c.mean)}${u === "%" ? " %" : u ? ` ${u}` : ""}${ci}${ms} (${n}${b ? `; ${b}` : ""})`;
}

/** Why our number may differ at this point, in short: the notes' paragraphs (Load, Network delay,
 * Two worlds, Reconstruction) give the full argument once. */
export function contextReasons(table: ResultTable, scenarioName: string, devices: number, policies: readonly string[], metric: string): string[] {
  const reasons: string[] = [];
  if (metric === "network_delay_s") {
    reasons.push(`The paper's ms values are physically impossible: a 2500 KB upload at 100 Mbps alone takes ${fmt(MIN_HEAVY_UPLOAD_S * 1000)} ms (see Network delay).`);
  }
  const rho = table.rho(devices);
  if (rho !== undefined && rho > 1) reasons.push(`Overloaded: offered load ρ = ${fmt(rho)} at ${devices} devices, whatever the policy (see Load).`);
  else if (rho !== undefined) reasons.push(`Offered load ρ = ${fmt(rho)} at ${devices} devices (below capacity).`);
  if (scenarioName === "paper" && policies.some((p) => BASELINES.has(p))) {
    reasons.push("The paper's baseline values come from EdgeCloudSim's sample_app4 world, not Table II (see Two worlds).");
  }
  if (scenarioName === "edgecloudsim-app4" && policies.includes("neural-network")) {
    reasons.push("The paper's neural-network values come from its Table II world, not this one (see Two worlds).");
  }
  if (scenarioName !== "paper" && scenarioName !== "edgecloudsim-app4") {
    reasons.push(`Scenario "${scenarioName}" is neither the paper's world nor EdgeCloudSim's: indicative only.`);
  }
  for (const p of policies) if (isReconstruction(p)) reasons.push(`${policyLabel(p)} is our reconstruction of an under-specified method (see Reconstruction).`);
  return reasons;
}

/** What is missing for a point, or undefined when the sweep has it. */
export function missing(table: ResultTable, devices: number, policies: readonly string[], metric: string): string | undefined {
  if (!table.devices.includes(devices)) return `no sweep point at ${devices} devices (this sweep: ${table.devices.join(", ")})`;
  const absent = policies.filter((p) => !table.policies.includes(p));
  if (absent.length > 0) return `${absent.map(policyLabel).join(", ")} not run in this sweep`;
  const noMetric = policies.filter((p) => !table.cell(devices, p, metric));
  if (noMetric.length > 0) return `no ${metric} for ${noMetric.map(policyLabel).join(", ")} at ${devices} devices`;
  return undefined;
}

