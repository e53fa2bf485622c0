// The event queue: an indexed binary heap over "slots". Every entity that can have a pending event
// owns one slot (a device's next arrival, a VM's next completion, a task's next transfer step, a
// timer), so at most one event per slot is pending, re-scheduling moves it in place, and memory is
// bounded by live entities. Order: (time, priority, sequence); the sequence number is taken when
// an event is scheduled, so same-time, same-priority events run in the order they were scheduled.

export class EventQueue {
  time: Float64Array;
  priority: Int32Array;
  sequence: Float64Array;
  /** Heap position of each slot, -1 when the slot has no pending event. */
  position: Int32Array;
  heap: Int32Array;
  size = 0;
  private nextSequence = 0;

  constructor(slots: number) {
    this.time = new Float64Array(slots);
    this.priority = new Int32Array(slots);
    this.sequence = new Float64Array(slots);
    this.position = new Int32Array(slots).fill(-1);
    this.heap = new Int32Array(slots);
  }

  get slotCount(): number {
    return this.position.length;
  }

  /** Make room for at least `slots` slots (new slots have no pending event). */
  ensureSlots(slots: number): void {
    if (slots <= this.position.length) return;
    const n = Math.max(slots, this.position.length * 2);
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.time = grow(this.time, (k) => new Float64Array(k));
    this.priority = grow(this.priority, (k) => new Int32Array(k));
    this.sequence = grow(this.sequence, (k) => new Float64Array(k));
    const position = new Int32Array(n).fill(-1);
    position.set(this.position);
    this.position = position;
    this.heap = grow(this.heap, (k) => new Int32Array(k));
  }

  isScheduled(slot: number): boolean {
    return this.position[slot]! >= 0;
  }

  /** Schedule (or move) the event of `slot`. */
  schedule(slot: number, time: number, priority: number): void {
    this.time[slot] = time;
    this.priority[slot] = priority;
    this.sequence[slot] = this.nextSequence++;
    const p = this.position[slot]!;
    if (p < 0) {
      const i = this.size++;
      this.heap[i] = slot;
      this.position[slot] = i;
      this.siftUp(i);
    } else {
      this.siftDown(this.siftUp(p));
    }
  }

  cancel(slot: number): void {
    const p = this.position[slot]!;
    if (p < 0) return;
    const last = this.heap[--this.size]!;
    this.position[slot] = -1;
    if (p === this.size) return;
    this.heap[p] = last;
    this.position[last] = p;
    this.siftDown(this.siftUp(p));
  }

  /** Slot of the earliest event, or -1 when empty. */
  peek(): number {
    return this.size > 0 ? this.heap[0]! : -1;
  }

  /** Remove and return the slot of the earliest event (-1 when empty). */
  pop(): number {
    if (this.size === 0) return -1;
    const slot = this.heap[0]!;
    this.cancel(slot);
    return slot;
  }

  private less(a: number, b: number): boolean {
    const ta = this.time[a]!, tb = this.time[b]!;
    if (ta !== tb) return ta < tb;
    const pa = this.priority[a]!, pb = this.priority[b]!;
    if (pa !== pb) return pa < pb;
    return this.sequence[a]! < this.sequence[b]!;
  }

  private siftUp(i: number): number {
    const heap = this.heap;
    const slot = heap[i]!;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const ps = heap[parent]!;
      if (!this.less(slot, ps)) break;
      heap[i] = ps;
      this.position[ps] = i;
      i = parent;
    }
    heap[i] = slot;
    this.position[slot] = i;
    return i;
  }

  private siftDown(i: number): void {
    const heap = this.heap;
    const n = this.size;
    const slot = heap[i]!;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      const right = child + 1;
      if (right < n && this.less(heap[right]!, heap[child]!)) child = right;
      const cs = heap[child]!;
      if (!this.less(cs, slot)) break;
      heap[i] = cs;
      this.position[cs] = i;
      i = child;
    }
    heap[i] = slot;
    this.position[slot] = i;
  }
}
