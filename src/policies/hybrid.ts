// hybrid: EdgeCloudSim sample_app2/app4 HYBRID (docs/edgecloudsim-world.md §3.8, docs/baselines.md §3).
// Inputs: wan_bw (Mbps, the 128 KB WAN probe from the device's access point) and the mean utilization of
// all edge VMs (%). Cloud (least-loaded admitting cloud VM) only if wan_bw > 6 AND utilization > 80;
// otherwise GENERIC_EDGE, the least-loaded admitting VM over all edge hosts. No fall-back: -1 when none admits.
// Per world: wan_bw as in network-based.ts (edgecloudsim: WAN table / 1024; paper: the bandwidth a new
// transfer would get on the shared cloud link); utilization in the paper world = busy cores / cores.
import { WAN_THRESHOLD_MBPS } from "./network-based.ts";
import { taskAccessPoint, worstFitAllEdge, worstFitCloud } from "./vm-choice.ts";
import type { PolicyFactory } from "./types.ts";

/** EdgeCloudSim's hard-coded edge utilization threshold (%) of UTILIZATION_BASED and HYBRID. */
export const EDGE_UTIL_THRESHOLD_PCT = 80;

export const hybridPolicy: PolicyFactory = {
  name: "hybrid",
  description: "EdgeCloudSim HYBRID: cloud if WAN probe bandwidth > 6 Mbps and mean edge VM utilization > 80 %, else the least-loaded edge VM.",
  create() {
    return {
      name: "hybrid",
      decide(task, view) {
        const toCloud = view.meanEdgeUtilPct() > EDGE_UTIL_THRESHOLD_PCT
          && view.wanBandwidthMbps(taskAccessPoint(view, task)) > WAN_THRESHOLD_MBPS;
        return toCloud ? worstFitCloud(view, task) : worstFitAllEdge(view, task);
      },
    };
  },
};
