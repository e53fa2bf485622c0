// utilization-based (EdgeCloudSim UTILIZATION_BASED; descriptor: src/policies/utilization-based.ts): the least-loaded cloud VM when the mean edge
// utilization is above the threshold, else the least-loaded edge VM.
import { param } from "../kernel/params";
import { meanEdgeUtilAbove } from "../decision/view";
import { worstFitAllEdge, worstFitCloud } from "./vm-choice";

let thresholdPct: f64 = 80;

/** Parameters: [thresholdPct]. */
export function utilizationBasedInit(): void {
  thresholdPct = param();
}

export function decideUtilizationBased(task: i32): i32 {
  return meanEdgeUtilAbove(thresholdPct) ? worstFitCloud(task) : worstFitAllEdge(task);
}
