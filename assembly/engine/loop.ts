// One replica: the clock and the event loop, on top of everything else. It
// dispatches each event to the model that owns its slot, creates arrivals, runs the batches
// (batch.ts) and samples utilization; the models report back through model/lifecycle.ts, never here.
//
// Host protocol (src/engine/wasm/engine.ts): engineReset, write the flat input at
// engineInputPtr(n), engineCreate, then call engineRun until it returns RUN_DONE. With a TypeScript
// policy it returns RUN_DECIDE_BATCH (the batch's candidates are at engineDecideListPtr /
// engineDecideCount: decide them, assigning with engineAssign) or RUN_DECIDE_TASK (immediate mode:
// decide engineDecideTask, report with engineSetDecision); the next engineRun resumes where it
// stopped. Returning instead of calling an import keeps a plain run free of host calls (besides
// abort): kernel/host.ts lists the calls the trainer and the onnx backend switch on.
//
// What-if forks (src/nn/dataset.ts): the host copies this instance's state into a second instance
// (src/engine/wasm/snapshot.ts), forces one task there, freezes the world and advances it until
// the watched task ends (engineFreeze, engineWatch, engineAdvanceUntil).
import { alloc, getF64, getI32, setF64, setI32 } from "../kernel/mem";
import {
  poppedTime, queueCancel, queueInit, queueLimitHit, queuePeek, queuePeekTime, queuePop, queueSchedule, queueSize,
  queueValidate,
} from "../kernel/queue";
import * as S from "../kernel/state";
import {
  FAIL_CAPACITY, PHASE_RUNNING, PHASE_WAITING, PRIORITY_ARRIVAL, PRIORITY_BATCH, PRIORITY_END, PRIORITY_TIMER, appCores,
  appDownloadKb, appLengthMi, appMaxDelayS, appUploadKb, batchIntervalS, cloudVmStart, devices, durationS, maxMipsPerCore,
  utilIntervalS, vmCount, warmupS,
} from "../kernel/state";
import {
  tApp, tArrivalS, tCounted, tDeadlineS, tDevice, tDownloadKb, tLengthMi, tPhase, tUploadKb, taskAllocate, tasksInit,
} from "../kernel/tasks";
import {
  ERR_INPUT, ERR_LIMIT, ERR_QUEUE, ERR_STATE, ERR_TIMERS, POLICY_HOST, RUN_DECIDE_BATCH, RUN_DECIDE_TASK, RUN_DONE,
} from "../kernel/layout.gen";
import {
  M_MAX_UTIL_PCT, M_MIN_UTIL_PCT, M_UTIL_CLOUD_SUM, M_UTIL_EDGE_SUM, M_UTIL_SAMPLES, metricScalars, metricsInit, seriesAdd,
} from "../kernel/metrics";
import * as lifecycle from "../model/lifecycle";
import { execDoneAt, execDoneCount, fail, lifecycleInit } from "../model/lifecycle";
import { deviceApp, drawSize, nextArrivalS, workloadInit } from "../model/workload";
import { mobilityInit, move, moves, nextMoveS } from "../model/mobility";
import * as compute from "../model/compute/index";
import { vmUtilPct } from "../model/compute/vms";
import {
  networkInit, networkOnArrival, networkOnLinkEvent, networkOnTaskEvent, networkOnTimer, networkStart, networkTimerCount, startDownload,
} from "../model/network/index";
import { assign } from "../decision/assign";
import { policiesInit, policyDecide, policyKind } from "../policies/index";
import { batchAdd, batchClear, batchInit, decide, decideBatch, finishBatch, handOff, setHandOff } from "./batch";
import { nnSetHostTiers } from "../policies/neural-network";
import { MAX_NETWORK_TIMERS, SLOT_BATCH, SLOT_END, SLOT_NETWORK_TIMERS, SLOT_UTIL } from "./slots";

/** Tests: validate the event queue after every event (slow). */
export let checkQueue: bool = false;

const MIN_TASKS: i32 = 1024;
const TASKS_PER_DEVICE: i32 = 16;

function taskCapacityFor(devices: i32): i32 {
  const want = max(MIN_TASKS, min(devices, (1 << 20) / TASKS_PER_DEVICE) * TASKS_PER_DEVICE);
  return 1 << (32 - clz(want - 1)); // next power of two
}

