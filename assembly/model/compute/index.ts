// The compute model of the run: the dispatch to fifo-cores or
// processor-sharing. The model is fixed for a run, so the branch is perfectly predicted. What every
// model reports per VM is in vms.ts.
import { getF64 } from "../../kernel/mem";
import { COMPUTE_FIFO, computeModel, vmCount } from "../../kernel/state";
import { vmLoadU, vmsInit } from "./vms";
import * as fifo from "./fifo";
import * as ps from "./ps";

export function computeInit(vmSlotBase: i32): void {
  vmsInit();
  if (computeModel == COMPUTE_FIFO) fifo.init();
  else ps.init(vmSlotBase);
  for (let vm = 0; vm < vmCount; vm++) {
    if (computeModel == COMPUTE_FIFO) fifo.touch(vm);
    else ps.touch(vm);
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
  return getF64(vmLoadU, vm);
}

// @ts-ignore: decorator
@inline export function bind(task: i32, vm: i32): void {
  if (computeModel == COMPUTE_FIFO) fifo.bind(task, vm);
  else ps.bind(task, vm);
}

// @ts-ignore: decorator
@inline export function unbind(task: i32): void {
  if (computeModel == COMPUTE_FIFO) fifo.unbind(task);
  else ps.unbind(task);
}

/** The upload ended: the task joins its VM. */
// @ts-ignore: decorator
@inline export function submit(task: i32): void {
  if (computeModel == COMPUTE_FIFO) fifo.submit(task);
  else ps.submit(task);
}

export function estimateExecS(task: i32, vm: i32): f64 {
  return computeModel == COMPUTE_FIFO ? fifo.estimateExecS(task, vm) : ps.estimateExecS(task, vm);
}

/** A VM's event (processor sharing only); true when the loop must settle the VM afterwards. */
// @ts-ignore: decorator
@inline export function onVmEvent(vm: i32): bool {
  return computeModel != COMPUTE_FIFO && ps.onVmEvent(vm);
}

/** A running task's event (fifo-cores only): its VM, which the loop settles afterwards; else -1. */
export function onTaskEvent(task: i32): i32 {
  return computeModel == COMPUTE_FIFO ? fifo.onTaskEvent(task) : -1;
}

/**
 * After a VM's tasks finished and the loop started their downloads (lifecycle.execDone): fifo-cores
 * starts queued tasks on the freed cores, processor sharing schedules the VM's next completion.
 */
// @ts-ignore: decorator
@inline export function settle(vm: i32): void {
  if (computeModel == COMPUTE_FIFO) fifo.dispatch(vm);
  else ps.reschedule(vm);
}
