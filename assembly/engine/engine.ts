// One replica (src/engine/replica.ts): the clock, the event loop, the task life cycle
// (arrive → decide → upload → queue/execute → download → complete | fail) and the batch decisions
// with the overflow queue. The model modules own everything else and call back here.
//
// Host protocol (src/engine/wasm/engine.ts): engineReset, write the flat input at
// engineInputPtr(n), engineCreate, then call engineRun until it returns RUN_DONE. With a TypeScript
// policy it returns RUN_DECIDE_BATCH (the batch's candidates are at engineDecideListPtr /
// engineDecideCount: decide them, assigning with engineAssign) or RUN_DECIDE_TASK (immediate mode:
// decide engineDecideTask, report with engineSetDecision); the next engineRun resumes where it
// stopped. Returning instead of calling an import keeps the module import-free (besides abort), so
// every loader of build/mecbench.wasm can instantiate it (the DQN trainer's calls in host.ts are
// the exception, off unless the host switches them on).
import { alloc, allocI32, allocRaw, getF64, getI32, regrow, setF64, setI32 } from "./mem";
import {
  queueBeginDispatch, queueCancel, queueEndDispatch, queueInit, queueLimitHit, queuePeek, queuePeekTime, queuePop, queueSchedule,
  queueSize, queueValidate,
} from "./queue";
import * as S from "./state";
import {
  FAIL_CAPACITY, FAIL_DEADLINE, PHASE_QUEUED, PHASE_RUNNING, PHASE_UPLOADING, PHASE_WAITING, PRIORITY_ARRIVAL,
  PRIORITY_BATCH, PRIORITY_END, PRIORITY_TIMER, appCores, appDownloadKb, appLengthMi, appMaxDelayS, appUploadKb,
  batchIntervalS, cloudVmStart, devices, durationS, maxMipsPerCore, overflowQueue, tierOf, utilIntervalS, vmCount, warmupS,
} from "./state";
import {
  tAccessPoint, tApp, tArrivalS, tAssignedS, tCounted, tDeadlineS, tDevice, tDownloadKb, tDownloadS, tExecS, tLengthMi,
  tLinkS, tManS, tPhase, tQueueS, tTier, tUploadKb, tUploadS, tWanS, tWlanS, resetTaskTimes, taskAllocate, taskCapacity,
  taskRelease, tasksInit,
} from "./tasks";
import {
  F_COMPLETED, F_DECISIONS, F_DOWNLOAD, F_EXEC, F_FAILED0, F_LINK, F_MAN, F_MIN_DURATION, F_NETWORK, F_PROCESSING,
  F_QUEUE, F_SERVICE, F_SERVICE_SQ, F_UPLOAD, F_WAIT, F_WAN, F_WLAN, M_MAX_UTIL, M_MIN_UTIL, M_UTIL_CLOUD_SUM,
  M_UTIL_EDGE_SUM, M_UTIL_SAMPLES, metricAdd, metricRow, metricRows, metricScalars, metricsInit,
} from "./metrics";
import { deviceApp, drawSize, nextArrivalS, workloadInit } from "./workload";
import { deviceAccessPoint, mobilityInit, move, moves, nextMoveS } from "./mobility";
import * as compute from "./compute";
import { hostTaskEnded } from "./host";
import { nnSetHostTiers } from "./policy-nn";
import {
  networkInit, networkOnArrival, networkOnLinkEvent, networkOnTaskEvent, networkOnTimer, networkStart, networkTimerCount, startDownload,
  startUpload,
} from "./network";
import {
  POLICY_HOST, policiesInit, policyCachesRefusals, policyDecide, policyDecideBatch, policyDecidesBatches, policyKind,
} from "./policies";

export const RUN_DONE: i32 = 0;
export const RUN_DECIDE_BATCH: i32 = 1;
export const RUN_DECIDE_TASK: i32 = 2;
export const ERR_INPUT: i32 = -1;
export const ERR_TIMERS: i32 = -2;
export const ERR_STATE: i32 = -3;
export const ERR_LIMIT: i32 = -4;
export const ERR_QUEUE: i32 = -5;
/** Tests: validate the event queue after every event (slow). */
export let checkQueue: bool = false;

const SLOT_END: i32 = 0;
const SLOT_BATCH: i32 = 1;
const SLOT_UTIL: i32 = 2;
const SLOT_NETWORK_TIMERS: i32 = 3;
const MAX_NETWORK_TIMERS: i32 = 4;
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

