// VM choice inside a range of VMs, shared by the built-in policies (src/policies/vm-choice.ts: same
// rules, same comparisons, same tie-breaks). VMs are numbered host by host, edge hosts first, then
// the cloud VMs from cloudVmStart, so a host or a tier is a contiguous range (the remote edge is the
// edge range without the local host's).
import { getF64, getI32 } from "./mem";
import { hostVmEnd, hostVmStart, vmCores, vmMips } from "./state";
import { fits, vmUtilPct } from "./compute";

/** EdgeCloudSim's least-loaded rule: the admitting VM in [start, end) with the most free share (100 − util %), ties → lowest id; or -1. */
export function worstFit(task: i32, start: i32, end: i32): i32 {
  let best = -1;
  let bestFree = -Infinity;
  for (let vm = start; vm < end; vm++) {
    const free = 100 - getF64(vmUtilPct, vm);
    if (free > bestFree && fits(task, vm)) {
      best = vm;
      bestFree = free;
    }
  }
  return best;
}

/** The least-loaded admitting VM of one host. */
export function worstFitHost(task: i32, host: i32): i32 {
  return worstFit(task, getI32(hostVmStart, host), getI32(hostVmEnd, host));
}

/** EdgeCloudSim FIRST_FIT: the first admitting VM in [start, end), or -1. */
export function firstFit(task: i32, start: i32, end: i32): i32 {
  for (let vm = start; vm < end; vm++) if (fits(task, vm)) return vm;
  return -1;
}

/** EdgeCloudSim BEST_FIT: the admitting VM with the least free share, strict comparison (ties → lowest id). */
export function bestFit(task: i32, start: i32, end: i32): i32 {
  let best = -1;
  let bestFree = Infinity;
  for (let vm = start; vm < end; vm++) {
    const free = 100 - getF64(vmUtilPct, vm);
    if (free < bestFree && fits(task, vm)) {
      best = vm;
      bestFree = free;
    }
  }
  return best;
}

/** Free compute of a VM in MIPS: cores × MIPS per core × (1 − utilization). */
// @ts-ignore: decorator
@inline export function vmFreeMips(vm: i32): f64 {
  return <f64>getI32(vmCores, vm) * getF64(vmMips, vm) * (1 - getF64(vmUtilPct, vm) / 100);
}

/** Free MIPS of an edge host: the sum over its VMs. */
export function hostFreeMips(host: i32): f64 {
  let free: f64 = 0;
  const end = getI32(hostVmEnd, host);
  for (let vm = getI32(hostVmStart, host); vm < end; vm++) free += vmFreeMips(vm);
  return free;
}

/** Capacity-weighted utilization of an edge host (%): used MIPS / total MIPS over its VMs (0 without VMs). */
export function hostCapacityUtilPct(host: i32): f64 {
  let used: f64 = 0;
  let total: f64 = 0;
  const end = getI32(hostVmEnd, host);
  for (let vm = getI32(hostVmStart, host); vm < end; vm++) {
    const capacity = <f64>getI32(vmCores, vm) * getF64(vmMips, vm);
    used += capacity * (getF64(vmUtilPct, vm) / 100);
    total += capacity;
  }
  return total > 0 ? (100 * used) / total : 0;
}

/** The admitting VM in [start, end) with the most free MIPS (ties → lowest id), or -1. */
export function mostFreeMips(task: i32, start: i32, end: i32): i32 {
  let best = -1;
  let bestFree = -Infinity;
  for (let vm = start; vm < end; vm++) {
    const free = vmFreeMips(vm);
    if (free > bestFree && fits(task, vm)) {
      best = vm;
      bestFree = free;
    }
  }
  return best;
}
