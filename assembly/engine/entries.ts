// The batch lists: entries of 24 bytes (fastest possible execution, deadline, task, app), so the
// overflow re-scan every batch reads memory sequentially instead of chasing task ids. The decide list
// also keeps the task ids contiguous (`task`, i32) for the host, which reads them as an Int32Array.
import { alloc, allocRaw, regrow } from "../kernel/mem";

export const ENTRY: usize = 24;

@unmanaged
export class EntryList {
  data: usize;
  task: usize; // i32 per entry: the ids alone, for the host (decide list only)
  count: i32;
  cap: i32;
}

export function entryList(cap: i32): EntryList {
  const l = changetype<EntryList>(alloc(offsetof<EntryList>()));
  l.data = allocRaw(<usize>cap * ENTRY); // entries are written before read
  l.task = allocRaw(<usize>cap << 2);
  l.count = 0;
  l.cap = cap;
  return l;
}

/** Room for at least n entries, keeping the current ones. */
export function entryReserve(l: EntryList, n: i32): void {
  if (n <= l.cap) return;
  const cap = max(n, l.cap * 2);
  l.data = regrow(l.data, <usize>l.count * ENTRY, <usize>cap * ENTRY);
  l.task = regrow(l.task, <usize>l.count << 2, <usize>cap << 2);
  l.cap = cap;
}

// @ts-ignore: decorator
@inline export function entryAt(l: EntryList, i: i32): usize {
  return l.data + <usize>i * ENTRY;
}

// @ts-ignore: decorator
@inline export function entryFastest(e: usize): f64 {
  return load<f64>(e);
}

// @ts-ignore: decorator
@inline export function entryDeadline(e: usize): f64 {
  return load<f64>(e, 8);
}

// @ts-ignore: decorator
@inline export function entryTask(e: usize): i32 {
  return load<i32>(e, 16);
}

// @ts-ignore: decorator
@inline export function entryApp(e: usize): i32 {
  return load<i32>(e, 20);
}

export function entryPush(l: EntryList, task: i32, app: i32, fastest: f64, deadline: f64): void {
  if (l.count == l.cap) entryReserve(l, l.count + 1);
  const e = entryAt(l, l.count++);
  store<f64>(e, fastest);
  store<f64>(e, deadline, 8);
  store<i32>(e, task, 16);
  store<i32>(e, app, 20);
}

/** Append entry e to `to` (room reserved by the caller). */
// @ts-ignore: decorator
@inline export function entryCopy(to: EntryList, e: usize): void {
  entryMove(entryAt(to, to.count++), e);
}

// @ts-ignore: decorator
@inline export function entryMove(to: usize, e: usize): void {
  v128.store(to, v128.load(e));
  store<u64>(to, load<u64>(e, 16), 16);
}
