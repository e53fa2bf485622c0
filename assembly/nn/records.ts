// The NN's scan records (NN-only caches, fed by the life cycle's "VM changed" hook): per VM,
// SCAN_BYTES apart, what a per-task scan over every VM reads, side by side, so that one pointer with
// constant offsets reaches it all: values derived from the compute state, which the scan would
// otherwise divide for (a division costs as much as the rest of a VM's tests together), copies of
// the state it tests, and processor sharing's own terms. The compute models list every VM they
// change (model/lifecycle.ts vmChanged); refreshRecords rewrites the listed VMs' records before a
// scan reads them. Every field is a function of the VM's current state, computed with the
// expressions the scans used before, so the same bits.
import { alloc, allocF64, getF64, getI32, setF64, setI32 } from "../kernel/mem";
import { COMPUTE_FIFO, computeModel, vmCores, vmCount, vmMips } from "../kernel/state";
import { vmBoundTasks, vmFreeMemMb, vmLoadU, vmUtilPct } from "../model/compute/vms";
import { reservedPct, runningCores } from "../model/compute/ps";
import { vmChangedCount, vmChangedList, vmListed } from "../model/lifecycle";
import * as lifecycle from "../model/lifecycle";

export let vmScan: usize = 0;
export const SCAN_BYTES: usize = 64;
/** vmUtilPct / 100 (f64). */
export const SCAN_UTIL_FRAC: usize = 0;
/** vmBoundTasks / cores (f64). */
export const SCAN_BOUND_PER_CORE: usize = 8;
/** vmFreeMemMb (f64). */
export const SCAN_FREE_MB: usize = 16;
/** loadFraction(vm), U of the paper (f64). */
export const SCAN_LOAD_U: usize = 24;
/** Processor sharing: the utilization (%) reserved by the bound tasks (f64). */
export const SCAN_RESERVED_PCT: usize = 32;
/** vmCores (i32; static, written by recordsInit). */
export const SCAN_CORES: usize = 40;
/** Processor sharing: the cores of the running tasks (i32). */
export const SCAN_RUNNING_CORES: usize = 44;
/** The VM's capacity class (i32; static, written by recordsInit). */
export const SCAN_CLASS: usize = 48;

/** The VM's scan record. */
// @ts-ignore: decorator
@inline export function scanRecord(vm: i32): usize {
  return vmScan + <usize>vm * SCAN_BYTES;
}

// Capacity classes: VMs with the same cores × MIPS (as f64) have the same C3 demand for a task and,
// under processor sharing, the same per-core rate for the same number of running cores; a scan
// computes those once per class.
export let capClassCount: i32 = 0;
/** The capacity of each class (f64). */
export let capClassValue: usize = 0;

/** Builds every VM's record (nnInit, after the compute model's init). */
export function recordsInit(): void {
  const n = vmCount;
  vmScan = alloc(<usize>n * SCAN_BYTES);
  capClassValue = allocF64(n);
  capClassCount = 0;
  for (let vm = 0; vm < n; vm++) {
    const capacity = <f64>getI32(vmCores, vm) * getF64(vmMips, vm);
    let c = 0;
    while (c < capClassCount && getF64(capClassValue, c) != capacity) c++;
    if (c == capClassCount) setF64(capClassValue, capClassCount++, capacity);
    // The record's static fields, once.
    store<i32>(scanRecord(vm), getI32(vmCores, vm), SCAN_CORES);
    store<i32>(scanRecord(vm), c, SCAN_CLASS);
    refresh(vm);
    setI32(vmListed, vm, 0);
  }
  lifecycle.vmChangedCount = 0;
}

/** Brings the records of the VMs changed since the last call up to date (before any scan reads them). */
// @ts-ignore: decorator
@inline export function refreshRecords(): void {
  if (vmChangedCount != 0) refreshListed();
}

function refreshListed(): void {
  const n = vmChangedCount;
  for (let i = 0; i < n; i++) {
    const vm = getI32(vmChangedList, i);
    refresh(vm);
    setI32(vmListed, vm, 0);
  }
  lifecycle.vmChangedCount = 0;
}

function refresh(vm: i32): void {
  const rec = scanRecord(vm);
  store<f64>(rec, getF64(vmUtilPct, vm) / 100, SCAN_UTIL_FRAC);
  store<f64>(rec, <f64>getI32(vmBoundTasks, vm) / <f64>getI32(vmCores, vm), SCAN_BOUND_PER_CORE);
  store<f64>(rec, getF64(vmFreeMemMb, vm), SCAN_FREE_MB);
  store<f64>(rec, getF64(vmLoadU, vm), SCAN_LOAD_U);
  if (computeModel != COMPUTE_FIFO) {
    store<f64>(rec, getF64(reservedPct, vm), SCAN_RESERVED_PCT);
    store<i32>(rec, getI32(runningCores, vm), SCAN_RUNNING_CORES);
  }
}

/**
 * Admission of a task of r cores, needing `pct` % of the VM and memMb, as the key of its compute
 * estimate: max(running cores + r, cores), the divisor of the VM's per-core rate (estimateExecS); and
 * i32.MAX_VALUE when the VM does not admit the task. estimateExecS is L / (r · capacity / key): with
 * L ≥ 0 and r > 0 fixed by the task, rounding is monotone in each step, so among VMs of one capacity
 * class (capacity classes above) the smallest key gives the smallest estimate, and a scan for the fastest VM
 * compares integers and divides once per class. `rec` is the VM's scan record (vmScan above).
 */
// @ts-ignore: decorator
@inline export function admitKey(rec: usize, r: i32, pct: f64, memMb: f64): i32 {
  const fit = (pct <= 100 - load<f64>(rec, SCAN_RESERVED_PCT)) & (load<f64>(rec, SCAN_FREE_MB) >= memMb) & (load<i32>(rec, SCAN_CORES) >= r);
  // A select, not a branch: admission follows the load, not a pattern a predictor learns.
  return select<i32>(estimateKey(rec, r), i32.MAX_VALUE, fit);
}

/** The key of a task of r cores on the VM whatever its admission: estimateExecS is L / (r · capacity / key). */
// @ts-ignore: decorator
@inline export function estimateKey(rec: usize, r: i32): i32 {
  return max(load<i32>(rec, SCAN_RUNNING_CORES) + r, load<i32>(rec, SCAN_CORES));
}

