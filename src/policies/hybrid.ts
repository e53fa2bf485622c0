// hybrid: EdgeCloudSim sample_app2/app4 HYBRID (docs/edgecloudsim-world.md §3.8, docs/baselines.md §3).
// Inputs: wan_bw (Mbps, the 128 KB WAN probe from the device's access point) and the mean utilization of
// all edge VMs (%). Cloud (least-loaded admitting cloud VM) only if wan_bw > 6 AND utilization > 80;
// otherwise GENERIC_EDGE, the least-loaded admitting VM over all edge hosts. No fall-back: -1 when none admits.
// Per world: wan_bw as in network-based.ts (edgecloudsim: WAN table / 1024; paper: the bandwidth a new
// transfer would get on the shared cloud link); utilization in the paper world = busy cores / cores.
import { definePolicy, NO_OPTIONS } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

export const hybridPolicy = definePolicy({
  name: "hybrid",
  description: "EdgeCloudSim HYBRID: cloud if WAN probe bandwidth > 6 Mbps and mean edge VM utilization > 80 %, else the least-loaded edge VM.",
  family: "edgecloudsim",
  colour: "#88CCEE",
  marker: "triangle-left",
  options: NO_OPTIONS,
  counters: [],
  native: { id: NATIVE_POLICY_IDS.hybrid, encode: () => [] },
});

