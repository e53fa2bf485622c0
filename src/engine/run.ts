// Run one replica and report: the metrics (EdgeCloudSim definitions), counts by outcome and
// reason, and the stamp (seed, scenario hash, version). Invariants are checked at the end of
// every run; a violation is an engine bug and throws.
import { readFileSync } from "node:fs";
import { offeredLoad, type OfferedLoad } from "../model/offered-load.ts";
import { createRegistry, type PolicyRegistry } from "../policies/registry.ts";
import type { PolicyFactory } from "../policies/types.ts";
import type { ResolvedScenario } from "../scenario/validate.ts";
import { FAILURE_REASONS } from "./context.ts";
import { buildInfrastructure, TIER_NAMES } from "./infrastructure.ts";
import { Metrics, type Summary } from "./metrics.ts";
import { Simulation, type ReplicaConfig } from "./replica.ts";
import { StreamSet } from "./rng.ts";
import { WasmEngine } from "./wasm/engine.ts";
import { nativePolicy, nativePolicyStats } from "./wasm/policies.ts";

export const VERSION: string = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")).version;

export interface RunOptions {
  devices: number;
  seed: number;
  /** Defaults to the scenario's simulation.durationS / warmupS. */
  durationS?: number;
  warmupS?: number;
  /** Merged over scenario.policyOptions[policy]. */
  policyOptions?: Record<string, unknown>;
  registry?: PolicyRegistry;
  /**
   * Which engine simulates: "wasm" (the AssemblyScript engine, assembly/engine/) or "ts" (the
   * TypeScript reference, src/engine/replica.ts). Both give the same RunResult bit for bit.
   * @default "wasm"
   */
  engine?: "wasm" | "ts";
  /** A loaded WASM engine to reuse (one per worker); a fresh one is loaded when absent. */
  wasm?: WasmEngine;
  /**
   * WASM engine only: run a built-in policy on the host through the TypeScript policy callback
   * instead of its WASM twin (tests use it to check the callback path).
   * @default false
   */
  hostPolicy?: boolean;
}

export interface RunResult {
  version: string;
  scenario: string;
  scenarioHash: string;
  policy: string;
  devices: number;
  seed: number;
  durationS: number;
  warmupS: number;
  /** The samples metrics.vmUtilizationPct averages: after the warm-up, or the whole run (EdgeCloudSim). */
  utilizationWindow: "after-warmup" | "whole-run";
  /** All tasks generated, warm-up included. */
  tasksSimulated: number;
  counts: {
    generated: number;
    completed: number;
    failed: number;
    inFlight: number;
    /** Counted tasks only (arrived after warm-up), as the metrics use them. */
    counted: { completed: number; failed: number; failedByReason: Record<string, number> };
  };
  metrics: Summary & {
    vmUtilizationPct: { edge: number; cloud: number };
    tierSharePct: Record<string, number>;
    perApp: Record<string, Summary>;
    perTier: Record<string, Summary>;
    offeredLoad: OfferedLoad;
  };
  policyStats: Record<string, number>;
  wallS: number;
}

