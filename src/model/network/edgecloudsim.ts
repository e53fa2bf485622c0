// EdgeCloudSim sample_app2-4 network (FuzzyExperimentalNetworkModel): empirical WLAN and WAN
// throughput tables indexed by the transfers already active at the access point, and an M/M/1 MAN
// for edge-to-edge relays whose mean inter-arrival is re-estimated every few seconds. A leg's delay
// is fixed when it starts (as in EdgeCloudSim); a delay that cannot be computed (table exhausted,
// unstable or too slow queue) fails the task with reason `network`.
// Legs: local edge WLAN up / WLAN down; remote edge WLAN+MAN up / MAN+WLAN down; cloud WAN up / WAN down.
import {
  FAIL_MOBILITY, FAIL_NETWORK, PRIORITY_COMPLETION, PRIORITY_TIMER, type SimContext,
} from "../../engine/context.ts";
import { TIER_CLOUD, TIER_LOCAL_EDGE, TIER_REMOTE_EDGE } from "../../engine/infrastructure.ts";
import { Phase } from "../../engine/tasks.ts";
import type { EdgeCloudSimNetworkConfig } from "../../scenario/schema.ts";
import type { NetworkModel } from "./types.ts";

const WLAN_UP = 1, MAN_UP = 2, WAN_UP = 3, WLAN_DOWN = 4, MAN_DOWN = 5, WAN_DOWN = 6;

/** The leg after `leg` for a task of `tier` (0 = no more legs in this direction). */
function nextLeg(tier: number, leg: number): number {
  if (tier === TIER_REMOTE_EDGE) {
    if (leg === WLAN_UP) return MAN_UP;
    if (leg === MAN_DOWN) return WLAN_DOWN;
  }
  return 0;
}

export class EdgeCloudSimNetwork implements NetworkModel {
  readonly timerCount = 1;
  readonly linkCount = 0;
  private readonly wlanClients: Int32Array;
  private readonly wanClients: Int32Array;
  private readonly wlanKbps: readonly number[];
  private readonly wanKbps: readonly number[];
  /** M/M/1 MAN estimator state (EdgeCloudSim): mean per-device inter-arrival and mean size per direction. */
  private manMeanInterarrivalUpS: number;
  private manMeanInterarrivalDownS: number;
  private readonly manSizeUpKb: number;
  private readonly manSizeDownKb: number;
  private manUploads = 0;
  private manDownloads = 0;
  private timerSlot = 0;

  constructor(private readonly ctx: SimContext, private readonly config: EdgeCloudSimNetworkConfig) {
    this.wlanClients = new Int32Array(ctx.infra.accessPointCount);
    this.wanClients = new Int32Array(ctx.infra.accessPointCount);
    this.wlanKbps = config.wlanKbpsByActiveClients.map((k) => k * config.wlanCapacityFactor);
    this.wanKbps = config.wanKbpsByActiveClients;
    // Initial estimates as EdgeCloudSim: M0 = Σ 4·interarrival·w / #apps, S0 = Σ size·w / #apps.
    const apps = ctx.scenario.workload.apps;
    let m = 0, up = 0, down = 0;
    for (const a of apps) {
      const w = a.sharePct / 100;
      const interarrival = a.arrival.model === "idle-active-poisson" ? a.arrival.meanInterarrivalS : (a.arrival.minIntervalS + a.arrival.maxIntervalS) / 2;
      m += 4 * interarrival * w;
      up += a.uploadKb * w;
      down += a.downloadKb * w;
    }
    this.manMeanInterarrivalUpS = m / apps.length;
    this.manMeanInterarrivalDownS = m / apps.length;
    this.manSizeUpKb = up / apps.length;
    this.manSizeDownKb = down / apps.length;
  }

  start(timerSlotBase: number): void {
    this.timerSlot = timerSlotBase;
    this.ctx.queue.schedule(timerSlotBase, this.config.man.firstEstimatorUpdateS, PRIORITY_TIMER);
  }

  /**
   * A task arrived. EdgeCloudSim's orchestrator (FuzzyEdgeOrchestrator.getDeviceToOffload) calls the
   * MAN delay function once per task, whatever the policy, and that function counts every call as a
   * MAN upload: with probesLoadEstimator the estimator sees the probe as EdgeCloudSim's does.
   */
  onArrival(): void {
    if (this.config.man.probesLoadEstimator) this.manUploads++;
  }

  onTimer(): void {
    const n = this.ctx.deviceCount;
    const dt = this.config.man.estimatorIntervalS;
    if (this.manUploads > 0) this.manMeanInterarrivalUpS = dt / (this.manUploads / n);
    if (this.manDownloads > 0) this.manMeanInterarrivalDownS = dt / (this.manDownloads / n);
    this.manUploads = 0;
    this.manDownloads = 0;
    this.ctx.queue.schedule(this.timerSlot, this.ctx.now + dt, PRIORITY_TIMER);
  }

  onLinkEvent(): void {
    // No shared links in this world.
  }

  private wlanDelay(sizeKb: number, ap: number): number {
    const n = this.wlanClients[ap]!;
    return n >= this.wlanKbps.length ? 0 : (sizeKb * 8) / this.wlanKbps[n]!;
  }

  private wanDelay(sizeKb: number, ap: number): number {
    const n = this.wanClients[ap]!;
    return n >= this.wanKbps.length ? 0 : (sizeKb * 8) / this.wanKbps[n]!;
  }