export let generated: f64 = 0;
export let completed: f64 = 0;
export let failed: f64 = 0;

// Batch lists of 24-byte entries (fastest possible execution, deadline, task, app), so the overflow
// re-scan every batch reads memory sequentially instead of chasing task ids. The overflow is two
// segments, `held` then `rest`, read in that order (the order the TypeScript engine keeps it in:
// tasks no VM could admit first, then the ones the policy left waiting), so nothing is ever
// concatenated. `pending` holds this interval's arrivals; `nextHeld`/`nextRest` are built by the
// batch and swapped in; `decide` is the batch's offers in a host turn.
let pending: EntryList = changetype<EntryList>(0);
let held: EntryList = changetype<EntryList>(0);
let rest: EntryList = changetype<EntryList>(0);
let nextHeld: EntryList = changetype<EntryList>(0);
let nextRest: EntryList = changetype<EntryList>(0);
let decide: EntryList = changetype<EntryList>(0);
/** "Does any VM admit a task of this app?" at the start of the batch (what the scan classifies by). */
let fitsAtStart: usize = 0; // i32 per app

// "Does any VM admit a task of this app?" cached per app until the state epoch moves.
let fitsEpoch: usize = 0; // f64 per app
let fitsAnywhere: usize = 0; // i32 per app
// Built-in policies whose refusal depends only on the app: "refused at this epoch" per app, valid
// within one batch (policyCachesRefusals).
let refusedEpoch: usize = 0; // f64 per app

let resume: i32 = 0;
let resumeTask: i32 = -1;
let hostVm: i32 = -1;
let finished: bool = true;
let created: bool = false;

let inputBuffer: usize = 0;
let inputLen: i32 = 0;

// What-if forks (src/nn/dataset.ts): the host snapshots this instance (memory + mutable globals,
// src/engine/wasm/snapshot.ts), restores it into a second instance, forces one task there and
// watches it end. Hand-off: a built-in policy whose batches (or arrivals) are still handed to the
// host, which asks it per task (engineNativeDecide) around its own bookkeeping.
let handOff: bool = false;
/** Tell the host of every task's end (host.ts taskEnded): the DQN trainer's rewards. */
let notifyEnds: bool = false;
let watchTask: i32 = -1;
let watchEnded: bool = false;
let watchOk: bool = false;
let watchServiceS: f64 = Infinity;

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
  S.readerStart(inputBuffer, inputLen);
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
  mobilityInit();
  workloadInit();
  compute.computeInit(vmSlotBase);
  networkInit(linkSlotBase);
  const policyOk = policiesInit();
  if (!policyOk || !S.readerComplete()) return ERR_INPUT;
  if (networkTimerCount() > MAX_NETWORK_TIMERS) return ERR_TIMERS;
  if (queueLimitHit) return ERR_LIMIT;
  const apps = S.appCount;
  fitsEpoch = alloc(<usize>apps << 3);
  for (let a = 0; a < apps; a++) setF64(fitsEpoch, a, -1);
  fitsAnywhere = allocI32(apps);
  refusedEpoch = alloc(<usize>apps << 3);
  for (let a = 0; a < apps; a++) setF64(refusedEpoch, a, -1);
  pending = entryList(256);
  held = entryList(256);
  rest = entryList(256);
  nextHeld = entryList(256);
  nextRest = entryList(256);
  decide = entryList(256);
  fitsAtStart = allocI32(apps);
  generated = 0;
  completed = 0;
  failed = 0;
  resume = 0;
  resumeTask = -1;
  hostVm = -1;
  handOff = false;
  notifyEnds = false;
  watchTask = -1;
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
    if (queueSize == 0) break;
    const t = queuePeekTime();
    // Time never runs backwards (a NaN time or an event in the past is an engine bug: stop).
    if (!(t >= S.now)) {
      finished = true;
      return ERR_QUEUE;
    }
    S.now = t;
    S.eventCount++;
    // The event stays in the heap while it is handled (see queueBeginDispatch): same order as
    // popping it first, cheaper when the handler re-schedules its own slot.
    const slot = queueBeginDispatch();
    if (slot == SLOT_END) {
      queuePop();
      break;
    }
    dispatch(slot);
    queueEndDispatch(slot);
    if (resume != 0) return resume;
    if (checkQueue && (queueValidate() != 0 || (queueSize > 0 && queuePeekTime() < S.now))) {
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
    if (getI32(tPhase, task) == PHASE_RUNNING) compute.onTaskEvent(task);
    else networkOnTaskEvent(task);
  } else if (slot >= linkSlotBase) networkOnLinkEvent(slot - linkSlotBase);
  else if (slot >= vmSlotBase) compute.onVmEvent(slot - vmSlotBase);
  else if (slot >= moveSlotBase) {
    const d = slot - moveSlotBase;
    move(d, S.now);
    queueSchedule(slot, getF64(nextMoveS, d), PRIORITY_TIMER);
  } else if (slot >= arrivalSlotBase) arrive(slot - arrivalSlotBase);
  else if (slot == SLOT_BATCH) decideBatch();
  else if (slot == SLOT_UTIL) sampleUtilization();
  else networkOnTimer(slot - SLOT_NETWORK_TIMERS);
}

