// fifo-cores: a VM runs at most `cores` cores' worth of tasks at
// full per-core speed; the others wait in the VM's FCFS queue. Admission is memory (C4): a task holds
// its R_req from the decision until it leaves the VM. A queued task whose deadline has passed when a
// core frees is dropped (reason deadline).
import { allocF64, allocI32, fillI32, getF64, getI32, setF64, setI32 } from "../../kernel/mem";
import { queueSchedule } from "../../kernel/queue";
import {
  FAIL_DEADLINE, PHASE_QUEUED, PHASE_RUNNING, PRIORITY_COMPLETION, appCores, appMemMb, now, vmCores, vmCount, vmMips,
} from "../../kernel/state";
import {
  tApp, tArrivalS, tDeadlineS, tEnqueuedS, tExecS, tExecStartS, tLengthMi, tNext, tPhase, tQueueS, tVm, taskSlotBase,
} from "../../kernel/tasks";
import { setVmUtilPct, vmBoundTasks, vmFreeMemMb, vmLoadU } from "./vms";
import { execDone, fail, vmChanged } from "../lifecycle";

let busyCores: usize = 0; // i32
let boundCores: usize = 0; // i32
let head: usize = 0; // i32
let tail: usize = 0; // i32
/** MI bound to the VM but not yet running (uploading or queued). */
let backlogMi: usize = 0;
/** Σ cores × finish time over running tasks: their remaining work in O(1). */
let finishCoreSum: usize = 0;

export function init(): void {
  const n = vmCount;
  busyCores = allocI32(n);
  boundCores = allocI32(n);
  head = allocI32(n);
  fillI32(head, n, -1);
  tail = allocI32(n);
  fillI32(tail, n, -1);
  backlogMi = allocF64(n);
  finishCoreSum = allocF64(n);
}

// @ts-ignore: decorator
@inline export function fitsApp(app: i32, vm: i32): bool {
  return getF64(vmFreeMemMb, vm) >= getF64(appMemMb, app) && getI32(vmCores, vm) >= getI32(appCores, app);
}

// @ts-ignore: decorator
@inline export function fits(task: i32, vm: i32): bool {
  return fitsApp(getI32(tApp, task), vm);
}

export function requiredUtilPct(task: i32, vm: i32): f64 {
  const capacity = <f64>getI32(vmCores, vm) * getF64(vmMips, vm);
  return (100 * getF64(tLengthMi, task)) / (capacity * getF64(tDeadlineS, task) - capacity * getF64(tArrivalS, task));
}

export function loadFraction(vm: i32): f64 {
  return Math.min(1, <f64>getI32(boundCores, vm) / <f64>getI32(vmCores, vm));
}

export function bind(task: i32, vm: i32): void {
  const app = getI32(tApp, task);
  setI32(tVm, task, vm);
  setI32(vmBoundTasks, vm, getI32(vmBoundTasks, vm) + 1);
  setI32(boundCores, vm, getI32(boundCores, vm) + getI32(appCores, app));
  setF64(vmFreeMemMb, vm, getF64(vmFreeMemMb, vm) - getF64(appMemMb, app));
  setF64(backlogMi, vm, getF64(backlogMi, vm) + getF64(tLengthMi, task));
  touch(vm);
}

export function unbind(task: i32): void {
  const vm = getI32(tVm, task);
  const app = getI32(tApp, task);
  setI32(vmBoundTasks, vm, getI32(vmBoundTasks, vm) - 1);
  setI32(boundCores, vm, getI32(boundCores, vm) - getI32(appCores, app));
  setF64(vmFreeMemMb, vm, getF64(vmFreeMemMb, vm) + getF64(appMemMb, app));
  if (getI32(tPhase, task) != PHASE_RUNNING) setF64(backlogMi, vm, getF64(backlogMi, vm) - getF64(tLengthMi, task));
  touch(vm);
}

export function submit(task: i32): void {
  const vm = getI32(tVm, task);
  setF64(tEnqueuedS, task, now);
  setI32(tPhase, task, PHASE_QUEUED);
  setI32(tNext, task, -1);
  const t = getI32(tail, vm);
  if (t >= 0) setI32(tNext, t, task);
  else setI32(head, vm, task);
  setI32(tail, vm, task);
  dispatch(vm);
}

