// The event queue: an indexed heap over slots (one pending event per slot;
// re-scheduling moves the event in place), ordered by (time, priority, sequence). The sequence number
// is taken when an event is scheduled, so same-time, same-priority events run in the order they were
// scheduled. Any valid heap pops the same sequence (keys are unique), so the layout is free; this one
// is 4-ary with 16-byte nodes (time f64, key u64 = priority << 59 |
// sequence << 24 | slot) laid out so a node's four children share one 64-byte cache line.
import { allocI32, allocRaw, fillI32, getI32, setI32 } from "./mem";

const NODE: usize = 16;
const SLOT_BITS: u64 = 24;
const SEQ_SHIFT: u64 = 24;
const PRIO_SHIFT: u64 = 59;
/** Slots and sequence numbers must fit their fields of the key. */
export const MAX_SLOTS: i32 = 1 << 24;
const MAX_SEQUENCE: u64 = <u64>1 << 35;

let nodes: usize = 0; // heap position i at nodes + 16 i
let nodesBlock: usize = 0;
let position: usize = 0; // i32 per slot: heap position, -1 when nothing is pending
let slotCap: i32 = 0;
export let queueSize: i32 = 0;
let nextSequence: u64 = 0;
/** Set when a slot id or the sequence outgrew its key field; the engine stops with an error. */
export let queueLimitHit: bool = false;

/** Nodes aligned so that children 4i+1..4i+4 (byte offset 64 i + 16) start a cache line. */
function allocNodes(n: i32): usize {
  nodesBlock = allocRaw(<usize>n * NODE + 64); // written before read
  return ((nodesBlock + 16 + 63) & ~(<usize>63)) - 16;
}

export function queueInit(slots: i32): void {
  slotCap = slots;
  nodes = allocNodes(slots);
  position = allocI32(slots);
  fillI32(position, slots, -1);
  queueSize = 0;
  nextSequence = 0;
  queueLimitHit = slots > MAX_SLOTS;
}

/** Make room for at least `slots` slots (new slots have no pending event). */
export function queueEnsureSlots(slots: i32): void {
  if (slots <= slotCap) return;
  const n = max(slots, slotCap * 2);
  if (n > MAX_SLOTS) queueLimitHit = true;
  const old = nodes;
  nodes = allocNodes(n);
  memory.copy(nodes, old, <usize>queueSize * NODE);
  const p = allocRaw(<usize>n << 2);
  memory.copy(p, position, <usize>slotCap << 2);
  fillI32(p + (<usize>slotCap << 2), n - slotCap, -1);
  position = p;
  slotCap = n;
}

// @ts-ignore: decorator
@inline function timeAt(i: i32): f64 {
  return load<f64>(nodes + <usize>i * NODE);
}

// @ts-ignore: decorator
@inline function keyAt(i: i32): u64 {
  return load<u64>(nodes + <usize>i * NODE, 8);
}

// @ts-ignore: decorator
@inline function slotOf(key: u64): i32 {
  return <i32>(key & ((<u64>1 << SLOT_BITS) - 1));
}

// @ts-ignore: decorator
@inline function put(i: i32, time: f64, key: u64): void {
  const p = nodes + <usize>i * NODE;
  store<f64>(p, time);
  store<u64>(p, key, 8);
  setI32(position, slotOf(key), i);
}

// @ts-ignore: decorator
@inline function less(ta: f64, ka: u64, tb: f64, kb: u64): bool {
  return ta != tb ? ta < tb : ka < kb;
}

function siftUp(i: i32, time: f64, key: u64): i32 {
  while (i > 0) {
    const parent = (i - 1) >> 2;
    const pt = timeAt(parent);
    const pk = keyAt(parent);
    if (!less(time, key, pt, pk)) break;
    put(i, pt, pk);
    i = parent;
  }
  put(i, time, key);
  return i;
}

function siftDown(i: i32, time: f64, key: u64): void {
  const n = queueSize;
  for (;;) {
    const first = 4 * i + 1;
    if (first >= n) break;
    let child = first;
    let ct = timeAt(first);
    let ck = keyAt(first);
    const last = min(first + 3, n - 1);
    for (let c = first + 1; c <= last; c++) {
      const t = timeAt(c);
      const k = keyAt(c);
      if (less(t, k, ct, ck)) {
        child = c;
        ct = t;
        ck = k;
      }
    }
    if (!less(ct, ck, time, key)) break;
    put(i, ct, ck);
    i = child;
  }
  put(i, time, key);
}

/** Place (time, key) starting from heap position i, up or down as needed. */
function settle(i: i32, time: f64, key: u64): void {
  if (siftUp(i, time, key) == i) siftDown(i, time, key);
}

/** Schedule (or move) the event of `slot`. */
export function queueSchedule(slot: i32, time: f64, priority: i32): void {
  const seq = nextSequence++;
  if (seq >= MAX_SEQUENCE) queueLimitHit = true;
  const key = (<u64>priority << PRIO_SHIFT) | (seq << SEQ_SHIFT) | <u64>slot;
  const p = getI32(position, slot);
  if (p < 0) siftUp(queueSize++, time, key);
  else settle(p, time, key);
}

export function queueCancel(slot: i32): void {
  const p = getI32(position, slot);
  if (p < 0) return;
  const last = --queueSize;
  setI32(position, slot, -1);
  if (p == last) return;
  settle(p, timeAt(last), keyAt(last));
}

/**
 * Dispatch protocol of the event loop: the earliest event stays in the heap while it is handled.
 * Most handlers re-schedule their own slot (a device's next arrival or move, a timer), which then
 * sifts down from the root in place, one pass instead of a pop and an insert. queueEndDispatch
 * removes the event if the handler did not re-schedule (or cancel) it. The pop order is the same:
 * keys are unique and the handled event is never popped again.
 */
let dispatchKey: u64 = 0;

export function queueBeginDispatch(): i32 {
  dispatchKey = keyAt(0);
  return slotOf(dispatchKey);
}

export function queueEndDispatch(slot: i32): void {
  const p = getI32(position, slot);
  if (p >= 0 && keyAt(p) == dispatchKey) queueCancel(slot);
}

/** Slot of the earliest event, or -1 when empty. */
export function queuePeek(): i32 {
  return queueSize > 0 ? slotOf(keyAt(0)) : -1;
}

/** Time of the earliest event (only when queueSize > 0). */
export function queuePeekTime(): f64 {
  return timeAt(0);
}

/** Remove and return the slot of the earliest event (-1 when empty). */
export function queuePop(): i32 {
  if (queueSize == 0) return -1;
  const slot = slotOf(keyAt(0));
  setI32(position, slot, -1);
  const last = --queueSize;
  if (last > 0) siftDown(0, timeAt(last), keyAt(last));
  return slot;
}

export function queueIsScheduled(slot: i32): bool {
  return getI32(position, slot) >= 0;
}

/** Heap property and slot positions hold (tests and debugging): 0, else the first bad position + 1. */
export function queueValidate(): i32 {
  for (let i = 0; i < queueSize; i++) {
    const key = keyAt(i);
    if (getI32(position, slotOf(key)) != i) return i + 1;
    if (isNaN(timeAt(i))) return i + 1;
    if (i > 0) {
      const parent = (i - 1) >> 2;
      if (less(timeAt(i), key, timeAt(parent), keyAt(parent))) return i + 1;
    }
  }
  return 0;
}
