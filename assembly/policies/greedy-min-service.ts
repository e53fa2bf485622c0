// greedy-min-service (src/policies/greedy-min-service.ts): the feasible VM with the smallest estimated
// service time over the three tiers.
import { allVmsSaturated, fastestVmInTier, lastEstimate } from "./fastest-vm";

export function decideGreedyMinService(task: i32): i32 {
  if (allVmsSaturated()) return -1;
  let best = -1;
  let bestS: f64 = Infinity;
  for (let tier = 0; tier < 3; tier++) {
    const vm = fastestVmInTier(task, tier);
    if (vm >= 0 && lastEstimate < bestS) {
      best = vm;
      bestS = lastEstimate;
    }
  }
  return best;
}
