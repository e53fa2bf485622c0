// The manifest stamps a sweep directory with everything needed to trust or redo its rows: the
// sweep definition and hash, the resolved scenario, seeds, software versions, model file hashes,
// and one entry per invocation (a resumed sweep has several).
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Scenario } from "../scenario/schema.ts";
import type { ResolvedSweep, Shard, SweepDefinition } from "./types.ts";
import { PROJECT_ROOT } from "../kernel/project-files.ts";
import { modelHashesOf, type SweepModelUse } from "./models-used.ts";

export const MANIFEST_FORMAT = "mecbench-sweep/1";

/** Packages whose versions change results or their presentation. */
export const STAMPED_PACKAGES = ["piscina", "onnxruntime-web", "assemblyscript", "vega-lite", "zod"] as const;

export interface RunEntry {
  commandLine: string[];
  workers: number;
  startedAt: string;
  endedAt: string | null;
  /** Units already on disk when this invocation started (resume). */
  unitsSkipped: number;
  unitsCompleted: number;
  unitsFailed: number;
  status: "running" | "complete" | "failed" | "stopped";
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  sweep: string;
  definition: SweepDefinition;
  scenario: { name: string; hash: string; source: string; resolved: Readonly<Scenario> };
  /** Seed of each replica (index = replica). */
  seeds: number[];
  units: { total: number; inShard: number };
  shard: Shard | null;
  versions: Record<string, string | null>;
  /** sha256 (hex) of each model file the sweep's policies load, by path (relative to the repository when inside it). */
  models: Record<string, string>;
  /** Which policy loaded which model file, and whether the model was trained for this scenario's world. */
  modelsUsed?: SweepModelUse[];
  /** Command line and worker count of the latest invocation (all of them are in `runs`). */
  commandLine: string[];
  workers: number;
  /** First start and latest end over all invocations. */
  startedAt: string;
  endedAt: string | null;
  status: RunEntry["status"];
  runs: RunEntry[];
  /** Set by `mecbench merge`: the shard directories joined. */
  mergedFrom?: { dir: string; shard: Shard | null }[];
}

export function definitionOf(sweep: ResolvedSweep): SweepDefinition {
  const { scenario, policies, devices, replicas, durationS, warmupS, seed, reference, policyModules } = sweep;
  return { scenario, policies, devices, replicas, durationS, warmupS, seed, reference, ...(policyModules ? { policyModules } : {}) };
}

export interface ManifestOptions {
  shard: Shard | null;
  totalUnits: number;
  shardUnits: number;
  run: RunEntry;
  /** The model files the policies load (src/experiment/models-used.ts). */
  modelsUsed: SweepModelUse[];
}

export function createManifest(sweep: ResolvedSweep, options: ManifestOptions): Manifest {
  return {
    format: MANIFEST_FORMAT,
    sweep: sweep.hash,
    definition: definitionOf(sweep),
    scenario: { name: sweep.scenarioName, hash: sweep.resolved.hash, source: sweep.scenario, resolved: sweep.resolved.scenario },
    seeds: sweep.seeds,
    units: { total: options.totalUnits, inShard: options.shardUnits },
    shard: options.shard,
    versions: softwareVersions(sweep.version),
    models: modelHashesOf(options.modelsUsed),
    modelsUsed: options.modelsUsed,
    commandLine: options.run.commandLine,
    workers: options.run.workers,
    startedAt: options.run.startedAt,
    endedAt: null,
    status: "running",
    runs: [options.run],
  };
}

const projectRoot = fileURLToPath(PROJECT_ROOT);

/** mecbench, Node and the stamped packages as installed (null when a package is absent). */
export function softwareVersions(mecbench: string): Record<string, string | null> {
  const versions: Record<string, string | null> = { mecbench, node: process.versions.node };
  for (const name of STAMPED_PACKAGES) {
    const path = join(projectRoot, "node_modules", name, "package.json");
    try {
      versions[name] = (JSON.parse(readFileSync(path, "utf8")) as { version?: string }).version ?? null;
    } catch {
      versions[name] = null;
    }
  }
  return versions;
}

/** sha256 of each file under models/ (sorted paths), so a result names the exact trained models. */
export function modelHashes(dir = join(projectRoot, "models")): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string): string[] =>
    readdirSync(d)
      .sort()
      .flatMap((name) => {
        const path = join(d, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
  for (const file of walk(dir)) {
    out[relative(dir, file).split("\\").join("/")] = createHash("sha256").update(readFileSync(file)).digest("hex");
  }
  return out;
}
