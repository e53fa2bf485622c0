// expert-rules: the paper's label rules (section IV.A) as a policy, gaps filled as
// docs/paper-model.md §2 says:
//   local edge  if T_s > 0.7 and L < 10 GI and U_0 < 0.6
//   remote edge if 0.3 ≤ T_s ≤ 0.7 and 10 ≤ L ≤ 30 GI and BW_1 > 50 Mbps
//   cloud       if T_s < 0.3 or L > 30 GI
//   otherwise (the gap) the tier whose best feasible VM has the smallest estimated service time.
// Rules are tried in that order. Inside the tier: the feasible VM (C2–C4) with the smallest
// estimated service time; when the rule's tier has none, the other tiers by their best estimate.
// U_0 is the mean utilization of the device's local host; BW_1 the bandwidth a new remote-edge transfer gets.
import { definePolicy, NO_OPTIONS } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

/** The engine's rule codes (assembly/policies/expert-rules.ts; engineExpertRule), in counter order. */
export const RULE_LOCAL = 0;
export const RULE_REMOTE = 1;
export const RULE_CLOUD = 2;
export const RULE_GAP = 3;

export const expertRulesPolicy = definePolicy({
  name: "expert-rules",
  description: "The paper's expert labelling rules as a policy; tasks no rule covers go to the tier with the smallest estimated service time.",
  family: "reference",
  colour: "#117733",
  marker: "triangle-left",
  options: NO_OPTIONS,
  /** How often each rule fired (RULE_LOCAL .. RULE_GAP order). */
  counters: ["ruleLocal", "ruleRemote", "ruleCloud", "ruleGap"],
  native: { id: NATIVE_POLICY_IDS["expert-rules"], encode: () => [] },
});

