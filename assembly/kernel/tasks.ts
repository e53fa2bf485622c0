// Tasks in flight as a struct of arrays with a free list (src/engine/tasks.ts): a finished task's
// row is reused, so memory follows the number of live tasks. Rows grow by doubling; the event
// queue then gets the matching task slots. Column order is the host's (src/engine/wasm/layout.ts):
// field k of the f64 columns is at taskColumnPtr(k), the i32 columns follow at 100 + k.
import { allocRaw, regrow, setF64, setI32, getI32 } from "./mem";
import { queueEnsureSlots } from "./queue";
import { PHASE_FREE } from "./state";

export let tLengthMi: usize = 0;
export let tUploadKb: usize = 0;
export let tDownloadKb: usize = 0;
export let tArrivalS: usize = 0;
export let tDeadlineS: usize = 0;
export let tAssignedS: usize = 0;
export let tUploadS: usize = 0;
export let tDownloadS: usize = 0;
export let tEnqueuedS: usize = 0;
export let tQueueS: usize = 0;
export let tExecStartS: usize = 0;
export let tExecS: usize = 0;
export let tWlanS: usize = 0;
export let tManS: usize = 0;
export let tWanS: usize = 0;
export let tLinkS: usize = 0;
export let tLegStartS: usize = 0;
export let tLegDelayS: usize = 0;
export let tVirtualFinish: usize = 0;
export let tRemaining: usize = 0;

export let tDevice: usize = 0;
export let tApp: usize = 0;
export let tVm: usize = 0;
export let tTier: usize = 0;
export let tAccessPoint: usize = 0;
export let tPhase: usize = 0;
export let tLeg: usize = 0;
export let tNext: usize = 0;
export let tPrev: usize = 0;
export let tCounted: usize = 0;

export let taskCapacity: i32 = 0;
export let taskLive: i32 = 0;
let freeHead: i32 = -1;
let used: i32 = 0;
/** Event slot of task t is taskSlotBase + t (set by the engine before the first allocation). */
export let taskSlotBase: i32 = 0;

export function taskColumnPtr(field: i32): usize {
  switch (field) {
    case 0: return tLengthMi;
    case 1: return tUploadKb;
    case 2: return tDownloadKb;
    case 3: return tArrivalS;
    case 4: return tDeadlineS;
    case 5: return tAssignedS;
    case 6: return tUploadS;
    case 7: return tDownloadS;
    case 8: return tEnqueuedS;
    case 9: return tQueueS;
    case 10: return tExecStartS;
    case 11: return tExecS;
    case 12: return tWlanS;
    case 13: return tManS;
    case 14: return tWanS;
    case 15: return tLinkS;
    case 16: return tLegStartS;
    case 17: return tLegDelayS;
    case 18: return tVirtualFinish;
    case 19: return tRemaining;
    case 100: return tDevice;
    case 101: return tApp;
    case 102: return tVm;
    case 103: return tTier;
    case 104: return tAccessPoint;
    case 105: return tPhase;
    case 106: return tLeg;
    case 107: return tNext;
    case 108: return tPrev;
    case 109: return tCounted;
  }
  return 0;
}

// Rows are written by taskAllocate before use, so the columns need no zero fill.
function growF64(p: usize, n: i32): usize {
  return p == 0 ? allocRaw(<usize>n << 3) : regrow(p, <usize>taskCapacity << 3, <usize>n << 3);
}

function growI32(p: usize, n: i32): usize {
  return p == 0 ? allocRaw(<usize>n << 2) : regrow(p, <usize>taskCapacity << 2, <usize>n << 2);
}