let arrivalSlotBase: i32 = 0;
let moveSlotBase: i32 = 0;
let vmSlotBase: i32 = 0;
let linkSlotBase: i32 = 0;
let taskSlotBase: i32 = 0;

let resume: i32 = 0;
let resumeTask: i32 = -1;
let hostVm: i32 = -1;
let finished: bool = true;
let created: bool = false;

let inputBuffer: usize = 0;
let inputLen: i32 = 0;

// ---- host protocol ------------------------------------------------------------------------------

/** Forget the previous replica: the engine owns its instance's heap and starts it afresh. */
export function engineReset(): void {
  heap.reset();
  created = false;
  finished = true;
  inputBuffer = 0;
  inputLen = 0;
}

/** A buffer of n f64 for the flat input (call after engineReset). */
export function engineInputPtr(n: i32): usize {
  inputBuffer = alloc(<usize>max(n, 1) << 3);
  inputLen = n;
  return inputBuffer;
}

/** Build the replica from the flat input; 0 on success, else an ERR_* code. */
export function engineCreate(): i32 {
  S.inputStart(inputBuffer, inputLen);
  created = false;
  if (!S.readScenario()) return ERR_INPUT;
  const n = devices;
  arrivalSlotBase = SLOT_NETWORK_TIMERS + MAX_NETWORK_TIMERS;
  moveSlotBase = arrivalSlotBase + n;
  vmSlotBase = moveSlotBase + n;
  linkSlotBase = vmSlotBase + vmCount;
  taskSlotBase = linkSlotBase + 2;
  // The task table starts large enough for most runs (16 live tasks per device): its pages are
  // touched only as rows are used, whereas growing by doubling leaves the old, fully used blocks
  // behind in the bump heap. Task ids do not depend on the capacity.
  const capacity = taskCapacityFor(n);
  queueInit(taskSlotBase + capacity);
  tasksInit(capacity, taskSlotBase);
  metricsInit();
  lifecycleInit();
  mobilityInit();
  workloadInit();
  compute.computeInit(vmSlotBase);
  networkInit(linkSlotBase);
  const policyOk = policiesInit();
  if (!policyOk || !S.inputComplete()) return ERR_INPUT;
  if (networkTimerCount() > MAX_NETWORK_TIMERS) return ERR_TIMERS;
  if (queueLimitHit) return ERR_LIMIT;
  batchInit();
  resume = 0;
  resumeTask = -1;
  hostVm = -1;
  created = true;
  finished = false;
  start();
  return 0;
}

function start(): void {
  queueSchedule(SLOT_END, durationS, PRIORITY_END);
  queueSchedule(SLOT_UTIL, utilIntervalS, PRIORITY_TIMER);
  if (batchIntervalS > 0) queueSchedule(SLOT_BATCH, batchIntervalS, PRIORITY_BATCH);
  networkStart(SLOT_NETWORK_TIMERS);
  for (let d = 0; d < devices; d++) {
    const t = nextArrivalS(d);
    if (t < durationS) queueSchedule(arrivalSlotBase + d, t, PRIORITY_ARRIVAL);
    if (moves) queueSchedule(moveSlotBase + d, getF64(nextMoveS, d), PRIORITY_TIMER);
  }
}

/** Run until the end, or until the host must decide (see the protocol above). */
export function engineRun(): i32 {
  if (!created) return ERR_STATE;
  if (finished) return RUN_DONE;
  if (resume == RUN_DECIDE_BATCH) {
    resume = 0;
    finishBatch();
  } else if (resume == RUN_DECIDE_TASK) {
    resume = 0;
    finishArrival(resumeTask, hostVm);
  }
  for (;;) {
    const slot = queuePop();
    if (slot < 0) break;
    const t = poppedTime;
    // Time never runs backwards (a NaN time or an event in the past is an engine bug: stop).
    if (!(t >= S.now)) {
      finished = true;
      return ERR_QUEUE;
    }
    S.now = t;
    S.eventCount++;
    if (slot == SLOT_END) break;
    dispatch(slot);
    if (resume != 0) return resume;
    if (checkQueue && (queueValidate() != 0 || (queueSize() > 0 && queuePeekTime() < S.now))) {
      finished = true;
      return ERR_QUEUE;
    }
    if (queueLimitHit) {
      finished = true;
      return ERR_LIMIT;
    }
  }
  finished = true;
  return RUN_DONE;
}

