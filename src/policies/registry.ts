// Policies by name. A registry is a value (no global mutable state): `createRegistry()` gives the
// built-ins, and a user adds their own with `registry.add(factory)` before running.
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
import type { PolicyFactory } from "./types.ts";
import { utilizationBasedPolicy } from "./utilization-based.ts";
import { bestFitPolicy, firstFitPolicy, nextFitPolicy, worstFitPolicy } from "./vm-fit.ts";

export interface PolicyRegistry {
  add(factory: PolicyFactory): void;
  get(name: string): PolicyFactory;
  names(): string[];
  list(): PolicyFactory[];
}

export const BUILTIN_POLICIES: readonly PolicyFactory[] = [
  randomPolicy, utilizationBasedPolicy, expertRulesPolicy, greedyMinServicePolicy,
  // The paper's baselines (EdgeCloudSim sample_app4 and the Almutairi reconstruction).
  floresPolicy, sonmezPolicy, almutairiPolicy,
  // EdgeCloudSim's simple references: sample_app2/app4 heuristics and sample_app1's VM-fit policies (edge only).
  networkBasedPolicy, hybridPolicy, firstFitPolicy, nextFitPolicy, bestFitPolicy, worstFitPolicy,
  // The paper's method: Algorithm 1 with TierSelectionNN and VMCompatibilityNN (models/<preset>/).
  neuralNetworkPolicy,
];

export function createRegistry(factories: readonly PolicyFactory[] = BUILTIN_POLICIES): PolicyRegistry {
  const byName = new Map<string, PolicyFactory>();
  const registry: PolicyRegistry = {
    add(factory) {
      if (byName.has(factory.name)) throw new Error(`policy "${factory.name}" is already registered`);
      byName.set(factory.name, factory);
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
  for (const f of factories) registry.add(f);
  return registry;
}
