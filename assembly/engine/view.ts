// What a policy may ask about the system (src/engine/view.ts): the estimates and probes of
// SystemView, on the live state. The built-in policies call these directly; the host's SystemView
// calls the exported wrappers (engine.ts), so both read the same numbers.
import { getF64, getI32 } from "./mem";
import { accessPointCount, accessPointHost, cloudVmStart, hostVmEnd, hostVmStart, tierOf } from "./state";
import { tDevice } from "./tasks";
import { deviceAccessPoint } from "./mobility";
import { estimateExecS, vmUtilPct } from "./compute";
import { estimateNetworkS } from "./network";

// @ts-ignore: decorator
@inline export function apOf(task: i32): i32 {
  return getI32(deviceAccessPoint, getI32(tDevice, task));
}

/** The edge host at the task's access point (its local edge), or -1. */
export function localHost(task: i32): i32 {
  const ap = apOf(task);
  return ap >= 0 && ap < accessPointCount ? getI32(accessPointHost, ap) : -1;
}

export function taskTierOf(task: i32, vm: i32): i32 {
  return tierOf(vm, apOf(task));
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

export function meanEdgeUtilPct(): f64 {
  let sum: f64 = 0;
  const n = cloudVmStart;
  for (let vm = 0; vm < n; vm++) sum += getF64(vmUtilPct, vm);
  return n > 0 ? sum / <f64>n : 0;
}

export function hostUtilPct(h: i32): f64 {
  let sum: f64 = 0;
  const start = getI32(hostVmStart, h), end = getI32(hostVmEnd, h);
  for (let vm = start; vm < end; vm++) sum += getF64(vmUtilPct, vm);
  return end > start ? sum / <f64>(end - start) : 0;
}
