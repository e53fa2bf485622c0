// Join shard directories of one sweep into one directory whose rows and summary are the same bytes
// an unsharded run writes: the staged units are copied and the canonical files rebuilt from them.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { InputError } from "../scenario/errors.ts";
import { canonicalJson, resolveScenario } from "../scenario/validate.ts";
import { MANIFEST_FORMAT, type Manifest } from "./manifest.ts";
import { finalizeSweepDir } from "./run-sweep.ts";
import { sweepHashOf } from "./spec.ts";
import { SweepDir, SWEEP_FILES, writeFileAtomic } from "./store.ts";
import type { ResolvedSweep, UnitRecord } from "./types.ts";
import { describeUnit, enumerateUnits } from "./units.ts";

export interface MergeOutcome {
  outDir: string;
  sweepHash: string;
  units: number;
}

export interface MergeOptions {
  /** Messages about unreadable staged units. @default ignore */
  warn?: (line: string) => void;
  /** Recorded in the merged manifest. @default ["mecbench", "merge", ...dirs, "--out", outDir] */
  commandLine?: string[];
}

export function mergeSweepDirs(dirs: readonly string[], outDir: string, options: MergeOptions = {}): MergeOutcome {
  const warn = options.warn ?? (() => {});
  if (dirs.length === 0) {
    throw new InputError("merge", [{ path: "<dir>", message: "no shard directories given", fix: "list the shard output directories: mecbench merge dirA dirB --out DIR" }]);
  }
  if (dirs.some((d) => resolve(d) === resolve(outDir))) {
    throw new InputError("merge", [{ path: "--out", value: outDir, message: "the output is one of the inputs", fix: "merge into a new directory" }]);
  }
  const stores = dirs.map((d) => new SweepDir(d));
  const manifests = stores.map((store) => readShardManifest(store));
  const hashes = new Set(manifests.map((m) => m.sweep));
  if (hashes.size > 1) {
    throw new InputError("merge", [
      {
        path: "<dir>",
        value: dirs.map((d, i) => `${d}: ${manifests[i]!.sweep}`),
        message: "the directories hold different sweeps (sweep hashes differ)",
        fix: "merge only the shards of one sweep: same scenario, policies, devices, replicas, duration, warm-up, seed and mecbench version",
      },
    ]);
  }
  const first = manifests[0]!;
  const sweep = sweepFromManifest(first, dirs[0]!);

  // Union of staged units; a unit present in two shards must be the same bytes (it is deterministic).
  const units = enumerateUnits(sweep);
  const records = new Map<number, UnitRecord>();
  stores.forEach((store) => {
    for (const [index, record] of store.readUnits(sweep.hash, units, warn)) {
      const seen = records.get(index);
      if (seen && canonicalJson(seen.metrics) !== canonicalJson(record.metrics)) {
        throw new InputError("merge", [
          {
            path: store.dir,
            value: describeUnit(record.unit),
            message: "this unit differs from the same unit in another shard: the runs were not deterministic",
            fix: "delete one copy of units/ for it and report the nondeterminism as a bug",
          },
        ]);
      }
      records.set(index, record);
    }
  });
  const missing = units.filter((u) => !records.has(u.index));
  if (missing.length > 0) {
    const count = manifests.find((m) => m.shard)?.shard?.count;
    const shards = count ? [...new Set(missing.map((u) => u.index % count))].map((i) => `${i}/${count}`) : [];
    throw new InputError("merge", [
      {
        path: "<dir>",
        value: missing.slice(0, 3).map(describeUnit),
        message: `${missing.length} of ${units.length} units are in none of the directories${shards.length ? ` (shards ${shards.join(", ")})` : ""}`,
        fix: "run or resume the missing shards (same command and --out: finished units are skipped), then merge again",
      },
    ]);
  }

  const out = new SweepDir(outDir);
  const previous = out.readManifest();
  if (previous) out.checkCompatible(previous, sweep.hash, null);
  out.prepare();
  for (const unit of units) out.writeUnit(records.get(unit.index)!);
  // Timing is informational: keep every shard's lines, in the order the directories were given.
  const timing = stores.map((s) => (existsSync(s.path(SWEEP_FILES.timing)) ? readFileSync(s.path(SWEEP_FILES.timing), "utf8") : "")).join("");
  writeFileAtomic(out.path(SWEEP_FILES.timing), timing);
  out.resetFailures();
  finalizeSweepDir(out, sweep, [...records.values()]);
  const endedAt = new Date().toISOString();
  const runs = manifests.flatMap((m) => m.runs);
  out.writeManifest({
    ...first,
    shard: null,
    commandLine: options.commandLine ?? ["mecbench", "merge", ...dirs, "--out", outDir],
    units: { total: units.length, inShard: units.length },
    startedAt: runs.map((r) => r.startedAt).sort()[0] ?? first.startedAt,
    endedAt,
    status: "complete",
    runs,
    mergedFrom: dirs.map((dir, i) => ({ dir, shard: manifests[i]!.shard })),
  });
  return { outDir, sweepHash: sweep.hash, units: units.length };
}

function readShardManifest(store: SweepDir): Manifest {
  const path = store.path(SWEEP_FILES.manifest);
  if (!existsSync(path)) {
    throw new InputError("merge", [
      { path: "<dir>", value: store.dir, message: "not a sweep directory (no manifest.json)", fix: "pass the --out directories of `mecbench sweep --shard i/n` runs" },
    ]);
  }
  const manifest = JSON.parse(readFileSync(path, "utf8")) as Manifest;
  if (manifest.format !== MANIFEST_FORMAT) {
    throw new InputError("merge", [
      { path: path, value: manifest.format, message: `unknown manifest format (expected ${MANIFEST_FORMAT})`, fix: "merge directories written by this mecbench version" },
    ]);
  }
  return manifest;
}

/** Rebuild the resolved sweep a manifest describes, checking the stored hashes still hold. */
export function sweepFromManifest(manifest: Manifest, dir: string): ResolvedSweep {
  const resolved = resolveScenario(manifest.scenario.resolved, `${dir}/manifest.json: scenario.resolved`);
  const d = manifest.definition;
  const version = manifest.versions["mecbench"] ?? "";
  const hash = sweepHashOf({ ...d, scenarioHash: resolved.hash, version });
  if (resolved.hash !== manifest.scenario.hash || hash !== manifest.sweep) {
    throw new InputError("merge", [
      {
        path: `${dir}/manifest.json`,
        value: manifest.sweep,
        message: "the manifest's hashes do not match its contents (edited by hand, or written by another mecbench version)",
        fix: "re-run that shard into a fresh --out",
      },
    ]);
  }
  return { ...d, resolved, scenarioName: manifest.scenario.name, seeds: manifest.seeds, version, hash };
}
