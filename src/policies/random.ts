// random: a uniformly random tier (local edge, remote edge, cloud; tiers without VMs skipped),
// then a uniformly random VM of it, taken only if it admits the task (EdgeCloudSim RANDOM_FIT does
// not retry either). A floor every policy should beat.
import { forEachVmInTier, TIERS } from "./vm-choice.ts";
import { type BuiltinPolicy, definePolicy, NO_OPTIONS } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

export const randomDescriptor = definePolicy({
  name: "random",
  description: "Uniformly random tier, then uniformly random VM of that tier (no retry). Reference floor.",
  family: "reference",
  colour: "#bcbd22",
  options: NO_OPTIONS,
  counters: [],
  native: { id: NATIVE_POLICY_IDS.random, encode: () => [] },
});

export const randomPolicy: BuiltinPolicy = {
  ...randomDescriptor,
  create({ rng }) {
    const candidates: number[] = [];
    return {
      name: "random",
      decide(task, view) {
        const tiers = TIERS.filter((tier) => {
          let any = false;
          forEachVmInTier(view, task, tier, () => (any = true));
          return any;
        });
        const tier = tiers[rng.integer(0, tiers.length)]!;
        candidates.length = 0;
        forEachVmInTier(view, task, tier, (vm) => candidates.push(vm));
        const vm = candidates[rng.integer(0, candidates.length)]!;
        return view.fits(task, vm) ? vm : -1;
      },
    };
  },
};
