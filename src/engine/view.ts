// The read-only system view a policy decides over, backed by the replica's live arrays.
// One object per replica; its methods allocate nothing per call.
import { checkFeasibility, type FeasibilityInput } from "../model/feasibility.ts";
import type { SystemView, TaskColumnsView } from "../policies/types.ts";
import { tierOf } from "./infrastructure.ts";
import type { Simulation } from "./replica.ts";

export function createView(sim: Simulation): SystemView {
  const { infra, compute, network, mobility } = sim;
  const apps = sim.scenario.workload.apps;
  const appMem = Float64Array.from(apps, (a) => a.memoryMb);
  const appCores = Int32Array.from(apps, (a) => a.requiredCores);
  const cpuMax = sim.scenario.compute.cpuMaxFraction;
  const scratch: FeasibilityInput = {
    now: 0, lengthMi: 0, requiredCores: 1, memoryMb: 0, arrivalS: 0, deadlineS: Infinity, vmCores: 1,
    vmMipsPerCore: 1, vmFreeMemMb: 0, load: 0, networkS: 0, cpuMaxFraction: cpuMax,
  };
  const apOf = (task: number) => mobility.accessPoint[sim.tasks.cols.device[task]!]!;
  const networkS = (task: number, vm: number) => {
    const ap = apOf(task);
    return network.estimateNetworkS(task, tierOf(infra, vm, ap), ap);
  };
  const hostUtil = (h: number) => {
    let sum = 0;
    const start = infra.hostVmStart[h]!, end = infra.hostVmEnd[h]!;
    for (let vm = start; vm < end; vm++) sum += compute.utilPct[vm]!;
    return end > start ? sum / (end - start) : 0;
  };
  return {
    get now() {
      return sim.now;
    },
    scenario: sim.scenario,
    infra,
    get tasks(): TaskColumnsView {
      return sim.tasks.cols;
    },
    deviceCount: sim.deviceCount,
    deviceAccessPoint: mobility.accessPoint,
    vmUtilPct: compute.utilPct,
    vmFreeMemMb: compute.freeMemMb,
    vmBoundTasks: compute.boundTasks,
    tierOf: (task, vm) => tierOf(infra, vm, apOf(task)),
    localHost: (task) => infra.accessPointHost[apOf(task)] ?? -1,
    fits: (task, vm) => compute.fits(task, vm),
    requiredUtilPct: (task, vm) => compute.requiredUtilPct(task, vm),
    loadFraction: (vm) => compute.loadFraction(vm),
    feasibility(task, vm) {
      const c = sim.tasks.cols;
      const app = c.app[task]!;
      scratch.now = sim.now;
      scratch.lengthMi = c.lengthMi[task]!;
      scratch.requiredCores = appCores[app]!;
      scratch.memoryMb = appMem[app]!;
      scratch.arrivalS = c.arrivalS[task]!;
      scratch.deadlineS = c.deadlineS[task]!;
      scratch.vmCores = infra.vmCores[vm]!;
      scratch.vmMipsPerCore = infra.vmMipsPerCore[vm]!;
      scratch.vmFreeMemMb = compute.freeMemMb[vm]!;
      scratch.load = compute.loadFraction(vm);
      scratch.networkS = scratch.deadlineS === Infinity ? 0 : networkS(task, vm);
      return checkFeasibility(scratch);
    },
    estimateServiceS: (task, vm) => networkS(task, vm) + compute.estimateExecS(task, vm),
    estimateNetworkS: networkS,
    meanEdgeUtilPct() {
      let sum = 0;
      const n = infra.cloudVmStart;
      for (let vm = 0; vm < n; vm++) sum += compute.utilPct[vm]!;
      return n > 0 ? sum / n : 0;
    },
    hostUtilPct: hostUtil,
    wanBandwidthMbps: (ap) => network.wanBandwidthMbps(ap),
    manDelayS: () => network.manDelayS(),
    tierBandwidthMbps: (tier, ap) => network.tierBandwidthMbps(tier, ap),
  };
}
