// Run a resolved sweep into a directory: skip units already staged there (resume), run the rest on
// the pool with one retry each, stage each result the moment it arrives, then rebuild the
// canonical rows and the summary from everything staged.
import type { PolicyRegistry } from "../policies/registry.ts";
import { InputError } from "../scenario/errors.ts";
import { createManifest, definitionOf, softwareVersions, type Manifest, type RunEntry } from "./manifest.ts";
import { currentHashes, sweepModelUses } from "./models-used.ts";
import { silentProgress, type ProgressSink } from "./progress.ts";
import { rowsOf, rowsToCsv, rowsToJsonl } from "./rows.ts";
import { seriesToCsv } from "./series.ts";
import { createUnitRunner, defaultWorkers } from "./runner.ts";
import { SweepDir, type FailureEntry } from "./store.ts";
import { summarizeRows, summaryToCsv, summaryToJson } from "./summary.ts";
import type { ResolvedSweep, Shard, UnitRecord, WorkUnit } from "./types.ts";
import { describeUnit, enumerateUnits, shardUnits } from "./units.ts";
import type { UnitTask } from "./worker.ts";

/** Test hook: make attempts of matching units fail. */
export interface FaultRule {
  policy: string;
  devices?: number;
  replica?: number;
  /** "throw": the unit throws; "exit": the worker thread dies mid-unit. */
  mode: "throw" | "exit";
  /** How many attempts fail (1: the retry succeeds; 2: the unit is recorded as failed). */
  attempts: number;
}

export interface SweepRunOptions {
  outDir: string;
  /** Worker threads. @default os.availableParallelism() */
  workers?: number;
  /** Run only this slice of the units. @default null (all) */
  shard?: Shard | null;
  /** "pool" (piscina threads) or "inline" (this thread). @default "pool" */
  mode?: "pool" | "inline";
  /** Recorded in the manifest. @default [] */
  commandLine?: string[];
  /** @default silentProgress() */
  progress?: ProgressSink;
  /** Test hook: behave as if killed once this many units finished in this invocation. */
  stopAfterUnits?: number;
  /** Test hook: injected failures. */
  faults?: readonly FaultRule[];
  /**
   * The policies: the built-ins plus the user's (from sweep.policyModules, which worker threads
   * import themselves). @default createRegistry()
   */
  registry?: PolicyRegistry;
}

export interface SweepOutcome {
  /** complete: every unit done; failed: some unit failed twice; stopped: the stopAfterUnits hook fired. */
  status: "complete" | "failed" | "stopped";
  outDir: string;
  sweepHash: string;
  /** Units in this shard (all units when unsharded). */
  total: number;
  /** Units found on disk at the start. */
  skipped: number;
  completed: number;
  failures: FailureEntry[];
}

export const MAX_ATTEMPTS = 2;

