// Policies by name. A registry is a value (no global mutable state): `createRegistry()` gives the
// built-ins, and a user adds their own with `registry.add(factory)` before running. Everything the
// registry says about a policy is its descriptor's (src/policies/types.ts PolicyDescriptor).
import { InputError, didYouMean } from "../scenario/errors.ts";
import { almutairiPolicy } from "./almutairi.ts";
import { expertRulesPolicy } from "./expert-rules.ts";
import { floresPolicy } from "./flores.ts";
import { greedyMinServicePolicy } from "./greedy-min-service.ts";
import { hybridPolicy } from "./hybrid.ts";
import { networkBasedPolicy } from "./network-based.ts";
import { neuralNetworkPolicy } from "./neural-network.ts";
import { randomPolicy } from "./random.ts";
import { sonmezPolicy } from "./sonmez.ts";
import type { BuiltinPolicy } from "./descriptor.ts";
import type { PolicyDescriptor } from "./types.ts";
import { utilizationBasedPolicy } from "./utilization-based.ts";
import { bestFitPolicy, firstFitPolicy, nextFitPolicy, worstFitPolicy } from "./vm-fit.ts";

export interface PolicyRegistry {
  /** A policy: a built-in's descriptor, or a user's PolicyFactory (a descriptor with `create`). */
  add(policy: PolicyDescriptor): void;
  get(name: string): PolicyDescriptor;
  names(): string[];
  list(): PolicyDescriptor[];
}

/** The built-ins in registry order (also the default order of a sweep's policies, part of its hash). */
export const BUILTIN_POLICIES: readonly BuiltinPolicy[] = [
  randomPolicy, utilizationBasedPolicy, expertRulesPolicy, greedyMinServicePolicy,
  // The paper's baselines (EdgeCloudSim sample_app4 and the Almutairi reconstruction).
  floresPolicy, sonmezPolicy, almutairiPolicy,
  // EdgeCloudSim's simple references: sample_app2/app4 heuristics and sample_app1's VM-fit policies (edge only).
  networkBasedPolicy, hybridPolicy, firstFitPolicy, nextFitPolicy, bestFitPolicy, worstFitPolicy,
  // The paper's method: Algorithm 1 with TierSelectionNN and VMCompatibilityNN (models/<preset>/).
  neuralNetworkPolicy,
];

export function createRegistry(policies: readonly PolicyDescriptor[] = BUILTIN_POLICIES): PolicyRegistry {
  const byName = new Map<string, PolicyDescriptor>();
  const registry: PolicyRegistry = {
    add(policy) {
      if (byName.has(policy.name)) throw new Error(`policy "${policy.name}" is already registered`);
      if (policy.create === undefined && policy.native === undefined) throw new Error(`policy "${policy.name}" has neither create nor a native part`);
      byName.set(policy.name, policy);
    },
    get(name) {
      const found = byName.get(name);
      if (found) return found;
      const names = [...byName.keys()];
      const guess = didYouMean(name, names);
      throw new InputError("--policy", [
        {
          path: "policy",
          value: name,
          message: `unknown policy${guess ? ` (did you mean "${guess}"?)` : ""}`,
          fix: `use one of: ${names.join(", ")}`,
        },
      ]);
    },
    names: () => [...byName.keys()],
    list: () => [...byName.values()],
  };
  for (const p of policies) registry.add(p);
  return registry;
}
