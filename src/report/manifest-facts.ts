// The provenance a reader needs to trust or redo a report: scenario and sweep hashes, seeds,
// versions. As label/value pairs, shown by both index.html and summary.md.
import type { RunCaption } from "./figures.ts";
import { policyLabel } from "./policies.ts";
import type { SweepResults } from "./results.ts";
import type { ResultTable } from "./table.ts";

const show = (v: unknown): string => {
  if (v === undefined || v === null) return "—";
  if (Array.isArray(v)) return v.join(", ");
  if (typeof v === "object") return Object.entries(v as Record<string, unknown>).map(([k, x]) => `${k} ${typeof x === "object" ? JSON.stringify(x) : String(x)}`).join(", ") || "—";
  return String(v);
};

/** The manifest with the sweep definition's fields at the top level. The sweep's manifest
 * (docs/sweeps.md) keeps them under `definition`; older or hand-written ones at the top level. */
function flatManifest(results: SweepResults): Record<string, any> | undefined {
  const raw = results.manifest as (Record<string, unknown> & { definition?: Record<string, unknown> }) | undefined;
  return raw ? ({ ...raw, ...(raw.definition ?? {}) } as Record<string, any>) : undefined;
}

/** What every figure caption states: scenario, replicas, simulated time, warm-up, seed. Without a
 * manifest the replicas are the most any cell has, and the rest is unknown. */
export function runCaption(results: SweepResults, table: ResultTable): RunCaption {
  const m = flatManifest(results);
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined);
  const fromRows = Math.max(0, ...table.devices.flatMap((d) => table.policies.map((p) => table.replicas(d, p) ?? 0)));
  const c: RunCaption = { scenario: results.scenarioName };
  const replicas = num(m?.replicas) ?? (fromRows > 0 ? fromRows : undefined);
  if (replicas !== undefined) c.replicas = replicas;
  const durationS = num(m?.durationS), warmupS = num(m?.warmupS), seed = num(m?.seed);
  if (durationS !== undefined) c.durationS = durationS;
  if (warmupS !== undefined) c.warmupS = warmupS;
  if (seed !== undefined) c.seed = seed;
  return c;
}

export function manifestFacts(results: SweepResults, table: ResultTable): [string, string][] {
  const m = flatManifest(results);
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
    ["models loaded (sha256)", modelsFact(m)],
    ["command", show(m?.command ?? (Array.isArray(m?.commandLine) ? m.commandLine.join(" ") : undefined))],
    ["started / ended", `${show(m?.startedAt)} / ${show(m?.endedAt)}`],
    ["workers / shard", `${show(m?.workers)} / ${show(m?.shard)}`],
    ["rows", `${results.rows.length} from ${results.rowsFile}`],
    ["means and CIs", `${table.usedSummary() ? "summary.json where present, else computed from the rows" : "computed from the rows (no summary.json)"}; 95 % Student-t over replicas, within the metric's range; none from fewer than 3 replicas (docs/report.md)`],
  ];
  for (const w of results.warnings) facts.push(["warning", w]);
  return facts;
}

/** The model files the sweep's policies loaded: policy, path, sha256 and whether trained for this world. */
function modelsFact(m: Record<string, any> | undefined): string {
  const used = m?.modelsUsed;
  if (Array.isArray(used)) {
    if (used.length === 0) return "none (no policy in this sweep loads a model)";
    return used.map((u) => `${u.policy}: ${u.path} ${u.sha256} (world ${u.world})`).join(", ");
  }
  return show(m?.modelHashes ?? m?.models);
}
