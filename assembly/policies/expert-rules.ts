// expert-rules (src/policies/expert-rules.ts): the paper's rule table picks a tier; its fastest
// feasible VM, else the tier whose best feasible VM is fastest. Counts how often each rule fired.
import { getF64, getI32, setF64 } from "../kernel/mem";
import { TIER_CLOUD, TIER_LOCAL_EDGE, TIER_REMOTE_EDGE, appSensitivity } from "../kernel/state";
import { tApp, tDevice, tLengthMi } from "../kernel/tasks";
import { tierBandwidthMbps } from "../model/network/index";
import { deviceAccessPoint } from "../model/mobility";
import { hostUtilPct, localHost } from "../decision/view";
import { policyStats } from "./stats";
import { allVmsSaturated, fastestVmInTier, lastEstimate } from "./fastest-vm";

const RULE_LOCAL: i32 = 0;
const RULE_REMOTE: i32 = 1;
const RULE_CLOUD: i32 = 2;
const RULE_GAP: i32 = 3;

/** Which expert rule labels the task now (RULE_GAP when none does): also the training labels (src/nn/dataset.ts). */
export function expertRule(task: i32): i32 {
  const ts = getF64(appSensitivity, getI32(tApp, task));
  const gi = getF64(tLengthMi, task) / 1000;
  const local = localHost(task);
  const u0 = local >= 0 ? hostUtilPct(local) / 100 : 1;
  if (ts > 0.7 && gi < 10 && u0 < 0.6) return RULE_LOCAL;
  const ap = getI32(deviceAccessPoint, getI32(tDevice, task));
  if (ts >= 0.3 && ts <= 0.7 && gi >= 10 && gi <= 30 && tierBandwidthMbps(TIER_REMOTE_EDGE, ap) > 50) return RULE_REMOTE;
  if (ts < 0.3 || gi > 30) return RULE_CLOUD;
  return RULE_GAP;
}

export function decideExpertRules(task: i32): i32 {
  const rule = expertRule(task);
  setF64(policyStats, rule, getF64(policyStats, rule) + 1);
  if (allVmsSaturated()) return -1;
  const vm0 = fastestVmInTier(task, TIER_LOCAL_EDGE);
  const est0 = vm0 >= 0 ? lastEstimate : Infinity;
  const vm1 = fastestVmInTier(task, TIER_REMOTE_EDGE);
  const est1 = vm1 >= 0 ? lastEstimate : Infinity;
  const vm2 = fastestVmInTier(task, TIER_CLOUD);
  const est2 = vm2 >= 0 ? lastEstimate : Infinity;
  if (rule == RULE_LOCAL && vm0 >= 0) return vm0;
  if (rule == RULE_REMOTE && vm1 >= 0) return vm1;
  if (rule == RULE_CLOUD && vm2 >= 0) return vm2;
  // Otherwise the tier whose best feasible VM has the smallest estimate (first on ties).
  let best = -1;
  let bestEst: f64 = 0;
  if (vm0 >= 0) {
    best = vm0;
    bestEst = est0;
  }
  if (vm1 >= 0 && (best < 0 || est1 < bestEst)) {
    best = vm1;
    bestEst = est1;
  }
  if (vm2 >= 0 && (best < 0 || est2 < bestEst)) best = vm2;
  return best;
}