function resize(n: i32): void {
  tLengthMi = growF64(tLengthMi, n);
  tUploadKb = growF64(tUploadKb, n);
  tDownloadKb = growF64(tDownloadKb, n);
  tArrivalS = growF64(tArrivalS, n);
  tDeadlineS = growF64(tDeadlineS, n);
  tAssignedS = growF64(tAssignedS, n);
  tUploadS = growF64(tUploadS, n);
  tDownloadS = growF64(tDownloadS, n);
  tEnqueuedS = growF64(tEnqueuedS, n);
  tQueueS = growF64(tQueueS, n);
  tExecStartS = growF64(tExecStartS, n);
  tExecS = growF64(tExecS, n);
  tWlanS = growF64(tWlanS, n);
  tManS = growF64(tManS, n);
  tWanS = growF64(tWanS, n);
  tLinkS = growF64(tLinkS, n);
  tLegStartS = growF64(tLegStartS, n);
  tLegDelayS = growF64(tLegDelayS, n);
  tVirtualFinish = growF64(tVirtualFinish, n);
  tRemaining = growF64(tRemaining, n);
  tDevice = growI32(tDevice, n);
  tApp = growI32(tApp, n);
  tVm = growI32(tVm, n);
  tTier = growI32(tTier, n);
  tAccessPoint = growI32(tAccessPoint, n);
  tPhase = growI32(tPhase, n);
  tLeg = growI32(tLeg, n);
  tNext = growI32(tNext, n);
  tPrev = growI32(tPrev, n);
  tCounted = growI32(tCounted, n);
  taskCapacity = n;
}

export function tasksInit(capacity: i32, slotBase: i32): void {
  tLengthMi = tUploadKb = tDownloadKb = tArrivalS = tDeadlineS = tAssignedS = tUploadS = tDownloadS = 0;
  tEnqueuedS = tQueueS = tExecStartS = tExecS = tWlanS = tManS = tWanS = tLinkS = 0;
  tLegStartS = tLegDelayS = tVirtualFinish = tRemaining = 0;
  tDevice = tApp = tVm = tTier = tAccessPoint = tPhase = tLeg = tNext = tPrev = tCounted = 0;
  taskCapacity = 0;
  resize(capacity);
  taskLive = 0;
  freeHead = -1;
  used = 0;
  taskSlotBase = slotBase;
}

/** A fresh row with every field zeroed (links and vm/tier -1). */
// @ts-ignore: decorator
@inline export function taskAllocate(): i32 {
  let id: i32;
  if (freeHead >= 0) {
    id = freeHead;
    freeHead = getI32(tNext, id);
  } else {
    if (used == taskCapacity) {
      resize(taskCapacity * 2);
      queueEnsureSlots(taskSlotBase + taskCapacity);
    }
    id = used++;
  }
  // Only the tier is read before the engine or a model writes it (a task that fails waiting is
  // counted in the "no VM" row). The engine sets device, app, sizes, arrival, deadline, phase and
  // counted at once; resetTaskTimes clears the rest when the task gets a VM, which most tasks of an
  // overloaded replica never do. Zeroing every column would give the same observable rows.
  setI32(tTier, id, -1);
  taskLive++;
  return id;
}

// @ts-ignore: decorator
@inline export function taskRelease(id: i32): void {
  setI32(tPhase, id, PHASE_FREE);
  setI32(tNext, id, freeHead);
  freeHead = id;
  taskLive--;
}

/** Clear what a task accumulates once it has a VM (delay breakdown, VM, list links). */
// @ts-ignore: decorator
@inline export function resetTaskTimes(id: i32): void {
  setF64(tAssignedS, id, 0);
  setF64(tUploadS, id, 0);
  setF64(tDownloadS, id, 0);
  setF64(tQueueS, id, 0);
  setF64(tExecS, id, 0);
  setF64(tWlanS, id, 0);
  setF64(tManS, id, 0);
  setF64(tWanS, id, 0);
  setF64(tLinkS, id, 0);
  setI32(tVm, id, -1);
  setI32(tNext, id, -1);
  setI32(tPrev, id, -1);
}

// Task lists threaded through tNext / tPrev, newest first: the running tasks of a processor-sharing
// VM (model/compute/ps.ts) and the flows of a shared link (model/network/shared.ts), list `s`
// starting at heads[s]. Both servers walk them in this order, which decides ties.

/** Put the task at the front of list `s`. */
// @ts-ignore: decorator
@inline export function listPush(heads: usize, s: i32, task: i32): void {
  const h = getI32(heads, s);
  setI32(tPrev, task, -1);
  setI32(tNext, task, h);
  if (h >= 0) setI32(tPrev, h, task);
  setI32(heads, s, task);
}

/** Take the task out of list `s`. */
// @ts-ignore: decorator
@inline export function listUnlink(heads: usize, s: i32, task: i32): void {
  const prev = getI32(tPrev, task), next = getI32(tNext, task);
  if (prev >= 0) setI32(tNext, prev, next);
  else setI32(heads, s, next);
  if (next >= 0) setI32(tPrev, next, prev);
}
