// processor-sharing: CloudSim's time-shared VM as
// EdgeCloudSim uses it. Every admitted task runs at once; per-core capacity = VM MIPS / max(Σ cores
// of running tasks, VM cores). Exact and event-driven: one virtual clock per VM (MI per task-core),
// a task finishes when the clock reaches its virtual finish. Utilization is Σ of the running tasks'
// per-app percentages; admission compares with 100 − the utilization reserved by bound tasks, or
// (admitRunningOnly, EdgeCloudSim's getVmToOffload) with 100 − the running tasks' utilization.
import { allocF64, allocI32, fillF64, fillI32, getF64, getI32, setF64, setI32 } from "../../kernel/mem";
import { queueCancel, queueSchedule } from "../../kernel/queue";
import {
  PHASE_RUNNING, PRIORITY_COMPLETION, admitRunningOnly, appCloudPct, appCores, appEdgePct, appMemMb, now, vmCores, vmCount, vmHost, vmMips,
} from "../../kernel/state";
import {
  listPush, listUnlink, tApp, tEnqueuedS, tExecS, tExecStartS, tLengthMi, tNext, tPhase, tVirtualFinish, tVm,
} from "../../kernel/tasks";
import { setVmUtilPct, vmBoundTasks, vmFreeMemMb, vmLoadU, vmUtilPct } from "./vms";
import { execDone, vmChanged } from "../lifecycle";

/** Utilization (%) reserved by the bound tasks, per VM (f64; read-only outside this module). */
export let reservedPct: usize = 0;
let virtualTime: usize = 0;
let lastUpdateS: usize = 0;
/** Cores of the running tasks, per VM (i32; read-only outside this module). */
export let runningCores: usize = 0;
// The smallest virtual finish of the VM's running tasks (Infinity with none), kept as tasks join
// and finish, so that neither a completion nor a submission scans the VM's tasks for it again.
let nextFinish: usize = 0;
let head: usize = 0; // i32 per VM: its running tasks (kernel/tasks.ts listPush)
let vmSlotBase: i32 = 0;

export function init(slotBase: i32): void {
  const n = vmCount;
  vmSlotBase = slotBase;
  reservedPct = allocF64(n);
  virtualTime = allocF64(n);
  lastUpdateS = allocF64(n);
  runningCores = allocI32(n);
  head = allocI32(n);
  fillI32(head, n, -1);
  nextFinish = allocF64(n);
  fillF64(nextFinish, n, Infinity);
}

// @ts-ignore: decorator
@inline function requiredAppPct(app: i32, vm: i32): f64 {
  return getI32(vmHost, vm) < 0 ? getF64(appCloudPct, app) : getF64(appEdgePct, app);
}

export function requiredUtilPct(task: i32, vm: i32): f64 {
  return requiredAppPct(getI32(tApp, task), vm);
}

// @ts-ignore: decorator
@inline export function fitsApp(app: i32, vm: i32): bool {
  return (
    requiredAppPct(app, vm) <= 100 - getF64(admitRunningOnly ? vmUtilPct : reservedPct, vm) &&
    getF64(vmFreeMemMb, vm) >= getF64(appMemMb, app) &&
    getI32(vmCores, vm) >= getI32(appCores, app)
  );
}

// @ts-ignore: decorator
@inline export function fits(task: i32, vm: i32): bool {
  return fitsApp(getI32(tApp, task), vm);
}

export function loadFraction(vm: i32): f64 {
  return Math.min(1, getF64(reservedPct, vm) / 100);
}

// @ts-ignore: decorator
@inline export function bind(task: i32, vm: i32): void {
  setI32(tVm, task, vm);
  setI32(vmBoundTasks, vm, getI32(vmBoundTasks, vm) + 1);
  setF64(reservedPct, vm, getF64(reservedPct, vm) + requiredUtilPct(task, vm));
  setF64(vmFreeMemMb, vm, getF64(vmFreeMemMb, vm) - getF64(appMemMb, getI32(tApp, task)));
  touch(vm);
}

// @ts-ignore: decorator
@inline export function unbind(task: i32): void {
  const vm = getI32(tVm, task);
  setI32(vmBoundTasks, vm, getI32(vmBoundTasks, vm) - 1);
  let r = getF64(reservedPct, vm) - requiredUtilPct(task, vm);
  setF64(reservedPct, vm, r);
  if (r < 1e-9) setF64(reservedPct, vm, 0);
  setF64(vmFreeMemMb, vm, getF64(vmFreeMemMb, vm) + getF64(appMemMb, getI32(tApp, task)));
  touch(vm);
}

