// EdgeCloudSim sample_app2-4 network: empirical WLAN and WAN
// throughput tables indexed by the transfers already active at the access point, and an M/M/1 MAN
// for edge-to-edge relays whose mean inter-arrival is re-estimated every few seconds. A leg's delay
// is fixed when it starts; a delay that cannot be computed fails the task with reason network.
// Legs: local edge WLAN up / WLAN down; remote edge WLAN+MAN up / MAN+WLAN down; cloud WAN up / WAN down.
import { allocF64, allocI32, getF64, getI32, setF64, setI32 } from "../../kernel/mem";
import { queueSchedule } from "../../kernel/queue";
import {
  ARRIVAL_IDLE_ACTIVE, FAIL_MOBILITY, FAIL_NETWORK, PHASE_DOWNLOADING, PHASE_UPLOADING, PRIORITY_COMPLETION,
  PRIORITY_TIMER, TIER_CLOUD, TIER_LOCAL_EDGE, TIER_REMOTE_EDGE, accessPointCount, appArrival, appCount,
  appDownloadKb, appP1, appP2, appShare, appUploadKb, at, devices, next, nextI32, now, record,
} from "../../kernel/state";
import {
  IN_ECS_MAN_BANDWIDTH_KBPS, IN_ECS_MAN_ESTIMATOR_INTERVAL_S, IN_ECS_MAN_FIELDS, IN_ECS_MAN_FIRST_ESTIMATOR_UPDATE_S,
  IN_ECS_MAN_MAX_DELAY_S, IN_ECS_MAN_PROBES_LOAD_ESTIMATOR, IN_ECS_MAN_PROBE_SIZE_KB, IN_ECS_MAN_PROPAGATION_DELAY_S,
} from "../../kernel/layout.gen";
import {
  tAccessPoint, tDevice, tDownloadKb, tDownloadS, tLeg, tLegDelayS, tLegStartS, tManS, tPhase, tTier, tUploadKb,
  tUploadS, tWanS, tWlanS, taskSlotBase,
} from "../../kernel/tasks";
import { accessPointAt } from "../mobility";
import { downloadDone } from "../lifecycle";
import { failTransfer, rejectTransfer, uploadDone } from "./handoff";

const WLAN_UP: i32 = 1, MAN_UP: i32 = 2, WAN_UP: i32 = 3, WLAN_DOWN: i32 = 4, MAN_DOWN: i32 = 5, WAN_DOWN: i32 = 6;

let wlanClients: usize = 0; // i32 per access point
let wanClients: usize = 0; // i32 per access point
let wlanKbps: usize = 0;
let wlanLen: i32 = 0;
let wanKbps: usize = 0;
let wanLen: i32 = 0;
let manBandwidthKbps: f64 = 0;
let manPropagationS: f64 = 0;
let manMaxDelayS: f64 = 0;
let manEstimatorIntervalS: f64 = 0;
let manFirstUpdateS: f64 = 0;
let probeSizeKb: f64 = 0;
/** EdgeCloudSim: every task's orchestrator MAN probe counts as a MAN upload in the estimator. */
let probesLoadEstimator: bool = false;
/** M/M/1 MAN estimator state (EdgeCloudSim): mean per-device inter-arrival and mean size per direction. */
let manMeanInterarrivalUpS: f64 = 0;
let manMeanInterarrivalDownS: f64 = 0;
let manSizeUpKb: f64 = 0;
let manSizeDownKb: f64 = 0;
let manUploads: i32 = 0;
let manDownloads: i32 = 0;
let timerSlot: i32 = 0;

/** The leg after `leg` for a task of `tier` (0 = no more legs in this direction). */
function nextLeg(tier: i32, leg: i32): i32 {
  if (tier == TIER_REMOTE_EDGE) {
    if (leg == WLAN_UP) return MAN_UP;
    if (leg == MAN_DOWN) return WLAN_DOWN;
  }
  return 0;
}

