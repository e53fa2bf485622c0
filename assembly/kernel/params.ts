// A built-in policy's flat parameters (its descriptor's encoder wrote them), read in place in the
// input (policies/index.ts starts this reader on them) and in order by the policy's init. One reader
// for every policy: an overrun, a value out of range or a value left unread marks the parameters bad,
// and the engine refuses the input (policies/index.ts checks paramsComplete after every init).
import { Reader, readNext, readerDone, readerSkipTo, readerStart, readerStatic } from "./reader";

const params: Reader = readerStatic();

export function paramsStart(ptr: usize, len: i32): void {
  readerStart(params, ptr, len);
}

export function param(): f64 {
  return readNext(params);
}

export function paramI32(): i32 {
  return <i32>param();
}

/** A value read was out of range for this engine. */
export function paramsReject(): void {
  params.bad = true;
}

/** Something read so far was missing or out of range. */
export function paramsBad(): bool {
  return params.bad;
}

/** The parameters' start and where the reader stands (f64 index): for a reader of its own (a rule base). */
export function paramsPointer(): usize {
  return params.ptr;
}

export function paramsPosition(): i32 {
  return params.pos;
}

/** Continue after a block another reader took (its end, an f64 index). */
export function paramsSkipTo(pos: i32): void {
  readerSkipTo(params, pos);
}

/** True when every parameter was read and all were valid. */
export function paramsComplete(): bool {
  return readerDone(params);
}
