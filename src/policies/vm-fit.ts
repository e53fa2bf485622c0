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
import { definePolicy, NO_OPTIONS } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

/** The four VM-fit descriptors differ only in name, description, id and colour. */
const vmFit = (name: "first-fit" | "next-fit" | "best-fit" | "worst-fit", description: string, colour: string, marker: string) => definePolicy({
  name, description, family: "edgecloudsim", colour, marker, options: NO_OPTIONS, counters: [],
  native: { id: NATIVE_POLICY_IDS[name], encode: () => [] },
});

export const firstFitPolicy = vmFit("first-fit",
  "EdgeCloudSim sample_app1 FIRST_FIT over all edge hosts: first admitting edge VM. Edge only (never the cloud).", "#44AA99", "wedge");
export const nextFitPolicy = vmFit("next-fit",
  "EdgeCloudSim sample_app1 NEXT_FIT over all edge hosts: round-robin host pointer and per-host VM pointer. Edge only.", "#CC6677", "wedge");
export const bestFitPolicy = vmFit("best-fit",
  "EdgeCloudSim sample_app1 BEST_FIT over all edge hosts: admitting edge VM with the least free CPU. Edge only.", "#882255", "triangle-down");
export const worstFitPolicy = vmFit("worst-fit",
  "EdgeCloudSim sample_app1 WORST_FIT over all edge hosts: admitting edge VM with the most free CPU. Edge only.", "#AA4499", "cross");
