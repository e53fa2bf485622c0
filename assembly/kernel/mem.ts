// Linear-memory helpers for the engine: zeroed allocation from the stub runtime's bump allocator,
// growth by copying into a fresh block (the old block is abandoned until the next engineCreate,
// which resets the whole heap), and unchecked typed loads/stores by element index.
// Every allocation may grow memory, which detaches the host's typed-array views: the host re-takes
// its views after any call that can allocate (engineCreate, engineRun).

export function alloc(bytes: usize): usize {
  const p = heap.alloc(bytes > 0 ? bytes : 8);
  memory.fill(p, 0, bytes);
  return p;
}

/**
 * An uninitialised block, for tables whose rows are always written before they are read (the task
 * columns, the batch entries, the heap nodes). Pages never touched stay out of the resident set, so
 * a generous capacity costs address space, not memory.
 */
export function allocRaw(bytes: usize): usize {
  return heap.alloc(bytes > 0 ? bytes : 8);
}

export function allocF64(n: i32): usize {
  return alloc(<usize>n << 3);
}

export function allocI32(n: i32): usize {
  return alloc(<usize>n << 2);
}

export function fillF64(p: usize, n: i32, v: f64): void {
  for (let i = 0; i < n; i++) store<f64>(p + (<usize>i << 3), v);
}

export function fillI32(p: usize, n: i32, v: i32): void {
  for (let i = 0; i < n; i++) store<i32>(p + (<usize>i << 2), v);
}

/** A block of newBytes holding a copy of the first oldBytes of p; the rest is uninitialised. */
export function regrow(p: usize, oldBytes: usize, newBytes: usize): usize {
  const q = allocRaw(newBytes);
  memory.copy(q, p, oldBytes);
  return q;
}

// @ts-ignore: decorator
@inline export function getF64(p: usize, i: i32): f64 {
  return load<f64>(p + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline export function setF64(p: usize, i: i32, v: f64): void {
  store<f64>(p + (<usize>i << 3), v);
}

// @ts-ignore: decorator
@inline export function getI32(p: usize, i: i32): i32 {
  return load<i32>(p + (<usize>i << 2));
}

// @ts-ignore: decorator
@inline export function setI32(p: usize, i: i32, v: i32): void {
  store<i32>(p + (<usize>i << 2), v);
}
