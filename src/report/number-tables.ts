// The numbers behind the charts as plain tables (header + rows of strings), rendered to HTML by
// the page and to Markdown by summary.md: one source, so both always agree.
import { fmt } from "./claim-helpers.ts";
import { MIN_REPLICAS_FOR_INTERVAL } from "./domain.ts";
import { PAPER_FIGURES } from "./figures.ts";
import { policyLabel } from "./policies.ts";
import type { ResultTable } from "./table.ts";

export interface NumberTable {
  id: string;
  title: string;
  header: string[];
  rows: string[][];
}

/** "4.2 [3.9, 4.5] (n=5)": mean and 95 % CI (clipped to the metric's domain, so not always
 * symmetric); fewer than MIN_REPLICAS_FOR_INTERVAL replicas give no interval, and the cell says so. */
export function meanWithInterval(table: ResultTable, devices: number, policy: string, metric: string): string {
  const c = table.cell(devices, policy, metric);
  // No data (no replica has a value) prints as "–", like `mecbench run` (docs/metrics.md).
  if (!c) return "–";
  const n = Number.isFinite(c.n) ? String(c.n) : "?";
  if (!c.interval) return `${fmt(c.mean)} (n=${n}: no interval)`;
  return `${fmt(c.mean)} [${fmt(c.ci95Low)}, ${fmt(c.ci95High)}] (n=${n})`;
}

export function figureTables(table: ResultTable): NumberTable[] {
  return PAPER_FIGURES.map((f) => ({
    id: `table-${f.id}`,
    title: `${f.title}: ${f.yTitle}, mean [95 % CI] (n replicas; n < ${MIN_REPLICAS_FOR_INTERVAL}: no interval)`,
    header: ["devices", ...table.policies.map(policyLabel)],
    rows: table.devices.map((d) => [String(d), ...table.policies.map((p) => meanWithInterval(table, d, p, f.metric))]),
  }));
}

export function offeredLoadTable(table: ResultTable): NumberTable {
  const cell = (d: number, m: string) => {
    const v = table.rho(d, m);
    return v === undefined ? "–" : fmt(v);
  };
  return {
    id: "table-offered-load",
    title: "Offered load ρ = demand / capacity (> 1: overloaded whatever the policy)",
    header: ["devices", "ρ (all VMs)", "ρ (edge VMs only)", "ρ (cloud VMs only)"],
    rows: table.devices.map((d) => [String(d), cell(d, "offered_load_rho"), cell(d, "offered_load_rho.edge"), cell(d, "offered_load_rho.cloud")]),
  };
}
