// The sweep summary: per (devices, policy, metric) the replica mean, sample std and 95 % Student-t
// interval, and the paired difference to the reference policy. Pairing is by replica: replica i
// of every policy at a sweep point ran on the same random numbers, so the per-replica difference
// cancels the shared workload noise and its interval is much tighter than comparing two means.
import { csvField } from "./rows.ts";
import { describeSample, pairedDifferences, type SampleSummary } from "./stats.ts";
import type { TidyRow } from "./types.ts";

export const CONFIDENCE_LEVEL = 0.95;

export interface PairedDifference extends SampleSummary {
  /** Policy subtracted: value(policy) - value(reference), per replica. */
  reference: string;
}

export interface SummaryRow extends SampleSummary {
  devices: number;
  policy: string;
  metric: string;
  unit: string;
  /** null for the reference itself, or when there is no reference. */
  diff: PairedDifference | null;
}

export interface SweepSummary {
  sweep: string;
  scenario: string;
  scenarioHash: string;
  reference: string | null;
  confidenceLevel: number;
  replicas: number;
  rows: SummaryRow[];
}

export interface SummaryContext {
  sweep: string;
  scenario: string;
  scenarioHash: string;
  reference: string | null;
  replicas: number;
  /** Order of summary rows: devices, then policy as given, then metric in order of first appearance. */
  devices: readonly number[];
  policies: readonly string[];
}

export function summarizeRows(ctx: SummaryContext, rows: readonly TidyRow[]): SweepSummary {
  // values.get(devices|policy) -> metric -> replica -> value; metric maps keep first-seen order.
  const cells = new Map<string, Map<string, { unit: string; byReplica: Map<number, number> }>>();
  for (const row of rows) {
    const cellKey = `${row.devices}|${row.policy}`;
    let metrics = cells.get(cellKey);
    if (!metrics) cells.set(cellKey, (metrics = new Map()));
    let entry = metrics.get(row.metric);
    if (!entry) metrics.set(row.metric, (entry = { unit: row.unit, byReplica: new Map() }));
    if (row.value !== null) entry.byReplica.set(row.replica, row.value);
  }
  const out: SummaryRow[] = [];
  for (const devices of ctx.devices) {
    const refMetrics = ctx.reference === null ? undefined : cells.get(`${devices}|${ctx.reference}`);
    for (const policy of ctx.policies) {
      const metrics = cells.get(`${devices}|${policy}`);
      if (!metrics) continue;
      for (const [metric, { unit, byReplica }] of metrics) {
        const replicas = [...byReplica.keys()].sort((a, b) => a - b);
        const values = replicas.map((r) => byReplica.get(r)!);
        let diff: PairedDifference | null = null;
        if (ctx.reference !== null && policy !== ctx.reference) {
          const ref = refMetrics?.get(metric)?.byReplica ?? new Map<number, number>();
          const paired = replicas.filter((r) => ref.has(r));
          const d = pairedDifferences(paired.map((r) => byReplica.get(r)!), paired.map((r) => ref.get(r)!));
          diff = { reference: ctx.reference, ...describeSample(d, CONFIDENCE_LEVEL) };
        }
        out.push({ devices, policy, metric, unit, ...describeSample(values, CONFIDENCE_LEVEL), diff });
      }
    }
  }
  return {
    sweep: ctx.sweep,
    scenario: ctx.scenario,
    scenarioHash: ctx.scenarioHash,
    reference: ctx.reference,
    confidenceLevel: CONFIDENCE_LEVEL,
    replicas: ctx.replicas,
    rows: out,
  };
}

export const SUMMARY_COLUMNS = [
  "devices", "policy", "metric", "unit", "n", "mean", "std", "ci95_low", "ci95_high",
  "reference", "diff_n", "diff_mean", "diff_std", "diff_ci95_low", "diff_ci95_high",
] as const;

export function summaryToJson(summary: SweepSummary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

export function summaryToCsv(summary: SweepSummary): string {
  let out = `${SUMMARY_COLUMNS.join(",")}\n`;
  for (const r of summary.rows) {
    const d = r.diff;
    const fields = [
      r.devices, r.policy, r.metric, r.unit, r.n, r.mean, r.std, r.ciLow, r.ciHigh,
      d?.reference, d?.n, d?.mean, d?.std, d?.ciLow, d?.ciHigh,
    ];
    out += `${fields.map((f) => csvField(f)).join(",")}\n`;
  }
  return out;
}
