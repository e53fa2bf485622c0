// The provenance a reader needs to trust or redo a report: scenario and sweep hashes, seeds,
// versions. As label/value pairs, shown by both index.html and summary.md.
import { policyLabel } from "./policies.ts";
import type { SweepResults } from "./results.ts";
import type { ResultTable } from "./table.ts";

const show = (v: unknown): string => {
  if (v === undefined || v === null) return "—";
  if (Array.isArray(v)) return v.join(", ");
  if (typeof v === "object") return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k} ${typeof x === "object" ? JSON.stringify(x) : String(x)}`).join(", ") || "—";
  return String(v);
};

export function manifestFacts(results: SweepResults, table: ResultTable): [string, string][] {
  // The sweep's manifest (docs/sweeps.md) keeps the sweep definition under `definition`; older or
  // hand-written manifests may have the fields at the top level.
  const raw = results.manifest as (Record<string, unknown> & { definition?: Record<string, unknown> }) | undefined;
  const m = raw ? ({ ...raw, ...(raw.definition ?? {}) } as Record<string, any>) : undefined;
  const facts: [string, string][] = [
    ["scenario", results.scenarioName],
    ["scenario hash", results.scenarioHash],
    ["sweep hash", show(m?.sweepHash ?? m?.sweep ?? [...new Set(results.rows.map((r) => r.sweep))])],
    ["policies", table.policies.map(policyLabel).join(", ")],
    ["devices", table.devices.join(", ")],
    ["replicas", show(m?.replicas)],
    ["simulated duration / warm-up (s)", `${show(m?.durationS)} / ${show(m?.warmupS)}`],
    ["base seed", show(m?.seed)],
    ["replica seeds", show(m?.seeds ?? [...new Set(results.rows.map((r) => r.seed))].sort((a, b) => a - b))],
    ["versions", show(m?.versions)],
    ["model hashes", show(m?.modelHashes ?? m?.models)],
    ["command", show(m?.command ?? (Array.isArray(m?.commandLine) ? m.commandLine.join(" ") : undefined))],
    ["started / ended", `${show(m?.startedAt)} / ${show(m?.endedAt)}`],
    ["workers / shard", `${show(m?.workers)} / ${show(m?.shard)}`],
    ["rows", `${results.rows.length} from ${results.rowsFile}`],
    ["means and CIs", table.usedSummary() ? "summary.json where present, else computed from the rows (Student t)" : "computed from the rows (Student t; no summary.json)"],
  ];
  for (const w of results.warnings) facts.push(["warning", w]);
  return facts;
}
