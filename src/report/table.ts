// Per-(devices, policy, metric) mean and CI: every chart, table and claim reads from here. The
// sweep's summary.json wins where it has an entry (it is the sweep's official aggregation); the
// rest is computed from rows.jsonl, so a sweep without summary.json still reports fully.
import type { ResultRow, SummaryEntry } from "./results.ts";
import { boundInterval } from "./domain.ts";
import { meanCi, type MeanCi } from "./stats.ts";
import { sortPolicies } from "./policies.ts";

export interface Cell extends MeanCi {
  /** Whether ci95Low/ci95High hold an interval (≥ MIN_REPLICAS_FOR_INTERVAL replicas); else they are NaN. */
  interval: boolean;
  devices: number;
  policy: string;
  metric: string;
  unit: string;
  source: "summary.json" | "rows";
}

const key = (devices: number, policy: string, metric: string) => `${devices}\u0000${policy}\u0000${metric}`;

export class ResultTable {
  private readonly cells = new Map<string, Cell>();
  readonly devices: number[];
  /** Policy names in the fixed display order. */
  readonly policies: string[];
  readonly metrics: Set<string>;

  constructor(rows: readonly ResultRow[], summary?: readonly SummaryEntry[]) {
    const groups = new Map<string, { row: ResultRow; values: number[] }>();
    // No data is already null (NaN here) in the rows: the engine writes it so (docs/metrics.md).
    for (const r of rows) {
      const k = key(r.devices, r.policy, r.metric);
      const g = groups.get(k);
      if (g) g.values.push(r.value);
      else groups.set(k, { row: r, values: [r.value] });
    }
    for (const [k, { row, values }] of groups) {
      const c = meanCi(values);
      const b = boundInterval(row.metric, c.n, c.ci95Low, c.ci95High);
      this.cells.set(k, { devices: row.devices, policy: row.policy, metric: row.metric, unit: row.unit, source: "rows", ...c, ci95Low: b.low, ci95High: b.high, interval: b.interval });
    }
    for (const s of summary ?? []) {
      if (typeof s?.devices !== "number" || typeof s.policy !== "string" || typeof s.metric !== "string" || typeof s.mean !== "number") continue;
      // The summary's t-interval (from n ≥ 2) gets the same rules as the rows': n ≥ 3, inside the domain.
      const n = s.n ?? NaN;
      const b = boundInterval(s.metric, n, s.ci95Low, s.ci95High);
      this.cells.set(key(s.devices, s.policy, s.metric), {
        devices: s.devices, policy: s.policy, metric: s.metric, unit: s.unit ?? "", source: "summary.json",
        n, mean: s.mean, std: s.std ?? NaN, ci95Low: b.low, ci95High: b.high, interval: b.interval,
      });
    }
    const all = [...this.cells.values()];
    this.devices = [...new Set(all.map((c) => c.devices))].sort((a, b) => a - b);
    this.policies = sortPolicies(all.map((c) => c.policy));
    this.metrics = new Set(all.map((c) => c.metric));
  }

  cell(devices: number, policy: string, metric: string): Cell | undefined {
    const c = this.cells.get(key(devices, policy, metric));
    return c && Number.isFinite(c.mean) ? c : undefined;
  }

  /** Suffixes of the metrics named `<prefix>.<suffix>`, in first-seen order (e.g. app names). */
  suffixes(prefix: string): string[] {
    const out: string[] = [];
    for (const m of this.metrics) {
      if (!m.startsWith(`${prefix}.`)) continue;
      const rest = m.slice(prefix.length + 1);
      if (!rest.includes(".") && !out.includes(rest)) out.push(rest);
    }
    return out;
  }

  /** Completed tasks behind a cell, summed over its replicas; undefined when the sweep lacks the count. */
  completedTasks(devices: number, policy: string): number | undefined {
    const c = this.cell(devices, policy, "completed");
    return c && Number.isFinite(c.n) ? Math.round(c.mean * c.n) : undefined;
  }

  /** Replicas behind the cells of a sweep point (the most any metric has there). */
  replicas(devices: number, policy: string): number | undefined {
    let n: number | undefined;
    for (const c of this.cells.values()) if (c.devices === devices && c.policy === policy && Number.isFinite(c.n)) n = Math.max(n ?? 0, c.n);
    return n;
  }

  /** Offered load ρ at a device count: a property of the scenario, so the mean over policies. */
  rho(devices: number, metric = "offered_load_rho"): number | undefined {
    const values = this.policies.map((p) => this.cell(devices, p, metric)?.mean).filter((v): v is number => v !== undefined);
    return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
  }

  /** Whether any cell came from summary.json (shown in the page, so a reader knows the CI's origin). */
  usedSummary(): boolean {
    for (const c of this.cells.values()) if (c.source === "summary.json") return true;
    return false;
  }
}
