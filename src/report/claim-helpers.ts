// Shared by the quantitative and the qualitative reproduction claims: the verdict vocabulary,
// number formatting, what is missing from a sweep, and the reasons our numbers may differ.
import { isReconstruction, policyLabel } from "./policies.ts";
import type { ResultTable } from "./table.ts";

/** "inconclusive": our mean misses the paper's value but our CI still contains it (too few replicas). */
export type Verdict = "reproduced" | "not reproduced" | "inconclusive" | "not in this sweep";

export const VERDICTS: readonly Verdict[] = ["reproduced", "not reproduced", "inconclusive", "not in this sweep"];

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
  /** Our value(s) at the matching point(s), or what is missing. */
  ours: string;
  verdict: Verdict;
  why: string;
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

/** "1.23 s [1.1, 1.4]" (and the value in ms for network delay, to compare with the paper's ms). */
export function describeCell(table: ResultTable, devices: number, policy: string, metric: string): string | undefined {
  const c = table.cell(devices, policy, metric);
  if (!c) return undefined;
  const u = unitOf(metric);
  const ci = c.interval ? ` [${fmt(c.ci95Low)}, ${fmt(c.ci95High)}] (n=${c.n})` : ` (n=${Number.isFinite(c.n) ? c.n : "?"}: no interval)`;
  const ms = metric === "network_delay_s" ? ` = ${fmt(c.mean * 1000)} ms` : "";
  return `${fmt(c.mean)}${u === "%" ? " %" : u ? ` ${u}` : ""}${ci}${ms}`;
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

