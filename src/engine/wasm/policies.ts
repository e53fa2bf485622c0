// The WASM binding of a policy, read from its descriptor: the engine id and parameter encoder of its
// native part, its counter names. A policy without a native part (a user's TypeScript policy), or
// whose encoder declines these options, runs on the host through the policy callback.
import type { Scenario } from "../../scenario/schema.ts";
import { resolvePolicyOptions } from "../../policies/options.ts";
import type { PolicyDescriptor } from "../../policies/types.ts";
import type { NativePolicy } from "./encode.ts";
import { POLICY_STAT_COUNT } from "./boundary.ts";

/**
 * The native binding of a policy with these options (checked against its schema and completed with
 * its defaults; checking options already checked changes nothing), or undefined when it must run on
 * the host.
 */
export function nativePolicy(policy: PolicyDescriptor, options: Readonly<Record<string, unknown>>, scenario: Readonly<Scenario>): NativePolicy | undefined {
  const native = policy.native;
  if (native === undefined) return undefined;
  const resolved = resolvePolicyOptions(policy, [{ values: options, at: (key) => key }], `policy ${policy.name} options`);
  const encoded = native.encode(resolved, scenario);
  if (encoded === undefined) return undefined;
  const statNames = policy.counters ?? [];
  if (statNames.length > POLICY_STAT_COUNT) throw new Error(`native policy ${policy.name} reports more than ${POLICY_STAT_COUNT} counters`);
  if ("params" in encoded) {
    return { id: native.id, params: encoded.params, statNames, hooks: { forward: encoded.forward }, ...(encoded.models ? { models: encoded.models } : {}) };
  }
  return { id: native.id, params: encoded, statNames };
}

/** The stats a native policy reports, from its WASM counters, named by its descriptor. */
export function nativePolicyStats(native: NativePolicy, stats: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  native.statNames.forEach((name, i) => {
    out[name] = stats[i]!;
  });
  return out;
}
