// mecbench's public API: explicit named exports only; everything else is internal.
export { loadScenario, presetNames, parseJsonText } from "./scenario/load.ts";
export { resolveScenario, canonicalJson, hashJson, type ResolvedScenario } from "./scenario/validate.ts";
export { scenarioJsonSchema, type Scenario, type ScenarioInput, type App, type Vm, type Host } from "./scenario/schema.ts";
export { InputError, type Problem } from "./scenario/errors.ts";
export { checkRunWindow, runWindowProblems, type RunWindow, type RunWindowOrigin } from "./scenario/run-window.ts";
export { runReplica, VERSION, type RunOptions } from "./engine/run.ts";
export type { RunResult } from "./results/run-result.ts";
export { flattenResult, type MetricValue } from "./results/flatten.ts";
export { METRIC_CATALOGUE, metricSpec, type MetricSpec } from "./results/catalogue.ts";
export { deriveSeed, StreamSet } from "./kernel/random.ts";
export { TIER_LOCAL_EDGE, TIER_REMOTE_EDGE, TIER_CLOUD, TIER_NAMES, type Infrastructure } from "./scenario/infrastructure.ts";
export { FAILURE_REASONS, type FailureReason } from "./results/failure-reasons.ts";
export { offeredLoad, type OfferedLoad } from "./scenario/offered-load.ts";
export { createRegistry, BUILTIN_POLICIES, type PolicyRegistry } from "./policies/registry.ts";
export {
  C2_DEADLINE, C3_CPU, C4_MEMORY,
  type Policy, type PolicyContext, type PolicyDescriptor, type PolicyFactory, type PolicyOptionsSchema, type SystemView, type TaskColumnsView,
} from "./policies/types.ts";
export { loadPolicyModule, loadPolicyModules, type LoadedPolicyModule, type PolicyModuleRef } from "./policies/user-modules.ts";
export { runSweepSpec, type SweepSpecOptions } from "./experiment/sweep-api.ts";
export type { SweepInput } from "./experiment/spec.ts";
export type { SweepOutcome } from "./experiment/run-sweep.ts";
export { worldFingerprint } from "./scenario/fingerprint.ts";
export { worstFit, worstFitAllEdge, worstFitCloud, worstFitHost } from "./policies/vm-choice.ts";