  private manDelay(up: boolean): number {
    const man = this.config.man;
    const size = up ? this.manSizeUpKb : this.manSizeDownKb;
    const mean = up ? this.manMeanInterarrivalUpS : this.manMeanInterarrivalDownS;
    const mu = man.bandwidthKbps / (size * 8);
    const lambda = 1 / mean;
    let r = 1 / (mu - lambda * this.ctx.deviceCount);
    if (r < 0) return 0;
    r += man.propagationDelayS;
    return r > man.maxDelayS ? 0 : r;
  }

  startUpload(task: number): void {
    const c = this.ctx.tasks.cols;
    c.phase[task] = Phase.Uploading;
    this.beginLeg(task, c.tier[task] === TIER_CLOUD ? WAN_UP : WLAN_UP);
  }

  startDownload(task: number): void {
    const c = this.ctx.tasks.cols;
    c.phase[task] = Phase.Downloading;
    const tier = c.tier[task]!;
    this.beginLeg(task, tier === TIER_CLOUD ? WAN_DOWN : tier === TIER_REMOTE_EDGE ? MAN_DOWN : WLAN_DOWN);
  }

  private beginLeg(task: number, leg: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    const ap = c.accessPoint[task]!;
    let delay: number;
    switch (leg) {
      case WLAN_UP: delay = this.wlanDelay(c.uploadKb[task]!, ap); break;
      case WLAN_DOWN: delay = this.wlanDelay(c.downloadKb[task]!, ap); break;
      case WAN_UP: delay = this.wanDelay(c.uploadKb[task]!, ap); break;
      case WAN_DOWN: delay = this.wanDelay(c.downloadKb[task]!, ap); break;
      case MAN_UP: delay = this.manDelay(true); this.manUploads++; break;
      default: delay = this.manDelay(false); this.manDownloads++; break;
    }
    // A zero-size transfer takes no time; a zero delay otherwise means "no bandwidth".
    const size = leg <= WAN_UP ? c.uploadKb[task]! : c.downloadKb[task]!;
    if (delay <= 0 && (size > 0 || leg === MAN_UP || leg === MAN_DOWN)) {
      // The first upload leg starts at submission: its failure is a rejection (EdgeCloudSim's warm-up rule).
      if (leg === WLAN_UP || leg === WAN_UP) ctx.rejectAtSubmission(task, FAIL_NETWORK);
      else ctx.fail(task, FAIL_NETWORK);
      return;
    }
    // EdgeCloudSim checks, when a result leg starts, where the device will be when it ends.
    if (leg >= WLAN_DOWN && ctx.accessPointAt(c.device[task]!, ctx.now + delay) !== ap) {
      ctx.fail(task, FAIL_MOBILITY);
      return;
    }
    if (leg === WLAN_UP || leg === WLAN_DOWN) this.wlanClients[ap]!++;
    else if (leg === WAN_UP || leg === WAN_DOWN) this.wanClients[ap]!++;
    c.leg[task] = leg;
    c.legStartS[task] = ctx.now;
    c.legDelayS[task] = delay;
    ctx.queue.schedule(ctx.taskSlotBase + task, ctx.now + delay, PRIORITY_COMPLETION);
  }

  onTaskEvent(task: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    const leg = c.leg[task]!;
    const ap = c.accessPoint[task]!;
    const delay = c.legDelayS[task]!;
    if (leg === WLAN_UP || leg === WLAN_DOWN) {
      this.wlanClients[ap]!--;
      c.wlanS[task]! += delay;
    } else if (leg === WAN_UP || leg === WAN_DOWN) {
      this.wanClients[ap]!--;
      c.wanS[task]! += delay;
    } else {
      c.manS[task]! += delay;
    }
    const up = leg <= WAN_UP;
    if (up) c.uploadS[task]! += delay;
    else c.downloadS[task]! += delay;
    const next = nextLeg(c.tier[task]!, leg);
    if (next !== 0) this.beginLeg(task, next);
    else if (up) ctx.uploadDone(task);
    else ctx.downloadDone(task);
  }

  /** Estimate with the current counters; an impossible leg makes the estimate infinite. */
  estimateNetworkS(task: number, tier: number, ap: number): number {
    const c = this.ctx.tasks.cols;
    const up = c.uploadKb[task]!, down = c.downloadKb[task]!;
    const pos = (d: number, size: number) => (d > 0 || size === 0 ? d : Infinity);
    if (tier === TIER_CLOUD) return pos(this.wanDelay(up, ap), up) + pos(this.wanDelay(down, ap), down);
    let total = pos(this.wlanDelay(up, ap), up) + pos(this.wlanDelay(down, ap), down);
    if (tier !== TIER_LOCAL_EDGE) total += pos(this.manDelay(true), 1) + pos(this.manDelay(false), 1);
    return total;
  }

  wanBandwidthMbps(ap: number): number {
    const d = this.wanDelay(this.config.probeSizeKb, ap);
    // EdgeCloudSim: 1 / delay of a 128 KB (1024 Kb) dummy upload = table Kbps / 1024.
    return d > 0 ? (this.config.probeSizeKb * 8) / 1024 / d : 0;
  }

  manDelayS(): number {
    return this.manDelay(true);
  }

  tierBandwidthMbps(tier: number, ap: number): number {
    if (tier === TIER_CLOUD) return this.wanBandwidthMbps(ap);
    const n = this.wlanClients[ap]!;
    return n >= this.wlanKbps.length ? 0 : this.wlanKbps[n]! / 1000;
  }
}