export function init(): void {
  wlanClients = allocI32(accessPointCount);
  wanClients = allocI32(accessPointCount);
  const factor = next();
  wlanLen = nextI32();
  wlanKbps = allocF64(wlanLen);
  for (let i = 0; i < wlanLen; i++) setF64(wlanKbps, i, next() * factor);
  wanLen = nextI32();
  wanKbps = allocF64(wanLen);
  for (let i = 0; i < wanLen; i++) setF64(wanKbps, i, next());
  const r = record(IN_ECS_MAN_FIELDS);
  manBandwidthKbps = at(r + IN_ECS_MAN_BANDWIDTH_KBPS);
  manPropagationS = at(r + IN_ECS_MAN_PROPAGATION_DELAY_S);
  manMaxDelayS = at(r + IN_ECS_MAN_MAX_DELAY_S);
  manEstimatorIntervalS = at(r + IN_ECS_MAN_ESTIMATOR_INTERVAL_S);
  manFirstUpdateS = at(r + IN_ECS_MAN_FIRST_ESTIMATOR_UPDATE_S);
  probeSizeKb = at(r + IN_ECS_MAN_PROBE_SIZE_KB);
  probesLoadEstimator = at(r + IN_ECS_MAN_PROBES_LOAD_ESTIMATOR) != 0;
  // Initial estimates as EdgeCloudSim: M0 = Σ 4·interarrival·w / #apps, S0 = Σ size·w / #apps.
  let m: f64 = 0, up: f64 = 0, down: f64 = 0;
  for (let a = 0; a < appCount; a++) {
    const w = getF64(appShare, a) / 100;
    const interarrival = getI32(appArrival, a) == ARRIVAL_IDLE_ACTIVE
      ? getF64(appP1, a)
      : (getF64(appP1, a) + getF64(appP2, a)) / 2;
    m += 4 * interarrival * w;
    up += getF64(appUploadKb, a) * w;
    down += getF64(appDownloadKb, a) * w;
  }
  manMeanInterarrivalUpS = m / <f64>appCount;
  manMeanInterarrivalDownS = m / <f64>appCount;
  manSizeUpKb = up / <f64>appCount;
  manSizeDownKb = down / <f64>appCount;
  manUploads = 0;
  manDownloads = 0;
}

export function start(slotBase: i32): void {
  timerSlot = slotBase;
  queueSchedule(slotBase, manFirstUpdateS, PRIORITY_TIMER);
}

/**
 * A task arrived. EdgeCloudSim's orchestrator (FuzzyEdgeOrchestrator.getDeviceToOffload) calls the
 * MAN delay function once per task, whatever the policy, and that function counts every call as a MAN
 * upload: with probesLoadEstimator the estimator sees the probe as EdgeCloudSim's does.
 */
export function onArrival(): void {
  if (probesLoadEstimator) manUploads++;
}

export function onTimer(): void {
  const n = <f64>devices;
  const dt = manEstimatorIntervalS;
  if (manUploads > 0) manMeanInterarrivalUpS = dt / (<f64>manUploads / n);
  if (manDownloads > 0) manMeanInterarrivalDownS = dt / (<f64>manDownloads / n);
  manUploads = 0;
  manDownloads = 0;
  queueSchedule(timerSlot, now + dt, PRIORITY_TIMER);
}

function wlanDelay(sizeKb: f64, ap: i32): f64 {
  const n = getI32(wlanClients, ap);
  return n >= wlanLen ? 0 : (sizeKb * 8) / getF64(wlanKbps, n);
}

function wanDelay(sizeKb: f64, ap: i32): f64 {
  const n = getI32(wanClients, ap);
  return n >= wanLen ? 0 : (sizeKb * 8) / getF64(wanKbps, n);
}

function manDelay(up: bool): f64 {
  const size = up ? manSizeUpKb : manSizeDownKb;
  const mean = up ? manMeanInterarrivalUpS : manMeanInterarrivalDownS;
  const mu = manBandwidthKbps / (size * 8);
  const lambda = 1 / mean;
  let r = 1 / (mu - lambda * <f64>devices);
  if (r < 0) return 0;
  r += manPropagationS;
  return r > manMaxDelayS ? 0 : r;
}

export function startUpload(task: i32): void {
  setI32(tPhase, task, PHASE_UPLOADING);
  beginLeg(task, getI32(tTier, task) == TIER_CLOUD ? WAN_UP : WLAN_UP);
}

export function startDownload(task: i32): void {
  setI32(tPhase, task, PHASE_DOWNLOADING);
  const tier = getI32(tTier, task);
  beginLeg(task, tier == TIER_CLOUD ? WAN_DOWN : tier == TIER_REMOTE_EDGE ? MAN_DOWN : WLAN_DOWN);
}

