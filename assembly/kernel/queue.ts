// The event queue: an indexed heap over slots (one pending event per slot;
// re-scheduling moves the event in place), ordered by (time, priority, sequence). The sequence number
// is taken when an event is scheduled, so same-time, same-priority events run in the order they were
// scheduled. Any valid heap pops the same sequence (keys are unique), so the layout is free; this one
// is 4-ary with 16-byte nodes (time f64, key u64 = priority << 59 |
// sequence << 24 | slot) laid out so a node's four children share one 64-byte cache line.
//
// Lanes: the slots of up to three ranges (queueSetLanes; the loop gives one to the devices' arrivals,
// one to their moves, one to the VMs' completions) get a heap each, the rest (transfers, timers)
// share lane 0. Each device always has an arrival and a move pending, most of them far ahead: at
// 2000 devices they were ~4000 of the one heap's ~4100 events, and every network leg and VM
// completion (4 of the ~5 events per task) sifted through them. The earliest event is the least of
// the four roots; an empty lane's root is a sentinel (Infinity, all-ones key) that loses to every
// event. Keys are global, so the order is the same as with one heap. Lanes 0 (transfers, timers)
// and 1 (arrivals) are calendar queues instead of heaps (calendar.ts: why, and why the order is the
// same); their records are indexed by slot.
import { alloc, allocI32, allocRaw, fillI32, getI32, setI32 } from "./mem";
import { Calendar, calCreate, calGrow, calInsert, calKeyOf, calRemove, calValidate } from "./calendar";

const NODE: usize = 16;
const SLOT_BITS: u64 = 24;
const SEQ_SHIFT: u64 = 24;
const PRIO_SHIFT: u64 = 59;
/** Slots and sequence numbers must fit their fields of the key. */
export const MAX_SLOTS: i32 = 1 << 24;
const MAX_SEQUENCE: u64 = <u64>1 << 35;

const LANES: i32 = 4;
const SENTINEL_KEY: u64 = ~(<u64>0);
let laneNodes: usize = 0; // per lane: its heap (usize), position i at nodes + 16 i
let laneSizes: usize = 0; // per lane: its event count (i32)
let lane1Start: i32 = 0;
let lane2Start: i32 = 0;
let lane3Start: i32 = 0;
let lane3End: i32 = 0;
let position: usize = 0; // i32 per slot: position in its lane's heap, -1 when nothing is pending
let slotCap: i32 = 0;
let cal0: Calendar = changetype<Calendar>(0);
let cal1: Calendar = changetype<Calendar>(0);
/** Events pending in all lanes. */
export let queueSize: i32 = 0;
let nextSequence: u64 = 0;
/** Set when a slot id or the sequence outgrew its key field; the engine stops with an error. */
export let queueLimitHit: bool = false;

/** A heap of n nodes aligned so that children 4i+1..4i+4 (byte offset 64 i + 16) start a cache line. */
function allocNodes(n: i32): usize {
  const block = allocRaw(<usize>max(n, 1) * NODE + 64); // written before read
  return ((block + 16 + 63) & ~(<usize>63)) - 16;
}

// @ts-ignore: decorator
@inline function nodesOf(lane: i32): usize {
  return load<usize>(laneNodes + (<usize>lane << alignof<usize>()));
}

// @ts-ignore: decorator
@inline function sizeOf(lane: i32): i32 {
  return getI32(laneSizes, lane);
}

// @ts-ignore: decorator
@inline function laneOf(slot: i32): i32 {
  return slot < lane1Start || slot >= lane3End ? 0 : slot < lane2Start ? 1 : slot < lane3Start ? 2 : 3;
}

function setLane(lane: i32, nodes: usize): void {
  store<usize>(laneNodes + (<usize>lane << alignof<usize>()), nodes);
  store<f64>(nodes, Infinity); // the empty lane's sentinel root
  store<u64>(nodes, SENTINEL_KEY, 8);
}

export function queueInit(slots: i32): void {
  slotCap = slots;
  laneNodes = alloc(<usize>LANES << alignof<usize>());
  laneSizes = allocI32(LANES);
  lane1Start = lane2Start = lane3Start = lane3End = slots;
  for (let l = 0; l < LANES; l++) setLane(l, allocNodes(1)); // (the calendars' root cells)
  cal0 = calCreate(slots, nodesOf(0));
  cal1 = calCreate(0, nodesOf(1)); // an empty calendar until queueSetLanes
  position = allocI32(slots);
  fillI32(position, slots, -1);
  queueSize = 0;
  nextSequence = 0;
  queueLimitHit = slots > MAX_SLOTS;
}

