// random: a uniformly random tier (local edge, remote edge, cloud; tiers without VMs skipped),
// then a uniformly random VM of it, taken only if it admits the task (EdgeCloudSim RANDOM_FIT does
// not retry either). A floor every policy should beat.
import { definePolicy, NO_OPTIONS } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

export const randomPolicy = definePolicy({
  name: "random",
  description: "Uniformly random tier, then uniformly random VM of that tier (no retry). Reference floor.",
  family: "reference",
  colour: "#999933",
  marker: "diamond",
  options: NO_OPTIONS,
  counters: [],
  native: { id: NATIVE_POLICY_IDS.random, encode: () => [] },
});

