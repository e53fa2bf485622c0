// The task life cycle's bookkeeping, below every model: how a model reports back without importing
// the event loop (which sits above the models and drives them). It imports only the kernel and the
// metric rows, so compute, network and the loop can all call it with static calls.
//
// - fail / downloadDone end a task (counters, metric row, release of its row and event slot);
// - execDone is how a compute model hands a finished execution on: it records the task here and the
//   loop, right after the compute handler, starts the downloads in the same order
//   (engine/loop.ts startDownloads) before the compute model settles the VM (compute.settle). That is
//   the exact order of the former direct call (download scheduled before the VM's next event), so
//   the event sequence numbers are unchanged;
// - vmChanged is the "VM changed" hook: the compute models call it whenever a VM's state moves; it
//   bumps the VM's version (caches keyed by it stay valid while it does not move; the edge hosts'
//   summaries follow utilization itself, compute/vms.ts setVmUtilPct) and lists the VM once for the
//   NN's scan records (nn/records.ts refreshes the listed VMs before it reads them).
import { allocF64, allocI32, getF64, getI32, regrow, setF64, setI32 } from "../kernel/mem";
import { hostTaskEnded, hostTaskTrace } from "../kernel/host";
import { queueCancel } from "../kernel/queue";
import * as S from "../kernel/state";
import { FAIL_DEADLINE, PHASE_QUEUED, PHASE_UPLOADING } from "../kernel/state";
import {
  tApp, tArrivalS, tAssignedS, tCounted, tDeadlineS, tDownloadS, tExecS, tLinkS, tManS, tPhase, tQueueS, tTier, tUploadS,
  tWanS, tWlanS, taskRelease, taskSlotBase, tDevice, tVm,
} from "../kernel/tasks";
import {
  TR_APP, TR_ARRIVAL_S, TR_COUNTED, TR_DEVICE, TR_DOWNLOAD_S, TR_END_S, TR_EXEC_S, TR_FIELDS, TR_HOST, TR_OUTCOME, TR_QUEUE_S,
  TR_REASON, TR_TIER, TR_UPLOAD_S, TR_VM,
} from "../kernel/layout.gen";
import {
  F_COMPLETED, F_DOWNLOAD, F_EXEC, F_FAILED0, F_LINK, F_MAN, F_MIN_DURATION, F_NETWORK, F_PROCESSING, F_QUEUE, F_SERVICE,
  F_SERVICE_SQ, F_UPLOAD, F_WAIT, F_WAN, F_WLAN, histAdd, metricAdd, metricRow, metricRows,
} from "../kernel/metrics";

export let generated: f64 = 0;
export let completed: f64 = 0;
export let failed: f64 = 0;

// What-if forks (src/nn/dataset.ts) watch one task's end; the DQN trainer (src/nn/rl.ts) hears of
// every task's end (kernel/host.ts taskEnded). Both off in a plain run.
let watchTask: i32 = -1;
export let watchEnded: bool = false;
export let watchOk: bool = false;
export let watchServiceS: f64 = Infinity;
let notifyEnds: bool = false;
// The task trace: off in a plain run (one test per task end); the record is reused for every task.
let traceOn: bool = false;
let traceRecord: usize = 0;

/** Watch one task: its end (completion or failure) is kept, and stops engine/loop.ts advanceUntil. */
export function watch(task: i32): void {
  watchTask = task;
  watchEnded = false;
  watchOk = false;
  watchServiceS = Infinity;
}

export function setNotifyEnds(on: bool): void {
  notifyEnds = on;
}

export function setTrace(on: bool): void {
  traceOn = on;
}

/** Tasks whose execution ended in the current compute event, in order (i32), for the loop. */
let execDoneList: usize = 0;
let execDoneCap: i32 = 0;
export let execDoneCount: i32 = 0;

/** Counts each VM's changes (i32): a value derived from its state stays valid while this does not move. */
export let vmVersion: usize = 0;
/** VMs changed since nn/records.ts last refreshed them (i32 list), each once (vmListed flag). */
export let vmChangedList: usize = 0;
export let vmChangedCount: i32 = 0;
export let vmListed: usize = 0; // i32 per VM

export function lifecycleInit(): void {
  generated = 0;
  completed = 0;
  failed = 0;
  execDoneCap = 64;
  execDoneList = allocI32(execDoneCap);
  execDoneCount = 0;
  vmVersion = allocI32(S.vmCount);
  vmChangedList = allocI32(S.vmCount);
  vmListed = allocI32(S.vmCount);
  vmChangedCount = 0;
  watchTask = -1;
  notifyEnds = false;
  traceOn = false;
  traceRecord = allocF64(TR_FIELDS);
}

/** The "VM changed" hook (compute models, after every change of the VM's state). */
// @ts-ignore: decorator
@inline export function vmChanged(vm: i32): void {
  setI32(vmVersion, vm, getI32(vmVersion, vm) + 1);
  if (getI32(vmListed, vm) == 0) {
    setI32(vmListed, vm, 1);
    setI32(vmChangedList, vmChangedCount++, vm);
  }
}

/** A compute model finished the task's execution (the loop starts its download next). */
// @ts-ignore: decorator
@inline export function execDone(task: i32): void {
  S.stateEpoch++;
  if (execDoneCount == execDoneCap) {
    execDoneList = regrow(execDoneList, <usize>execDoneCap << 2, <usize>execDoneCap << 3);
    execDoneCap <<= 1;
  }
  setI32(execDoneList, execDoneCount++, task);
}

