// Which policies run inside WASM: the built-in factories, matched by identity (a user's own factory
// with the same name runs on the host like any TypeScript policy).
import { expertRulesPolicy } from "../../policies/expert-rules.ts";
import { greedyMinServicePolicy } from "../../policies/greedy-min-service.ts";
import { randomPolicy } from "../../policies/random.ts";
import type { PolicyFactory } from "../../policies/types.ts";
import { utilizationBasedPolicy } from "../../policies/utilization-based.ts";
import type { NativePolicy } from "./encode.ts";
import { POLICY_EXPERT_RULES, POLICY_GREEDY_MIN_SERVICE, POLICY_RANDOM, POLICY_UTILIZATION_BASED } from "./layout.ts";

const NATIVE = new Map<PolicyFactory, number>([
  [randomPolicy, POLICY_RANDOM],
  [utilizationBasedPolicy, POLICY_UTILIZATION_BASED],
  [greedyMinServicePolicy, POLICY_GREEDY_MIN_SERVICE],
  [expertRulesPolicy, POLICY_EXPERT_RULES],
]);

/** The WASM twin of a built-in policy with its options, or undefined when it must run on the host. */
export function nativePolicy(factory: PolicyFactory, options: Readonly<Record<string, unknown>>): NativePolicy | undefined {
  const id = NATIVE.get(factory);
  if (id === undefined) return undefined;
  // Same default as src/policies/utilization-based.ts.
  const thresholdPct = typeof options.thresholdPct === "number" ? options.thresholdPct : 80;
  return { id, thresholdPct };
}

/** The stats a built-in policy reports, from its WASM counters (same keys as its TypeScript twin). */
export function nativePolicyStats(id: number, stats: Float64Array): Record<string, number> {
  if (id !== POLICY_EXPERT_RULES) return {};
  return { ruleLocal: stats[0]!, ruleRemote: stats[1]!, ruleCloud: stats[2]!, ruleGap: stats[3]! };
}
