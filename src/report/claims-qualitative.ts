// The paper's claims in words (section V), as checks over our means: who is lowest, in which
// order, how flat a curve stays. Each claim is data; one evaluator per kind of claim. A claim
// about the neural network is judged once per label mode in the sweep; a claim whose points have
// too few completed tasks, compare times where most tasks fail, or compare only zeros gets
// "not comparable" instead of a verdict.
import { contextReasons, describeCell, firstNotComparable, fmt, missing, type ClaimResult } from "./claim-helpers.ts";
import { paperMethod } from "./palette.ts";
import { policyLabel } from "./policies.ts";
import type { ResultTable } from "./table.ts";

type Qualitative =
  /** `policy` has the lowest mean of `metric` at every device count of the sweep. */
  | { kind: "lowest-everywhere"; figure: number; metric: string; policy: string; claim: string; paper: string }
  /** At `devices`, the means of `metric` decrease in the order of `order`. */
  | { kind: "order"; figure: number; metric: string; devices: number; order: string[]; claim: string; paper: string }
  /** At `devices`, `policy` is below every one of `others`. */
  | { kind: "below"; figure: number; metric: string; devices: number; policy: string; others: string[]; claim: string; paper: string }
  /** The mean of `metric` for `policy` grows at most `maxRatio`× between the smallest and largest device count. */
  | { kind: "flat"; figure: number; metric: string; policy: string; maxRatio: number; claim: string; paper: string };

export const QUALITATIVE: readonly Qualitative[] = [
  { kind: "lowest-everywhere", figure: 4, metric: "service_time_s", policy: "neural-network", claim: "The neural network has the lowest service time at every device count", paper: "lowest everywhere" },
  { kind: "flat", figure: 4, metric: "service_time_s", policy: "neural-network", maxRatio: 1.5, claim: "The neural network's service time stays nearly flat as devices grow", paper: "0.738 → 0.963 s (+30 %) from 200 to 2000 devices" },
  { kind: "order", figure: 4, metric: "service_time_s", devices: 2000, order: ["flores", "utilization-based", "neural-network"], claim: "At 2000 devices Flores is slowest, Utilization-Based next, the neural network fastest", paper: "12 s > 4.0 s > 0.963 s" },
  { kind: "below", figure: 5, metric: "network_delay_s", devices: 2000, policy: "neural-network", others: ["almutairi", "sonmez", "flores"], claim: "At 2000 devices the neural network's network delay is below Fuzzy Logic, Sonmez and Flores", paper: "0.262 ms vs 0.32 / 0.35 / 0.35 ms" },
  { kind: "flat", figure: 5, metric: "network_delay_s", policy: "utilization-based", maxRatio: 1.5, claim: "Utilization-Based's network delay remains stable as devices grow", paper: "≈ 0.20 ms throughout" },
  { kind: "lowest-everywhere", figure: 6, metric: "processing_time_s", policy: "neural-network", claim: "The neural network has the shortest processing time at every device count", paper: "lowest everywhere" },
  { kind: "lowest-everywhere", figure: 7, metric: "failed_task_pct", policy: "neural-network", claim: "The neural network has the lowest task failure rate at every device count", paper: "0.3–2 %" },
  { kind: "order", figure: 7, metric: "failed_task_pct", devices: 2000, order: ["sonmez", "utilization-based", "flores", "almutairi", "neural-network"], claim: "At 2000 devices failure rates order Sonmez > Utilization-Based > Flores > Fuzzy Logic > neural network", paper: "27 > 24 > 22 > 19 > 2 %" },
  { kind: "order", figure: 8, metric: "vm_utilization_pct", devices: 2000, order: ["sonmez", "utilization-based", "flores", "almutairi", "neural-network"], claim: "At 2000 devices edge VM utilization orders Sonmez > Utilization-Based > Flores > Fuzzy Logic > neural network", paper: "97 > 60 > 42 > 22 > 8.5 %" },
];

function result(q: Qualitative, ours: string, ok: boolean | undefined, why: string): ClaimResult {
  return { figure: q.figure, claim: q.claim, paper: q.paper, ours, verdict: ok === undefined ? "not in this sweep" : ok ? "reproduced" : "not reproduced", why };
}

function noVerdict(q: Qualitative, ours: string, note: string, why: string): ClaimResult {
  return { figure: q.figure, claim: q.claim, paper: q.paper, ours, verdict: "not comparable", verdictNote: note, why };
}

/** The paper's baselines in this sweep (plain names: options make a supplementary variant). */
function baselinesIn(table: ResultTable): string[] {
  return table.policies.filter((p) => {
    const m = paperMethod(p);
    return m !== undefined && !m.startsWith("neural-network");
  });
}

