// Test hooks (test/wasm-*.test.ts): drive single concepts of the engine from the host. They work
// on the same state as a replica, so use an engine instance of their own.
import { alloc, allocI32, setF64, setI32 } from "./kernel/mem";
import { ln } from "./kernel/math";
import { histBin } from "./kernel/metrics";
import { Fis, FisMemo, classFiring, classify, defuzzify, fisMemo, fisRead, memoFiring } from "./policies/fuzzy";
import {
  queueCancel, queueEnsureSlots, queueInit, queuePop, queueSchedule, queueSize, queueIsScheduled,
} from "./kernel/queue";
import * as S from "./kernel/state";
import * as E from "./engine/loop";
import * as W from "./model/workload";
import { queuePeek, queuePeekTime, queueValidate } from "./kernel/queue";
import { PHASE_WAITING } from "./kernel/state";
import { tApp, tArrivalS, tDeadlineS, tDevice, tDownloadKb, tLengthMi, tPhase, tUploadKb, taskAllocate } from "./kernel/tasks";

export function testQueueInit(slots: i32): void {
  heap.reset();
  queueInit(slots);
}

export function testQueueEnsureSlots(slots: i32): void {
  queueEnsureSlots(slots);
}

export function testQueueSchedule(slot: i32, time: f64, priority: i32): void {
  queueSchedule(slot, time, priority);
}

export function testQueueCancel(slot: i32): void {
  queueCancel(slot);
}

export function testQueuePop(): i32 {
  return queuePop();
}

export function testQueueSize(): i32 {
  return queueSize();
}

export function testQueueIsScheduled(slot: i32): i32 {
  return queueIsScheduled(slot) ? 1 : 0;
}

/** Natural log as the engine computes it (math.ts). */
export function testLn(x: f64): f64 {
  return ln(x);
}

/** The service-time histogram's bin of x (kernel/metrics.ts). */
export function testHistBin(x: f64): i32 {
  return histBin(x);
}

/** After engineCreate: a waiting task with the given attributes (the engine's clock is set to `now`). */
export function testTaskCreate(
  device: i32, app: i32, lengthMi: f64, uploadKb: f64, downloadKb: f64, arrivalS: f64, deadlineS: f64, now: f64,
): i32 {
  const task = taskAllocate();
  setI32(tDevice, task, device);
  setI32(tApp, task, app);
  setF64(tLengthMi, task, lengthMi);
  setF64(tUploadKb, task, uploadKb);
  setF64(tDownloadKb, task, downloadKb);
  setF64(tArrivalS, task, arrivalS);
  setF64(tDeadlineS, task, deadlineS);
  setI32(tPhase, task, PHASE_WAITING);
  S.now = now;
  return task;
}

/** A scratch i32 buffer of n entries (e.g. the tier call's output). */
export function testAllocI32(n: i32): usize {
  return allocI32(n);
}

export function testAlloc(bytes: i32): usize {
  return alloc(<usize>bytes);
}

/** Validate the event queue after every event of the next runs (ERR_QUEUE on the first violation). */
export function testCheckQueue(on: i32): void {
  E.checkQueue = on != 0;
}

export function testQueueValidate(): i32 {
  return queueValidate();
}

export function testQueueTop(): i32 {
  return queuePeek();
}

export function testQueueTopTime(): f64 {
  return queuePeekTime();
}

/** Workload state of device d: [app, last arrival (s), start of the active period (s)] into out (f64[3]). */
export function testDeviceArrival(d: i32, out: usize): void {
  W.workloadState(d, out);
}

/** A rule base read from f64 parameters at `params` (src/policies/fuzzy/encode.ts encodeFis layout). */
export function testFisRead(params: usize): usize {
  return changetype<usize>(fisRead(params, 0));
}

/** classFiring then defuzzify on f64 inputs: the crisp output (argmax: the term index or the default). */
export function testFisEvaluate(fis: usize, inputs: usize): f64 {
  const f = changetype<Fis>(fis);
  classFiring(f, inputs);
  return defuzzify(f, f.firing);
}

/** The firings (f64 per output term) left by the last testFisEvaluate. */
export function testFisFiringPtr(fis: usize): usize {
  return changetype<Fis>(fis).firing;
}

export function testFisClassify(fis: usize, output: f64): i32 {
  return classify(changetype<Fis>(fis), output);
}

/** A firing memo over a rule base read by testFisRead, with `taskInput` the per-task input (-1: none). */
export function testFisMemo(fis: usize, taskInput: i32): usize {
  return changetype<usize>(fisMemo(changetype<Fis>(fis), taskInput));
}

/** memoFiring on f64 inputs; the firings are left where testFisFiringPtr points. */
export function testFisMemoFiring(memo: usize, inputs: usize): void {
  memoFiring(changetype<FisMemo>(memo), inputs);
}

// neural-network (policies/neural-network.ts): features, feasible lists and VM scores on the live state.
export { nnTestTierRow, nnTestFeasible, nnTestScores, nnTestVmRow } from "./policies/neural-network";
