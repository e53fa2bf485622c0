// What every compute model reports per VM (struct-of-arrays, host-readable): utilization, free
// memory, bound tasks, and the load U of the paper. The models write them and then call the
// life cycle's "VM changed" hook (model/lifecycle.ts vmChanged); everything above reads them.
import { allocF64, allocI32, getF64, getI32, setF64, setI32 } from "../../kernel/mem";
import { hostCount, vmCount, vmHost, vmRamMb } from "../../kernel/state";

/** Live VM utilization (%), as the model defines it; written only through setVmUtilPct. */
export let vmUtilPct: usize = 0;
/**
 * Counts the utilization changes of each edge host's VMs (i32 per host): what is derived from the
 * utilization of a host's VMs (decision/view.ts's host summaries) stays valid while this does not move.
 */
export let hostVersion: usize = 0;
/** Free memory (MB) after the tasks bound to the VM. */
export let vmFreeMemMb: usize = 0;
/** Tasks bound to each VM (i32). */
export let vmBoundTasks: usize = 0;
/**
 * U of the paper, in [0, 1] (f64), as the model defines it: kept at every change so that a scan over
 * every VM reads it instead of dividing (a division costs as much as the rest of a VM's tests).
 */
export let vmLoadU: usize = 0;

export function vmsInit(): void {
  const n = vmCount;
  vmUtilPct = allocF64(n);
  hostVersion = allocI32(hostCount);
  vmFreeMemMb = allocF64(n);
  for (let vm = 0; vm < n; vm++) setF64(vmFreeMemMb, vm, getF64(vmRamMb, vm));
  vmBoundTasks = allocI32(n);
  vmLoadU = allocF64(n);
}

/** The one writer of a VM's utilization: it also moves the VM's host's version. */
// @ts-ignore: decorator
@inline export function setVmUtilPct(vm: i32, pct: f64): void {
  setF64(vmUtilPct, vm, pct);
  const h = getI32(vmHost, vm);
  if (h >= 0) setI32(hostVersion, h, getI32(hostVersion, h) + 1);
}
