// A calendar queue for one lane of the event queue (queue.ts gives it the devices' arrivals): time
// cut into buckets of one width, the buckets used round-robin, each a list sorted by (time, key).
// The loop handles an arrival (the lane's earliest event) and schedules the device's next one in
// the same lane ~a mean gap later; in a 4-ary heap of ~1800 arrivals that re-schedule sifted down
// ~5 levels with hard-to-predict branches, here it is an unlink, a short sorted insert and a step
// to the next non-empty bucket.
//
// The order is the heap's: a bucket number trunc(time / width) never decreases with the time, every
// pending event's bucket number is >= `cur`, and a list holds its events sorted by (time, key), so
// the head of bucket `cur` is the least event whenever its bucket number is `cur`. The width only
// changes the speed: it follows the spacing of the popped events (about three per bucket).
import { allocRaw, fillI32, getI32, setI32 } from "./mem";

const REC: usize = 32; // per slot: time f64, key u64, bucket number i64, next i32
const NONE: i32 = -1;
const MAX_BUCKET: f64 = 4.0e18; // bucket numbers stay in i64 (the cut is monotone, so still exact)
const PER_BUCKET: f64 = 3;

let recs: usize = 0;
let heads: usize = 0; // i32 per bucket: its first record, NONE when empty
let scratch: usize = 0; // i32 per slot, for re-bucketing
let mask: i64 = 0;
let buckets: i32 = 0;
let width: f64 = 1;
let invWidth: f64 = 1;
let cur: i64 = 0;
/** Events pending in the calendar. */
export let calSize: i32 = 0;
let root: usize = 0; // the lane's 16-byte root cell (queue.ts reads its earliest event there)
let pops: i32 = 0;
let markTime: f64 = 0;

// @ts-ignore: decorator
@inline function rec(r: i32): usize {
  return recs + <usize>r * REC;
}

// @ts-ignore: decorator
@inline function before(ta: f64, ka: u64, tb: f64, kb: u64): bool {
  return ta != tb ? ta < tb : ka < kb;
}

function bucketOf(time: f64): i64 {
  const x = time * invWidth;
  return x < MAX_BUCKET ? <i64>x : <i64>MAX_BUCKET;
}

/** `slots` slots (records 0..slots-1); the earliest event is kept at `rootCell` (time, key). */
export function calInit(slots: i32, rootCell: usize): void {
  buckets = 1;
  while (buckets < slots) buckets <<= 1;
  mask = <i64>(buckets - 1);
  recs = allocRaw(<usize>max(slots, 1) * REC); // written before read
  heads = allocRaw(<usize>buckets << 2);
  fillI32(heads, buckets, NONE);
  scratch = allocRaw(<usize>max(slots, 1) << 2);
  width = invWidth = 1;
  cur = 0;
  calSize = 0;
  root = rootCell;
  pops = 0;
  markTime = 0;
}

/** The key of record r (pending). */
export function calKeyOf(r: i32): u64 {
  return load<u64>(rec(r), 8);
}

function link(r: i32): void {
  const p = rec(r);
  const time = load<f64>(p), key = load<u64>(p, 8);
  const b = bucketOf(time);
  store<i64>(p, b, 16);
  const h = heads + (<usize>(b & mask) << 2);
  let prev: usize = 0; // 0: the head
  let c = load<i32>(h);
  while (c != NONE) {
    const q = rec(c);
    if (!before(load<f64>(q), load<u64>(q, 8), time, key)) break;
    prev = q;
    c = load<i32>(q, 24);
  }
  store<i32>(p, c, 24);
  if (prev == 0) store<i32>(h, r);
  else store<i32>(prev, r, 24);
}

function setRoot(r: i32): void {
  store<f64>(root, load<f64>(rec(r)));
  store<u64>(root, load<u64>(rec(r), 8), 8);
}

