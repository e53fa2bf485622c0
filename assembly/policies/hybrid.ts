// hybrid (EdgeCloudSim sample_app2/app4 HYBRID; src/policies/hybrid.ts): same inputs, thresholds,
// evaluation order and tie-breaks as the TypeScript twin.
import { wanBandwidthMbps } from "../model/network/index";
import { apOf, meanEdgeUtilPct } from "../view";
import { worstFitAllEdge, worstFitCloud } from "./vm-choice";
import { WAN_THRESHOLD_MBPS } from "./network-based";

/** EdgeCloudSim's hard-coded edge utilization threshold (%) of HYBRID. */
const EDGE_UTIL_THRESHOLD_PCT: f64 = 80;

/** HYBRID: the cloud only when the mean edge utilization is > 80 % and the WAN probe gets > 6 Mbps. */
export function decideHybrid(task: i32): i32 {
  // Same evaluation order as the TypeScript twin (utilization first; the probe has no side effect).
  const toCloud = meanEdgeUtilPct() > EDGE_UTIL_THRESHOLD_PCT && wanBandwidthMbps(apOf(task)) > WAN_THRESHOLD_MBPS;
  return toCloud ? worstFitCloud(task) : worstFitAllEdge(task);
}