export function engineDecideListPtr(): usize {
  return decide.task;
}

export function engineDecideCount(): i32 {
  return decide.count;
}

export function engineDecideTask(): i32 {
  return resumeTask;
}

export function engineSetDecision(vm: i32): void {
  hostVm = vm;
}

// ---- the event loop -----------------------------------------------------------------------------

function dispatch(slot: i32): void {
  if (slot >= taskSlotBase) {
    const task = slot - taskSlotBase;
    if (getI32(tPhase, task) == PHASE_RUNNING) {
      const vm = compute.onTaskEvent(task);
      startDownloads();
      compute.settle(vm);
    } else networkOnTaskEvent(task);
  } else if (slot >= linkSlotBase) networkOnLinkEvent(slot - linkSlotBase);
  else if (slot >= vmSlotBase) {
    const vm = slot - vmSlotBase;
    if (compute.onVmEvent(vm)) {
      startDownloads();
      compute.settle(vm);
    }
  } else if (slot >= moveSlotBase) {
    const d = slot - moveSlotBase;
    move(d, S.now);
    queueSchedule(slot, getF64(nextMoveS, d), PRIORITY_TIMER);
  } else if (slot >= arrivalSlotBase) arrive(slot - arrivalSlotBase);
  else if (slot == SLOT_BATCH) {
    if (decideBatch()) resume = RUN_DECIDE_BATCH;
  } else if (slot == SLOT_UTIL) sampleUtilization();
  else networkOnTimer(slot - SLOT_NETWORK_TIMERS);
}

/**
 * The downloads of the tasks the compute event finished (lifecycle.execDone), in order, before the
 * compute model settles the VM: the order of the former direct calls, so the same event sequence.
 */
// @ts-ignore: decorator
@inline function startDownloads(): void {
  const n = execDoneCount;
  for (let i = 0; i < n; i++) startDownload(execDoneAt(i));
  lifecycle.execDoneCount = 0;
}

// @ts-ignore: decorator
@inline function arrive(d: i32): void {
  const now = S.now;
  const app = getI32(deviceApp, d);
  const task = taskAllocate();
  setI32(tDevice, task, d);
  setI32(tApp, task, app);
  setF64(tLengthMi, task, drawSize(d, getF64(appLengthMi, app)));
  setF64(tUploadKb, task, drawSize(d, getF64(appUploadKb, app)));
  setF64(tDownloadKb, task, drawSize(d, getF64(appDownloadKb, app)));
  setF64(tArrivalS, task, now);
  setF64(tDeadlineS, task, now + getF64(appMaxDelayS, app));
  setI32(tPhase, task, PHASE_WAITING);
  setI32(tCounted, task, now >= warmupS ? 1 : 0);
  lifecycle.generated++;
  networkOnArrival();
  const nextT = nextArrivalS(d);
  if (nextT < durationS) queueSchedule(arrivalSlotBase + d, nextT, PRIORITY_ARRIVAL);
  if (batchIntervalS > 0) {
    // What the batch scan needs, computed once: the same expression the scan would evaluate.
    const fastest = getF64(tLengthMi, task) / (<f64>getI32(appCores, app) * maxMipsPerCore);
    batchAdd(task, app, fastest, getF64(tDeadlineS, task));
    return;
  }
  if (policyKind == POLICY_HOST || handOff) {
    resumeTask = task;
    hostVm = -1;
    resume = RUN_DECIDE_TASK;
    return;
  }
  finishArrival(task, policyDecide(task));
}

// @ts-ignore: decorator
@inline function finishArrival(task: i32, vm: i32): void {
  if (vm < 0 || !assign(task, vm)) lifecycle.rejectAtSubmission(task, FAIL_CAPACITY);
}

