// Constraints C2–C4 of the paper, in one place every policy calls (through the system view):
//   C2  T_serv = L / (f (1 − U)) + δ ≤ T_max − (time already waited)
//   C3  U + L / (f_vm T_max) ≤ CPU_max
//   C4  R_avail ≥ R_req
// f is the per-core speed times the task's cores (a task runs on its own cores); f_vm in C3 is the
// whole VM's capacity (C3 bounds the VM's load); δ is the network model's estimate for the tier;
// U is the compute model's load fraction (tasks bound to the VM, so it moves after each assignment).
import { C2_DEADLINE, C3_CPU, C4_MEMORY } from "../policies/types.ts";

export interface FeasibilityInput {
  now: number;
  lengthMi: number;
  requiredCores: number;
  memoryMb: number;
  arrivalS: number;
  /** Absolute deadline (s), Infinity for none. */
  deadlineS: number;
  vmCores: number;
  vmMipsPerCore: number;
  vmFreeMemMb: number;
  /** U in [0, 1]. */
  load: number;
  /** δ: estimated upload + download delay (s). */
  networkS: number;
  cpuMaxFraction: number;
}

/** The paper's service-time estimate used by C2. */
export function paperServiceEstimateS(x: FeasibilityInput): number {
  const free = 1 - x.load;
  if (free <= 0) return Infinity;
  return x.lengthMi / (x.vmMipsPerCore * x.requiredCores * free) + x.networkS;
}

/** 0 when the task is feasible on the VM, else a bitmask of C2_DEADLINE | C3_CPU | C4_MEMORY. */
export function checkFeasibility(x: FeasibilityInput): number {
  let violated = 0;
  if (x.deadlineS !== Infinity && paperServiceEstimateS(x) > x.deadlineS - x.now) violated |= C2_DEADLINE;
  const maxDelay = x.deadlineS - x.arrivalS;
  const demand = maxDelay === Infinity ? 0 : x.lengthMi / (x.vmCores * x.vmMipsPerCore * maxDelay);
  if (x.load + demand > x.cpuMaxFraction + 1e-12) violated |= C3_CPU;
  if (x.vmFreeMemMb < x.memoryMb) violated |= C4_MEMORY;
  return violated;
}
