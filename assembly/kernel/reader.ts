// Reading f64 values laid out in linear memory, in order: the flat input the host writes
// (kernel/state.ts) and, in place inside it, a built-in policy's parameters (kernel/params.ts). Reading
// past the end, or a value its reader rejects, marks the reader bad; the engine then refuses the input.
import { getF64 } from "./mem";

@unmanaged
export class Reader {
  ptr: usize;
  pos: i32;
  len: i32;
  bad: bool;
}

/** A reader kept in static memory (engineReset's heap reset leaves it alone). */
export function readerStatic(): Reader {
  return changetype<Reader>(memory.data(offsetof<Reader>()));
}

/** Read the `len` values at `ptr` from the first. */
export function readerStart(r: Reader, ptr: usize, len: i32): void {
  r.ptr = ptr;
  r.pos = 0;
  r.len = len;
  r.bad = false;
}

/** The next value (0, and the reader bad, past the end). */
export function readNext(r: Reader): f64 {
  if (r.pos >= r.len) {
    r.bad = true;
    return 0;
  }
  return getF64(r.ptr, r.pos++);
}

/** Takes the next `n` values and returns the index of the first (the end, and the reader bad, when fewer are left). */
export function readBlock(r: Reader, n: i32): i32 {
  const start = r.pos;
  if (n > r.len - start) {
    r.bad = true;
    r.pos = r.len;
    return r.len;
  }
  r.pos += n;
  return start;
}

/** Continue at value `pos` (after a block another reader took); past the end marks the reader bad. */
export function readerSkipTo(r: Reader, pos: i32): void {
  if (pos > r.len) r.bad = true;
  r.pos = pos;
}

/** Every value read, and all accepted. */
export function readerDone(r: Reader): bool {
  return !r.bad && r.pos == r.len;
}
