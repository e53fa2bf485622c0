// greedy-min-service: over every VM that admits the task and satisfies C2–C4, the one with the
// smallest estimated service time (transfers + queueing + execution, from the models' own
// estimators). Not in the paper: a strong, transparent reference the neural network should beat.
import { fastestVmInTier, TIERS } from "./vm-choice.ts";
import { type BuiltinPolicy, definePolicy, NO_OPTIONS } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

export const greedyMinServiceDescriptor = definePolicy({
  name: "greedy-min-service",
  description: "The feasible VM (C2–C4) with the smallest estimated service time, over all tiers. Strong reference.",
  family: "reference",
  colour: "#393b79",
  options: NO_OPTIONS,
  counters: [],
  native: { id: NATIVE_POLICY_IDS["greedy-min-service"], encode: () => [] },
});

export const greedyMinServicePolicy: BuiltinPolicy = {
  ...greedyMinServiceDescriptor,
  create() {
    const est = new Float64Array(1);
    return {
      name: "greedy-min-service",
      decide(task, view) {
        let best = -1;
        let bestS = Infinity;
        for (const tier of TIERS) {
          const vm = fastestVmInTier(view, task, tier, true, est);
          if (vm >= 0 && est[0]! < bestS) {
            best = vm;
            bestS = est[0]!;
          }
        }
        return best;
      },
    };
  },
};
