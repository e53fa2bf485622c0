// network-based: EdgeCloudSim sample_app2/app4 NETWORK_BASED (docs/edgecloudsim-world.md §3.8,
// docs/baselines.md §3). Input: wan_bw, the WAN bandwidth (Mbps) a 128 KB probe from the device's access
// point would get now. wan_bw > 6 Mbps → the least-loaded admitting cloud VM; otherwise GENERIC_EDGE, the
// least-loaded admitting VM over all edge hosts (possibly remote, reached over the MAN). No fall-back:
// no admitting VM → -1.
// wan_bw per world: edgecloudsim = WAN table Kbps / 1024 for the AP's active WAN transfers (0 when the
// table is exhausted); paper (shared-links) = capacity / (flows + 1) of the shared cloud link, 10–100 Mbps
// when idle, so the threshold only bites when the link carries several transfers.
import { taskAccessPoint, worstFitAllEdge, worstFitCloud } from "./vm-choice.ts";
import type { PolicyFactory } from "./types.ts";

/** EdgeCloudSim's hard-coded WAN threshold (Mbps) of NETWORK_BASED and HYBRID. */
export const WAN_THRESHOLD_MBPS = 6;

export const networkBasedPolicy: PolicyFactory = {
  name: "network-based",
  description: "EdgeCloudSim NETWORK_BASED: cloud if the WAN probe bandwidth > 6 Mbps, else the least-loaded edge VM.",
  create() {
    return {
      name: "network-based",
      decide(task, view) {
        return view.wanBandwidthMbps(taskAccessPoint(view, task)) > WAN_THRESHOLD_MBPS
          ? worstFitCloud(view, task)
          : worstFitAllEdge(view, task);
      },
    };
  },
};