// @ts-ignore: decorator
@inline function beginLeg(task: i32, leg: i32): void {
  const ap = getI32(tAccessPoint, task);
  let delay: f64;
  switch (leg) {
    case WLAN_UP: delay = wlanDelay(getF64(tUploadKb, task), ap); break;
    case WLAN_DOWN: delay = wlanDelay(getF64(tDownloadKb, task), ap); break;
    case WAN_UP: delay = wanDelay(getF64(tUploadKb, task), ap); break;
    case WAN_DOWN: delay = wanDelay(getF64(tDownloadKb, task), ap); break;
    case MAN_UP: delay = manDelay(true); manUploads++; break;
    default: delay = manDelay(false); manDownloads++; break;
  }
  // A zero-size transfer takes no time; a zero delay otherwise means "no bandwidth".
  const size = leg <= WAN_UP ? getF64(tUploadKb, task) : getF64(tDownloadKb, task);
  if (delay <= 0 && (size > 0 || leg == MAN_UP || leg == MAN_DOWN)) {
    // The first upload leg starts at submission: its failure is a rejection (EdgeCloudSim's warm-up rule).
    if (leg == WLAN_UP || leg == WAN_UP) rejectTransfer(task, FAIL_NETWORK);
    else failTransfer(task, FAIL_NETWORK);
    return;
  }
  // EdgeCloudSim checks, when a result leg starts, where the device will be when it ends.
  if (leg >= WLAN_DOWN && accessPointAt(getI32(tDevice, task), now + delay) != ap) {
    failTransfer(task, FAIL_MOBILITY);
    return;
  }
  if (leg == WLAN_UP || leg == WLAN_DOWN) setI32(wlanClients, ap, getI32(wlanClients, ap) + 1);
  else if (leg == WAN_UP || leg == WAN_DOWN) setI32(wanClients, ap, getI32(wanClients, ap) + 1);
  setI32(tLeg, task, leg);
  setF64(tLegStartS, task, now);
  setF64(tLegDelayS, task, delay);
  queueSchedule(taskSlotBase + task, now + delay, PRIORITY_COMPLETION);
}

// @ts-ignore: decorator
@inline export function onTaskEvent(task: i32): void {
  const leg = getI32(tLeg, task);
  const ap = getI32(tAccessPoint, task);
  const delay = getF64(tLegDelayS, task);
  if (leg == WLAN_UP || leg == WLAN_DOWN) {
    setI32(wlanClients, ap, getI32(wlanClients, ap) - 1);
    setF64(tWlanS, task, getF64(tWlanS, task) + delay);
  } else if (leg == WAN_UP || leg == WAN_DOWN) {
    setI32(wanClients, ap, getI32(wanClients, ap) - 1);
    setF64(tWanS, task, getF64(tWanS, task) + delay);
  } else {
    setF64(tManS, task, getF64(tManS, task) + delay);
  }
  const up = leg <= WAN_UP;
  if (up) setF64(tUploadS, task, getF64(tUploadS, task) + delay);
  else setF64(tDownloadS, task, getF64(tDownloadS, task) + delay);
  const nl = nextLeg(getI32(tTier, task), leg);
  if (nl != 0) beginLeg(task, nl);
  else if (up) uploadDone(task);
  else downloadDone(task);
}

// @ts-ignore: decorator
@inline function pos(d: f64, size: f64): f64 {
  return d > 0 || size == 0 ? d : Infinity;
}

/** Estimate with the current counters; an impossible leg makes the estimate infinite. */
export function estimateNetworkS(task: i32, tier: i32, ap: i32): f64 {
  const up = getF64(tUploadKb, task), down = getF64(tDownloadKb, task);
  if (tier == TIER_CLOUD) return pos(wanDelay(up, ap), up) + pos(wanDelay(down, ap), down);
  let total = pos(wlanDelay(up, ap), up) + pos(wlanDelay(down, ap), down);
  if (tier != TIER_LOCAL_EDGE) total += pos(manDelay(true), 1) + pos(manDelay(false), 1);
  return total;
}

export function wanBandwidthMbps(ap: i32): f64 {
  const d = wanDelay(probeSizeKb, ap);
  // EdgeCloudSim: 1 / delay of a 128 KB (1024 Kb) dummy upload = table Kbps / 1024.
  return d > 0 ? (probeSizeKb * 8) / 1024 / d : 0;
}

export function manDelayS(): f64 {
  return manDelay(true);
}

export function tierBandwidthMbps(tier: i32, ap: i32): f64 {
  if (tier == TIER_CLOUD) return wanBandwidthMbps(ap);
  const n = getI32(wlanClients, ap);
  return n >= wlanLen ? 0 : getF64(wlanKbps, n) / 1000;
}
