// The network model of the run: dispatch to shared-links or the
// EdgeCloudSim model. Fixed per run, so the branch is perfectly predicted.
import { NETWORK_SHARED, networkModel } from "../../kernel/state";
import * as shared from "./shared";
import * as ecs from "./ecs";

/** Timer slots the model needs (the engine reserves 4). */
export function networkTimerCount(): i32 {
  return networkModel == NETWORK_SHARED ? 2 : 1;
}

/** Reads the model's parameters from the flat input and initialises its state. */
export function networkInit(linkSlotBase: i32): void {
  if (networkModel == NETWORK_SHARED) shared.init(linkSlotBase);
  else ecs.init();
}

export function networkStart(timerSlotBase: i32): void {
  if (networkModel == NETWORK_SHARED) shared.start(timerSlotBase);
  else ecs.start(timerSlotBase);
}

export function networkOnTimer(index: i32): void {
  if (networkModel == NETWORK_SHARED) shared.onTimer(index);
  else ecs.onTimer();
}

export function networkOnLinkEvent(link: i32): void {
  if (networkModel == NETWORK_SHARED) shared.onLinkEvent(link);
}

/** A task arrived (before its decision): the EdgeCloudSim model may count the orchestrator's MAN probe. */
export function networkOnArrival(): void {
  if (networkModel != NETWORK_SHARED) ecs.onArrival();
}

// @ts-ignore: decorator
@inline export function networkOnTaskEvent(task: i32): void {
  if (networkModel == NETWORK_SHARED) shared.onTaskEvent(task);
  else ecs.onTaskEvent(task);
}

// @ts-ignore: decorator
@inline export function startUpload(task: i32): void {
  if (networkModel == NETWORK_SHARED) shared.startUpload(task);
  else ecs.startUpload(task);
}

// @ts-ignore: decorator
@inline export function startDownload(task: i32): void {
  if (networkModel == NETWORK_SHARED) shared.startDownload(task);
  else ecs.startDownload(task);
}

/** Estimated upload + download delay (s) of the task to a VM of `tier`, from access point `ap`, now. */
export function estimateNetworkS(task: i32, tier: i32, ap: i32): f64 {
  return networkModel == NETWORK_SHARED ? shared.estimateNetworkS(task, tier) : ecs.estimateNetworkS(task, tier, ap);
}

export function wanBandwidthMbps(ap: i32): f64 {
  return networkModel == NETWORK_SHARED ? shared.wanBandwidthMbps() : ecs.wanBandwidthMbps(ap);
}

export function manDelayS(): f64 {
  return networkModel == NETWORK_SHARED ? shared.manDelayS() : ecs.manDelayS();
}

export function tierBandwidthMbps(tier: i32, ap: i32): f64 {
  return networkModel == NETWORK_SHARED ? shared.tierBandwidthMbps(tier) : ecs.tierBandwidthMbps(tier, ap);
}