// @ts-ignore: decorator
@inline export function submit(task: i32): void {
  const vm = getI32(tVm, task);
  advance(vm);
  const r = getI32(appCores, getI32(tApp, task));
  setI32(tPhase, task, PHASE_RUNNING);
  setF64(tExecStartS, task, now);
  setF64(tEnqueuedS, task, now);
  const vf = getF64(virtualTime, vm) + getF64(tLengthMi, task) / <f64>r;
  setF64(tVirtualFinish, task, vf);
  setF64(nextFinish, vm, Math.min(getF64(nextFinish, vm), vf));
  listPush(head, vm, task);
  setI32(runningCores, vm, getI32(runningCores, vm) + r);
  setVmUtilPct(vm, getF64(vmUtilPct, vm) + requiredUtilPct(task, vm));
  touch(vm);
  reschedule(vm);
}

export function estimateExecS(task: i32, vm: i32): f64 {
  const r = getI32(appCores, getI32(tApp, task));
  const cores = getI32(vmCores, vm);
  const perCore = (<f64>cores * getF64(vmMips, vm)) / <f64>max(getI32(runningCores, vm) + r, cores);
  return getF64(tLengthMi, task) / (<f64>r * perCore);
}

/**
 * The VM's event: finishes its tasks due now (each reported with lifecycle.execDone). True when the
 * loop must settle the VM afterwards (after starting the downloads): its next event.
 */
// @ts-ignore: decorator
@inline export function onVmEvent(vm: i32): bool {
  advance(vm);
  // The event was scheduled for the smallest virtual finish: that task is done; finish any other
  // task within rounding of the same instant too, and keep the smallest finish of the others.
  if (getI32(head, vm) < 0) return false;
  const v = Math.max(getF64(virtualTime, vm), getF64(nextFinish, vm));
  const tolerance = 1e-9 * Math.max(1, Math.abs(v));
  let min: f64 = Infinity;
  let t = getI32(head, vm);
  while (t >= 0) {
    const nextTask = getI32(tNext, t);
    const vf = getF64(tVirtualFinish, t);
    if (vf <= v + tolerance) finish(vm, t);
    else min = Math.min(min, vf);
    t = nextTask;
  }
  setF64(nextFinish, vm, min);
  setF64(virtualTime, vm, v);
  return true;
}

// @ts-ignore: decorator
@inline function finish(vm: i32, task: i32): void {
  listUnlink(head, vm, task);
  setI32(runningCores, vm, getI32(runningCores, vm) - getI32(appCores, getI32(tApp, task)));
  const u = getF64(vmUtilPct, vm) - requiredUtilPct(task, vm);
  setVmUtilPct(vm, u < 1e-9 ? 0 : u);
  setF64(tExecS, task, now - getF64(tExecStartS, task));
  unbind(task); // (touches the VM)
  execDone(task);
}

/** Per-task-core progress rate (MIPS) of the VM with its current tasks. */
// @ts-ignore: decorator
@inline function rate(vm: i32): f64 {
  const cores = getI32(vmCores, vm);
  return (<f64>cores * getF64(vmMips, vm)) / <f64>max(getI32(runningCores, vm), cores);
}

// @ts-ignore: decorator
@inline function advance(vm: i32): void {
  if (getI32(runningCores, vm) > 0) {
    setF64(virtualTime, vm, getF64(virtualTime, vm) + rate(vm) * (now - getF64(lastUpdateS, vm)));
  }
  setF64(lastUpdateS, vm, now);
}

/** Schedules the VM's next completion (also compute.settle, after the loop started the downloads). */
// @ts-ignore: decorator
@inline export function reschedule(vm: i32): void {
  const slot = vmSlotBase + vm;
  const min = getF64(nextFinish, vm);
  if (min == Infinity) {
    queueCancel(slot);
    return;
  }
  const dt = Math.max(0, (min - getF64(virtualTime, vm)) / rate(vm));
  queueSchedule(slot, now + dt, PRIORITY_COMPLETION);
}

/** After every change of the VM's state: its load U, then the life cycle's "VM changed" hook. */
// @ts-ignore: decorator
@inline export function touch(vm: i32): void {
  setF64(vmLoadU, vm, loadFraction(vm));
  vmChanged(vm);
}
