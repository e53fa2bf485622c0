// The piscina worker: runs one work unit and returns its tidy metrics plus the wall time. The same
// `executeUnit` runs in-process for the inline runner, so both modes share one code path.
import { threadId, workerData } from "node:worker_threads";
import { flattenResult } from "../results/flatten.ts";
import { runReplica } from "../engine/run.ts";
import { WasmEngine } from "../engine/wasm/engine.ts";
import { resolveScenario, type ResolvedScenario } from "../scenario/validate.ts";
import type { PolicyRegistry } from "../policies/registry.ts";
import { loadPolicyModules } from "../policies/user-modules.ts";
import { policyVariant } from "./policy-variant.ts";
import type { UnitMetric } from "./types.ts";
import type { TimeSeries } from "../results/series.ts";

/** What the parent posts for one unit (structured-cloned, so plain data only). */
export interface UnitTask {
  scenarioHash: string;
  index: number;
  devices: number;
  replica: number;
  seed: number;
  policy: string;
  durationS: number;
  warmupS: number;
  /** Test hook: make this attempt fail by throwing, or by killing the worker thread. */
  fault?: "throw" | "exit";
}

export interface UnitResult {
  index: number;
  metrics: UnitMetric[];
  series: TimeSeries;
  /** Wall seconds of the simulation alone (not deterministic: goes to timing.jsonl, never to rows). */
  wallS: number;
  threadId: number;
}

/** workerData of the pool: the resolved scenario data by hash (cloned once per thread, not per task). */
export interface PoolData {
  scenarios: Record<string, unknown>;
  /** The user's policy modules: each thread imports them itself (functions cannot be posted). */
  policyModules?: string[];
}

/** Run one unit; `scenarioFor` maps the task's scenario hash to the resolved scenario. */
export function executeUnit(task: UnitTask, scenarioFor: (hash: string) => ResolvedScenario, wasm?: WasmEngine, registry?: PolicyRegistry): UnitResult {
  if (task.fault === "throw") throw new Error(`injected failure (test hook) in ${task.policy}`);
  if (task.fault === "exit") process.exit(70); // in a worker thread this ends the thread only
  const resolved = scenarioFor(task.scenarioHash);
  if (resolved.hash !== task.scenarioHash) {
    throw new Error(`scenario hash mismatch: worker has ${resolved.hash}, unit wants ${task.scenarioHash}`);
  }
  // "neural-network[labels=outcome]": the registered policy with those options (policy-variant.ts).
  const variant = policyVariant(task.policy);
  const result = runReplica(resolved, variant.name, {
    policyOptions: variant.options,
    devices: task.devices,
    seed: task.seed,
    durationS: task.durationS,
    warmupS: task.warmupS,
    ...(wasm ? { wasm } : {}),
    ...(registry ? { registry } : {}),
  });
  return { index: task.index, metrics: flattenResult(result), series: result.timeSeries, wallS: result.wallS, threadId };
}

// Per-thread cache of resolved scenarios: resolving (validate + freeze + hash) happens once per
// worker thread, not once per unit. Keyed by hash so one pool could serve several scenarios.
const scenarioCache = new Map<string, ResolvedScenario>();

function cachedScenario(hash: string): ResolvedScenario {
  const cached = scenarioCache.get(hash);
  if (cached) return cached;
  const data = (workerData as PoolData | undefined)?.scenarios[hash];
  if (data === undefined) throw new Error(`worker was not given scenario ${hash}`);
  const resolved = resolveScenario(data, `scenario ${hash}`);
  scenarioCache.set(hash, resolved);
  return resolved;
}

// One WASM engine per worker thread: instantiating the module costs ~8 ms, a reused engine ~1 ms.
let threadEngine: WasmEngine | undefined;

// The thread's policies: the built-ins plus the user's modules, imported once per thread.
let threadRegistry: Promise<PolicyRegistry> | undefined;

/** piscina entry point. */
export default async function runUnitTask(task: UnitTask): Promise<UnitResult> {
  threadEngine ??= new WasmEngine();
  const modules = (workerData as PoolData | undefined)?.policyModules ?? [];
  threadRegistry ??= loadPolicyModules(modules, () => "policyModules").then((r) => r.registry);
  return executeUnit(task, cachedScenario, threadEngine, await threadRegistry);
}
