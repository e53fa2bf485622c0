// VM choice inside a range of VMs, shared by the built-in policies (and worstFit, through the view,
// by policies written in TypeScript: src/policies/vm-choice.ts). VMs are numbered host by host, edge hosts first, then
// the cloud VMs from cloudVmStart, so a host or a tier is a contiguous range (the remote edge is the
// edge range without the local host's).
import { allocF64, allocI32, getF64, getI32, setF64, setI32 } from "../kernel/mem";
import { appCount, cloudVmStart, hostCount, hostVmEnd, hostVmStart, stateEpoch, vmCores, vmCount, vmMips } from "../kernel/state";
import { fits, fitsApp } from "../model/compute/index";
import { vmUtilPct } from "../model/compute/vms";
import { tApp } from "../kernel/tasks";
import { hostMostFree, hostMostFreeVm } from "../decision/view";

// "Does any VM of the edge (0) / of the cloud (1) admit a task of this app?", cached per app until a
// VM gains or loses a task (the state epoch): admission depends on the app only and changes only
// then. In the overloaded paper world most decisions are refusals of tasks waiting in the overflow
// queue, re-offered every batch; with this a refusal costs a look-up instead of a scan of the range.
let admitEpoch: usize = 0; // f64 per (app, range)
let admitAny: usize = 0; // i32 per (app, range)

export function vmChoiceInit(): void {
  admitEpoch = allocF64(appCount * 2);
  admitAny = allocI32(appCount * 2);
  for (let i = 0; i < appCount * 2; i++) setF64(admitEpoch, i, -1);
}

function rangeAdmits(app: i32, cloud: i32): bool {
  const k = app * 2 + cloud;
  if (getF64(admitEpoch, k) == stateEpoch) return getI32(admitAny, k) != 0;
  const start = cloud != 0 ? cloudVmStart : 0;
  const end = cloud != 0 ? vmCount : cloudVmStart;
  let ok = 0;
  for (let vm = start; vm < end && ok == 0; vm++) if (fitsApp(app, vm)) ok = 1;
  setF64(admitEpoch, k, stateEpoch);
  setI32(admitAny, k, ok);
  return ok != 0;
}

/** Does any edge VM admit the task now? */
export function edgeAdmits(task: i32): bool {
  return rangeAdmits(getI32(tApp, task), 0);
}

/**
 * EdgeCloudSim GENERIC_EDGE: the least-loaded admitting VM over all edge hosts, i.e. worstFit over the
 * edge range, taken host by host (the edge hosts' VMs are that range, in order): each host's own
 * worstFit answer, kept when strictly freer than the best of the hosts before it, is the VM the
 * single scan would end on. A host whose most free share is not above that best is skipped.
 */
export function worstFitAllEdge(task: i32): i32 {
  if (!rangeAdmits(getI32(tApp, task), 0)) return -1;
  let best = -1;
  let bestFree = -Infinity;
  for (let h = 0; h < hostCount; h++) {
    const free = hostMostFree(h);
    if (!(free > bestFree)) continue;
    // The host's most free VM is its worstFit answer when it admits the task; else worstFit decides.
    let vm = hostMostFreeVm(h);
    if (!fits(task, vm)) vm = worstFit(task, getI32(hostVmStart, h), getI32(hostVmEnd, h));
    if (vm < 0) continue;
    const f = 100 - getF64(vmUtilPct, vm);
    if (f > bestFree) {
      best = vm;
      bestFree = f;
    }
  }
  return best;
}

/** The least-loaded admitting cloud VM. */
export function worstFitCloud(task: i32): i32 {
  return rangeAdmits(getI32(tApp, task), 1) ? worstFit(task, cloudVmStart, vmCount) : -1;
}

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