function sampleUtilization(): void {
  // after-warmup: samples in [warm-up, end]; whole-run: EdgeCloudSim's, from the first interval to
  // before the end (its stop event runs before a sample due at the same time).
  const cloudStart = cloudVmStart;
  let edge: f64 = 0, cloud: f64 = 0;
  let maxU = getF64(metricScalars, M_MAX_UTIL_PCT), minU = getF64(metricScalars, M_MIN_UTIL_PCT);
  for (let vm = 0; vm < vmCount; vm++) {
    const u = getF64(vmUtilPct, vm);
    if (vm < cloudStart) edge += u;
    else cloud += u;
    if (u > maxU) maxU = u;
    if (u < minU) minU = u;
  }
  const edgeMean = cloudStart > 0 ? edge / <f64>cloudStart : 0, cloudMean = vmCount > cloudStart ? cloud / <f64>(vmCount - cloudStart) : 0;
  seriesAdd(edgeMean, cloudMean, lifecycle.completed, lifecycle.failed); // the time series: the whole run, any window
  if (S.utilWholeRun ? S.now < durationS : S.now >= warmupS) {
    setF64(metricScalars, M_MAX_UTIL_PCT, maxU);
    setF64(metricScalars, M_MIN_UTIL_PCT, minU);
    setF64(metricScalars, M_UTIL_SAMPLES, getF64(metricScalars, M_UTIL_SAMPLES) + 1);
    setF64(metricScalars, M_UTIL_EDGE_SUM, getF64(metricScalars, M_UTIL_EDGE_SUM) + edgeMean);
    setF64(metricScalars, M_UTIL_CLOUD_SUM, getF64(metricScalars, M_UTIL_CLOUD_SUM) + cloudMean);
  }
  queueSchedule(SLOT_UTIL, S.now + utilIntervalS, PRIORITY_TIMER);
}

// ---- what the host reads ------------------------------------------------------------------------

export function engineNow(): f64 {
  return S.now;
}

export function engineGenerated(): f64 {
  return lifecycle.generated;
}

export function engineCompleted(): f64 {
  return lifecycle.completed;
}

export function engineFailed(): f64 {
  return lifecycle.failed;
}

// ---- what-if forks, the hand-off of a built-in policy, the trainer's calls -----------------------

/** Hand batches (or arrivals) of the built-in policy to the host, which decides with engineNativeDecide. */
export function engineSetHandOff(on: i32): void {
  setHandOff(on != 0);
}

/** The built-in policy's choice for one task now (-1: none); the host applies it with engineAssign. */
export function engineNativeDecide(task: i32): i32 {
  return policyKind == POLICY_HOST ? -1 : policyDecide(task);
}

/** Report every task's end to the host (kernel/host.ts taskEnded). */
export function engineSetNotifyEnds(on: i32): void {
  lifecycle.setNotifyEnds(on != 0);
}

/** neural-network only: the host chooses each tier (kernel/host.ts chooseTier) in Algorithm 1. */
export function engineNnHostTiers(on: i32): void {
  nnSetHostTiers(on != 0);
}

/**
 * Freeze the world of a fork: no more arrivals, device moves or batch decisions, and the tasks
 * waiting for a decision are never retried. What is already transferring or queued runs on.
 */
export function engineFreeze(): void {
  for (let d = 0; d < devices; d++) {
    queueCancel(arrivalSlotBase + d);
    queueCancel(moveSlotBase + d);
  }
  queueCancel(SLOT_BATCH);
  batchClear();
  resume = 0;
}

/** Watch one task: its end (completion or failure) stops engineAdvanceUntil and is kept. */
export function engineWatch(task: i32): void {
  lifecycle.watch(task);
}

/**
 * Dispatch events up to `untilS` (inclusive), stopping early when the watched task ends or at the
 * end of the run. 1 when the watched task ended, else 0; ERR_QUEUE on a broken queue.
 */
export function engineAdvanceUntil(untilS: f64): i32 {
  if (!created) return ERR_STATE;
  for (;;) {
    const slot = queuePeek();
    const t = queuePeekTime();
    if (slot < 0 || slot == SLOT_END || t > untilS) break;
    if (!(t >= S.now)) return ERR_QUEUE;
    S.now = t;
    S.eventCount++;
    queuePop();
    dispatch(slot);
    if (lifecycle.watchEnded) break;
  }
  return lifecycle.watchEnded ? 1 : 0;
}

/** The watched task's outcome: 1 when it completed within its deadline. */
export function engineWatchOk(): i32 {
  return lifecycle.watchOk ? 1 : 0;
}

/** The watched task's service time (s); Infinity when it has not ended or missed its deadline. */
export function engineWatchServiceS(): f64 {
  return lifecycle.watchServiceS;
}
