// utilization-based (src/policies/utilization-based.ts): the least-loaded cloud VM when the mean edge
// utilization is above the threshold, else the least-loaded edge VM.
import { getF64 } from "../kernel/mem";
import { meanEdgeUtilPct } from "../decision/view";
import { worstFitAllEdge, worstFitCloud } from "./vm-choice";

let thresholdPct: f64 = 80;

/** params: [thresholdPct]. */
export function utilizationBasedInit(params: usize): void {
  thresholdPct = getF64(params, 0);
}

export function decideUtilizationBased(task: i32): i32 {
  return meanEdgeUtilPct() > thresholdPct ? worstFitCloud(task) : worstFitAllEdge(task);
}