function evaluate(table: ResultTable, scenarioName: string, q: Qualitative): ClaimResult {
  const mean = (d: number, p: string) => table.cell(d, p, q.metric)!.mean;
  const why = (devices: number, policies: string[], failed: string) =>
    [failed, ...contextReasons(table, scenarioName, devices, policies, q.metric)].join(" ");
  /** A verdict needs comparable points and at least one non-zero value among them. */
  const gate = (points: (readonly [number, string])[], ours: string): ClaimResult | undefined => {
    const g = firstNotComparable(table, points, q.metric);
    if (g) return noVerdict(q, ours, g.note, g.why);
    if (points.every(([d, p]) => mean(d, p) === 0)) return noVerdict(q, ours, "all zero", `Every value compared is 0: ${q.metric} does not occur here, so there is nothing to order.`);
    return undefined;
  };
  switch (q.kind) {
    case "lowest-everywhere": {
      const others = baselinesIn(table).filter((p) => p !== q.policy);
      const gap = table.devices.map((d) => missing(table, d, [q.policy], q.metric)).find((g) => g !== undefined)
        ?? (table.policies.includes(q.policy) ? undefined : `${policyLabel(q.policy)} not run in this sweep`);
      if (gap !== undefined || others.length === 0) return result(q, "—", undefined, gap ?? "none of the paper's baselines in this sweep to compare with");
      const rows = table.devices.filter((d) => others.some((o) => table.cell(d, o, q.metric)));
      const present = (d: number) => others.filter((o) => table.cell(d, o, q.metric));
      const best = (d: number) => present(d).reduce((a, b) => (mean(d, b) < mean(d, a) ? b : a));
      const ours = rows.map((d) => `${d}: ${describeCell(table, d, q.policy, q.metric)} vs best baseline ${policyLabel(best(d))} ${describeCell(table, d, best(d), q.metric)}`).join("; ");
      const blocked = gate(rows.flatMap((d) => [[d, q.policy] as const, ...present(d).map((o) => [d, o] as const)]), ours);
      if (blocked) return blocked;
      const losses = rows.filter((d) => present(d).some((o) => mean(d, o) <= mean(d, q.policy)));
      if (losses.length === 0) return result(q, ours, true, "Lowest at every device count of this sweep.");
      return result(q, ours, false, why(losses[0]!, [q.policy, ...others], `Not lowest at ${losses.join(", ")} devices.`));
    }
    case "order": {
      const gap = missing(table, q.devices, q.order, q.metric);
      if (gap !== undefined) return result(q, "—", undefined, gap);
      const ours = q.order.map((p) => `${policyLabel(p)} ${describeCell(table, q.devices, p, q.metric)}`).join("; ");
      const blocked = gate(q.order.map((p) => [q.devices, p] as const), ours);
      if (blocked) return blocked;
      const broken = q.order.slice(1).findIndex((p, i) => mean(q.devices, p) >= mean(q.devices, q.order[i]!));
      if (broken < 0) return result(q, ours, true, "Same order as the paper.");
      return result(q, ours, false, why(q.devices, q.order, `Order differs: ${policyLabel(q.order[broken + 1]!)} is not below ${policyLabel(q.order[broken]!)}.`));
    }
    case "below": {
      const gap = missing(table, q.devices, [q.policy, ...q.others], q.metric);
      if (gap !== undefined) return result(q, "—", undefined, gap);
      const ours = [q.policy, ...q.others].map((p) => `${policyLabel(p)} ${describeCell(table, q.devices, p, q.metric)}`).join("; ");
      const blocked = gate([q.policy, ...q.others].map((p) => [q.devices, p] as const), ours);
      if (blocked) return blocked;
      const above = q.others.filter((o) => mean(q.devices, o) <= mean(q.devices, q.policy));
      if (above.length === 0) return result(q, ours, true, "Below all of them, as in the paper.");
      return result(q, ours, false, why(q.devices, [q.policy, ...q.others], `Not below ${above.map(policyLabel).join(", ")}.`));
    }
    case "flat": {
      const first = table.devices[0], last = table.devices.at(-1);
      if (first === undefined || last === undefined || first === last) return result(q, "—", undefined, "the sweep needs at least two device counts");
      const gap = missing(table, first, [q.policy], q.metric) ?? missing(table, last, [q.policy], q.metric);
      if (gap !== undefined) return result(q, "—", undefined, gap);
      const blocked = gate([[first, q.policy], [last, q.policy]], `${describeCell(table, first, q.policy, q.metric)} → ${describeCell(table, last, q.policy, q.metric)}`);
      if (blocked) return blocked;
      const a = mean(first, q.policy), b = mean(last, q.policy);
      const ratio = a === b ? 1 : a > 0 ? b / a : Infinity;
      const ours = `${describeCell(table, first, q.policy, q.metric)} → ${describeCell(table, last, q.policy, q.metric)} (${first} → ${last} devices, ×${fmt(ratio)})`;
      const ok = ratio <= q.maxRatio && ratio >= 1 / q.maxRatio;
      const partial = first > 200 || last < 2000 ? ` Our sweep spans ${first}–${last} devices, the paper's 200–2000.` : "";
      if (ok) return result(q, ours, true, `Changes by at most ×${q.maxRatio} across the sweep.${partial}`);
      return result(q, ours, false, why(last, [q.policy], `Changes by ×${fmt(ratio)}, more than ×${q.maxRatio}.${partial}`));
    }
  }
}

/** A claim about "neural-network" made about one label mode (its sweep id), and labelled so. */
function forMode(q: Qualitative, mode: string): Qualitative {
  const sub = (p: string) => (p === "neural-network" ? mode : p);
  const involves = q.kind === "order" ? q.order.includes("neural-network") : q.kind === "below" ? q.policy === "neural-network" || q.others.includes("neural-network") : q.policy === "neural-network";
  if (!involves) return q;
  const claim = `${q.claim} [${policyLabel(mode)}]`;
  switch (q.kind) {
    case "order": return { ...q, claim, order: q.order.map(sub) };
    case "below": return { ...q, claim, policy: sub(q.policy), others: q.others.map(sub) };
    default: return { ...q, claim, policy: sub(q.policy) };
  }
}

/** Every qualitative claim; those about the neural network once per label mode in `nnModes`. */
export function qualitativeClaims(table: ResultTable, scenarioName: string, nnModes: readonly string[] = ["neural-network"]): ClaimResult[] {
  return QUALITATIVE.flatMap((q) => {
    const variants = nnModes.map((m) => forMode(q, m));
    const unique = variants.filter((v, i) => variants.findIndex((w) => w.claim === v.claim) === i);
    return unique.map((v) => evaluate(table, scenarioName, v));
  });
}
