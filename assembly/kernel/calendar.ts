// The calendar queue under the event queue (queue.ts): time cut into buckets of one width, the
// buckets used round-robin, each a list sorted by (time, key). A handled arrival schedules the
// device's next one ~a mean gap later, a finished network leg its task's next leg; in the 4-ary heaps
// this replaced (one per lane: arrivals, moves, VM completions, the rest) that sifted down from the
// root through every level with hard-to-predict branches (~5 levels among ~1800 arrivals, ~4 among
// ~180 transfers, ~15 sift steps per task in all), here it is an unlink, a sorted insert (~1.6 list
// steps at 2000 devices) and a step to the next non-empty bucket. One calendar for all the events
// also drops the look for the earliest of the lanes.
//
// The order is the heap's: a bucket number trunc(time / width) never decreases with the time, every
// pending event's bucket number is >= `cur`, and a list holds its events sorted by (time, key), so
// the head of bucket `cur` is the least event whenever its bucket number is `cur`. The width and
// the bucket count only change the speed: they follow the spacing of the popped events (about three
// per bucket) and the number pending (about half a bucket each).
import { alloc, allocRaw, fillI32, getI32, regrow, setI32 } from "./mem";

const REC: usize = 32; // per slot (one pending event each): time f64, key u64, bucket number i64, next, previous i32
// The bucket number of a slot without a pending event (real ones are >= 0): the flag lives in the
// record a schedule touches anyway, not in an array of its own (one cache miss fewer per schedule).
// Records are marked as slots are first asked about (`marked`): task slots are taken in order from
// a generous capacity whose untouched pages should stay out of memory.
const IDLE: i64 = -1;
const NONE: i32 = -1;
const MAX_BUCKET: f64 = 4.0e18; // bucket numbers stay in i64 (the cut is monotone, so still exact)
const PER_BUCKET: f64 = 3;
const MIN_BUCKETS: i32 = 16;
const LONG_WALK: i32 = 8; // list steps from the front before an insert comes from the end instead
// Earliest events popped between two looks at the width: few at first (the first width is a guess),
// then more, so that the noise of the measured spacing rarely re-buckets everything.
const FIRST_PERIOD: i32 = 64;
const PERIOD: i32 = 2048;

@unmanaged
export class Calendar {
  recs: usize; // REC bytes per slot
  heads: usize; // per bucket: its first and its last record (i32 each), NONE when empty
  scratch: usize; // i32 per slot, for re-bucketing
  slots: i32;
  buckets: i32; // a power of two
  width: f64;
  invWidth: f64;
  cur: i64;
  /** Events pending. */
  size: i32;
  /** The earliest event's time and key (the sentinel Infinity, all-ones when empty). */
  rootTime: f64;
  rootKey: u64;
  pops: i32;
  period: i32;
  markTime: f64;
  marked: i32; // records below are initialised
}

// @ts-ignore: decorator
@inline function rec(c: Calendar, r: i32): usize {
  return c.recs + <usize>r * REC;
}

// @ts-ignore: decorator
@inline function before(ta: f64, ka: u64, tb: f64, kb: u64): bool {
  return ta != tb ? ta < tb : ka < kb;
}

// @ts-ignore: decorator
@inline function headOf(c: Calendar, bucket: i64): usize {
  return c.heads + (<usize>(bucket & <i64>(c.buckets - 1)) << 3);
}

function bucketOf(c: Calendar, time: f64): i64 {
  const x = time * c.invWidth;
  return x < MAX_BUCKET ? <i64>x : <i64>MAX_BUCKET;
}

/** Does slot r have a pending event? */
// @ts-ignore: decorator
@inline export function calPending(c: Calendar, r: i32): bool {
  if (r >= c.marked) markIdle(c, r);
  return load<i64>(rec(c, r), 16) != IDLE;
}

function markIdle(c: Calendar, r: i32): void {
  const to = min(max(r + 1, c.marked * 2), c.slots);
  for (let i = c.marked; i < to; i++) store<i64>(rec(c, i), IDLE, 16);
  c.marked = to;
}

function headsFor(slots: i32): usize {
  let n = MIN_BUCKETS;
  while (n < slots * 2) n <<= 1;
  return allocRaw(<usize>n << 3); // the used prefix is filled when the bucket count is set
}

