// Constraints C2–C4 of the paper, the same expressions in the same order:
//   C2  T_serv = L / (f (1 − U)) + δ ≤ T_max − (time already waited)
//   C3  U + L / (f_vm T_max) ≤ CPU_max
//   C4  R_avail ≥ R_req
// plus the tier call: one task against every VM of a tier in one call, a bitmask per VM.
import { getF64, getI32, setI32 } from "../kernel/mem";
import {
  TIER_CLOUD, TIER_LOCAL_EDGE, appCores, appMemMb, cloudVmStart, cpuMaxFraction, hostCount, hostVmEnd, hostVmStart,
  now, vmCores, vmCount, vmMips,
} from "../kernel/state";
import { tApp, tArrivalS, tDeadlineS, tLengthMi } from "../kernel/tasks";
import { fits, loadFraction } from "../model/compute/index";
import { vmFreeMemMb } from "../model/compute/vms";
import { localHost, networkS } from "./view";
// Not a constraint of the paper: the compute model's admission control refuses the task (a bit above
// C2–C4, declared in src/engine/wasm/boundary.ts NOT_ADMITTED).
import { NOT_ADMITTED } from "../kernel/layout.gen";

export const C2_DEADLINE: i32 = 1;
export const C3_CPU: i32 = 2;
export const C4_MEMORY: i32 = 4;

/** The paper's service-time estimate used by C2. */
// @ts-ignore: decorator
@inline function paperServiceEstimateS(lengthMi: f64, requiredCores: f64, vmMipsPerCore: f64, load: f64, netS: f64): f64 {
  const free = 1 - load;
  if (free <= 0) return Infinity;
  return lengthMi / (vmMipsPerCore * requiredCores * free) + netS;
}

/** C2 alone: the estimated service time misses the time left (never with no deadline). */
// @ts-ignore: decorator
@inline export function violatesDeadline(
  t: f64, lengthMi: f64, requiredCores: f64, vmMipsPerCore: f64, load: f64, netS: f64, deadlineS: f64,
): bool {
  return deadlineS != Infinity && paperServiceEstimateS(lengthMi, requiredCores, vmMipsPerCore, load, netS) > deadlineS - t;
}

/** C3's demand L / (f_vm T_max) of the task, with capacity = cores × MIPS per core (as f64). */
// @ts-ignore: decorator
@inline export function cpuDemand(lengthMi: f64, capacity: f64, arrivalS: f64, deadlineS: f64): f64 {
  const maxDelay = deadlineS - arrivalS;
  return maxDelay == Infinity ? 0 : lengthMi / (capacity * maxDelay);
}

/** C3 alone, from the demand. */
// @ts-ignore: decorator
@inline export function violatesCpu(load: f64, demand: f64, cpuMax: f64): bool {
  return exceedsCpu(load, demand, cpuMaxWithSlack(cpuMax));
}

/** C3's bound with its rounding slack: a scan takes it once. */
// @ts-ignore: decorator
@inline export function cpuMaxWithSlack(cpuMax: f64): f64 {
  return cpuMax + 1e-12;
}

/** C3 alone, from the demand and cpuMaxWithSlack(CPU_max). */
// @ts-ignore: decorator
@inline export function exceedsCpu(load: f64, demand: f64, bound: f64): bool {
  return load + demand > bound;
}

/** 0 when feasible, else a bitmask of C2_DEADLINE | C3_CPU | C4_MEMORY. */
export function checkFeasibility(
  t: f64, lengthMi: f64, requiredCores: f64, memoryMb: f64, arrivalS: f64, deadlineS: f64, cores: f64,
  vmMipsPerCore: f64, vmFreeMemMbValue: f64, load: f64, netS: f64, cpuMax: f64,
): i32 {
  let violated = 0;
  if (violatesDeadline(t, lengthMi, requiredCores, vmMipsPerCore, load, netS, deadlineS)) violated |= C2_DEADLINE;
  if (violatesCpu(load, cpuDemand(lengthMi, cores * vmMipsPerCore, arrivalS, deadlineS), cpuMax)) violated |= C3_CPU;
  if (vmFreeMemMbValue < memoryMb) violated |= C4_MEMORY;
  return violated;
}

/** C2–C4 of the task on one VM, with the live state (SystemView.feasibility). */
export function feasibility(task: i32, vm: i32): i32 {
  const app = getI32(tApp, task);
  const deadline = getF64(tDeadlineS, task);
  return checkFeasibility(
    now, getF64(tLengthMi, task), <f64>getI32(appCores, app), getF64(appMemMb, app), getF64(tArrivalS, task), deadline,
    <f64>getI32(vmCores, vm), getF64(vmMips, vm), getF64(vmFreeMemMb, vm), loadFraction(vm),
    deadline == Infinity ? 0 : networkS(task, vm), cpuMaxFraction,
  );
}

/**
 * The task against every VM of `tier` as seen from its device, in one call: out[vm] (i32, indexed by
 * VM id, vmCount entries) gets the C2–C4 bitmask, | NOT_ADMITTED when the compute model refuses the
 * task; VMs of other tiers get -1. Returns how many VMs of the tier are admitting and feasible.
 */
export function feasibilityTier(task: i32, tier: i32, out: usize): i32 {
  for (let vm = 0; vm < vmCount; vm++) setI32(out, vm, -1);
  let ok = 0;
  if (tier == TIER_CLOUD) {
    for (let vm = cloudVmStart; vm < vmCount; vm++) ok += checkOne(task, vm, out);
    return ok;
  }
  const local = localHost(task);
  const wantLocal = tier == TIER_LOCAL_EDGE;
  for (let h = 0; h < hostCount; h++) {
    if ((h == local) != wantLocal) continue;
    const end = getI32(hostVmEnd, h);
    for (let vm = getI32(hostVmStart, h); vm < end; vm++) ok += checkOne(task, vm, out);
  }
  return ok;
}

// @ts-ignore: decorator
@inline function checkOne(task: i32, vm: i32, out: usize): i32 {
  const mask = feasibility(task, vm) | (fits(task, vm) ? 0 : NOT_ADMITTED);
  setI32(out, vm, mask);
  return mask == 0 ? 1 : 0;
}