export function estimateExecS(task: i32, vm: i32): f64 {
  const r = getI32(appCores, getI32(tApp, task));
  const f = getF64(vmMips, vm);
  const exec = getF64(tLengthMi, task) / (<f64>r * f);
  const cores = getI32(vmCores, vm);
  if (getI32(boundCores, vm) + r <= cores) return exec;
  // All cores taken: wait for the work ahead of us, spread over all cores.
  const runningMi = f * (getF64(finishCoreSum, vm) - now * <f64>getI32(busyCores, vm));
  return (runningMi + getF64(backlogMi, vm)) / (<f64>cores * f) + exec;
}

/**
 * One pass over the VMs [start, end) for a task: fitOut[vm] (i32) = fits(task, vm), and the result
 * is the smallest estimateExecS(task, vm) of the admitting VMs (Infinity when none admits it), for
 * the neural-network policy's scan (processor sharing has ps.admitKey instead). fitsApp is written
 * out with its terms in locals (V8 reloads a WASM global at every use); the queue's share makes no
 * single key to rank VMs by, so the estimates are compared.
 */
export function admission(task: i32, start: i32, end: i32, fitOut: usize): f64 {
  const app = getI32(tApp, task);
  const r = getI32(appCores, app);
  const memMb = getF64(appMemMb, app);
  const free = vmFreeMemMb, coresOf = vmCores;
  let best: f64 = Infinity;
  for (let vm = start; vm < end; vm++) {
    const cores = getI32(coresOf, vm);
    const fit = (getF64(free, vm) >= memMb) & (cores >= r);
    setI32(fitOut, vm, <i32>fit);
    if (!fit) continue;
    const e = estimateExecS(task, vm);
    if (e < best) best = e;
  }
  return best;
}

/**
 * The task's execution ends (reported with lifecycle.execDone); returns its VM, which the loop
 * settles (dispatch) after it started the download.
 */
export function onTaskEvent(task: i32): i32 {
  const vm = getI32(tVm, task);
  const r = getI32(appCores, getI32(tApp, task));
  const busy = getI32(busyCores, vm) - r;
  setI32(busyCores, vm, busy);
  setF64(finishCoreSum, vm, getF64(finishCoreSum, vm) - <f64>r * (getF64(tExecStartS, task) + getF64(tExecS, task)));
  setVmUtilPct(vm, <f64>(100 * busy) / <f64>getI32(vmCores, vm));
  unbind(task); // (touches the VM)
  execDone(task);
  return vm;
}

/** Start queued tasks while cores are free (head of line first). */
export function dispatch(vm: i32): void {
  const t0 = now;
  for (;;) {
    const task = getI32(head, vm);
    if (task < 0) return;
    const r = getI32(appCores, getI32(tApp, task));
    const expired = t0 > getF64(tDeadlineS, task);
    if (!expired && getI32(busyCores, vm) + r > getI32(vmCores, vm)) return;
    const nextTask = getI32(tNext, task);
    setI32(head, vm, nextTask);
    if (nextTask < 0) setI32(tail, vm, -1);
    setF64(tQueueS, task, t0 - getF64(tEnqueuedS, task));
    if (expired) {
      unbind(task);
      fail(task, FAIL_DEADLINE);
      continue;
    }
    setF64(backlogMi, vm, getF64(backlogMi, vm) - getF64(tLengthMi, task));
    const exec = getF64(tLengthMi, task) / (<f64>r * getF64(vmMips, vm));
    setI32(tPhase, task, PHASE_RUNNING);
    setF64(tExecStartS, task, t0);
    setF64(tExecS, task, exec);
    const busy = getI32(busyCores, vm) + r;
    setI32(busyCores, vm, busy);
    setF64(finishCoreSum, vm, getF64(finishCoreSum, vm) + <f64>r * (t0 + exec));
    setVmUtilPct(vm, <f64>(100 * busy) / <f64>getI32(vmCores, vm));
    touch(vm);
    queueSchedule(taskSlotBase + task, t0 + exec, PRIORITY_COMPLETION);
  }
}

/** After every change of the VM's state: its load U, then the life cycle's "VM changed" hook. */
export function touch(vm: i32): void {
  setF64(vmLoadU, vm, loadFraction(vm));
  vmChanged(vm);
}