/** Records for slots 0..slots-1; the earliest event is kept in rootTime, rootKey. */
export function calCreate(slots: i32): Calendar {
  const c = changetype<Calendar>(alloc(offsetof<Calendar>()));
  c.recs = allocRaw(<usize>max(slots, 1) * REC); // written before read
  c.heads = headsFor(slots);
  c.scratch = allocRaw(<usize>max(slots, 1) << 2);
  c.slots = slots;
  c.buckets = MIN_BUCKETS;
  fillI32(c.heads, MIN_BUCKETS * 2, NONE);
  c.width = c.invWidth = 1;
  c.period = FIRST_PERIOD;
  c.rootTime = Infinity;
  c.rootKey = ~(<u64>0);
  return c;
}

/** Room for `slots` slots, keeping the pending events. */
export function calGrow(c: Calendar, slots: i32): void {
  if (slots <= c.slots) return;
  c.recs = regrow(c.recs, <usize>c.slots * REC, <usize>slots * REC);
  const heads = headsFor(slots);
  memory.copy(heads, c.heads, <usize>c.buckets << 3);
  c.heads = heads;
  c.scratch = allocRaw(<usize>slots << 2);
  c.slots = slots;
}

/** Put record r, holding (time, key), into its bucket's list. */
// @ts-ignore: decorator
@inline function link(c: Calendar, r: i32, time: f64, key: u64): void {
  const p = rec(c, r);
  const b = bucketOf(c, time);
  store<i64>(p, b, 16);
  const h = headOf(c, b);
  const last = load<i32>(h, 4);
  // The last record first: same-time events of one priority come in sequence order, so a bucket
  // full of them (devices moving or sending in step) takes each new one at the end, not after a walk.
  if (last == NONE || before(load<f64>(rec(c, last)), load<u64>(rec(c, last), 8), time, key)) {
    store<i32>(p, NONE, 24);
    store<i32>(p, last, 28);
    if (last == NONE) store<i32>(h, r);
    else store<i32>(rec(c, last), r, 24);
    store<i32>(h, r, 4);
    return;
  }
  // r goes right before n, the first record not before it (the last record at the latest).
  let n = load<i32>(h);
  let steps = 0;
  while (before(load<f64>(rec(c, n)), load<u64>(rec(c, n), 8), time, key)) {
    if (++steps > LONG_WALK) {
      // A long run of earlier events (events in step, with a few of later rounds after them in the
      // bucket): come from the end instead, past those few.
      n = last;
      for (;;) {
        const back = load<i32>(rec(c, n), 28);
        if (back == NONE || before(load<f64>(rec(c, back)), load<u64>(rec(c, back), 8), time, key)) break;
        n = back;
      }
      break;
    }
    n = load<i32>(rec(c, n), 24);
  }
  const prev = load<i32>(rec(c, n), 28);
  store<i32>(p, n, 24);
  store<i32>(p, prev, 28);
  store<i32>(rec(c, n), r, 28);
  if (prev == NONE) store<i32>(h, r);
  else store<i32>(rec(c, prev), r, 24);
}

function setRoot(c: Calendar, r: i32): void {
  c.rootTime = load<f64>(rec(c, r));
  c.rootKey = load<u64>(rec(c, r), 8);
}

// @ts-ignore: decorator
@inline export function calInsert(c: Calendar, r: i32, time: f64, key: u64): void {
  const p = rec(c, r);
  store<f64>(p, time);
  store<u64>(p, key, 8);
  link(c, r, time, key);
  if (++c.size == 1 || before(time, key, c.rootTime, c.rootKey)) {
    c.cur = load<i64>(p, 16); // every other event is later, so no bucket number is below this one
    setRoot(c, r);
  }
}

// @ts-ignore: decorator
@inline export function calRemove(c: Calendar, r: i32): void {
  const p = rec(c, r);
  const h = headOf(c, load<i64>(p, 16));
  const next = load<i32>(p, 24), prev = load<i32>(p, 28);
  if (prev == NONE) store<i32>(h, next);
  else store<i32>(rec(c, prev), next, 24);
  if (next == NONE) store<i32>(h, prev, 4);
  else store<i32>(rec(c, next), prev, 28);
  store<i64>(p, IDLE, 16);
  c.size--;
  if (load<u64>(p, 8) != c.rootKey) return;
  if (++c.pops >= c.period) adapt(c, load<f64>(p));
  findRoot(c);
}

