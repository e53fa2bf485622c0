// The compute model of the run (src/model/compute/index.ts): state every model reports (utilization,
// free memory, bound tasks; struct-of-arrays per VM, host-readable) and the dispatch to fifo-cores or
// processor-sharing. The model is fixed for a run, so the branch is perfectly predicted.
import { allocF64, allocI32, getF64, setF64 } from "./mem";
import { COMPUTE_FIFO, computeModel, vmCount, vmRamMb } from "./state";
import * as fifo from "./compute-fifo";
import * as ps from "./compute-ps";

/** Live VM utilization (%), as the model defines it. */
export let vmUtilPct: usize = 0;
/** Free memory (MB) after the tasks bound to the VM. */
export let vmFreeMemMb: usize = 0;
/** Tasks bound to each VM (i32). */
export let vmBoundTasks: usize = 0;

export function computeInit(vmSlotBase: i32): void {
  const n = vmCount;
  vmUtilPct = allocF64(n);
  vmFreeMemMb = allocF64(n);
  for (let vm = 0; vm < n; vm++) setF64(vmFreeMemMb, vm, getF64(vmRamMb, vm));
  vmBoundTasks = allocI32(n);
  if (computeModel == COMPUTE_FIFO) fifo.init();
  else ps.init(vmSlotBase);
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
export function loadFraction(vm: i32): f64 {
  return computeModel == COMPUTE_FIFO ? fifo.loadFraction(vm) : ps.loadFraction(vm);
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

/**
 * One pass over the VMs [start, end) for a task, with the same values as the per-VM calls:
 * fitOut[vm] (i32) = fits(task, vm), loadOut[vm] (f64) = loadFraction(vm), and the result is the
 * smallest estimateExecS(task, vm) of the admitting VMs, bit for bit (NaN estimates skipped, as a `<`
 * scan skips them; Infinity when none admits the task). Each model finds that minimum its cheapest
 * exact way. The neural-network policy takes all three for every VM of every task.
 */
export function admission(task: i32, start: i32, end: i32, fitOut: usize, loadOut: usize): f64 {
  return computeModel == COMPUTE_FIFO
    ? fifo.admission(task, start, end, fitOut, loadOut)
    : ps.admission(task, start, end, fitOut, loadOut);
}

export function onVmEvent(vm: i32): void {
  if (computeModel != COMPUTE_FIFO) ps.onVmEvent(vm);
}

export function onTaskEvent(task: i32): void {
  if (computeModel == COMPUTE_FIFO) fifo.onTaskEvent(task);
}
