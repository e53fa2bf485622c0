// What a policy may ask about the system (src/engine/view.ts): the estimates and probes of
// SystemView, on the live state. The built-in policies call these directly; the host's SystemView
// calls the exported wrappers (engine/api.ts), so both read the same numbers.
import { allocF64, getF64, getI32, setF64 } from "../kernel/mem";
import { accessPointCount, accessPointHost, cloudVmStart, eventCount, hostCount, hostVmEnd, hostVmStart, stateEpoch, tierOf } from "../kernel/state";
import { tDevice } from "../kernel/tasks";
import { deviceAccessPoint } from "../model/mobility";
import { estimateExecS } from "../model/compute/index";
import { vmUtilPct } from "../model/compute/vms";
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
  hostUtilEvent = -1;
  hostUtilEpoch = -1;
  hostUtilValues = allocF64(hostCount);
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

// Per-host mean utilization, cached like meanEdgeUtilPct (sonmez scans every host per decision).
let hostUtilEvent: f64 = -1;
let hostUtilEpoch: f64 = -1;
let hostUtilValues: usize = 0; // f64 per host

export function hostUtilPct(h: i32): f64 {
  if (hostUtilEvent != eventCount || hostUtilEpoch != stateEpoch) {
    hostUtilEvent = eventCount;
    hostUtilEpoch = stateEpoch;
    for (let k = 0; k < hostCount; k++) setF64(hostUtilValues, k, scanHostUtilPct(k));
  }
  return getF64(hostUtilValues, h);
}

function scanHostUtilPct(h: i32): f64 {
  let sum: f64 = 0;
  const start = getI32(hostVmStart, h), end = getI32(hostVmEnd, h);
  for (let vm = start; vm < end; vm++) sum += getF64(vmUtilPct, vm);
  return end > start ? sum / <f64>(end - start) : 0;
}
