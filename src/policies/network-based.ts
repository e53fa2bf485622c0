// network-based: EdgeCloudSim sample_app2/app4 NETWORK_BASED (docs/edgecloudsim-world.md §3.8,
// docs/baselines.md §3). Input: wan_bw, the WAN bandwidth (Mbps) a 128 KB probe from the device's access
// point would get now. wan_bw > 6 Mbps → the least-loaded admitting cloud VM; otherwise GENERIC_EDGE, the
// least-loaded admitting VM over all edge hosts (possibly remote, reached over the MAN). No fall-back:
// no admitting VM → -1.
// wan_bw per world: edgecloudsim = WAN table Kbps / 1024 for the AP's active WAN transfers (0 when the
// table is exhausted); paper (shared-links) = capacity / (flows + 1) of the shared cloud link, 10–100 Mbps
// when idle, so the threshold only bites when the link carries several transfers.
import { definePolicy, NO_OPTIONS } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

export const networkBasedPolicy = definePolicy({
  name: "network-based",
  description: "EdgeCloudSim NETWORK_BASED: cloud if the WAN probe bandwidth > 6 Mbps, else the least-loaded edge VM.",
  family: "edgecloudsim",
  colour: "#332288",
  marker: "diamond",
  options: NO_OPTIONS,
  counters: [],
  native: { id: NATIVE_POLICY_IDS["network-based"], encode: () => [] },
});

