// The labels of a training sample, from the live view of the engine: the expert label (the
// engine's expert rule, and for the gap the feasible tier with the smallest estimated service
// time) and the VM a what-if fork places the task on for each tier (src/training/dataset.ts).
import { TIER_CLOUD, TIER_LOCAL_EDGE, TIER_REMOTE_EDGE } from "../scenario/infrastructure.ts";
import { RULE_CLOUD, RULE_LOCAL, RULE_REMOTE } from "../policies/expert-rules.ts";
import type { SystemView } from "../policies/types.ts";
import { TIERS } from "../policies/vm-choice.ts";

/** The VM a what-if fork uses for the tier: the best feasible estimate, else the best admitting one, else -1. */
export function bestVmOfTier(view: SystemView, task: number, tier: number, est: Float64Array): number {
  const vm = view.fastestVm(task, tier, true, est);
  return vm >= 0 ? vm : view.fastestVm(task, tier, false, est);
}

/** Expert label of the task now: the rule's tier, or for the gap the feasible tier with the smallest estimate. */
export function expertLabel(view: SystemView, task: number, rule: number, est: Float64Array): number {
  if (rule === RULE_LOCAL) return TIER_LOCAL_EDGE;
  if (rule === RULE_REMOTE) return TIER_REMOTE_EDGE;
  if (rule === RULE_CLOUD) return TIER_CLOUD;
  return smallestEstimateTier(view, task, est);
}

export function smallestEstimateTier(view: SystemView, task: number, est: Float64Array): number {
  let best = -1;
  let bestS = Infinity;
  for (const feasibleOnly of [true, false]) {
    for (const tier of TIERS) {
      const vm = view.fastestVm(task, tier, feasibleOnly, est);
      if (vm >= 0 && (best < 0 || est[0]! < bestS)) {
        best = tier;
        bestS = est[0]!;
      }
    }
    if (best >= 0) return best;
  }
  return TIER_CLOUD;
}