function arrive(d: i32): void {
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
  generated++;
  networkOnArrival();
  const nextT = nextArrivalS(d);
  if (nextT < durationS) queueSchedule(arrivalSlotBase + d, nextT, PRIORITY_ARRIVAL);
  if (batchIntervalS > 0) {
    // What the batch scan needs, computed once: the same expression the scan would evaluate.
    const fastest = getF64(tLengthMi, task) / (<f64>getI32(appCores, app) * maxMipsPerCore);
    entryPush(pending, task, app, fastest, getF64(tDeadlineS, task));
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

function finishArrival(task: i32, vm: i32): void {
  if (vm < 0 || !assign(task, vm)) rejectAtSubmission(task, FAIL_CAPACITY);
}

/** A task fails as it is submitted (no VM, or no bandwidth for its first upload leg). */
export function rejectAtSubmission(task: i32, reason: i32): void {
  if (S.countWarmupRejections) setI32(tCounted, task, 1);
  fail(task, reason);
}

/** Decide the tasks of the last interval plus the overflow queue (oldest first). */
function decideBatch(): void {
  const k = held.count + rest.count + pending.count;
  entryReserve(nextHeld, k);
  entryReserve(nextRest, k);
  // The TypeScript engine first classifies every candidate (expired: fail; no VM could admit it:
  // held back; else offered to the policy), then lets the policy decide the offers in order. Its
  // classification sees one state (failing a waiting task changes no VM), so it is a per-app
  // snapshot taken here.
  for (let a = 0; a < S.appCount; a++) setI32(fitsAtStart, a, anyVmFits(a) ? 1 : 0);
  if (policyKind == POLICY_HOST || handOff || policyDecidesBatches()) {
    entryReserve(decide, k);
    scanForHost(held);
    scanForHost(rest);
    scanForHost(pending);
    held.count = 0;
    rest.count = 0;
    pending.count = 0;
    for (let i = 0; i < decide.count; i++) setI32(decide.task, i, entryTask(entryAt(decide, i)));
    if (policyKind == POLICY_HOST || handOff) {
      resume = RUN_DECIDE_BATCH;
      return;
    }
    // A built-in policy that decides whole batches (its own order, per-batch state) gets the offers
    // a host policy would get and then the same bookkeeping: the TypeScript engine's sequence.
    policyDecideBatch(decide.task, decide.count);
    finishBatch();
    return;
  }
  // A built-in policy decides each offer as the scan reaches it: the offers reach it in the same
  // order and see the same state as in the two-pass TypeScript loop. Only the expired tasks' failures
  // now interleave with the assignments, which changes nothing observable (a waiting task's failure
  // touches no VM; task ids are not part of any result).
  decideAll(held);
  decideAll(rest);
  decideAll(pending);
  held.count = 0;
  rest.count = 0;
  pending.count = 0;
  if (policyCachesRefusals()) for (let a = 0; a < S.appCount; a++) setF64(refusedEpoch, a, -1);
  closeBatch();
}

function decideAll(list: EntryList): void {
  const now = S.now;
  const n = list.count;
  const caches = policyCachesRefusals();
  for (let i = 0; i < n; i++) {
    const e = entryAt(list, i);
    if (now + entryFastest(e) > entryDeadline(e)) {
      fail(entryTask(e), FAIL_DEADLINE);
      continue;
    }
    const app = entryApp(e);
    if (getI32(fitsAtStart, app) == 0) {
      entryCopy(nextHeld, e);
      continue;
    }
    // The policy's refusal of an app stays valid until the state moves (policyCachesRefusals).
    if (!caches || getF64(refusedEpoch, app) != S.stateEpoch) {
      if (anyVmFits(app)) {
        const vm = policyDecide(entryTask(e));
        if (vm >= 0) {
          // A built-in policy leaves every other waiting task alone, so a task is still waiting
          // exactly when it was not assigned.
          if (assign(entryTask(e), vm)) continue;
        } else if (caches) setF64(refusedEpoch, app, S.stateEpoch);
      }
    }
    entryCopy(nextRest, e);
  }
}

function scanForHost(list: EntryList): void {
  const now = S.now;
  const n = list.count;
  for (let i = 0; i < n; i++) {
    const e = entryAt(list, i);
    if (now + entryFastest(e) > entryDeadline(e)) {
      fail(entryTask(e), FAIL_DEADLINE);
      continue;
    }
    if (getI32(fitsAtStart, entryApp(e)) != 0) entryCopy(decide, e);
    else entryCopy(nextHeld, e);
  }
}

/** After a host turn: keep what the TypeScript policy left waiting (held first, then the offers). */
function finishBatch(): void {
  const h = nextHeld;
  let w = 0;
  for (let i = 0; i < h.count; i++) {
    const e = entryAt(h, i);
    if (getI32(tPhase, entryTask(e)) != PHASE_WAITING) continue;
    entryMove(entryAt(h, w++), e);
  }
  h.count = w;
  const n = decide.count;
  for (let i = 0; i < n; i++) {
    const e = entryAt(decide, i);
    if (getI32(tPhase, entryTask(e)) != PHASE_WAITING) continue;
    entryCopy(nextRest, e);
  }
  decide.count = 0;
  closeBatch();
}

/** The waiting tasks become the overflow (or fail when there is none); schedule the next batch. */
function closeBatch(): void {
  if (!overflowQueue) {
    for (let i = 0; i < nextHeld.count; i++) fail(entryTask(entryAt(nextHeld, i)), FAIL_CAPACITY);
    for (let i = 0; i < nextRest.count; i++) fail(entryTask(entryAt(nextRest, i)), FAIL_CAPACITY);
    nextHeld.count = 0;
    nextRest.count = 0;
  }
  let t = held;
  held = nextHeld;
  nextHeld = t;
  t = rest;
  rest = nextRest;
  nextRest = t;
  queueSchedule(SLOT_BATCH, S.now + batchIntervalS, PRIORITY_BATCH);
}

/** Could any VM admit this task now? Cached per app until a VM gains or loses a task. */
// @ts-ignore: decorator
@inline function anyVmFits(app: i32): bool {
  if (getF64(fitsEpoch, app) == S.stateEpoch) return getI32(fitsAnywhere, app) == 1;
  return scanFits(app);
}

function scanFits(app: i32): bool {
  let ok = 0;
  for (let vm = 0; vm < vmCount && ok == 0; vm++) if (compute.fitsApp(app, vm)) ok = 1;
  setF64(fitsEpoch, app, S.stateEpoch);
  setI32(fitsAnywhere, app, ok);
  return ok == 1;
}

/** Apply one decision: bind the task to the VM and start its upload. False when the VM refuses. */
export function assign(task: i32, vm: i32): bool {
  if (!(vm >= 0 && vm < vmCount) || getI32(tPhase, task) != PHASE_WAITING) return false;
  if (!compute.fits(task, vm)) return false;
  resetTaskTimes(task);
  const ap = getI32(deviceAccessPoint, getI32(tDevice, task));
  setI32(tAccessPoint, task, ap);
  const tier = tierOf(vm, ap);
  setI32(tTier, task, tier);
  setF64(tAssignedS, task, S.now);
  compute.bind(task, vm);
  S.stateEpoch++;
  if (getI32(tCounted, task) != 0) metricAdd(metricRow(getI32(tApp, task), tier) + F_DECISIONS, 1);
  startUpload(task);
  return true;
}

export function uploadDone(task: i32): void {
  compute.submit(task);
}

export function execDone(task: i32): void {
  S.stateEpoch++;
  startDownload(task);
}

export function downloadDone(task: i32): void {
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
  if (getI32(tCounted, task) != 0) record(task);
  release(task);
}

export function fail(task: i32, reason: i32): void {
  if (notifyEnds) hostTaskEnded(task, 1, reason);
  if (task == watchTask && !watchEnded) {
    watchEnded = true;
    watchOk = false;
    watchServiceS = reason == FAIL_DEADLINE ? Infinity : S.now - getF64(tArrivalS, task);
  }
  const phase = getI32(tPhase, task);
  if (phase == PHASE_UPLOADING) {
    compute.unbind(task);
    S.stateEpoch++;
  } else if (phase == PHASE_QUEUED) {
    // fifo-cores dropped an expired queued task and released its memory.
    S.stateEpoch++;
  }
  failed++;
  if (getI32(tCounted, task) != 0) metricAdd(metricRow(getI32(tApp, task), getI32(tTier, task)) + F_FAILED0 + reason, 1);
  release(task);
}

function release(task: i32): void {
  queueCancel(taskSlotBase + task);
  taskRelease(task);
}

function record(task: i32): void {
  const o = metricRow(getI32(tApp, task), getI32(tTier, task));
  const service = S.now - getF64(tArrivalS, task);
  const upload = getF64(tUploadS, task), download = getF64(tDownloadS, task);
  const network = upload + download;
  const wait = getF64(tAssignedS, task) - getF64(tArrivalS, task);
  const queue = getF64(tQueueS, task), exec = getF64(tExecS, task);
  metricAdd(o + F_COMPLETED, 1);
  metricAdd(o + F_SERVICE, service);
  metricAdd(o + F_SERVICE_SQ, service * service);
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

function sampleUtilization(): void {
  // after-warmup: samples in [warm-up, end]; whole-run: EdgeCloudSim's, from the first interval to
  // before the end (its stop event runs before a sample due at the same time).
  if (S.utilWholeRun ? S.now < durationS : S.now >= warmupS) {
    const cloudStart = cloudVmStart;
    let edge: f64 = 0, cloud: f64 = 0;
    let maxU = getF64(metricScalars, M_MAX_UTIL), minU = getF64(metricScalars, M_MIN_UTIL);
    for (let vm = 0; vm < vmCount; vm++) {
      const u = getF64(compute.vmUtilPct, vm);
      if (vm < cloudStart) edge += u;
      else cloud += u;
      if (u > maxU) maxU = u;
      if (u < minU) minU = u;
    }
    setF64(metricScalars, M_MAX_UTIL, maxU);
    setF64(metricScalars, M_MIN_UTIL, minU);
    setF64(metricScalars, M_UTIL_SAMPLES, getF64(metricScalars, M_UTIL_SAMPLES) + 1);
    setF64(metricScalars, M_UTIL_EDGE_SUM, getF64(metricScalars, M_UTIL_EDGE_SUM) + (cloudStart > 0 ? edge / <f64>cloudStart : 0));
    setF64(
      metricScalars, M_UTIL_CLOUD_SUM,
      getF64(metricScalars, M_UTIL_CLOUD_SUM) + (vmCount > cloudStart ? cloud / <f64>(vmCount - cloudStart) : 0),
    );
  }
  queueSchedule(SLOT_UTIL, S.now + utilIntervalS, PRIORITY_TIMER);
}

// ---- what-if forks and the hand-off of a built-in policy -------------------------------------------

/** Hand batches (or arrivals) of the built-in policy to the host, which decides with engineNativeDecide. */
export function engineSetHandOff(on: i32): void {
  handOff = on != 0;
}

/** Report every task's end to the host (host.ts). */
export function engineSetNotifyEnds(on: i32): void {
  notifyEnds = on != 0;
}

/** neural-network only: the host chooses each tier (host.ts chooseTier) in Algorithm 1. */
export function engineNnHostTiers(on: i32): void {
  nnSetHostTiers(on != 0);
}

/** The built-in policy's choice for one task now (-1: none); the host applies it with engineAssign. */
export function engineNativeDecide(task: i32): i32 {
  return policyKind == POLICY_HOST ? -1 : policyDecide(task);
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
  pending.count = 0;
  held.count = 0;
  rest.count = 0;
  nextHeld.count = 0;
  nextRest.count = 0;
  decide.count = 0;
  resume = 0;
}

/** Watch one task: its end (completion or failure) stops engineAdvanceUntil and is kept. */
export function engineWatch(task: i32): void {
  watchTask = task;
  watchEnded = false;
  watchOk = false;
  watchServiceS = Infinity;
}

/**
 * Dispatch events up to `untilS` (inclusive), stopping early when the watched task ends or at the
 * end of the run. 1 when the watched task ended, else 0; ERR_QUEUE on a broken queue.
 */
export function engineAdvanceUntil(untilS: f64): i32 {
  if (!created) return ERR_STATE;
  for (;;) {
    if (queueSize == 0) break;
    const slot = queuePeek();
    const t = queuePeekTime();
    if (slot == SLOT_END || t > untilS) break;
    if (!(t >= S.now)) return ERR_QUEUE;
    S.now = t;
    S.eventCount++;
    queueBeginDispatch();
    dispatch(slot);
    queueEndDispatch(slot);
    if (watchEnded) break;
  }
  return watchEnded ? 1 : 0;
}

/** The watched task's outcome: 1 when it completed within its deadline. */
export function engineWatchOk(): i32 {
  return watchOk ? 1 : 0;
}

/** The watched task's service time (s); Infinity when it has not ended or missed its deadline. */
export function engineWatchServiceS(): f64 {
  return watchServiceS;
}

// ---- what the host reads ------------------------------------------------------------------------

export function engineNow(): f64 {
  return S.now;
}

export function engineGenerated(): f64 {
  return generated;
}

export function engineCompleted(): f64 {
  return completed;
}

export function engineFailed(): f64 {
  return failed;
}

export function engineAnyVmFits(task: i32): bool {
  return anyVmFits(getI32(tApp, task));
}

export function engineOverflowCount(): i32 {
  return held.count + rest.count;
}

// ---- entry lists ----------------------------------------------------------------------------------
// An entry is 24 bytes: fastest (f64), deadline (f64), task (i32), app (i32). The decide list also
// keeps the task ids contiguous (`task`, i32) for the host, which reads them as an Int32Array.

const ENTRY: usize = 24;

@unmanaged
class EntryList {
  data: usize;
  task: usize; // i32 per entry: the ids alone, for the host (decide list only)
  count: i32;
  cap: i32;
}

function entryList(cap: i32): EntryList {
  const l = changetype<EntryList>(alloc(offsetof<EntryList>()));
  l.data = allocRaw(<usize>cap * ENTRY); // entries are written before read
  l.task = allocRaw(<usize>cap << 2);
  l.count = 0;
  l.cap = cap;
  return l;
}

/** Room for at least n entries, keeping the current ones. */
function entryReserve(l: EntryList, n: i32): void {
  if (n <= l.cap) return;
  const cap = max(n, l.cap * 2);
  l.data = regrow(l.data, <usize>l.count * ENTRY, <usize>cap * ENTRY);
  l.task = regrow(l.task, <usize>l.count << 2, <usize>cap << 2);
  l.cap = cap;
}

// @ts-ignore: decorator
@inline function entryAt(l: EntryList, i: i32): usize {
  return l.data + <usize>i * ENTRY;
}

// @ts-ignore: decorator
@inline function entryFastest(e: usize): f64 {
  return load<f64>(e);
}

// @ts-ignore: decorator
@inline function entryDeadline(e: usize): f64 {
  return load<f64>(e, 8);
}

// @ts-ignore: decorator
@inline function entryTask(e: usize): i32 {
  return load<i32>(e, 16);
}

// @ts-ignore: decorator
@inline function entryApp(e: usize): i32 {
  return load<i32>(e, 20);
}

function entryPush(l: EntryList, task: i32, app: i32, fastest: f64, deadline: f64): void {
  if (l.count == l.cap) entryReserve(l, l.count + 1);
  const e = entryAt(l, l.count++);
  store<f64>(e, fastest);
  store<f64>(e, deadline, 8);
  store<i32>(e, task, 16);
  store<i32>(e, app, 20);
}

/** Append entry e to `to` (room reserved by the caller). */
// @ts-ignore: decorator
@inline function entryCopy(to: EntryList, e: usize): void {
  entryMove(entryAt(to, to.count++), e);
}

// @ts-ignore: decorator
@inline function entryMove(to: usize, e: usize): void {
  v128.store(to, v128.load(e));
  store<u64>(to, load<u64>(e, 16), 16);
}
