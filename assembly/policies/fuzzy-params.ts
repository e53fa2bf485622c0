// What the three fuzzy-logic orchestrators share (flores.ts, sonmez.ts, almutairi.ts): their rule
// bases, read from their parameters (kernel/params.ts: constants and compiled rule bases, written by
// each descriptor's encoder with src/policies/fuzzy/encode.ts), their counters and the FIS input scratch.
import { allocF64, getF64, getI32, setF64 } from "../kernel/mem";
import { paramsPointer, paramsPosition, paramsSkipTo } from "../kernel/params";
import { appSensitivity } from "../kernel/state";
import { tApp } from "../kernel/tasks";
import { Fis, fisRead, fisReadEnd } from "./fuzzy";

/** The next parameters as a compiled rule base (fuzzy.ts fisRead reads them in place). */
export function paramFis(): Fis {
  const f = fisRead(paramsPointer(), paramsPosition());
  paramsSkipTo(fisReadEnd);
  return f;
}

// @ts-ignore: decorator
@inline export function bump(stats: usize, i: i32): void {
  setF64(stats, i, getF64(stats, i) + 1);
}

// @ts-ignore: decorator
@inline export function sensitivity(task: i32): f64 {
  return getF64(appSensitivity, getI32(tApp, task));
}

export let inputs: usize = 0; // f64[4]: the FIS inputs of the current decision

/** Allocates the FIS input scratch (each fuzzy policy's init). */
export function inputsInit(): void {
  inputs = allocF64(4);
}