/** After `period` earliest events, the last at `time`, left: refit the width and the bucket count. */
function adapt(c: Calendar, time: f64): void {
  const w = (time - c.markTime) / <f64>c.pops * PER_BUCKET;
  c.pops = 0;
  c.period = min(c.period * 2, PERIOD);
  c.markTime = time;
  const widthOk = !(w > 0 && w < Infinity) || (w <= c.width * 2 && w >= c.width * 0.5);
  if (widthOk && c.size <= c.buckets && (c.size * 8 >= c.buckets || c.buckets == MIN_BUCKETS)) return;
  let n = 0;
  for (let b = 0; b < c.buckets; b++) {
    for (let e = getI32(c.heads, b * 2); e != NONE; e = load<i32>(rec(c, e), 24)) setI32(c.scratch, n++, e);
  }
  if (!widthOk) {
    c.width = w;
    c.invWidth = 1 / w;
  }
  let buckets = MIN_BUCKETS;
  while (buckets < n * 2) buckets <<= 1;
  c.buckets = buckets;
  fillI32(c.heads, buckets * 2, NONE);
  for (let i = 0; i < n; i++) {
    const r = getI32(c.scratch, i);
    link(c, r, load<f64>(rec(c, r)), load<u64>(rec(c, r), 8));
  }
  c.cur = bucketOf(c, time); // every pending event is at `time` or later
}

/** Find the earliest event from bucket `cur` on and keep it at the root (the sentinel when empty). */
// @ts-ignore: decorator
@inline function findRoot(c: Calendar): void {
  // Inline, the usual case: the current bucket's head is of its bucket number (the walk's first step).
  const e = load<i32>(headOf(c, c.cur));
  if (e != NONE && load<i64>(rec(c, e), 16) == c.cur) setRoot(c, e);
  else findRootScan(c);
}

function findRootScan(c: Calendar): void {
  if (c.size == 0) {
    c.rootTime = Infinity;
    c.rootKey = ~(<u64>0);
    return;
  }
  let cur = c.cur;
  for (let steps = c.buckets; steps > 0; steps--) {
    const e = load<i32>(headOf(c, cur));
    if (e != NONE && load<i64>(rec(c, e), 16) == cur) {
      c.cur = cur;
      setRoot(c, e);
      return;
    }
    cur++;
  }
  // A whole round without an event of its bucket number: the least head is the earliest event.
  let best = NONE;
  for (let b = 0; b < c.buckets; b++) {
    const e = getI32(c.heads, b * 2);
    if (e == NONE) continue;
    if (best == NONE || before(load<f64>(rec(c, e)), load<u64>(rec(c, e), 8), load<f64>(rec(c, best)), load<u64>(rec(c, best), 8))) best = e;
  }
  c.cur = load<i64>(rec(c, best), 16);
  setRoot(c, best);
}

/**
 * Lists sorted and in their buckets, their last records and bucket numbers >= cur, the size and the root right (tests):
 * 0, else 1 + the bad record (or the slot count + 1).
 */
export function calValidate(c: Calendar): i32 {
  let n = 0;
  let bestT: f64 = Infinity, bestK: u64 = ~(<u64>0);
  for (let b = 0; b < c.buckets; b++) {
    let prev = NONE;
    for (let e = getI32(c.heads, b * 2); e != NONE; e = load<i32>(rec(c, e), 24)) {
      const p = rec(c, e), t = load<f64>(p), k = load<u64>(p, 8), bucket = load<i64>(p, 16);
      if (bucket != bucketOf(c, t) || headOf(c, bucket) != c.heads + (<usize>b << 3) || bucket < c.cur) return e + 1;
      if ((load<i32>(p, 24) == NONE && getI32(c.heads, b * 2 + 1) != e) || load<i32>(p, 28) != prev) return e + 1;
      if (prev != NONE && !before(load<f64>(rec(c, prev)), load<u64>(rec(c, prev), 8), t, k)) return e + 1;
      if (before(t, k, bestT, bestK)) {
        bestT = t;
        bestK = k;
      }
      prev = e;
      n++;
    }
    if (prev == NONE && getI32(c.heads, b * 2 + 1) != NONE) return c.slots + 1;
  }
  if (n != c.size || c.rootKey != bestK || (n > 0 && c.rootTime != bestT)) return c.slots + 1;
  return 0;
}
