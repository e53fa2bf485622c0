// The numbers behind the charts as plain tables (header + rows of strings), rendered to HTML by
// the page and to Markdown by summary.md: one source, so both always agree.
import { fmt } from "./claim-helpers.ts";
import { PAPER_FIGURES } from "./figures.ts";
import { policyLabel } from "./policies.ts";
import type { ResultTable } from "./table.ts";

export interface NumberTable {
  id: string;
  title: string;
  header: string[];
  rows: string[][];
}

/** "4.2 ± 0.31 (n=5)": mean ± 95 % CI half-width; a one-replica cell has no interval. */
export function meanPlusMinus(table: ResultTable, devices: number, policy: string, metric: string): string {
  const c = table.cell(devices, policy, metric);
  if (!c) return "—";
  if (!(c.n > 1)) return `${fmt(c.mean)} (n=${Number.isFinite(c.n) ? c.n : "?"})`;
  const half = (c.ci95High - c.ci95Low) / 2;
  return `${fmt(c.mean)} ± ${fmt(half)} (n=${c.n})`;
}

export function figureTables(table: ResultTable): NumberTable[] {
  return PAPER_FIGURES.map((f) => ({
    id: `table-${f.id}`,
    title: `${f.title}: ${f.yTitle}, mean ± 95 % CI half-width`,
    header: ["devices", ...table.policies.map(policyLabel)],
    rows: table.devices.map((d) => [String(d), ...table.policies.map((p) => meanPlusMinus(table, d, p, f.metric))]),
  }));
}

export function offeredLoadTable(table: ResultTable): NumberTable {
  const cell = (d: number, m: string) => {
    const v = table.rho(d, m);
    return v === undefined ? "—" : fmt(v);
  };
  return {
    id: "table-offered-load",
    title: "Offered load ρ = demand / capacity (> 1: overloaded whatever the policy)",
    header: ["devices", "ρ (all VMs)", "ρ (edge VMs only)", "ρ (cloud VMs only)"],
    rows: table.devices.map((d) => [String(d), cell(d, "offered_load_rho"), cell(d, "offered_load_rho.edge"), cell(d, "offered_load_rho.cloud")]),
  };
}
