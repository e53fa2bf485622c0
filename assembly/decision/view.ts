// What a policy may ask about the system (src/engine/view.ts): the estimates and probes of
// SystemView, on the live state. The built-in policies call these directly; the host's SystemView
// calls the exported wrappers (engine/api.ts), so both read the same numbers.
import { allocF64, allocI32, fillI32, getF64, getI32, setF64, setI32 } from "../kernel/mem";
import { accessPointCount, accessPointHost, cloudVmStart, eventCount, hostCount, hostVmEnd, hostVmStart, stateEpoch, tierOf } from "../kernel/state";
import { tDevice } from "../kernel/tasks";
import { deviceAccessPoint } from "../model/mobility";
import { estimateExecS } from "../model/compute/index";
import { hostVersion, vmUtilPct } from "../model/compute/vms";
import { estimateNetworkS } from "../model/network/index";

// @ts-ignore: decorator
@inline export function apOf(task: i32): i32 {
  return getI32(deviceAccessPoint, getI32(tDevice, task));
}

/** The edge host at the task's access point (its local edge), or -1. */
export function localHost(task: i32): i32 {
  const ap = apOf(task);
  return ap >= 0 && ap < accessPointCount ? getI32(accessPointHost, ap) : -1;
}

/** Estimated network delay (s) of the task's upload and download to the VM. */
export function networkS(task: i32, vm: i32): f64 {
  const ap = apOf(task);
  return estimateNetworkS(task, tierOf(vm, ap), ap);
}

/** Estimated service time (s): transfers plus queueing plus execution. */
export function estimateServiceS(task: i32, vm: i32): f64 {
  return networkS(task, vm) + estimateExecS(task, vm);
}

// Cached for the current event and state epoch: inside one event the VMs' utilization changes only
// through an assignment or a release, both of which move the epoch (policies.ts allVmsSaturated
// relies on the same). Policies that read it per decision (flores, hybrid, utilization-based) then
// pay one look-up per overflow task instead of a pass over the edge VMs.
let meanEdgeEvent: f64 = -1;
let meanEdgeEpoch: f64 = -1;
let meanEdgeValue: f64 = 0;

/** Forget the caches of the previous replica (event and epoch counters restart at 0). */
export function viewInit(): void {
  meanEdgeEvent = -1;
  meanEdgeEpoch = -1;
  hostSeen = allocI32(hostCount);
  fillI32(hostSeen, hostCount, -1);
  hostSum = allocF64(hostCount);
  hostMaxFree = allocF64(hostCount);
  hostMaxFreeVm = allocI32(hostCount);
}

export function meanEdgeUtilPct(): f64 {
  if (meanEdgeEvent == eventCount && meanEdgeEpoch == stateEpoch) return meanEdgeValue;
  meanEdgeEvent = eventCount;
  meanEdgeEpoch = stateEpoch;
  meanEdgeValue = scanMeanEdgeUtilPct();
  return meanEdgeValue;
}

function scanMeanEdgeUtilPct(): f64 {
  let sum: f64 = 0;
  const n = cloudVmStart;
  for (let vm = 0; vm < n; vm++) sum += getF64(vmUtilPct, vm);
  return n > 0 ? sum / <f64>n : 0;
}

/**
 * Is the mean edge utilization above pct (meanEdgeUtilPct() > pct)? Decided from the hosts' sums
 * (14 cached numbers instead of every edge VM) unless that is too close to call: their total differs
 * from the VM-by-VM sum by rounding only, under 1e-13 of it, far inside the margin.
 */
export function meanEdgeUtilAbove(pct: f64): bool {
  let sum: f64 = 0;
  for (let h = 0; h < hostCount; h++) sum += hostUtilSum(h);
  const target = pct * <f64>cloudVmStart;
  const margin = 1e-9 * (Math.abs(sum) + Math.abs(target));
  if (sum > target + margin) return true;
  if (sum < target - margin) return false;
  return meanEdgeUtilPct() > pct;
}

// Per edge host, refreshed when one of its VMs' utilization changed (model/compute/vms.ts hostVersion): the sum of
// its VMs' utilization in VM order (what a scan of the host adds up), the most free share
// (100 − utilization) among them and the lowest VM that has it (vm-choice.ts worstFitAllEdge).
let hostSeen: usize = 0; // i32 per host: its hostVersion when refreshed
let hostSum: usize = 0; // f64 per host
let hostMaxFree: usize = 0; // f64 per host
let hostMaxFreeVm: usize = 0; // i32 per host

// @ts-ignore: decorator
@inline function refreshHost(h: i32): void {
  if (getI32(hostSeen, h) != getI32(hostVersion, h)) scanHost(h);
}

function scanHost(h: i32): void {
  setI32(hostSeen, h, getI32(hostVersion, h));
  let sum: f64 = 0, maxFree = -Infinity, maxVm = -1;
  const start = getI32(hostVmStart, h), end = getI32(hostVmEnd, h);
  for (let vm = start; vm < end; vm++) {
    const u = getF64(vmUtilPct, vm);
    sum += u;
    if (100 - u > maxFree) {
      maxFree = 100 - u;
      maxVm = vm;
    }
  }
  setF64(hostSum, h, sum);
  setF64(hostMaxFree, h, maxFree);
  setI32(hostMaxFreeVm, h, maxVm);
}

// @ts-ignore: decorator
@inline function hostUtilSum(h: i32): f64 {
  refreshHost(h);
  return getF64(hostSum, h);
}

/** The mean utilization of the host's VMs (0 without VMs). */
export function hostUtilPct(h: i32): f64 {
  const n = getI32(hostVmEnd, h) - getI32(hostVmStart, h);
  return n > 0 ? hostUtilSum(h) / <f64>n : 0;
}

/** The most free share (100 − utilization %) of the host's VMs (-Infinity without VMs). */
export function hostMostFree(h: i32): f64 {
  refreshHost(h);
  return getF64(hostMaxFree, h);
}

/** The lowest VM of the host with its most free share. */
export function hostMostFreeVm(h: i32): i32 {
  return getI32(hostMaxFreeVm, h);
}
