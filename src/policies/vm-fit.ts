// first-fit, next-fit, best-fit, worst-fit: EdgeCloudSim sample_app1 BasicEdgeOrchestrator's VM-fit
// policies in the TWO_TIER_WITH_EO scenario (spec/edgecloudsim-world.md §3.8): a load balancer scans all
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
import { type BuiltinPolicy, definePolicy, NO_OPTIONS } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";
import type { Policy, SystemView } from "./types.ts";

/** The four VM-fit descriptors differ only in name, description, id and colour. */
const vmFit = (name: "first-fit" | "next-fit" | "best-fit" | "worst-fit", description: string, colour: string) => definePolicy({
  name, description, family: "edgecloudsim", colour, options: NO_OPTIONS, counters: [],
  native: { id: NATIVE_POLICY_IDS[name], encode: () => [] },
});

export const firstFitDescriptor = vmFit("first-fit",
  "EdgeCloudSim sample_app1 FIRST_FIT over all edge hosts: first admitting edge VM. Edge only (never the cloud).", "#7f7f7f");
export const nextFitDescriptor = vmFit("next-fit",
  "EdgeCloudSim sample_app1 NEXT_FIT over all edge hosts: round-robin host pointer and per-host VM pointer. Edge only.", "#8c6d31");
export const bestFitDescriptor = vmFit("best-fit",
  "EdgeCloudSim sample_app1 BEST_FIT over all edge hosts: admitting edge VM with the least free CPU. Edge only.", "#637939");
export const worstFitDescriptor = vmFit("worst-fit",
  "EdgeCloudSim sample_app1 WORST_FIT over all edge hosts: admitting edge VM with the most free CPU. Edge only.", "#843c39");

export const firstFitPolicy: BuiltinPolicy = {
  ...firstFitDescriptor,
  create() {
    return { name: "first-fit", decide: (task, view) => firstFit(view, task, 0, view.infra.cloudVmStart) };
  },
};

export const bestFitPolicy: BuiltinPolicy = {
  ...bestFitDescriptor,
  create() {
    return { name: "best-fit", decide: (task, view) => bestFit(view, task, 0, view.infra.cloudVmStart) };
  },
};

export const worstFitPolicy: BuiltinPolicy = {
  ...worstFitDescriptor,
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

export const nextFitPolicy: BuiltinPolicy = {
  ...nextFitDescriptor,
  create({ infra }) {
    return createNextFit(infra.hostCount);
  },
};
