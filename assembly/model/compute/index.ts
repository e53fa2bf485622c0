// The compute model of the run (src/model/compute/index.ts): state every model reports (utilization,
// free memory, bound tasks; struct-of-arrays per VM, host-readable) and the dispatch to fifo-cores or
// processor-sharing. The model is fixed for a run, so the branch is perfectly predicted.
import { alloc, allocF64, allocI32, getF64, getI32, setF64, setI32 } from "../../kernel/mem";
import { COMPUTE_FIFO, computeModel, vmCores, vmCount, vmMips, vmRamMb } from "../../kernel/state";
import * as fifo from "./fifo";
import * as ps from "./ps";

/** Live VM utilization (%), as the model defines it. */
export let vmUtilPct: usize = 0;
/** Free memory (MB) after the tasks bound to the VM. */
export let vmFreeMemMb: usize = 0;
/** Tasks bound to each VM (i32). */
export let vmBoundTasks: usize = 0;

// The scan record of each VM, SCAN_BYTES apart: what a per-task scan over every VM reads, side by
// side, so that one pointer with constant offsets reaches it all: values derived from the state
// above, which the scan would otherwise divide for (a division costs as much as the rest of a VM's
// tests together), copies of the state it tests, and processor sharing's own terms. touchVm
// refreshes its changing fields wherever the state changes; the derived values use the expressions they had where
// they were computed before, so the same bits.
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
/** vmCores (i32; static, written by computeInit). */
export const SCAN_CORES: usize = 40;
/** Processor sharing: the cores of the running tasks (i32). */
export const SCAN_RUNNING_CORES: usize = 44;
/** The VM's capacity class (i32; static, written by computeInit). */
export const SCAN_CLASS: usize = 48;

/** The VM's scan record. */
// @ts-ignore: decorator
@inline export function scanRecord(vm: i32): usize {
  return vmScan + <usize>vm * SCAN_BYTES;
}

/** Counts the VM's changes (i32): a value derived from its state stays valid while this does not move. */
export let vmVersion: usize = 0;

// Capacity classes: VMs with the same cores × MIPS (as f64) have the same C3 demand for a task and,
// under processor sharing, the same per-core rate for the same number of running cores; a scan
// computes those once per class.
export let capClassCount: i32 = 0;
/** The capacity of each class (f64). */
export let capClassValue: usize = 0;

export function computeInit(vmSlotBase: i32): void {
  const n = vmCount;
  vmUtilPct = allocF64(n);
  vmFreeMemMb = allocF64(n);
  for (let vm = 0; vm < n; vm++) setF64(vmFreeMemMb, vm, getF64(vmRamMb, vm));
  vmBoundTasks = allocI32(n);
  vmVersion = allocI32(n);
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
  }
  if (computeModel == COMPUTE_FIFO) fifo.init();
  else ps.init(vmSlotBase);
  for (let vm = 0; vm < n; vm++) touchVm(vm);
}

/** Refreshes the VM's scan record; the compute models call it after every change of its state. */
export function touchVm(vm: i32): void {
  setI32(vmVersion, vm, getI32(vmVersion, vm) + 1);
  const rec = scanRecord(vm);
  store<f64>(rec, getF64(vmUtilPct, vm) / 100, SCAN_UTIL_FRAC);
  store<f64>(rec, <f64>getI32(vmBoundTasks, vm) / <f64>getI32(vmCores, vm), SCAN_BOUND_PER_CORE);
  store<f64>(rec, getF64(vmFreeMemMb, vm), SCAN_FREE_MB);
  if (computeModel == COMPUTE_FIFO) store<f64>(rec, fifo.loadFraction(vm), SCAN_LOAD_U);
  else {
    store<f64>(rec, ps.loadFraction(vm), SCAN_LOAD_U);
    store<f64>(rec, getF64(ps.reservedPct, vm), SCAN_RESERVED_PCT);
    store<i32>(rec, getI32(ps.runningCores, vm), SCAN_RUNNING_CORES);
  }
}

/** Admission control: would the VM accept the task now? */
// @ts-ignore: decorator
@inline export function fits(task: i32, vm: i32): bool {
  return computeModel == COMPUTE_FIFO ? fifo.fits(task, vm) : ps.fits(task, vm);
}

/** Admission depends only on the task's app: fits for a task of `app`. */
// @ts-ignore: decorator
@inline export function fitsApp(app: i32, vm: i32): bool {
  return computeModel == COMPUTE_FIFO ? fifo.fitsApp(app, vm) : ps.fitsApp(app, vm);
}

export function requiredUtilPct(task: i32, vm: i32): f64 {
  return computeModel == COMPUTE_FIFO ? fifo.requiredUtilPct(task, vm) : ps.requiredUtilPct(task, vm);
}

/** U of the paper, in [0, 1]. */
// @ts-ignore: decorator
@inline export function loadFraction(vm: i32): f64 {
  return load<f64>(scanRecord(vm), SCAN_LOAD_U);
}

export function bind(task: i32, vm: i32): void {
  if (computeModel == COMPUTE_FIFO) fifo.bind(task, vm);
  else ps.bind(task, vm);
}

export function unbind(task: i32): void {
  if (computeModel == COMPUTE_FIFO) fifo.unbind(task);
  else ps.unbind(task);
}

export function submit(task: i32): void {
  if (computeModel == COMPUTE_FIFO) fifo.submit(task);
  else ps.submit(task);
}

export function estimateExecS(task: i32, vm: i32): f64 {
  return computeModel == COMPUTE_FIFO ? fifo.estimateExecS(task, vm) : ps.estimateExecS(task, vm);
}

export function onVmEvent(vm: i32): void {
  if (computeModel != COMPUTE_FIFO) ps.onVmEvent(vm);
}

export function onTaskEvent(task: i32): void {
  if (computeModel == COMPUTE_FIFO) fifo.onTaskEvent(task);
}
