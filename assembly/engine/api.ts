// The engine's exports, as assembly/index.ts re-exports them. Pointers are byte offsets into the
// instance's memory; any export that can allocate (engineCreate, engineRun) may grow memory and
// detach the host's views. Booleans cross as i32 (0/1).
import { getI32 } from "../kernel/mem";
import { now, tierOf } from "../kernel/state";
import { tDevice, taskCapacity, taskColumnPtr, taskLive } from "../kernel/tasks";
import { deviceAccessPoint } from "../model/mobility";
import * as compute from "../model/compute/index";
import * as network from "../model/network/index";
import { feasibility, feasibilityTier } from "../decision/feasibility";
import { estimateServiceS, hostUtilPct, localHost, meanEdgeUtilPct, networkS } from "../decision/view";
import { metricRows, metricScalars, series, seriesCount, serviceHist } from "../kernel/metrics";
import { policyStats } from "../policies/stats";
import { vmBoundTasks, vmFreeMemMb, vmUtilPct } from "../model/compute/vms";
import { assign } from "../decision/assign";
import { setTrace } from "../model/lifecycle";
import { expertRule } from "../policies/expert-rules";
import { engineAnyVmFits, overflowCount } from "./batch";

export {
  engineReset, engineInputPtr, engineCreate, engineRun, engineDecideListPtr, engineDecideCount, engineDecideTask,
  engineSetDecision, engineNow, engineGenerated, engineCompleted, engineFailed, engineSetHandOff, engineNativeDecide,
  engineSetNotifyEnds, engineNnHostTiers, engineFreeze, engineWatch, engineAdvanceUntil, engineWatchOk, engineWatchServiceS,
} from "./loop";

/** The paper's expert rule for the task now (0 local, 1 remote, 2 cloud, 3 the gap): the training data's label. */
export function engineExpertRule(task: i32): i32 {
  return expertRule(task);
}

export function engineOverflowCount(): i32 {
  return overflowCount();
}

export function engineAssign(task: i32, vm: i32): i32 {
  return assign(task, vm) ? 1 : 0;
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

/** Column of the task table: f64 field k at k, i32 field k at 100 + k (order of layout.ts). */
export function engineTaskColumnPtr(field: i32): usize {
  return taskColumnPtr(field);
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

export function viewLocalHost(task: i32): i32 {
  return localHost(task);
}

export function viewFits(task: i32, vm: i32): i32 {
  return compute.fits(task, vm) ? 1 : 0;
}

export function viewRequiredUtilPct(task: i32, vm: i32): f64 {
  return compute.requiredUtilPct(task, vm);
}

export function viewLoadFraction(vm: i32): f64 {
  return compute.loadFraction(vm);
}

export function viewFeasibility(task: i32, vm: i32): i32 {
  return feasibility(task, vm);
}

/** C2–C4 (| 8 when not admitted) of the task on every VM of the tier, written to out[vm]; see feasibility.ts. */
export function viewFeasibilityTier(task: i32, tier: i32, out: usize): i32 {
  return feasibilityTier(task, tier, out);
}

export function viewEstimateServiceS(task: i32, vm: i32): f64 {
  return estimateServiceS(task, vm);
}

export function viewEstimateNetworkS(task: i32, vm: i32): f64 {
  return networkS(task, vm);
}

export function viewMeanEdgeUtilPct(): f64 {
  return meanEdgeUtilPct();
}

export function viewHostUtilPct(host: i32): f64 {
  return hostUtilPct(host);
}

export function viewWanBandwidthMbps(ap: i32): f64 {
  return network.wanBandwidthMbps(ap);
}

export function viewManDelayS(): f64 {
  return network.manDelayS();
}

export function viewTierBandwidthMbps(tier: i32, ap: i32): f64 {
  return network.tierBandwidthMbps(tier, ap);
}
