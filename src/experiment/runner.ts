// Where units execute: a piscina pool of worker threads (the CLI always uses it, even with one
// worker, so every run takes the same code path), or inline in this thread (for tests and
// debugging). Both sit behind one small interface so the sweep loop does not know which it has.
import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { PolicyRegistry } from "../policies/registry.ts";
import type { ResolvedScenario } from "../scenario/validate.ts";
import { executeUnit, type PoolData, type UnitResult, type UnitTask } from "./worker.ts";

export interface UnitRunner {
  readonly kind: "pool" | "inline";
  readonly workers: number;
  run(task: UnitTask): Promise<UnitResult>;
  /** Stop the threads; in-flight tasks are abandoned (their results are not awaited). */
  close(): Promise<void>;
}

export interface RunnerOptions {
  /** "pool": piscina worker threads; "inline": run in this thread. @default "pool" */
  mode?: "pool" | "inline";
  /** Worker threads. @default os.availableParallelism() */
  workers?: number;
  /** The policies (inline mode runs them from here). @default createRegistry() */
  registry?: PolicyRegistry;
  /** The user's policy module files, imported by each worker thread. @default none */
  policyModules?: readonly string[];
}

export function defaultWorkers(): number {
  return availableParallelism();
}

export function createUnitRunner(resolved: ResolvedScenario, options: RunnerOptions = {}): UnitRunner {
  const workers = options.workers ?? defaultWorkers();
  if (options.mode === "inline") return inlineRunner(resolved, options.registry);
  return poolRunner(resolved, workers, options.policyModules ?? []);
}

function inlineRunner(resolved: ResolvedScenario, registry: PolicyRegistry | undefined): UnitRunner {
  return {
    kind: "inline",
    workers: 1,
    // A microtask hop keeps the call asynchronous like the pool's, so the sweep loop behaves alike.
    run: async (task) => {
      if (task.fault === "exit") throw new Error("injected worker exit (test hook; inline mode cannot end a thread)");
      await Promise.resolve();
      return executeUnit(task, () => resolved, undefined, registry);
    },
    close: async () => {},
  };
}

function poolRunner(resolved: ResolvedScenario, workers: number, policyModules: readonly string[]): UnitRunner {
  const worker = workerFile();
  const data: PoolData = { scenarios: { [resolved.hash]: resolved.scenario }, ...(policyModules.length > 0 ? { policyModules: [...policyModules] } : {}) };
  const pool = new Piscina<UnitTask, UnitResult>({
    filename: worker.href,
    minThreads: workers,
    maxThreads: workers,
    // Units are CPU-bound and synchronous: one task per thread at a time.
    concurrentTasksPerWorker: 1,
    idleTimeout: 60_000,
    execArgv: workerExecArgv(process.execArgv),
    workerData: data,
  });
  return {
    kind: "pool",
    workers,
    run: (task) => pool.run(task),
    close: () => pool.destroy(),
  };
}

/**
 * The worker module: from the TypeScript sources, worker-entry.mjs (registers tsx in the thread,
 * then imports worker.ts); from compiled output, worker.js directly.
 */
export function workerFile(): URL {
  return import.meta.url.endsWith(".ts") ? new URL("./worker-entry.mjs", import.meta.url) : new URL("./worker.js", import.meta.url);
}

/**
 * Node flags for the worker threads: the parent's, minus what only makes sense in the main
 * thread (--eval, --print, --input-type: a worker would reject them or run the code again) and
 * minus the parent's tsx loader (worker-entry.mjs registers tsx itself, in the thread, which is
 * what works on Node 20). Works whether the parent runs under the tsx CLI, `node --import tsx`,
 * bin.mjs or vitest.
 */
export function workerExecArgv(parent: readonly string[]): string[] {
  const dropWithValue = new Set(["--eval", "-e", "--print", "-p", "--input-type"]);
  const kept: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const arg = parent[i]!;
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inlineValue = eq > 0;
    const value = inlineValue ? arg.slice(eq + 1) : (parent[i + 1] ?? "");
    const isLoaderFlag = name === "--import" || name === "--require" || name === "-r" || name === "--loader";
    // Drop main-thread-only flags, and any tsx loader the parent had (the entry registers its own).
    if (dropWithValue.has(name) || (isLoaderFlag && /(^|[/\\])tsx([/\\]|$)/.test(value))) {
      if (!inlineValue) i++;
      continue;
    }
    kept.push(arg);
  }
  return kept;
}
