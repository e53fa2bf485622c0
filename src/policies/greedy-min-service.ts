// greedy-min-service: over every VM that admits the task and satisfies C2–C4, the one with the
// smallest estimated service time (transfers + queueing + execution, from the models' own
// estimators). Not in the paper: a strong, transparent reference the neural network should beat.
import { definePolicy, NO_OPTIONS } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

export const greedyMinServicePolicy = definePolicy({
  name: "greedy-min-service",
  description: "The feasible VM (C2–C4) with the smallest estimated service time, over all tiers. Strong reference.",
  family: "reference",
  colour: "#DDCC77",
  marker: "square",
  options: NO_OPTIONS,
  counters: [],
  native: { id: NATIVE_POLICY_IDS["greedy-min-service"], encode: () => [] },
});

