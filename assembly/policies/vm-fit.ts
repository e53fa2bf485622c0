// The VM-fit load balancers of EdgeCloudSim sample_app1 (descriptors: src/policies/vm-fit.ts):
// first-fit, next-fit, best-fit and worst-fit over the edge VMs, host by host, VM by VM; ties go to
// the lowest VM id.
import { allocI32, getI32, setI32 } from "../kernel/mem";
import { cloudVmStart, hostCount, hostVmEnd, hostVmStart } from "../kernel/state";
import { fits } from "../model/compute/index";
import { bestFit, edgeAdmits, firstFit, worstFitAllEdge } from "./vm-choice";

/** FIRST_FIT: the first edge VM that admits the task. */
export function decideFirstFit(task: i32): i32 {
  return firstFit(task, 0, cloudVmStart);
}

/** BEST_FIT: the admitting edge VM with the least room left. */
export function decideBestFit(task: i32): i32 {
  return bestFit(task, 0, cloudVmStart);
}

/** WORST_FIT: the least-loaded edge VM. */
export function decideWorstFit(task: i32): i32 {
  return worstFitAllEdge(task);
}

// NEXT_FIT: a persistent host pointer and one persistent VM pointer per host, all starting "before
// the first" (-1) as in EdgeCloudSim; each host and each of its VMs is tried at most once per task.
let lastHost: i32 = -1;
let lastVm: usize = 0; // i32 per host

export function nextFitInit(): void {
  lastHost = -1;
  lastVm = allocI32(hostCount);
  for (let h = 0; h < hostCount; h++) setI32(lastVm, h, -1);
}

export function decideNextFit(task: i32): i32 {
  // A scan that admits nothing advances every pointer by a whole cycle, leaving them where they
  // were: when no edge VM admits the task, answering -1 at once is the same decision and state.
  if (!edgeAdmits(task)) return -1;
  for (let checked = 0; checked < hostCount; checked++) {
    lastHost = (lastHost + 1) % hostCount;
    const start = getI32(hostVmStart, lastHost);
    const size = getI32(hostVmEnd, lastHost) - start;
    for (let tries = 0; tries < size; tries++) {
      const k = (getI32(lastVm, lastHost) + 1) % size;
      setI32(lastVm, lastHost, k);
      if (fits(task, start + k)) return start + k;
    }
  }
  return -1;
}
