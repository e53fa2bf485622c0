// Run one replica and report: the metrics (EdgeCloudSim definitions), counts by outcome and
// reason, and the stamp (seed, scenario hash, version). Invariants are checked at the end of
// every run; a violation is an engine bug and throws.
import { readFileSync } from "node:fs";
import { offeredLoad } from "../scenario/offered-load.ts";
import { policyOptionsProblems, resolvePolicyOptions } from "../policies/options.ts";
import { createRegistry, type PolicyRegistry } from "../policies/registry.ts";
import type { PolicyDescriptor } from "../policies/types.ts";
import { InputError } from "../scenario/errors.ts";
import { API_ORIGIN, checkRunWindow } from "../scenario/run-window.ts";
import type { ResolvedScenario } from "../scenario/validate.ts";
import { FAILURE_REASONS } from "../results/failure-reasons.ts";
import { buildInfrastructure, TIER_NAMES } from "../scenario/infrastructure.ts";
import { Metrics, type Summary } from "../results/metrics.ts";
import type { RunResult } from "../results/run-result.ts";
import { serviceQuantiles, type ServiceQuantiles } from "../results/quantiles.ts";
import { seriesColumns } from "../results/series.ts";
import { StreamSet } from "../kernel/random.ts";
import { type ReplicaConfig, WasmEngine } from "./wasm/engine.ts";
import { nativePolicy, nativePolicyStats } from "./wasm/policies.ts";
import { projectFile } from "../kernel/project-files.ts";

export const VERSION: string = JSON.parse(readFileSync(projectFile("package.json"), "utf8")).version;

export interface RunOptions {
  devices: number;
  seed: number;
  /** Defaults to the scenario's simulation.durationS / warmupS. */
  durationS?: number;
  warmupS?: number;
  /** Merged over scenario.policyOptions[policy]; both checked against the policy's options schema. */
  policyOptions?: Record<string, unknown>;
  registry?: PolicyRegistry;
  /** A loaded WASM engine to reuse (one per worker); a fresh one is loaded when absent. */
  wasm?: WasmEngine;
  /** Called with every ended task's record (wasm/boundary.ts TRACE_FIELDS; trace.ts writes them as CSV). */
  trace?: (record: Float64Array) => void;
}


