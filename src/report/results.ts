// A sweep results directory as the report reads it: manifest.json (optional: rows carry the
// scenario name and hash too), rows.jsonl (or rows.csv) and summary.json (optional: the report
// can compute every mean and CI from the rows). Every failure names the file, the line and a fix.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { TidyRow } from "../experiment/types.ts";
import { InputError } from "../scenario/errors.ts";
import { presetNames } from "../scenario/load.ts";
import { presetWorldOfData } from "../scenario/preset-world.ts";
import { parseRowsCsv, parseRowsJsonl } from "./rows-file.ts";
import { loadSeries, type SeriesSample } from "./time-series.ts";

/**
 * One tidy row written by `mecbench sweep` (the sweep's TidyRow), as the report reads it: a null
 * value (a metric undefined for that run) is read as NaN (rows-file.ts), so value is always a number.
 */
export type ResultRow = Omit<TidyRow, "value"> & { value: number };

/** One entry of summary.json (the sweep's own aggregation). */
export interface SummaryEntry {
  devices: number;
  policy: string;
  metric: string;
  unit: string;
  n: number;
  mean: number;
  std: number;
  ci95Low: number;
  ci95High: number;
  pairedDiff?: { reference: string; mean: number; ci95Low: number; ci95High: number };
}

/** manifest.json; every field optional because older or partial sweeps may lack some. */
export interface Manifest {
  command?: string;
  sweepHash?: string;
  scenario?: { name?: string; hash?: string; resolved?: unknown };
  policies?: string[];
  devices?: number[];
  replicas?: number;
  durationS?: number;
  warmupS?: number;
  seed?: number;
  seeds?: number[];
  versions?: Record<string, string>;
  modelHashes?: Record<string, string>;
  startedAt?: string;
  endedAt?: string;
  workers?: number;
  shard?: unknown;
}

export interface SweepResults {
  dir: string;
  manifest: Manifest | undefined;
  rows: ResultRow[];
  summary: SummaryEntry[] | undefined;
  /** The scenario name: the manifest's, else the rows'. */
  scenarioName: string;
  scenarioHash: string;
  /**
   * The built-in preset whose world this is (same world fingerprint as the manifest's resolved
   * scenario; without a manifest, the scenario name when it names a preset). Decides the paper overlay.
   */
  world?: string;
  /** Which file the rows came from (rows.jsonl or rows.csv). */
  rowsFile: string;
  /** Non-fatal problems worth showing to the user (missing manifest, ...). */
  warnings: string[];
  /** series.csv's samples (the units' time series), when the sweep wrote it. */
  series?: SeriesSample[];
}

export function loadResults(dir: string): SweepResults {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new InputError("mecbench report", [
      { path: "<results-dir>", value: dir, message: "not an existing directory", fix: "give the directory written by `mecbench sweep --out DIR` (it holds manifest.json and rows.jsonl)" },
    ]);
  }
  const warnings: string[] = [];
  const jsonlPath = join(dir, "rows.jsonl");
  const csvPath = join(dir, "rows.csv");
  let rows: ResultRow[];
  let rowsFile: string;
  if (existsSync(jsonlPath)) {
    rowsFile = jsonlPath;
    rows = parseRowsJsonl(readFileSync(jsonlPath, "utf8"), jsonlPath);
  } else if (existsSync(csvPath)) {
    rowsFile = csvPath;
    rows = parseRowsCsv(readFileSync(csvPath, "utf8"), csvPath);
    warnings.push("rows.jsonl is missing; read rows.csv instead");
  } else {
    throw new InputError(dir, [
      { path: "rows.jsonl", message: "no rows file in the results directory", fix: "run `mecbench sweep --out DIR` to completion first (it writes rows.jsonl), or point at the right directory" },
    ]);
  }
  if (rows.length === 0) {
    throw new InputError(rowsFile, [
      { path: `${rowsFile}`, message: "no rows: the file is empty", fix: "the sweep wrote nothing; re-run `mecbench sweep` and check it finished" },
    ]);
  }

  const manifestPath = join(dir, "manifest.json");
  let manifest: Manifest | undefined;
  if (existsSync(manifestPath)) manifest = readJsonObject(manifestPath, "re-run the sweep, or delete manifest.json to report from the rows alone") as Manifest;
  else warnings.push("manifest.json is missing: the scenario name and hash come from the rows; seeds and versions are unknown");

  const summaryPath = join(dir, "summary.json");
  let summary: SummaryEntry[] | undefined;
  if (existsSync(summaryPath)) {
    const data = readJsonObject(summaryPath, "delete summary.json: the report recomputes every mean and CI from the rows");
    summary = summaryEntries(data, summaryPath);
  }

  const first = rows[0]!;
  const scenarioName = manifest?.scenario?.name ?? first.scenario;
  const scenarioHash = manifest?.scenario?.hash ?? first.scenarioHash;
  const scenarios = new Set(rows.map((r) => `${r.scenario} ${r.scenarioHash}`));
  if (scenarios.size > 1) {
    warnings.push(`rows mix ${scenarios.size} scenarios (${[...scenarios].join("; ")}): curves pool them; report each sweep directory separately`);
  }
  const series = loadSeries(dir);
  const resolved = manifest?.scenario?.resolved;
  const world = resolved !== undefined ? presetWorldOfData(resolved) : (presetNames() as readonly string[]).includes(scenarioName) ? scenarioName : undefined;
  return { dir, manifest, rows, summary, scenarioName, scenarioHash, ...(world ? { world } : {}), rowsFile, warnings, ...(series ? { series } : {}) };
}

/** The sweep's summary.json (src/experiment/summary.ts SweepSummary) as report entries. */
function summaryEntries(data: unknown, path: string): SummaryEntry[] {
  const rows = (data as { rows?: unknown } | null)?.rows;
  if (!Array.isArray(rows)) {
    throw new InputError(path, [{ path: "rows", message: "not a sweep summary (no rows array)", fix: "delete summary.json: the report recomputes the means and CIs from the rows" }]);
  }
  type SweepRow = { devices: number; policy: string; metric: string; unit: string; n: number; mean: number | null; std: number | null; ciLow: number | null; ciHigh: number | null; diff?: { reference: string; mean: number | null; ciLow: number | null; ciHigh: number | null } | null };
  const num = (x: number | null | undefined) => (typeof x === "number" ? x : NaN);
  return (rows as SweepRow[]).map((r) => ({
    devices: r.devices, policy: r.policy, metric: r.metric, unit: r.unit, n: r.n,
    mean: num(r.mean), std: num(r.std), ci95Low: num(r.ciLow), ci95High: num(r.ciHigh),
    ...(r.diff ? { pairedDiff: { reference: r.diff.reference, mean: num(r.diff.mean), ci95Low: num(r.diff.ciLow), ci95High: num(r.diff.ciHigh) } } : {}),
  }));
}

function readJsonObject(path: string, fix: string): unknown {
  const text = readFileSync(path, "utf8");
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    throw new InputError(path, [{ path: "(file)", message: `not valid JSON: ${message}`, fix }]);
  }
}
