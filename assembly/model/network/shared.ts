// The paper's network: the local edge needs no transfer; the
// remote edge and the cloud each sit behind one shared link whose capacity is redrawn uniformly in
// [min, max] Mbps every interval and fair-shared by the transfers in progress (exact processor
// sharing of bandwidth: one virtual clock per link, Mb delivered per flow). Each leg then adds the
// link's propagation delay. Link 0 = remote edge, link 1 = cloud.
import { allocF64, allocI32, fillI32, getF64, getI32, setF64, setI32 } from "../../kernel/mem";
import { queueCancel, queueSchedule } from "../../kernel/queue";
import { between, streamsCreate } from "../../kernel/rng";
import {
  FAIL_MOBILITY, FAIL_NETWORK, PHASE_DOWNLOADING, PHASE_UPLOADING, PRIORITY_COMPLETION, PRIORITY_TIMER,
  TIER_CLOUD, TIER_LOCAL_EDGE, at, now, record, seed,
} from "../../kernel/state";
import {
  IN_LINK_FIELDS, IN_LINK_MAX_CONCURRENT_TRANSFERS, IN_LINK_MAX_MBPS, IN_LINK_MIN_MBPS, IN_LINK_PROPAGATION_DELAY_S,
  IN_LINK_REDRAW_INTERVAL_S,
} from "../../kernel/layout.gen";
import {
  listPush, listUnlink, tAccessPoint, tDevice, tDownloadKb, tDownloadS, tLeg, tLegStartS, tLinkS, tNext, tPhase, tTier,
  tUploadKb, tUploadS, tVirtualFinish, taskSlotBase,
} from "../../kernel/tasks";
import { accessPointAt } from "../mobility";
import { downloadDone } from "../lifecycle";
import { failTransfer, uploadDone } from "./handoff";

const LEG_UP_TRANSFER: i32 = 1;
const LEG_UP_PROPAGATION: i32 = 2;
const LEG_DOWN_TRANSFER: i32 = 3;
const LEG_DOWN_PROPAGATION: i32 = 4;

/** KB (1000 bytes) to megabits. */
const MBIT_PER_KB: f64 = 8.0 / 1000.0;

// Per link (2): configuration and state.
let minMbps: usize = 0;
let maxMbps: usize = 0;
let redrawIntervalS: usize = 0;
let propagationS: usize = 0;
let maxTransfers: usize = 0; // i32
let capacityMbps: usize = 0;
let virtualMb: usize = 0;
let lastUpdateS: usize = 0;
let flows: usize = 0; // i32
let head: usize = 0; // i32 per link: its flows (kernel/tasks.ts listPush)
/** Smallest virtual finish over the link's flows (Infinity when none), kept as flows join and end
 *  so that no event scans the list for it. */
let minFinish: usize = 0;
let rng: usize = 0;
let timerSlotBase: i32 = 0;
let linkSlotBase: i32 = 0;

export function init(slotBase: i32): void {
  linkSlotBase = slotBase;
  minMbps = allocF64(2);
  maxMbps = allocF64(2);
  redrawIntervalS = allocF64(2);
  propagationS = allocF64(2);
  maxTransfers = allocI32(2);
  for (let l = 0; l < 2; l++) {
    const r = record(IN_LINK_FIELDS);
    setF64(minMbps, l, at(r + IN_LINK_MIN_MBPS));
    setF64(maxMbps, l, at(r + IN_LINK_MAX_MBPS));
    setF64(redrawIntervalS, l, at(r + IN_LINK_REDRAW_INTERVAL_S));
    setF64(propagationS, l, at(r + IN_LINK_PROPAGATION_DELAY_S));
    setI32(maxTransfers, l, <i32>at(r + IN_LINK_MAX_CONCURRENT_TRANSFERS));
  }
  capacityMbps = allocF64(2);
  virtualMb = allocF64(2);
  lastUpdateS = allocF64(2);
  flows = allocI32(2);
  head = allocI32(2);
  fillI32(head, 2, -1);
  minFinish = allocF64(2);
  setF64(minFinish, 0, Infinity);
  setF64(minFinish, 1, Infinity);
  rng = streamsCreate(seed, "bandwidth", 2);
  for (let l = 0; l < 2; l++) setF64(capacityMbps, l, draw(l));
}

export function start(slotBase: i32): void {
  timerSlotBase = slotBase;
  for (let l = 0; l < 2; l++) queueSchedule(slotBase + l, getF64(redrawIntervalS, l), PRIORITY_TIMER);
}

function draw(l: i32): f64 {
  return between(rng, l, getF64(minMbps, l), getF64(maxMbps, l));
}

export function onTimer(l: i32): void {
  advance(l);
  setF64(capacityMbps, l, draw(l));
  reschedule(l);
  queueSchedule(timerSlotBase + l, now + getF64(redrawIntervalS, l), PRIORITY_TIMER);
}

export function startUpload(task: i32): void {
  setI32(tPhase, task, PHASE_UPLOADING);
  if (getI32(tTier, task) == TIER_LOCAL_EDGE) {
    uploadDone(task);
    return;
  }
  beginTransfer(task, LEG_UP_TRANSFER, getF64(tUploadKb, task) * MBIT_PER_KB);
}

