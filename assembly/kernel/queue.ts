// The event queue: one pending event per slot (re-scheduling moves the event), ordered by (time,
// priority, sequence). The sequence number is taken when an event is scheduled, so same-time,
// same-priority events run in the order they were scheduled. Keys are unique (key u64 = priority <<
// 59 | sequence << 24 | slot), so any exact structure pops the same sequence: this one is a
// calendar queue over all slots (calendar.ts: why it beats the heaps and lanes it replaced, and why
// the order is the same). The calendar keeps its earliest event (time, key) at hand.
import { Calendar, calCreate, calGrow, calInsert, calPending, calRemove, calValidate } from "./calendar";

const SLOT_BITS: u64 = 24;
const SEQ_SHIFT: u64 = 24;
const PRIO_SHIFT: u64 = 59;
/** Slots and sequence numbers must fit their fields of the key. */
export const MAX_SLOTS: i32 = 1 << 24;
const MAX_SEQUENCE: u64 = <u64>1 << 35;

let cal: Calendar = changetype<Calendar>(0);
let slotCap: i32 = 0;
let nextSequence: u64 = 0;
/** Set when a slot id or the sequence outgrew its key field; the engine stops with an error. */
export let queueLimitHit: bool = false;

// @ts-ignore: decorator
@inline function slotOf(key: u64): i32 {
  return <i32>(key & ((<u64>1 << SLOT_BITS) - 1));
}

export function queueInit(slots: i32): void {
  slotCap = slots;
  cal = calCreate(slots);
  nextSequence = 0;
  queueLimitHit = slots > MAX_SLOTS;
}

/** Make room for at least `slots` slots (new slots have no pending event). */
export function queueEnsureSlots(slots: i32): void {
  if (slots <= slotCap) return;
  const n = max(slots, slotCap * 2);
  if (n > MAX_SLOTS) queueLimitHit = true;
  calGrow(cal, n);
  slotCap = n;
}

/** Schedule (or move) the event of `slot`. */
export function queueSchedule(slot: i32, time: f64, priority: i32): void {
  const seq = nextSequence++;
  if (seq >= MAX_SEQUENCE) queueLimitHit = true;
  const key = (<u64>priority << PRIO_SHIFT) | (seq << SEQ_SHIFT) | <u64>slot;
  if (calPending(cal, slot)) calRemove(cal, slot);
  calInsert(cal, slot, time, key);
}

/** Events pending (the calendar's count). */
// @ts-ignore: decorator
@inline export function queueSize(): i32 {
  return cal.size;
}

// @ts-ignore: decorator
@inline export function queueCancel(slot: i32): void {
  if (calPending(cal, slot)) calRemove(cal, slot);
}

/** The time of the event queuePop returned last (the loop's next clock). */
export let poppedTime: f64 = 0;

/** Slot of the earliest event, or -1 when empty. */
export function queuePeek(): i32 {
  return cal.size > 0 ? slotOf(cal.rootKey) : -1;
}

/** Time of the earliest event (only when queueSize() > 0). */
export function queuePeekTime(): f64 {
  return cal.rootTime;
}

/** Remove and return the slot of the earliest event (-1 when empty). */
// @ts-ignore: decorator
@inline export function queuePop(): i32 {
  if (cal.size == 0) return -1;
  const slot = slotOf(cal.rootKey);
  poppedTime = cal.rootTime;
  queueCancel(slot);
  return slot;
}

export function queueIsScheduled(slot: i32): bool {
  return calPending(cal, slot);
}

/** The calendar is consistent and counts its pending slots right (tests and debugging): 0, else non-zero. */
export function queueValidate(): i32 {
  const bad = calValidate(cal);
  if (bad != 0) return bad;
  let n = 0;
  for (let s = 0; s < slotCap; s++) if (calPending(cal, s)) n++;
  return n == cal.size ? 0 : 1;
}