export function calInsert(r: i32, time: f64, key: u64): void {
  const p = rec(r);
  store<f64>(p, time);
  store<u64>(p, key, 8);
  link(r);
  calSize++;
  if (calSize == 1 || before(time, key, load<f64>(root), load<u64>(root, 8))) {
    cur = load<i64>(p, 16); // every other event is later, so no bucket number is below this one
    setRoot(r);
  }
}

export function calRemove(r: i32): void {
  const p = rec(r);
  const h = heads + (<usize>(load<i64>(p, 16) & mask) << 2);
  let c = load<i32>(h);
  if (c == r) store<i32>(h, load<i32>(p, 24));
  else {
    for (;;) {
      const q = rec(c);
      c = load<i32>(q, 24);
      if (c == r) {
        store<i32>(q, load<i32>(p, 24), 24);
        break;
      }
    }
  }
  calSize--;
  if (load<u64>(p, 8) != load<u64>(root, 8)) return;
  adapt(load<f64>(p));
  findRoot();
}

/** After the earliest event (at `time`) left: every `buckets` such events, fit the width to their spacing. */
function adapt(time: f64): void {
  if (++pops < buckets) return;
  const spacing = (time - markTime) / <f64>pops;
  pops = 0;
  markTime = time;
  const w = spacing * PER_BUCKET;
  if (!(w > 0 && w < Infinity) || (w <= width * 2 && w >= width * 0.5)) return;
  let n = 0;
  for (let b = 0; b < buckets; b++) {
    for (let c = getI32(heads, b); c != NONE; c = load<i32>(rec(c), 24)) setI32(scratch, n++, c);
    setI32(heads, b, NONE);
  }
  width = w;
  invWidth = 1 / w;
  for (let i = 0; i < n; i++) link(getI32(scratch, i));
  cur = bucketOf(time); // every pending event is at `time` or later
}

/** Find the earliest event from bucket `cur` on and keep it at the root (the sentinel when empty). */
function findRoot(): void {
  if (calSize == 0) {
    store<f64>(root, Infinity);
    store<u64>(root, ~(<u64>0), 8);
    return;
  }
  for (let steps = 0; steps < buckets; steps++) {
    const c = load<i32>(heads + (<usize>(cur & mask) << 2));
    if (c != NONE && load<i64>(rec(c), 16) == cur) {
      setRoot(c);
      return;
    }
    cur++;
  }
  // A whole round without an event of its bucket number: the least head is the earliest event.
  let best = NONE;
  for (let b = 0; b < buckets; b++) {
    const c = getI32(heads, b);
    if (c == NONE) continue;
    if (best == NONE || before(load<f64>(rec(c)), load<u64>(rec(c), 8), load<f64>(rec(best)), load<u64>(rec(best), 8))) best = c;
  }
  cur = load<i64>(rec(best), 16);
  setRoot(best);
}

/** Lists sorted and in their buckets, bucket numbers >= cur, the root the earliest event: 0, else 1 + the bad record. */
export function calValidate(): i32 {
  let n = 0;
  let bestT: f64 = Infinity, bestK: u64 = ~(<u64>0);
  for (let b = 0; b < buckets; b++) {
    let prev = NONE;
    for (let c = getI32(heads, b); c != NONE; c = load<i32>(rec(c), 24)) {
      const p = rec(c), t = load<f64>(p), k = load<u64>(p, 8);
      if (load<i64>(p, 16) != bucketOf(t) || (load<i64>(p, 16) & mask) != <i64>b || load<i64>(p, 16) < cur) return c + 1;
      if (prev != NONE && !before(load<f64>(rec(prev)), load<u64>(rec(prev), 8), t, k)) return c + 1;
      if (before(t, k, bestT, bestK)) {
        bestT = t;
        bestK = k;
      }
      prev = c;
      n++;
    }
  }
  if (n != calSize || load<u64>(root, 8) != bestK || (n > 0 && load<f64>(root) != bestT)) return buckets + 1;
  return 0;
}
