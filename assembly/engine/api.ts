// The engine's exports, as assembly/index.ts re-exports them. Pointers are byte offsets into the
// instance's memory; any export that can allocate (engineCreate, engineRun) may grow memory and
// detach the host's views. Booleans cross as i32 (0/1).
import { getI32 } from "../kernel/mem";
import { now, tierOf } from "../kernel/state";
import { tDevice, taskCapacity, taskLive } from "../kernel/tasks";
import { deviceAccessPoint } from "../model/mobility";
import * as compute from "../model/compute/index";
import { metricRows, metricScalars, series, seriesCount, serviceHist } from "../kernel/metrics";
import { policyStats } from "../policies/stats";
import { vmBoundTasks, vmFreeMemMb, vmUtilPct } from "../model/compute/vms";
import { assign } from "../decision/assign";
import { setTrace } from "../model/lifecycle";
import { engineAnyVmFits } from "./batch";
import { fastestVmInTier, lastEstimate } from "../policies/fastest-vm";

export {
  engineReset, engineInputPtr, engineCreate, engineRun, engineDecideListPtr, engineDecideCount, engineDecideTask,
  engineSetDecision, engineNow, engineGenerated, engineCompleted, engineFailed, engineSetHandOff, engineNativeDecide,
  engineSetNotifyEnds, engineNnHostTiers, engineFreeze, engineWatch, engineAdvanceUntil, engineWatchOk, engineWatchServiceS,
} from "./loop";

// Exported under the host's names as they are (numbers in, numbers out).
export { expertRule as engineExpertRule } from "../policies/expert-rules";
export { overflowCount as engineOverflowCount } from "./batch";
export { taskColumnPtr as engineTaskColumnPtr } from "../kernel/tasks";
export {
  localHost as viewLocalHost, estimateServiceS as viewEstimateServiceS, networkS as viewEstimateNetworkS,
  meanEdgeUtilPct as viewMeanEdgeUtilPct, hostUtilPct as viewHostUtilPct,
} from "../decision/view";
export { requiredUtilPct as viewRequiredUtilPct } from "../model/compute/index";
export { feasibility as viewFeasibility, feasibilityTier as viewFeasibilityTier } from "../decision/feasibility";
export { worstFit as viewWorstFit } from "../policies/vm-choice";
export {
  wanBandwidthMbps as viewWanBandwidthMbps, manDelayS as viewManDelayS, tierBandwidthMbps as viewTierBandwidthMbps,
} from "../model/network/index";

export function engineAssign(task: i32, vm: i32): i32 {
  return assign(task, vm) ? 1 : 0;
}

/** The tier's fastest VM for the task now (-1 if none): feasible, or admitting when feasibleOnly is 0; its estimate: engineLastEstimate. */
export function engineFastestVm(task: i32, tier: i32, feasibleOnly: i32): i32 {
  return fastestVmInTier(task, tier, feasibleOnly != 0);
}

export function engineLastEstimate(): f64 {
  return lastEstimate;
}

export function engineFits(task: i32): i32 {
  return engineAnyVmFits(task) ? 1 : 0;
}

export function engineTaskLive(): i32 {
  return taskLive;
}

export function engineTaskCapacity(): i32 {
  return taskCapacity;
}

export function engineDeviceAccessPointPtr(): usize {
  return deviceAccessPoint;
}

export function engineVmUtilPctPtr(): usize {
  return vmUtilPct;
}

export function engineVmFreeMemMbPtr(): usize {
  return vmFreeMemMb;
}

export function engineVmBoundTasksPtr(): usize {
  return vmBoundTasks;
}

export function engineMetricRowsPtr(): usize {
  return metricRows;
}

export function engineMetricScalarsPtr(): usize {
  return metricScalars;
}

/** Hand every ended task's record to the host (kernel/host.ts taskTrace); reset by engineCreate. */
export function engineSetTrace(on: i32): void {
  setTrace(on != 0);
}

export function engineSeriesPtr(): usize {
  return series;
}

export function engineSeriesCount(): i32 {
  return seriesCount;
}

export function engineServiceHistPtr(): usize {
  return serviceHist;
}

export function enginePolicyStatsPtr(): usize {
  return policyStats;
}

// ---- the SystemView of TypeScript policies --------------------------------------------------------

export function viewNow(): f64 {
  return now;
}

export function viewTierOf(task: i32, vm: i32): i32 {
  return tierOf(vm, getI32(deviceAccessPoint, getI32(tDevice, task)));
}

export function viewFits(task: i32, vm: i32): i32 {
  return compute.fits(task, vm) ? 1 : 0;
}

export function viewLoadFraction(vm: i32): f64 {
  return compute.loadFraction(vm);
}