// @ts-ignore: decorator
@inline export function execDoneAt(i: i32): i32 {
  return getI32(execDoneList, i);
}

// @ts-ignore: decorator
@inline export function downloadDone(task: i32): void {
  if (notifyEnds) hostTaskEnded(task, 0, 0);
  if (task == watchTask && !watchEnded) {
    watchEnded = true;
    watchServiceS = S.now - getF64(tArrivalS, task);
    watchOk = S.now <= getF64(tDeadlineS, task);
  }
  if (S.now > getF64(tDeadlineS, task)) {
    fail(task, FAIL_DEADLINE);
    return;
  }
  completed++;
  if (traceOn) trace(task, 0, -1);
  if (getI32(tCounted, task) != 0) record(task);
  release(task);
}

/**
 * Ends the task as failed. A task failed while uploading holds its VM: the caller unbinds it first
 * (model/network/fail.ts); a queued task was unbound by fifo-cores when it dropped it.
 */
export function fail(task: i32, reason: i32): void {
  if (notifyEnds) hostTaskEnded(task, 1, reason);
  if (task == watchTask && !watchEnded) {
    watchEnded = true;
    watchOk = false;
    watchServiceS = reason == FAIL_DEADLINE ? Infinity : S.now - getF64(tArrivalS, task);
  }
  const phase = getI32(tPhase, task);
  if (phase == PHASE_UPLOADING || phase == PHASE_QUEUED) S.stateEpoch++;
  failed++;
  if (traceOn) trace(task, 1, reason);
  if (getI32(tCounted, task) != 0) metricAdd(metricRow(getI32(tApp, task), getI32(tTier, task)) + F_FAILED0 + reason, 1);
  release(task);
}

/**
 * A task fails as it is submitted (no VM admits it, or its first upload leg has no bandwidth).
 * EdgeCloudSim's logger counts such a rejection even during the warm-up: countWarmupRejections.
 */
export function rejectAtSubmission(task: i32, reason: i32): void {
  if (S.countWarmupRejections) setI32(tCounted, task, 1);
  fail(task, reason);
}

/** Hand the ended task's record to the host (kernel/host.ts taskTrace). */
function trace(task: i32, outcome: i32, reason: i32): void {
  const r = traceRecord;
  // A task that never got a VM keeps its row's previous occupant's VM and times (kernel/tasks.ts
  // clears them only at assignment): it has none.
  const tier = getI32(tTier, task);
  const assigned = tier >= 0;
  const vm = assigned ? getI32(tVm, task) : -1;
  setF64(r, TR_END_S, S.now);
  setF64(r, TR_ARRIVAL_S, getF64(tArrivalS, task));
  setF64(r, TR_APP, getI32(tApp, task));
  setF64(r, TR_DEVICE, getI32(tDevice, task));
  setF64(r, TR_TIER, tier);
  setF64(r, TR_VM, vm);
  setF64(r, TR_HOST, vm >= 0 ? getI32(S.vmHost, vm) : -1);
  setF64(r, TR_UPLOAD_S, assigned ? getF64(tUploadS, task) : 0);
  setF64(r, TR_QUEUE_S, assigned ? getF64(tQueueS, task) : 0);
  setF64(r, TR_EXEC_S, assigned ? getF64(tExecS, task) : 0);
  setF64(r, TR_DOWNLOAD_S, assigned ? getF64(tDownloadS, task) : 0);
  setF64(r, TR_OUTCOME, outcome);
  setF64(r, TR_REASON, reason);
  setF64(r, TR_COUNTED, getI32(tCounted, task));
  hostTaskTrace(r);
}

// @ts-ignore: decorator
@inline function release(task: i32): void {
  queueCancel(taskSlotBase + task);
  taskRelease(task);
}

// @ts-ignore: decorator
@inline function record(task: i32): void {
  const o = metricRow(getI32(tApp, task), getI32(tTier, task));
  const service = S.now - getF64(tArrivalS, task);
  const upload = getF64(tUploadS, task), download = getF64(tDownloadS, task);
  const network = upload + download;
  const wait = getF64(tAssignedS, task) - getF64(tArrivalS, task);
  const queue = getF64(tQueueS, task), exec = getF64(tExecS, task);
  metricAdd(o + F_COMPLETED, 1);
  metricAdd(o + F_SERVICE, service);
  metricAdd(o + F_SERVICE_SQ, service * service);
  histAdd(service);
  metricAdd(o + F_PROCESSING, service - network);
  metricAdd(o + F_NETWORK, network);
  metricAdd(o + F_WAIT, wait);
  metricAdd(o + F_UPLOAD, upload);
  metricAdd(o + F_QUEUE, queue);
  metricAdd(o + F_EXEC, exec);
  metricAdd(o + F_DOWNLOAD, download);
  recordLink(o + F_WLAN, getF64(tWlanS, task));
  recordLink(o + F_MAN, getF64(tManS, task));
  recordLink(o + F_WAN, getF64(tWanS, task));
  recordLink(o + F_LINK, getF64(tLinkS, task));
  const min = Math.min(Math.min(Math.min(Math.min(Math.min(service, wait), upload), queue), exec), download);
  if (min < getF64(metricRows, o + F_MIN_DURATION)) setF64(metricRows, o + F_MIN_DURATION, min);
}

// @ts-ignore: decorator
@inline function recordLink(o: i32, x: f64): void {
  if (x > 0) {
    metricAdd(o, x);
    metricAdd(o + 1, 1);
  }
}