/** Give the slots of [a, b), of [b, c) and of [c, d) a lane each (before anything is scheduled). */
export function queueSetLanes(a: i32, b: i32, c: i32, d: i32): void {
  lane1Start = a;
  lane2Start = b;
  lane3Start = c;
  lane3End = d;
  setLane(1, allocNodes(1));
  cal1 = calCreate(b, nodesOf(1));
  setLane(2, allocNodes(c - b));
  setLane(3, allocNodes(d - c));
}

/** Make room for at least `slots` slots (new slots have no pending event; they are lane 0's). */
export function queueEnsureSlots(slots: i32): void {
  if (slots <= slotCap) return;
  const n = max(slots, slotCap * 2);
  if (n > MAX_SLOTS) queueLimitHit = true;
  calGrow(cal0, n);
  const p = allocRaw(<usize>n << 2);
  memory.copy(p, position, <usize>slotCap << 2);
  fillI32(p + (<usize>slotCap << 2), n - slotCap, -1);
  position = p;
  slotCap = n;
}

// @ts-ignore: decorator
@inline function timeAt(nodes: usize, i: i32): f64 {
  return load<f64>(nodes + <usize>i * NODE);
}

// @ts-ignore: decorator
@inline function keyAt(nodes: usize, i: i32): u64 {
  return load<u64>(nodes + <usize>i * NODE, 8);
}

// @ts-ignore: decorator
@inline function slotOf(key: u64): i32 {
  return <i32>(key & ((<u64>1 << SLOT_BITS) - 1));
}

// @ts-ignore: decorator
@inline function put(nodes: usize, i: i32, time: f64, key: u64): void {
  const p = nodes + <usize>i * NODE;
  store<f64>(p, time);
  store<u64>(p, key, 8);
  setI32(position, slotOf(key), i);
}

// @ts-ignore: decorator
@inline function less(ta: f64, ka: u64, tb: f64, kb: u64): bool {
  return ta != tb ? ta < tb : ka < kb;
}

function siftUp(nodes: usize, i: i32, time: f64, key: u64): i32 {
  while (i > 0) {
    const parent = (i - 1) >> 2;
    const pt = timeAt(nodes, parent);
    const pk = keyAt(nodes, parent);
    if (!less(time, key, pt, pk)) break;
    put(nodes, i, pt, pk);
    i = parent;
  }
  put(nodes, i, time, key);
  return i;
}

/** n: the heap's size. */
function siftDown(nodes: usize, n: i32, i: i32, time: f64, key: u64): void {
  for (;;) {
    const first = 4 * i + 1;
    if (first >= n) break;
    let child = first;
    let ct = timeAt(nodes, first);
    let ck = keyAt(nodes, first);
    const last = min(first + 3, n - 1);
    for (let c = first + 1; c <= last; c++) {
      const t = timeAt(nodes, c);
      const k = keyAt(nodes, c);
      if (less(t, k, ct, ck)) {
        child = c;
        ct = t;
        ck = k;
      }
    }
    if (!less(ct, ck, time, key)) break;
    put(nodes, i, ct, ck);
    i = child;
  }
  put(nodes, i, time, key);
}

/** Place (time, key) starting from heap position i, up or down as needed. */
function settle(nodes: usize, n: i32, i: i32, time: f64, key: u64): void {
  if (siftUp(nodes, i, time, key) == i) siftDown(nodes, n, i, time, key);
}

/** Schedule (or move) the event of `slot`. */
export function queueSchedule(slot: i32, time: f64, priority: i32): void {
  const seq = nextSequence++;
  if (seq >= MAX_SEQUENCE) queueLimitHit = true;
  const key = (<u64>priority << PRIO_SHIFT) | (seq << SEQ_SHIFT) | <u64>slot;
  const lane = laneOf(slot);
  const p = getI32(position, slot);
  if (lane < 2) {
    const cal = lane == 0 ? cal0 : cal1;
    if (p >= 0) calRemove(cal, slot);
    else {
      setI32(position, slot, 0); // (any position >= 0: pending)
      queueSize++;
    }
    calInsert(cal, slot, time, key);
    return;
  }
  const nodes = nodesOf(lane);
  const n = sizeOf(lane);
  if (p >= 0) {
    settle(nodes, n, p, time, key);
    return;
  }
  setI32(laneSizes, lane, n + 1);
  queueSize++;
  siftUp(nodes, n, time, key);
}