export async function runSweep(sweep: ResolvedSweep, options: SweepRunOptions): Promise<SweepOutcome> {
  const shard = options.shard ?? null;
  const workers = options.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 1) {
    throw new InputError("--workers", [{ path: "--workers", value: workers, message: "must be a positive integer", fix: "use --workers 1 or more" }]);
  }
  const progress = options.progress ?? silentProgress();
  const store = new SweepDir(options.outDir);
  const previous = store.readManifest();
  if (previous) {
    store.checkCompatible(previous, sweep.hash, shard);
    for (const line of environmentChanges(previous, sweep.version)) progress.log(`warning: ${line}`);
  }
  store.prepare();

  const all = enumerateUnits(sweep);
  const units = shardUnits(all, shard);
  const done = store.readUnits(sweep.hash, units, (line) => progress.log(line));
  // Largest device counts first (a stable sort keeps the canonical order within one count): the
  // longest units start early, so fewer workers sit idle while the last one finishes. Rows are
  // written in canonical order whatever order units run in.
  const todo = units.filter((u) => !done.has(u.index)).sort((a, b) => b.devices - a.devices);
  const run: RunEntry = {
    commandLine: options.commandLine ?? [],
    workers,
    startedAt: new Date().toISOString(),
    endedAt: null,
    unitsSkipped: done.size,
    unitsCompleted: 0,
    unitsFailed: 0,
    status: "running",
  };
  const manifest: Manifest = previous
    ? { ...previous, definition: definitionOf(sweep), commandLine: run.commandLine, workers, endedAt: null, status: "running", runs: [...previous.runs, run] }
    : createManifest(sweep, { shard, totalUnits: all.length, shardUnits: units.length, run, modelsUsed: sweepModelUses(sweep, options.registry) });
  store.writeManifest(manifest);
  store.resetFailures();

  progress.start(units.length, done.size);
  const failures: FailureEntry[] = [];
  const state = { next: 0, completed: 0, stopped: false };
  // No more threads than units left: starting a thread costs ~0.5 s (tsx and the engine load).
  const runner = todo.length > 0 ? createUnitRunner(sweep.resolved, {
    mode: options.mode, workers: Math.min(workers, todo.length), registry: options.registry, policyModules: sweep.policyModules?.map((m) => m.path),
  }) : null;

  const runUnit = async (unit: WorkUnit): Promise<void> => {
    const errors: string[] = [];
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const task: UnitTask = {
        scenarioHash: sweep.resolved.hash,
        index: unit.index,
        devices: unit.devices,
        replica: unit.replica,
        seed: unit.seed,
        policy: unit.policy,
        durationS: sweep.durationS,
        warmupS: sweep.warmupS,
      };
      const fault = faultFor(options.faults, unit, attempt);
      if (fault) task.fault = fault;
      const posted = performance.now();
      try {
        const result = await runner!.run(task);
        if (state.stopped) return; // as if killed: whatever finishes after the stop is lost
        const record: UnitRecord = { sweep: sweep.hash, unit, metrics: result.metrics, series: result.series };
        store.writeUnit(record);
        done.set(unit.index, record);
        store.appendTiming({
          index: unit.index,
          devices: unit.devices,
          replica: unit.replica,
          policy: unit.policy,
          attempt,
          wallS: result.wallS,
          roundTripS: (performance.now() - posted) / 1000,
          threadId: result.threadId,
          finishedAt: new Date().toISOString(),
        });
        state.completed++;
        progress.advance(false);
        if (options.stopAfterUnits !== undefined && state.completed >= options.stopAfterUnits) state.stopped = true;
        return;
      } catch (err) {
        if (state.stopped) return;
        const message = err instanceof Error ? err.message : String(err);
        errors.push(message);
        if (attempt < MAX_ATTEMPTS) progress.log(`unit ${describeUnit(unit)} failed (attempt ${attempt} of ${MAX_ATTEMPTS}): ${message}; retrying`);
      }
    }
    const failure: FailureEntry = {
      index: unit.index,
      devices: unit.devices,
      replica: unit.replica,
      seed: unit.seed,
      policy: unit.policy,
      attempts: MAX_ATTEMPTS,
      errors,
      failedAt: new Date().toISOString(),
    };
    failures.push(failure);
    store.appendFailure(failure);
    progress.log(`unit ${describeUnit(unit)} failed ${MAX_ATTEMPTS} times (${errors.at(-1)}); recorded in failures.jsonl, the sweep goes on`);
    progress.advance(true);
  };

  // One lane per worker keeps every thread busy while bounding what is in flight, so a stop (or a
  // kill) loses at most `workers` units.
  const lane = async (): Promise<void> => {
    while (!state.stopped && state.next < todo.length) await runUnit(todo[state.next++]!);
  };
  try {
    await Promise.all(Array.from({ length: Math.min(workers, todo.length) }, lane));
  } finally {
    await runner?.close();
  }
  if (state.stopped) {
    return { status: "stopped", outDir: options.outDir, sweepHash: sweep.hash, total: units.length, skipped: run.unitsSkipped, completed: state.completed, failures };
  }

  finalizeSweepDir(store, sweep, [...done.values()]);
  progress.finish();
  const status = failures.length > 0 ? "failed" : "complete";
  const endedAt = new Date().toISOString();
  const finished: RunEntry = { ...run, endedAt, unitsCompleted: state.completed, unitsFailed: failures.length, status };
  store.writeManifest({ ...manifest, endedAt, status, runs: [...manifest.runs.slice(0, -1), finished] });
  return { status, outDir: options.outDir, sweepHash: sweep.hash, total: units.length, skipped: run.unitsSkipped, completed: state.completed, failures };
}

/** Rebuild rows.* and summary.* from staged records (used by sweeps and merge alike). */
export function finalizeSweepDir(store: SweepDir, sweep: ResolvedSweep, records: readonly UnitRecord[]): void {
  const rows = rowsOf(sweep, records);
  const summary = summarizeRows(
    {
      sweep: sweep.hash,
      scenario: sweep.scenarioName,
      scenarioHash: sweep.resolved.hash,
      reference: sweep.reference,
      replicas: sweep.replicas,
      devices: sweep.devices,
      policies: sweep.policies,
    },
    rows,
  );
  store.writeResults({
    rowsJsonl: rowsToJsonl(rows),
    rowsCsv: rowsToCsv(rows),
    summaryJson: summaryToJson(summary),
    summaryCsv: summaryToCsv(summary),
    seriesCsv: seriesToCsv(sweep, records),
  });
}

/**
 * What changed since the sweep started that the sweep hash does not cover (Node or dependency
 * versions, model files): resuming mixes units computed before and after, so say so.
 */
function environmentChanges(previous: Manifest, version: string): string[] {
  const lines: string[] = [];
  const now = softwareVersions(version);
  for (const [name, was] of Object.entries(previous.versions)) {
    if (now[name] !== was) lines.push(`${name} was ${was} when this sweep started, now ${now[name]}; finished units keep the old results`);
  }
  const models = currentHashes(Object.keys(previous.models));
  const changed = Object.keys(previous.models).filter((f) => previous.models[f] !== models[f]);
  if (changed.length > 0) lines.push(`models changed since this sweep started (${changed.join(", ")}); finished units used the old models`);
  return lines;
}

function faultFor(rules: readonly FaultRule[] | undefined, unit: WorkUnit, attempt: number): UnitTask["fault"] {
  const rule = rules?.find(
    (r) => r.policy === unit.policy && (r.devices === undefined || r.devices === unit.devices) && (r.replica === undefined || r.replica === unit.replica),
  );
  return rule && attempt <= rule.attempts ? rule.mode : undefined;
}
