// The fastest feasible VM of a tier, shared by greedy-min-service and expert-rules (and, through
// engineFastestVm, the training labels and the SystemView), and the exact "every VM is saturated"
// shortcut the two policies take.
import * as S from "../kernel/state";
import { allocI32, getI32 } from "../kernel/mem";
import { TIER_CLOUD, TIER_LOCAL_EDGE, cloudVmStart, cpuMaxFraction, hostVmEnd, hostVmStart, vmCount } from "../kernel/state";
import { NOT_ADMITTED } from "../kernel/layout.gen";
import { loadFraction } from "../model/compute/index";
import { feasibilityTier } from "../decision/feasibility";
import { estimateServiceS, localHost } from "../decision/view";

let scratchMask: usize = 0; // i32[vmCount], the tier call's output
/** The estimate of the last fastestVmInTier's VM (Infinity if none). */
export let lastEstimate: f64 = 0;
let saturatedEvent: f64 = -1;
let saturatedEpoch: f64 = -1;
let saturated: bool = false;

export function fastestVmInit(): void {
  scratchMask = allocI32(vmCount);
  saturatedEvent = -1;
  saturatedEpoch = -1;
}

/**
 * Is every VM's load U above CPU_max (+ the 1e-12 slack of C3)? Then C3 fails for every task on
 * every VM (its demand is ≥ 0), no VM is feasible, and the feasibility-based policies refuse every
 * task: an exact shortcut for the overloaded paper world, where it holds most of the time. Cached
 * for the current event and state epoch (loads change only with the epoch, inside one event).
 */
export function allVmsSaturated(): bool {
  if (saturatedEvent == S.eventCount && saturatedEpoch == S.stateEpoch) return saturated;
  const limit = cpuMaxFraction + 1e-12;
  let all = true;
  for (let vm = 0; vm < vmCount && all; vm++) if (!(loadFraction(vm) > limit)) all = false;
  saturatedEvent = S.eventCount;
  saturatedEpoch = S.stateEpoch;
  saturated = all;
  return all;
}

// VMs are numbered host by host, so the VMs of a tier seen from a device are, in the order
// forEachVmInTier visits them: local edge [start(local), end(local)); remote edge [0, cloudStart)
// without the local host's range; cloud [cloudStart, vmCount).

/** Best (smallest estimated service) VM among [start, end) whose mask has none of the `reject` bits. */
function fastestIn(task: i32, start: i32, end: i32, best: i32, reject: i32): i32 {
  for (let vm = start; vm < end; vm++) {
    if ((getI32(scratchMask, vm) & reject) != 0) continue;
    const s = estimateServiceS(task, vm);
    if (s < lastEstimate || best < 0) {
      best = vm;
      lastEstimate = s;
    }
  }
  return best;
}

/**
 * The tier's fastest VM (or -1) among those that admit the task and pass C2–C4, or with feasibleOnly
 * false among those that admit it; its estimate is left in lastEstimate (Infinity if none).
 */
export function fastestVmInTier(task: i32, tier: i32, feasibleOnly: bool = true): i32 {
  feasibilityTier(task, tier, scratchMask);
  // Any bit rules a VM out for the feasible list; only NOT_ADMITTED for the admitting one.
  const reject = feasibleOnly ? -1 : NOT_ADMITTED;
  lastEstimate = Infinity;
  if (tier == TIER_CLOUD) return fastestIn(task, cloudVmStart, vmCount, -1, reject);
  const local = localHost(task);
  if (tier == TIER_LOCAL_EDGE) return local >= 0 ? fastestIn(task, getI32(hostVmStart, local), getI32(hostVmEnd, local), -1, reject) : -1;
  if (local < 0) return fastestIn(task, 0, cloudVmStart, -1, reject);
  const best = fastestIn(task, 0, getI32(hostVmStart, local), -1, reject);
  return fastestIn(task, getI32(hostVmEnd, local), cloudVmStart, best, reject);
}
