// first-fit, next-fit, best-fit, worst-fit: EdgeCloudSim sample_app1 BasicEdgeOrchestrator's VM-fit
// policies in the TWO_TIER_WITH_EO scenario (docs/edgecloudsim-world.md §3.8): a load balancer scans all
// VMs of all edge hosts, host by host, VM by VM. Cheap references with no notion of the network.
//   first-fit  the first admitting VM;
//   next-fit   a persistent host pointer and one persistent VM pointer per host (both in the policy
//              instance): advance the host pointer, then that host's VM pointer, taking the first VM that
//              admits the task; each host and each of its VMs is tried at most once per task;
//   best-fit   the admitting VM with the least free share (100 − utilization %), ties → lowest id;
//   worst-fit  the admitting VM with the most free share (= GENERIC_EDGE of the sample_app2–4 policies).
// EDGE-ONLY: sample_app1 chooses edge vs cloud at random per app (prob_cloud_selection), which our
// scenarios do not carry, so these policies never use the cloud. No admitting edge VM → -1.
// Same in both worlds: "admits" is the compute model's own test (processor-sharing: predicted util fits
// the free share; fifo-cores: memory and cores), utilization is EdgeCloudSim's CPU % or busy cores / cores.
import { bestFit, firstFit, worstFitAllEdge } from "./vm-choice.ts";
import type { Policy, PolicyFactory, SystemView } from "./types.ts";

export const firstFitPolicy: PolicyFactory = {
  name: "first-fit",
  description: "EdgeCloudSim sample_app1 FIRST_FIT over all edge hosts: first admitting edge VM. Edge only (never the cloud).",
  create() {
    return { name: "first-fit", decide: (task, view) => firstFit(view, task, 0, view.infra.cloudVmStart) };
  },
};

export const bestFitPolicy: PolicyFactory = {
  name: "best-fit",
  description: "EdgeCloudSim sample_app1 BEST_FIT over all edge hosts: admitting edge VM with the least free CPU. Edge only.",
  create() {
    return { name: "best-fit", decide: (task, view) => bestFit(view, task, 0, view.infra.cloudVmStart) };
  },
};

export const worstFitPolicy: PolicyFactory = {
  name: "worst-fit",
  description: "EdgeCloudSim sample_app1 WORST_FIT over all edge hosts: admitting edge VM with the most free CPU. Edge only.",
  create() {
    return { name: "worst-fit", decide: (task, view) => worstFitAllEdge(view, task) };
  },
};

/** A NEXT_FIT instance; its pointers start "before the first" (-1) as in EdgeCloudSim. Exposed for tests. */
export interface NextFitPolicy extends Policy {
  /** The last host tried (-1 before the first decision). */
  readonly hostPointer: () => number;
  /** The last VM index tried on a host, relative to the host's first VM (-1 if never tried). */
  readonly vmPointer: (host: number) => number;
}

export function createNextFit(hostCount: number): NextFitPolicy {
  let lastHost = -1;
  const lastVm = new Int32Array(hostCount).fill(-1);
  return {
    name: "next-fit",
    decide(task: number, view: SystemView): number {
      const infra = view.infra;
      for (let checked = 0; checked < hostCount; checked++) {
        lastHost = (lastHost + 1) % hostCount;
        const start = infra.hostVmStart[lastHost]!;
        const size = infra.hostVmEnd[lastHost]! - start;
        for (let tries = 0; tries < size; tries++) {
          lastVm[lastHost] = (lastVm[lastHost]! + 1) % size;
          const vm = start + lastVm[lastHost]!;
          if (view.fits(task, vm)) return vm;
        }
      }
      return -1;
    },
    hostPointer: () => lastHost,
    vmPointer: (host) => lastVm[host]!,
  };
}

export const nextFitPolicy: PolicyFactory = {
  name: "next-fit",
  description: "EdgeCloudSim sample_app1 NEXT_FIT over all edge hosts: round-robin host pointer and per-host VM pointer. Edge only.",
  create({ infra }) {
    return createNextFit(infra.hostCount);
  },
};
