// Which policies run inside WASM: the built-in factories, matched by identity (a user's own factory
// with the same name runs on the host like any TypeScript policy). Each entry turns the policy's
// options into the flat parameters its WASM twin reads (assembly/engine/policies*.ts), validating
// them exactly as the TypeScript factory does, and names the counters it reports.
import type { Scenario } from "../../scenario/schema.ts";
import { bestFitPolicy, firstFitPolicy, nextFitPolicy, worstFitPolicy } from "../../policies/vm-fit.ts";
import { expertRulesPolicy } from "../../policies/expert-rules.ts";
import { greedyMinServicePolicy } from "../../policies/greedy-min-service.ts";
import { hybridPolicy } from "../../policies/hybrid.ts";
import { networkBasedPolicy } from "../../policies/network-based.ts";
import { randomPolicy } from "../../policies/random.ts";
import type { PolicyFactory } from "../../policies/types.ts";
import { utilizationBasedPolicy } from "../../policies/utilization-based.ts";
import { almutairiPolicy } from "../../policies/almutairi.ts";
import { floresPolicy } from "../../policies/flores.ts";
import { sonmezPolicy } from "../../policies/sonmez.ts";
import type { NativePolicy } from "./encode.ts";
import { bindAlmutairi, bindFlores, bindSonmez } from "./policies-fuzzy.ts";
import {
  POLICY_BEST_FIT, POLICY_EXPERT_RULES, POLICY_FIRST_FIT, POLICY_GREEDY_MIN_SERVICE, POLICY_HYBRID, POLICY_NETWORK_BASED,
  POLICY_NEXT_FIT, POLICY_RANDOM, POLICY_STAT_COUNT, POLICY_UTILIZATION_BASED, POLICY_WORST_FIT,
} from "./layout.ts";

type Options = Readonly<Record<string, unknown>>;
/** Options (already merged: scenario's then command line's) and scenario -> the WASM binding. */
export type NativeBinder = (options: Options, scenario: Readonly<Scenario>) => NativePolicy;

const plain = (id: number, statNames: readonly string[] = []): NativeBinder => () => ({ id, params: [], statNames });

const NATIVE = new Map<PolicyFactory, NativeBinder>([
  [randomPolicy, plain(POLICY_RANDOM)],
  [utilizationBasedPolicy, (options) => {
    // Same default as src/policies/utilization-based.ts.
    const thresholdPct = typeof options.thresholdPct === "number" ? options.thresholdPct : 80;
    return { id: POLICY_UTILIZATION_BASED, params: [thresholdPct], statNames: [] };
  }],
  [greedyMinServicePolicy, plain(POLICY_GREEDY_MIN_SERVICE)],
  [expertRulesPolicy, plain(POLICY_EXPERT_RULES, ["ruleLocal", "ruleRemote", "ruleCloud", "ruleGap"])],
  [networkBasedPolicy, plain(POLICY_NETWORK_BASED)],
  [hybridPolicy, plain(POLICY_HYBRID)],
  [firstFitPolicy, plain(POLICY_FIRST_FIT)],
  [nextFitPolicy, plain(POLICY_NEXT_FIT)],
  [bestFitPolicy, plain(POLICY_BEST_FIT)],
  [worstFitPolicy, plain(POLICY_WORST_FIT)],
  [floresPolicy, bindFlores],
  [sonmezPolicy, bindSonmez],
  [almutairiPolicy, bindAlmutairi],
]);

/** The WASM twin of a built-in policy with its options, or undefined when it must run on the host. */
export function nativePolicy(factory: PolicyFactory, options: Options, scenario: Readonly<Scenario>): NativePolicy | undefined {
  const bind = NATIVE.get(factory);
  if (bind === undefined) return undefined;
  const native = bind(options, scenario);
  if (native.statNames.length > POLICY_STAT_COUNT) throw new Error(`native policy ${factory.name} reports more than ${POLICY_STAT_COUNT} counters`);
  return native;
}

/** The stats a built-in policy reports, from its WASM counters (same keys as its TypeScript twin). */
export function nativePolicyStats(native: NativePolicy, stats: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  native.statNames.forEach((name, i) => {
    out[name] = stats[i]!;
  });
  return out;
}
