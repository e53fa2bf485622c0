// EdgeCloudSim's own orchestrator policies inside WASM: network-based and hybrid (sample_app2/app4,
// src/policies/network-based.ts, hybrid.ts) and the VM-fit load balancers of sample_app1
// (src/policies/vm-fit.ts). Same inputs, thresholds, scan orders and tie-breaks as the TypeScript
// twins; test/wasm-differential.test.ts holds them to the same results bit for bit.
import { allocI32, getI32, setI32 } from "../kernel/mem";
import { hostCount, hostVmEnd, hostVmStart } from "../kernel/state";
import { fits } from "../model/compute/index";
import { wanBandwidthMbps } from "../model/network/index";
import { apOf, meanEdgeUtilPct } from "../view";
import { edgeAdmits, worstFitAllEdge, worstFitCloud } from "./vm-choice";

/** EdgeCloudSim's hard-coded WAN threshold (Mbps) of NETWORK_BASED and HYBRID. */
const WAN_THRESHOLD_MBPS: f64 = 6;
/** EdgeCloudSim's hard-coded edge utilization threshold (%) of HYBRID. */
const EDGE_UTIL_THRESHOLD_PCT: f64 = 80;

/** NETWORK_BASED: the cloud's least-loaded VM if the WAN probe gets > 6 Mbps, else the least-loaded edge VM. */
export function decideNetworkBased(task: i32): i32 {
  return wanBandwidthMbps(apOf(task)) > WAN_THRESHOLD_MBPS ? worstFitCloud(task) : worstFitAllEdge(task);
}

/** HYBRID: the cloud only when the mean edge utilization is > 80 % and the WAN probe gets > 6 Mbps. */
export function decideHybrid(task: i32): i32 {
  // Same evaluation order as the TypeScript twin (utilization first; the probe has no side effect).
  const toCloud = meanEdgeUtilPct() > EDGE_UTIL_THRESHOLD_PCT && wanBandwidthMbps(apOf(task)) > WAN_THRESHOLD_MBPS;
  return toCloud ? worstFitCloud(task) : worstFitAllEdge(task);
}

// NEXT_FIT: a persistent host pointer and one persistent VM pointer per host, all starting "before
// the first" (-1) as in EdgeCloudSim; each host and each of its VMs is tried at most once per task.
let lastHost: i32 = -1;
let lastVm: usize = 0; // i32 per host

export function nextFitInit(): void {
  lastHost = -1;
  lastVm = allocI32(hostCount);
  for (let h = 0; h < hostCount; h++) setI32(lastVm, h, -1);
}

export function decideNextFit(task: i32): i32 {
  // A scan that admits nothing advances every pointer by a whole cycle, leaving them where they
  // were: when no edge VM admits the task, answering -1 at once is the same decision and state.
  if (!edgeAdmits(task)) return -1;
  for (let checked = 0; checked < hostCount; checked++) {
    lastHost = (lastHost + 1) % hostCount;
    const start = getI32(hostVmStart, lastHost);
    const size = getI32(hostVmEnd, lastHost) - start;
    for (let tries = 0; tries < size; tries++) {
      const k = (getI32(lastVm, lastHost) + 1) % size;
      setI32(lastVm, lastHost, k);
      if (fits(task, start + k)) return start + k;
    }
  }
  return -1;
}
