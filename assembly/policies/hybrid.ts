// hybrid (EdgeCloudSim sample_app2/app4 HYBRID): cloud if the WAN probe gives > 6 Mbps and the mean
// edge VM utilization is > 80 %, else the least-loaded admitting edge VM (docs/baselines.md §3; its
// descriptor: src/policies/hybrid.ts).
import { wanBandwidthMbps } from "../model/network/index";
import { apOf, meanEdgeUtilAbove } from "../decision/view";
import { worstFitAllEdge, worstFitCloud } from "./vm-choice";
import { WAN_THRESHOLD_MBPS } from "./network-based";

/** EdgeCloudSim's hard-coded edge utilization threshold (%) of HYBRID. */
const EDGE_UTIL_THRESHOLD_PCT: f64 = 80;

/** HYBRID: the cloud only when the mean edge utilization is > 80 % and the WAN probe gets > 6 Mbps. */
export function decideHybrid(task: i32): i32 {
  // Utilization first; the probe has no side effect, so the order changes no result.
  const toCloud = meanEdgeUtilAbove(EDGE_UTIL_THRESHOLD_PCT) && wanBandwidthMbps(apOf(task)) > WAN_THRESHOLD_MBPS;
  return toCloud ? worstFitCloud(task) : worstFitAllEdge(task);
}
