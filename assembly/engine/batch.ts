// Batch decisions with the overflow queue (docs/paper-model.md, Algorithm 1's batches): every batch interval
// the waiting tasks (the overflow, oldest first, then the interval's arrivals) are classified
// (expired: fail; no VM could admit them: held back; else offered to the policy) and decided.
//
// The overflow is two segments, `held` then `rest`, read in that order (tasks no VM could admit
// first, then the ones the policy left waiting), so
// nothing is ever concatenated. `pending` holds this interval's arrivals; `nextHeld`/`nextRest` are
// built by the batch and swapped in; `decide` is the batch's offers in a host turn.
import { alloc, allocI32, getF64, getI32, setF64, setI32 } from "../kernel/mem";
import { queueSchedule } from "../kernel/queue";
import * as S from "../kernel/state";
import { FAIL_CAPACITY, FAIL_DEADLINE, PHASE_WAITING, PRIORITY_BATCH, batchIntervalS, overflowQueue, vmCount } from "../kernel/state";
import { tApp, tPhase } from "../kernel/tasks";
import * as compute from "../model/compute/index";
import { fail } from "../model/lifecycle";
import { assign } from "../decision/assign";
import { POLICY_HOST } from "../kernel/layout.gen";
import { policyCachesRefusals, policyDecide, policyDecideBatch, policyDecidesBatches, policyKind } from "../policies/index";
import {
  EntryList, entryApp, entryAt, entryCopy, entryDeadline, entryFastest, entryList, entryMove, entryPush, entryReserve,
  entryTask,
} from "./entries";
import { SLOT_BATCH } from "./slots";

let pending: EntryList = changetype<EntryList>(0);
let held: EntryList = changetype<EntryList>(0);
let rest: EntryList = changetype<EntryList>(0);
let nextHeld: EntryList = changetype<EntryList>(0);
let nextRest: EntryList = changetype<EntryList>(0);
export let decide: EntryList = changetype<EntryList>(0);
/** "Does any VM admit a task of this app?" at the start of the batch (what the scan classifies by). */
let fitsAtStart: usize = 0; // i32 per app

// "Does any VM admit a task of this app?" cached per app until the state epoch moves.
let fitsEpoch: usize = 0; // f64 per app
let fitsAnywhere: usize = 0; // i32 per app
// Built-in policies whose refusal depends only on the app: "refused at this epoch" per app, valid
// within one batch (policyCachesRefusals).
let refusedEpoch: usize = 0; // f64 per app

/**
 * A built-in policy whose batches (and arrivals, in immediate mode) are still handed to the host,
 * which asks it per task (engineNativeDecide) around its own bookkeeping: the training data's
 * recorder (src/nn/dataset.ts).
 */
export let handOff: bool = false;

export function setHandOff(on: bool): void {
  handOff = on;
}

/** A what-if fork's freeze: the waiting tasks are never offered again. */
export function batchClear(): void {
  pending.count = 0;
  held.count = 0;
  rest.count = 0;
  nextHeld.count = 0;
  nextRest.count = 0;
  decide.count = 0;
}

export function batchInit(): void {
  handOff = false;
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
}

/** An arrival waits for the next batch, with what the batch scan needs computed once. */
export function batchAdd(task: i32, app: i32, fastest: f64, deadline: f64): void {
  entryPush(pending, task, app, fastest, deadline);
}

/** Tasks waiting in the overflow queue. */
export function overflowCount(): i32 {
  return held.count + rest.count;
}

/**
 * Decide the tasks of the last interval plus the overflow queue (oldest first). True when a host
 * policy must decide the offers (engineDecideListPtr) before finishBatch.
 */
export function decideBatch(): bool {
  const k = held.count + rest.count + pending.count;
  entryReserve(nextHeld, k);
  entryReserve(nextRest, k);
  // The specification first classifies every candidate (expired: fail; no VM could admit it:
  // held back; else offered to the policy), then lets the policy decide the offers in order. Its
  // classification sees one state (failing a waiting task changes no VM), so it is a per-app
  // snapshot taken here.
  for (let a = 0; a < S.appCount; a++) setI32(fitsAtStart, a, anyVmFits(a) ? 1 : 0);
  if (policyKind == POLICY_HOST || handOff || policyDecidesBatches()) {
    entryReserve(decide, k);
    scanWaiting(false);
    for (let i = 0; i < decide.count; i++) setI32(decide.task, i, entryTask(entryAt(decide, i)));
    if (policyKind == POLICY_HOST || handOff) return true;
    // A built-in policy that decides whole batches (its own order, per-batch state) gets the offers
    // a host policy would get and then the same bookkeeping.
    policyDecideBatch(decide.task, decide.count);
    finishBatch();
    return false;
  }
  // A built-in policy decides each offer as the scan reaches it: the offers reach it in the same
  // order and see the same state as in the two-pass specification. Only the expired tasks' failures
  // now interleave with the assignments, which changes nothing observable (a waiting task's failure
  // touches no VM; task ids are not part of any result).
  scanWaiting(true);
  if (policyCachesRefusals()) for (let a = 0; a < S.appCount; a++) setF64(refusedEpoch, a, -1);
  closeBatch();
  return false;
}

/** Scans the overflow queue (held back, then refused) and the new arrivals, oldest first. */
function scanWaiting(offerNow: bool): void {
  scan(held, offerNow);
  scan(rest, offerNow);
  scan(pending, offerNow);
}

/**
 * Classifies and empties one list: an expired task fails, a task no VM could admit at the batch
 * start is held back, any other is an offer: decided by the built-in policy at once (offerNow) or
 * collected in `decide` for a host policy or a policy that decides whole batches.
 */
function scan(list: EntryList, offerNow: bool): void {
  const now = S.now;
  const n = list.count;
  const caches = offerNow && policyCachesRefusals();
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
    if (!offerNow) {
      entryCopy(decide, e);
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
  list.count = 0;
}

/** After a host turn: keep what the host's policy left waiting (held first, then the offers). */
export function finishBatch(): void {
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

/** Could any VM admit a task of this app now? Cached per app until a VM gains or loses a task. */
// @ts-ignore: decorator
@inline export function anyVmFits(app: i32): bool {
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

/** For the host's view: could any VM admit the task now? */
export function engineAnyVmFits(task: i32): bool {
  return anyVmFits(getI32(tApp, task));
}
