// network-based (EdgeCloudSim sample_app2/app4 NETWORK_BASED): cloud if the WAN probe gives > 6 Mbps,
// else the least-loaded admitting edge VM (docs/baselines.md §3; descriptor: src/policies/network-based.ts).
import { wanBandwidthMbps } from "../model/network/index";
import { apOf } from "../decision/view";
import { worstFitAllEdge, worstFitCloud } from "./vm-choice";

/** EdgeCloudSim's hard-coded WAN threshold (Mbps) of NETWORK_BASED and HYBRID. */
export const WAN_THRESHOLD_MBPS: f64 = 6;

/** NETWORK_BASED: the cloud's least-loaded VM if the WAN probe gets > 6 Mbps, else the least-loaded edge VM. */
export function decideNetworkBased(task: i32): i32 {
  return wanBandwidthMbps(apOf(task)) > WAN_THRESHOLD_MBPS ? worstFitCloud(task) : worstFitAllEdge(task);
}
