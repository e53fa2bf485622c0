// A built-in policy's flat parameters (its descriptor's encoder wrote them; policies/index.ts copies
// them out of the input and starts this reader), read in order by the policy's init. One reader for
// every policy: an overrun or a value out of range marks the parameters bad, and the engine refuses
// the input (paramsComplete).
import { getF64 } from "./mem";

let paramPtr: usize = 0;
let paramPos: i32 = 0;
let paramLen: i32 = 0;
/** Set when the parameters ended early or a value was out of range: the engine refuses the input. */
export let paramsBad: bool = false;

export function paramsStart(ptr: usize, len: i32): void {
  paramPtr = ptr;
  paramPos = 0;
  paramLen = len;
  paramsBad = false;
}

export function param(): f64 {
  if (paramPos >= paramLen) {
    paramsBad = true;
    return 0;
  }
  return getF64(paramPtr, paramPos++);
}

export function paramI32(): i32 {
  return <i32>param();
}

/** A value read was out of range for this engine. */
export function paramsReject(): void {
  paramsBad = true;
}

/** Where the reader stands (f64 index) and the parameters' start: for a reader of its own (a rule base). */
export function paramsPosition(): i32 {
  return paramPos;
}

export function paramsPointer(): usize {
  return paramPtr;
}

/** Continue after a block another reader took (its end, an f64 index). */
export function paramsSkipTo(pos: i32): void {
  if (pos > paramLen) paramsBad = true;
  paramPos = pos;
}

/** True when every parameter was read and all were valid. */
export function paramsComplete(): bool {
  return !paramsBad && paramPos == paramLen;
}
