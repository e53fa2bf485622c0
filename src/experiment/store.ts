// The sweep directory on disk. Each finished unit is staged as units/<key>.json by an atomic write
// (tmp file + rename), so the file's existence is the completion record: a kill at any moment
// leaves either a whole unit or none. rows.* and summary.* are rebuilt from the staged units.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../scenario/errors.ts";
import type { Manifest } from "./manifest.ts";
import type { Shard, UnitRecord, WorkUnit } from "./types.ts";
import { describeUnit, unitKey } from "./units.ts";

export const SWEEP_FILES = {
  manifest: "manifest.json",
  units: "units",
  rowsJsonl: "rows.jsonl",
  rowsCsv: "rows.csv",
  summaryJson: "summary.json",
  summaryCsv: "summary.csv",
  seriesCsv: "series.csv",
  timing: "timing.jsonl",
  failures: "failures.jsonl",
} as const;

/** One line of timing.jsonl: wall time is kept out of rows so rows stay byte-identical. */
export interface TimingEntry {
  index: number;
  devices: number;
  replica: number;
  policy: string;
  attempt: number;
  /** Simulation wall seconds measured in the worker. */
  wallS: number;
  /** Wall seconds from posting the task to receiving the result (queueing and messaging included). */
  roundTripS: number;
  threadId: number;
  finishedAt: string;
}

/** One line of failures.jsonl: a unit that failed on both attempts. */
export interface FailureEntry {
  index: number;
  devices: number;
  replica: number;
  seed: number;
  policy: string;
  attempts: number;
  errors: string[];
  failedAt: string;
}

/** Write a file so readers see the old content or the new, never a torn one. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

export class SweepDir {
  constructor(readonly dir: string) {}

  path(name: string): string {
    return join(this.dir, name);
  }

  /** The manifest, or null for a new sweep; a non-empty directory without one is refused. */
  readManifest(): Manifest | null {
    const path = this.path(SWEEP_FILES.manifest);
    if (!existsSync(path)) {
      if (existsSync(this.dir) && readdirSync(this.dir).length > 0) {
        throw new InputError("--out", [
          {
            path: "--out",
            value: this.dir,
            message: "the directory is not empty and holds no sweep manifest.json",
            fix: "choose another --out, or empty that directory",
          },
        ]);
      }
      return null;
    }
    return JSON.parse(readFileSync(path, "utf8")) as Manifest;
  }

  /** Refuse to mix two sweeps (or two shards) in one directory. */
  checkCompatible(manifest: Manifest, sweepHash: string, shard: Shard | null): void {
    if (manifest.sweep !== sweepHash) {
      throw new InputError("--out", [
        {
          path: "--out",
          value: this.dir,
          message: `the directory holds another sweep (hash ${manifest.sweep}, scenario ${manifest.scenario.name}); this one is ${sweepHash}`,
          fix: "choose another --out, or delete that directory to start over",
        },
      ]);
    }
    const had = manifest.shard ? `${manifest.shard.index}/${manifest.shard.count}` : "none";
    const wants = shard ? `${shard.index}/${shard.count}` : "none";
    if (had !== wants) {
      throw new InputError("--shard", [
        {
          path: "--shard",
          value: wants,
          message: `the directory ${this.dir} holds shard ${had} of this sweep`,
          fix: had === "none" ? "drop --shard to resume it, or choose another --out" : `resume it with --shard ${had}, or choose another --out`,
        },
      ]);
    }
  }

  writeManifest(manifest: Manifest): void {
    writeFileAtomic(this.path(SWEEP_FILES.manifest), `${JSON.stringify(manifest, null, 2)}\n`);
  }

  /** Create the layout and drop tmp files a killed writer left behind. */
  prepare(): void {
    mkdirSync(this.path(SWEEP_FILES.units), { recursive: true });
    for (const dir of [this.dir, this.path(SWEEP_FILES.units)]) {
      for (const name of readdirSync(dir)) if (name.endsWith(".tmp")) rmSync(join(dir, name), { force: true });
    }
  }

  unitPath(unit: Pick<WorkUnit, "devices" | "replica" | "policy">): string {
    return join(this.path(SWEEP_FILES.units), `${unitKey(unit)}.json`);
  }

  writeUnit(record: UnitRecord): void {
    writeFileAtomic(this.unitPath(record.unit), `${JSON.stringify(record)}\n`);
  }

  /**
   * The staged records of `units` that are complete and belong to this sweep. A record that does
   * not parse or does not match its unit is reported and treated as missing (it will be re-run).
   */
  readUnits(sweepHash: string, units: readonly WorkUnit[], warn: (line: string) => void): Map<number, UnitRecord> {
    const done = new Map<number, UnitRecord>();
    for (const unit of units) {
      const path = this.unitPath(unit);
      if (!existsSync(path)) continue;
      try {
        const record = JSON.parse(readFileSync(path, "utf8")) as UnitRecord;
        const u = record.unit;
        if (record.sweep !== sweepHash || u.index !== unit.index || u.seed !== unit.seed || !Array.isArray(record.metrics)) {
          throw new Error("it does not match this sweep's unit");
        }
        done.set(unit.index, record);
      } catch (err) {
        warn(`staged unit ${describeUnit(unit)} is unreadable (${(err as Error).message}); it will be re-run`);
      }
    }
    return done;
  }

  appendTiming(entry: TimingEntry): void {
    appendFileSync(this.path(SWEEP_FILES.timing), `${JSON.stringify(entry)}\n`);
  }

  /** failures.jsonl lists the units that failed in the latest invocation (earlier ones are retried). */
  resetFailures(): void {
    rmSync(this.path(SWEEP_FILES.failures), { force: true });
  }

  appendFailure(entry: FailureEntry): void {
    appendFileSync(this.path(SWEEP_FILES.failures), `${JSON.stringify(entry)}\n`);
  }

  writeResults(files: { rowsJsonl: string; rowsCsv: string; summaryJson: string; summaryCsv: string; seriesCsv: string }): void {
    for (const [name, text] of Object.entries(files) as [keyof typeof files, string][]) {
      writeFileAtomic(this.path(SWEEP_FILES[name]), text);
    }
  }
}