export function runReplica(resolved: ResolvedScenario, policy: string | PolicyFactory, options: RunOptions): RunResult {
  const s = resolved.scenario;
  const factory = typeof policy === "string" ? (options.registry ?? createRegistry()).get(policy) : policy;
  const durationS = options.durationS ?? s.simulation.durationS;
  const warmupS = Math.min(options.warmupS ?? s.simulation.warmupS, durationS);
  const config: ReplicaConfig = { devices: options.devices, seed: options.seed, durationS, warmupS };
  const policyOptions = { ...(s.policyOptions[factory.name] ?? {}), ...(options.policyOptions ?? {}) };
  const createPolicy = (infra: Simulation["infra"]) =>
    factory.create({ scenario: s, infra, options: policyOptions, rng: new StreamSet(options.seed, `policy:${factory.name}`, 1) });
  const engine = options.engine ?? "wasm";
  if (engine !== "wasm" && engine !== "ts") throw new Error(`options.engine must be "wasm" or "ts", got ${JSON.stringify(engine)}`);

  if (engine === "ts") {
    const sim = new Simulation(s, config);
    const instance = createPolicy(sim.infra);
    const started = performance.now();
    sim.run(instance);
    const wallS = (performance.now() - started) / 1000;
    return buildResult(resolved, factory.name, config, sim.metrics, { ...sim.counters, inFlight: sim.tasks.live }, instance.stats?.() ?? {}, wallS);
  }

  const wasm = options.wasm ?? new WasmEngine();
  const native = options.hostPolicy ? undefined : nativePolicy(factory, policyOptions, s);
  let out;
  let stats: Record<string, number>;
  if (native) {
    out = wasm.run(s, config, { native });
    stats = nativePolicyStats(native, out.policyStats);
  } else {
    const instance = createPolicy(buildInfrastructure(s));
    out = wasm.run(s, config, { host: instance });
    stats = instance.stats?.() ?? {};
  }
  const metrics = new Metrics(s);
  metrics.rows.set(out.rows);
  metrics.utilSamples = out.utilSamples;
  metrics.utilEdgeSum = out.utilEdgeSum;
  metrics.utilCloudSum = out.utilCloudSum;
  metrics.maxUtilPct = out.maxUtilPct;
  metrics.minUtilPct = out.minUtilPct;
  const counters = { generated: out.generated, completed: out.completed, failed: out.failed, inFlight: out.inFlight };
  return buildResult(resolved, factory.name, config, metrics, counters, stats, out.wallS);
}

/** The RunResult of a finished replica, whichever engine ran it. */
function buildResult(
  resolved: ResolvedScenario, policyName: string, config: ReplicaConfig, m: Metrics,
  counters: { generated: number; completed: number; failed: number; inFlight: number }, policyStats: Record<string, number>, wallS: number,
): RunResult {
  const s = resolved.scenario;
  const all = m.summarize(() => true);
  const perApp: Record<string, Summary> = {};
  s.workload.apps.forEach((app, a) => (perApp[app.name] = m.summarize((x) => x === a)));
  const perTier: Record<string, Summary> = {};
  TIER_NAMES.forEach((name, t) => (perTier[name] = m.summarize((_, y) => y === t)));
  const failedByReason: Record<string, number> = {};
  FAILURE_REASONS.forEach((reason) => (failedByReason[reason] = Math.round((all.failedPctByReason[reason]! * (all.completed + all.failed)) / 100)));
  const counts = {
    generated: counters.generated,
    completed: counters.completed,
    failed: counters.failed,
    inFlight: counters.inFlight,
    counted: { completed: all.completed, failed: all.failed, failedByReason },
  };
  checkInvariants(counts, m.minDuration(), m.minUtilPct, m.maxUtilPct);
  return {
    version: VERSION,
    scenario: s.name,
    scenarioHash: resolved.hash,
    policy: policyName,
    devices: config.devices,
    seed: config.seed,
    durationS: config.durationS,
    warmupS: config.warmupS,
    utilizationWindow: s.simulation.utilizationWindow,
    tasksSimulated: counters.generated,
    counts,
    metrics: {
      ...all,
      vmUtilizationPct: {
        edge: m.utilSamples > 0 ? m.utilEdgeSum / m.utilSamples : 0,
        cloud: m.utilSamples > 0 ? m.utilCloudSum / m.utilSamples : 0,
      },
      tierSharePct: m.tierSharePct(),
      perApp,
      perTier,
      offeredLoad: offeredLoad(s, config.devices),
    },
    policyStats,
    wallS,
  };
}

export class InvariantError extends Error {}

function checkInvariants(counts: RunResult["counts"], minDuration: number, minUtil: number, maxUtil: number): void {
  const problems: string[] = [];
  if (counts.generated !== counts.completed + counts.failed + counts.inFlight) {
    problems.push(`generated ${counts.generated} ≠ completed ${counts.completed} + failed ${counts.failed} + in flight ${counts.inFlight}`);
  }
  if (minDuration < -1e-9) problems.push(`a negative duration was recorded (${minDuration})`);
  if (minUtil < -1e-9 || maxUtil > 100 + 1e-9) problems.push(`VM utilization left [0, 100]: [${minUtil}, ${maxUtil}]`);
  if (problems.length > 0) throw new InvariantError(`engine invariant violated: ${problems.join("; ")}`);
}