export function runReplica(resolved: ResolvedScenario, policy: string | PolicyDescriptor, options: RunOptions): RunResult {
  const s = resolved.scenario;
  const registry = options.registry ?? createRegistry();
  const factory = typeof policy === "string" ? registry.get(policy) : policy;
  const durationS = options.durationS ?? s.simulation.durationS;
  const warmupS = options.warmupS ?? s.simulation.warmupS;
  // A run that cannot count a task is refused, never silently shortened into zeros.
  checkRunWindow(s, { durationS, warmupS }, { ...API_ORIGIN, warmupGiven: options.warmupS !== undefined }, "runReplica");
  const config: ReplicaConfig = { devices: options.devices, seed: options.seed, durationS, warmupS };
  // Every policyOptions entry must name a registered policy and fit its schema, not only this one's.
  const known = registry.names().includes(factory.name) ? registry.list() : [...registry.list(), factory];
  const scenarioProblems = policyOptionsProblems(s.policyOptions, known);
  if (scenarioProblems.length > 0) throw new InputError("scenario", scenarioProblems);
  const policyOptions = resolvePolicyOptions(factory, [
    { values: s.policyOptions[factory.name] ?? {}, at: (key) => `policyOptions.${factory.name}.${key}` },
    { values: options.policyOptions ?? {}, at: (key) => `policyOptions.${key}` },
  ], `policy ${factory.name} options`);
  const wasm = options.wasm ?? new WasmEngine();
  // A built-in policy runs inside the engine; a user's TypeScript policy on the host, through the
  // engine's batch hand-off with the same SystemView.
  const native = nativePolicy(factory, policyOptions, s);
  let out;
  let stats: Record<string, number>;
  if (native) {
    out = wasm.run(s, config, { native }, options.trace);
    stats = nativePolicyStats(native, out.policyStats);
  } else {
    if (factory.create === undefined) throw new Error(`policy ${factory.name} has neither a native part nor a TypeScript implementation`);
    const instance = factory.create({
      scenario: s, infra: buildInfrastructure(s), options: policyOptions, rng: new StreamSet(options.seed, `policy:${factory.name}`, 1),
    });
    out = wasm.run(s, config, { host: instance }, options.trace);
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
  return buildResult(resolved, factory.name, config, metrics, counters, stats, out.wallS, serviceQuantiles(out.serviceHist), {
    models: [...(native?.models ?? [])], timeSeries: seriesColumns(out.series, s.simulation.utilizationSampleIntervalS),
  });
}

/** The RunResult of a finished replica. */
function buildResult(
  resolved: ResolvedScenario, policyName: string, config: ReplicaConfig, m: Metrics,
  counters: { generated: number; completed: number; failed: number; inFlight: number }, policyStats: Record<string, number>, wallS: number,
  quantiles: ServiceQuantiles, extra: Pick<RunResult, "models" | "timeSeries">,
): RunResult {
  const s = resolved.scenario;
  const all = m.summarize(() => true);
  const perApp: Record<string, Summary> = {};
  s.workload.apps.forEach((app, a) => (perApp[app.name] = m.summarize((x) => x === a)));
  const perTier: Record<string, Summary> = {};
  TIER_NAMES.forEach((name, t) => (perTier[name] = m.summarize((_, y) => y === t)));
  const failedByReason: Record<string, number> = {};
  FAILURE_REASONS.forEach((reason) => (failedByReason[reason] = Math.round(((all.failedPctByReason[reason] ?? 0) * (all.completed + all.failed)) / 100)));
  const counts = {
    generated: counters.generated,
    completed: counters.completed,
    failed: counters.failed,
    inFlight: counters.inFlight,
    counted: { completed: all.completed, failed: all.failed, failedByReason },
  };
  // EdgeCloudSim's admission (compute.admission "running-tasks") may commit a VM above 100 %.
  const maxUtilBound = s.compute.admission === "running-tasks" ? Infinity : 100;
  checkInvariants(counts, m.minDuration(), m.minUtilPct, m.maxUtilPct, maxUtilBound);
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
        edge: m.utilSamples > 0 ? m.utilEdgeSum / m.utilSamples : null,
        cloud: m.utilSamples > 0 ? m.utilCloudSum / m.utilSamples : null,
      },
      utilizationSamples: m.utilSamples,
      tierSharePct: m.tierSharePct(),
      tierDecisions: m.decisions(),
      serviceTimeQuantilesS: quantiles,
      perApp,
      perTier,
      offeredLoad: offeredLoad(s, config.devices),
    },
    policyStats,
    models: extra.models,
    wallS,
    timeSeries: extra.timeSeries,
  };
}

export class InvariantError extends Error {}

function checkInvariants(counts: RunResult["counts"], minDuration: number, minUtil: number, maxUtil: number, maxUtilBound: number): void {
  const problems: string[] = [];
  if (counts.generated !== counts.completed + counts.failed + counts.inFlight) {
    problems.push(`generated ${counts.generated} ≠ completed ${counts.completed} + failed ${counts.failed} + in flight ${counts.inFlight}`);
  }
  if (minDuration < -1e-9) problems.push(`a negative duration was recorded (${minDuration})`);
  if (minUtil < -1e-9 || maxUtil > maxUtilBound + 1e-9) problems.push(`VM utilization left [0, ${maxUtilBound}]: [${minUtil}, ${maxUtil}]`);
  if (problems.length > 0) throw new InvariantError(`engine invariant violated: ${problems.join("; ")}`);
}
