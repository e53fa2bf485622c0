// The compute model of the run (src/model/compute/index.ts): state every model reports (utilization,
// free memory, bound tasks; struct-of-arrays per VM, host-readable) and the dispatch to fifo-cores or
// processor-sharing. The model is fixed for a run, so the branch is perfectly predicted.
import { allocF64, allocI32, getF64, getI32, setF64, setI32 } from "./mem";
import { COMPUTE_FIFO, computeModel, vmCores, vmCount, vmMips, vmRamMb } from "./state";
import * as fifo from "./compute-fifo";
import * as ps from "./compute-ps";

/** Live VM utilization (%), as the model defines it. */
export let vmUtilPct: usize = 0;
/** Free memory (MB) after the tasks bound to the VM. */
export let vmFreeMemMb: usize = 0;
/** Tasks bound to each VM (i32). */
export let vmBoundTasks: usize = 0;

// Values derived from the state above, stored next to it and refreshed wherever it changes
// (touchVm), so that the per-task scans over every VM read them instead of dividing: a division
// costs as much as the rest of a VM's tests together. Same expressions as where they were computed
// before, so the same bits.
/** vmUtilPct / 100. */
export let vmUtilFrac: usize = 0;
/** loadFraction(vm): U of the paper. */
export let vmLoadU: usize = 0;
/** vmBoundTasks / cores. */
export let vmBoundPerCore: usize = 0;
/** Counts the VM's changes (i32): a value derived from its state stays valid while this does not move. */
export let vmVersion: usize = 0;

// Capacity classes: VMs with the same cores × MIPS (as f64) have the same C3 demand for a task and,
// under processor sharing, the same per-core rate for the same number of running cores; a scan
// computes those once per class.
/** fl(cores × MIPS) per VM. */
export let vmCapacity: usize = 0;
/** The VM's capacity class (i32). */
export let vmCapClass: usize = 0;
export let capClassCount: i32 = 0;
/** The capacity of each class (f64). */
export let capClassValue: usize = 0;

export function computeInit(vmSlotBase: i32): void {
  const n = vmCount;
  vmUtilPct = allocF64(n);
  vmFreeMemMb = allocF64(n);
  for (let vm = 0; vm < n; vm++) setF64(vmFreeMemMb, vm, getF64(vmRamMb, vm));
  vmBoundTasks = allocI32(n);
  vmUtilFrac = allocF64(n);
  vmLoadU = allocF64(n);
  vmBoundPerCore = allocF64(n);
  vmVersion = allocI32(n);
  vmCapacity = allocF64(n);
  vmCapClass = allocI32(n);
  capClassValue = allocF64(n);
  capClassCount = 0;
  for (let vm = 0; vm < n; vm++) {
    const capacity = <f64>getI32(vmCores, vm) * getF64(vmMips, vm);
    setF64(vmCapacity, vm, capacity);
    let c = 0;
    while (c < capClassCount && getF64(capClassValue, c) != capacity) c++;
    if (c == capClassCount) setF64(capClassValue, capClassCount++, capacity);
    setI32(vmCapClass, vm, c);
  }
  if (computeModel == COMPUTE_FIFO) fifo.init();
  else ps.init(vmSlotBase);
  for (let vm = 0; vm < n; vm++) touchVm(vm);
}

/** Refreshes the VM's derived values; the compute models call it after every change of its state. */
export function touchVm(vm: i32): void {
  setF64(vmUtilFrac, vm, getF64(vmUtilPct, vm) / 100);
  setF64(vmLoadU, vm, computeModel == COMPUTE_FIFO ? fifo.loadFraction(vm) : ps.loadFraction(vm));
  setF64(vmBoundPerCore, vm, <f64>getI32(vmBoundTasks, vm) / <f64>getI32(vmCores, vm));
  setI32(vmVersion, vm, getI32(vmVersion, vm) + 1);
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
  return getF64(vmLoadU, vm);
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