export function startDownload(task: i32): void {
  setI32(tPhase, task, PHASE_DOWNLOADING);
  if (getI32(tTier, task) == TIER_LOCAL_EDGE) {
    finishDownload(task);
    return;
  }
  beginTransfer(task, LEG_DOWN_TRANSFER, getF64(tDownloadKb, task) * MBIT_PER_KB);
}

// @ts-ignore: decorator
@inline function linkOf(task: i32): i32 {
  return getI32(tTier, task) == TIER_CLOUD ? 1 : 0;
}

function beginTransfer(task: i32, leg: i32, sizeMb: f64): void {
  const l = linkOf(task);
  const limit = getI32(maxTransfers, l);
  if (limit > 0 && getI32(flows, l) >= limit) {
    failTransfer(task, FAIL_NETWORK);
    return;
  }
  setI32(tLeg, task, leg);
  setF64(tLegStartS, task, now);
  advance(l);
  const vf = getF64(virtualMb, l) + sizeMb;
  setF64(tVirtualFinish, task, vf);
  setF64(minFinish, l, Math.min(getF64(minFinish, l), vf));
  listPush(head, l, task);
  setI32(flows, l, getI32(flows, l) + 1);
  reschedule(l);
}

export function onLinkEvent(l: i32): void {
  advance(l);
  // The event was scheduled for the smallest virtual finish: the clock is taken at least that far,
  // so that flow is done, and so is any other within rounding of the same instant. One pass, in list
  // order, which also finds the new min.
  if (getI32(head, l) < 0) return;
  const v = Math.max(getF64(virtualMb, l), getF64(minFinish, l));
  const tolerance = 1e-9 * Math.max(1, Math.abs(v));
  let rest: f64 = Infinity;
  let t = getI32(head, l);
  while (t >= 0) {
    const nextTask = getI32(tNext, t);
    const vf = getF64(tVirtualFinish, t);
    if (vf <= v + tolerance) endTransfer(l, t);
    else rest = Math.min(rest, vf);
    t = nextTask;
  }
  setF64(minFinish, l, rest);
  setF64(virtualMb, l, v);
  reschedule(l);
}

function endTransfer(l: i32, task: i32): void {
  listUnlink(head, l, task);
  setI32(flows, l, getI32(flows, l) - 1);
  setI32(tLeg, task, getI32(tLeg, task) == LEG_UP_TRANSFER ? LEG_UP_PROPAGATION : LEG_DOWN_PROPAGATION);
  queueSchedule(taskSlotBase + task, now + getF64(propagationS, l), PRIORITY_COMPLETION);
}

export function onTaskEvent(task: i32): void {
  const elapsed = now - getF64(tLegStartS, task);
  setF64(tLinkS, task, getF64(tLinkS, task) + elapsed);
  if (getI32(tLeg, task) == LEG_UP_PROPAGATION) {
    setF64(tUploadS, task, elapsed);
    uploadDone(task);
  } else {
    setF64(tDownloadS, task, elapsed);
    finishDownload(task);
  }
}

function finishDownload(task: i32): void {
  // A device that left the access point it submitted from cannot receive the result.
  if (accessPointAt(getI32(tDevice, task), now) != getI32(tAccessPoint, task)) failTransfer(task, FAIL_MOBILITY);
  else downloadDone(task);
}

function advance(l: i32): void {
  const n = getI32(flows, l);
  if (n > 0) {
    setF64(virtualMb, l, getF64(virtualMb, l) + (getF64(capacityMbps, l) / <f64>n) * (now - getF64(lastUpdateS, l)));
  }
  setF64(lastUpdateS, l, now);
}

function reschedule(l: i32): void {
  const slot = linkSlotBase + l;
  const min = getF64(minFinish, l);
  if (min == Infinity) {
    queueCancel(slot);
    return;
  }
  const r = getF64(capacityMbps, l) / <f64>getI32(flows, l);
  queueSchedule(slot, now + Math.max(0, (min - getF64(virtualMb, l)) / r), PRIORITY_COMPLETION);
}

export function estimateNetworkS(task: i32, tier: i32): f64 {
  if (tier == TIER_LOCAL_EDGE) return 0;
  const l = tier == TIER_CLOUD ? 1 : 0;
  const perFlow = getF64(capacityMbps, l) / <f64>(getI32(flows, l) + 1);
  return ((getF64(tUploadKb, task) + getF64(tDownloadKb, task)) * MBIT_PER_KB) / perFlow + 2 * getF64(propagationS, l);
}

export function tierBandwidthMbps(tier: i32): f64 {
  if (tier == TIER_LOCAL_EDGE) return Infinity;
  const l = tier == TIER_CLOUD ? 1 : 0;
  return getF64(capacityMbps, l) / <f64>(getI32(flows, l) + 1);
}

export function wanBandwidthMbps(): f64 {
  return tierBandwidthMbps(TIER_CLOUD);
}

export function manDelayS(): f64 {
  // The remote-edge link plays the MAN: the time a 128 KB probe would take on it now, plus propagation.
  return (128 * MBIT_PER_KB) / tierBandwidthMbps(1) + getF64(propagationS, 0);
}