/** Remove the event of `slot` at position p of the lane (its slot's position already cleared). */
function removeAt(lane: i32, slot: i32, p: i32): void {
  if (lane < 2) {
    calRemove(lane == 0 ? cal0 : cal1, slot);
    queueSize--;
    return;
  }
  const nodes = nodesOf(lane);
  const last = sizeOf(lane) - 1;
  setI32(laneSizes, lane, last);
  queueSize--;
  if (last == 0) setLane(lane, nodes);
  else if (p != last) settle(nodes, last, p, timeAt(nodes, last), keyAt(nodes, last));
}

export function queueCancel(slot: i32): void {
  const p = getI32(position, slot);
  if (p < 0) return;
  setI32(position, slot, -1);
  removeAt(laneOf(slot), slot, p);
}

/** The lane whose root is the earliest event (lane 0 when all are empty). */
function topLane(): i32 {
  let lane = 0;
  let t = timeAt(nodesOf(0), 0), k = keyAt(nodesOf(0), 0);
  for (let l = 1; l < LANES; l++) {
    const nodes = nodesOf(l);
    const tl = timeAt(nodes, 0), kl = keyAt(nodes, 0);
    if (less(tl, kl, t, k)) {
      lane = l;
      t = tl;
      k = kl;
    }
  }
  return lane;
}

/**
 * Dispatch protocol of the event loop: the earliest event stays in the heap while it is handled.
 * Most handlers re-schedule their own slot (a device's next arrival or move, a timer), which then
 * sifts down from the root in place, one pass instead of a pop and an insert. queueEndDispatch
 * removes the event if the handler did not re-schedule (or cancel) it. The pop order is the same:
 * keys are unique and the handled event is never popped again.
 */
let dispatchKey: u64 = 0;
/** The time of the event queueBeginDispatch returned (the loop's next clock, no second look for the earliest lane). */
export let dispatchTime: f64 = 0;

/** The slot of the earliest event, which is being handled (only when queueSize > 0). */
export function queueBeginDispatch(): i32 {
  const nodes = nodesOf(topLane());
  dispatchKey = keyAt(nodes, 0);
  dispatchTime = timeAt(nodes, 0);
  return slotOf(dispatchKey);
}

export function queueEndDispatch(slot: i32): void {
  const p = getI32(position, slot);
  if (p < 0) return;
  const lane = laneOf(slot);
  if ((lane < 2 ? calKeyOf(lane == 0 ? cal0 : cal1, slot) : keyAt(nodesOf(lane), p)) == dispatchKey) queueCancel(slot);
}

/** Slot of the earliest event, or -1 when empty. */
export function queuePeek(): i32 {
  return queueSize > 0 ? slotOf(keyAt(nodesOf(topLane()), 0)) : -1;
}

/** Time of the earliest event (only when queueSize > 0). */
export function queuePeekTime(): f64 {
  return timeAt(nodesOf(topLane()), 0);
}

/** Remove and return the slot of the earliest event (-1 when empty). */
export function queuePop(): i32 {
  if (queueSize == 0) return -1;
  const lane = topLane();
  const slot = slotOf(keyAt(nodesOf(lane), 0));
  setI32(position, slot, -1);
  removeAt(lane, slot, 0);
  return slot;
}

export function queueIsScheduled(slot: i32): bool {
  return getI32(position, slot) >= 0;
}

/**
 * Heap property, slot positions and lanes hold, the calendars too (tests and debugging): 0, else
 * non-zero (a heap's first bad position + 1, counted over the heap lanes in order).
 */
export function queueValidate(): i32 {
  const bad = max(calValidate(cal0), calValidate(cal1));
  if (bad != 0) return bad;
  let pending0 = 0, pending1 = 0;
  for (let s = 0; s < slotCap; s++) {
    if (getI32(position, s) < 0) continue;
    const l = laneOf(s);
    if (l == 0) pending0++;
    else if (l == 1) pending1++;
  }
  if (pending0 != cal0.size || pending1 != cal1.size) return 1;
  let offset = 0;
  for (let l = 2; l < LANES; l++) {
    const nodes = nodesOf(l), n = sizeOf(l);
    for (let i = 0; i < n; i++) {
      const key = keyAt(nodes, i);
      if (getI32(position, slotOf(key)) != i || laneOf(slotOf(key)) != l) return offset + i + 1;
      if (isNaN(timeAt(nodes, i))) return offset + i + 1;
      if (i > 0) {
        const parent = (i - 1) >> 2;
        if (less(timeAt(nodes, i), key, timeAt(nodes, parent), keyAt(nodes, parent))) return offset + i + 1;
      }
    }
    offset += n;
  }
  return 0;
}
