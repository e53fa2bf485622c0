// The paper's network: the local edge needs no transfer; the remote edge and the cloud each sit
// behind one shared link whose capacity is redrawn uniformly in [min, max] Mbps every interval and
// is fair-shared by the transfers in progress (processor sharing of bandwidth, exact: one virtual
// clock per link counting Mb delivered per flow). Each leg then adds the link's propagation delay.
import {
  FAIL_MOBILITY, FAIL_NETWORK, PRIORITY_COMPLETION, PRIORITY_TIMER, type SimContext,
} from "../../engine/context.ts";
import { TIER_CLOUD, TIER_LOCAL_EDGE } from "../../engine/infrastructure.ts";
import { StreamSet } from "../../engine/rng.ts";
import { Phase } from "../../engine/tasks.ts";
import type { SharedLinkConfig } from "../../scenario/schema.ts";
import type { NetworkModel } from "./types.ts";

const LEG_UP_TRANSFER = 1;
const LEG_UP_PROPAGATION = 2;
const LEG_DOWN_TRANSFER = 3;
const LEG_DOWN_PROPAGATION = 4;

/** KB (1000 bytes) to megabits. */
const MBIT_PER_KB = 8 / 1000;

export class SharedLinks implements NetworkModel {
  readonly timerCount = 2;
  readonly linkCount = 2;
  private readonly links: readonly SharedLinkConfig[];
  private readonly capacityMbps = new Float64Array(2);
  private readonly virtualMb = new Float64Array(2);
  private readonly lastUpdateS = new Float64Array(2);
  private readonly flows = new Int32Array(2);
  private readonly head = new Int32Array(2).fill(-1);
  private readonly rng: StreamSet;
  private timerSlotBase = 0;

  constructor(
    private readonly ctx: SimContext,
    config: { remoteEdge: SharedLinkConfig; cloud: SharedLinkConfig },
    seed: number,
    private readonly linkSlotBase: number,
  ) {
    this.links = [config.remoteEdge, config.cloud];
    this.rng = new StreamSet(seed, "bandwidth", 2);
    for (let l = 0; l < 2; l++) this.capacityMbps[l] = this.draw(l);
  }

  start(timerSlotBase: number): void {
    this.timerSlotBase = timerSlotBase;
    for (let l = 0; l < 2; l++) {
      this.ctx.queue.schedule(timerSlotBase + l, this.links[l]!.redrawIntervalS, PRIORITY_TIMER);
    }
  }

  private draw(l: number): number {
    const link = this.links[l]!;
    return this.rng.between(l, link.minMbps, link.maxMbps);
  }

  onTimer(l: number): void {
    this.advance(l);
    this.capacityMbps[l] = this.draw(l);
    this.reschedule(l);
    const ctx = this.ctx;
    ctx.queue.schedule(this.timerSlotBase + l, ctx.now + this.links[l]!.redrawIntervalS, PRIORITY_TIMER);
  }

  startUpload(task: number): void {
    const c = this.ctx.tasks.cols;
    c.phase[task] = Phase.Uploading;
    if (c.tier[task] === TIER_LOCAL_EDGE) {
      this.ctx.uploadDone(task);
      return;
    }
    this.beginTransfer(task, LEG_UP_TRANSFER, c.uploadKb[task]! * MBIT_PER_KB);
  }

  startDownload(task: number): void {
    const c = this.ctx.tasks.cols;
    c.phase[task] = Phase.Downloading;
    if (c.tier[task] === TIER_LOCAL_EDGE) {
      this.finishDownload(task);
      return;
    }
    this.beginTransfer(task, LEG_DOWN_TRANSFER, c.downloadKb[task]! * MBIT_PER_KB);
  }

  private linkOf(task: number): number {
    return this.ctx.tasks.cols.tier[task] === TIER_CLOUD ? 1 : 0;
  }

  private beginTransfer(task: number, leg: number, sizeMb: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    const l = this.linkOf(task);
    const limit = this.links[l]!.maxConcurrentTransfers;
    if (limit > 0 && this.flows[l]! >= limit) {
      ctx.fail(task, FAIL_NETWORK);
      return;
    }
    c.leg[task] = leg;
    c.legStartS[task] = ctx.now;
    this.advance(l);
    c.virtualFinish[task] = this.virtualMb[l]! + sizeMb;
    c.prev[task] = -1;
    c.next[task] = this.head[l]!;
    if (this.head[l]! >= 0) c.prev[this.head[l]!] = task;
    this.head[l] = task;
    this.flows[l]!++;
    this.reschedule(l);
  }

  onLinkEvent(l: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    this.advance(l);
    let first = -1;
    let min = Infinity;
    for (let t = this.head[l]!; t >= 0; t = c.next[t]!) {
      if (c.virtualFinish[t]! < min) {
        min = c.virtualFinish[t]!;
        first = t;
      }
    }
    if (first < 0) return;
    const v = Math.max(this.virtualMb[l]!, min);
    const tolerance = 1e-9 * Math.max(1, Math.abs(v));
    let t = this.head[l]!;
    while (t >= 0) {
      const next = c.next[t]!;
      if (t === first || c.virtualFinish[t]! <= v + tolerance) this.endTransfer(l, t);
      t = next;
    }
    this.virtualMb[l] = v;
    this.reschedule(l);
  }

  private endTransfer(l: number, task: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    const prev = c.prev[task]!, next = c.next[task]!;
    if (prev >= 0) c.next[prev] = next;
    else this.head[l] = next;
    if (next >= 0) c.prev[next] = prev;
    this.flows[l]!--;
    c.leg[task] = c.leg[task] === LEG_UP_TRANSFER ? LEG_UP_PROPAGATION : LEG_DOWN_PROPAGATION;
    ctx.queue.schedule(ctx.taskSlotBase + task, ctx.now + this.links[l]!.propagationDelayS, PRIORITY_COMPLETION);
  }

  onTaskEvent(task: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    const elapsed = ctx.now - c.legStartS[task]!;
    c.linkS[task]! += elapsed;
    if (c.leg[task] === LEG_UP_PROPAGATION) {
      c.uploadS[task] = elapsed;
      ctx.uploadDone(task);
    } else {
      c.downloadS[task] = elapsed;
      this.finishDownload(task);
    }
  }

  private finishDownload(task: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    // A device that left the access point it submitted from cannot receive the result.
    if (ctx.accessPointAt(c.device[task]!, ctx.now) !== c.accessPoint[task]) ctx.fail(task, FAIL_MOBILITY);
    else ctx.downloadDone(task);
  }

  private advance(l: number): void {
    const now = this.ctx.now;
    if (this.flows[l]! > 0) this.virtualMb[l]! += (this.capacityMbps[l]! / this.flows[l]!) * (now - this.lastUpdateS[l]!);
    this.lastUpdateS[l] = now;
  }

  private reschedule(l: number): void {
    const ctx = this.ctx;
    const c = ctx.tasks.cols;
    const slot = this.linkSlotBase + l;
    let min = Infinity;
    for (let t = this.head[l]!; t >= 0; t = c.next[t]!) min = Math.min(min, c.virtualFinish[t]!);
    if (min === Infinity) {
      ctx.queue.cancel(slot);
      return;
    }
    const rate = this.capacityMbps[l]! / this.flows[l]!;
    ctx.queue.schedule(slot, ctx.now + Math.max(0, (min - this.virtualMb[l]!) / rate), PRIORITY_COMPLETION);
  }

  estimateNetworkS(task: number, tier: number): number {
    if (tier === TIER_LOCAL_EDGE) return 0;
    const c = this.ctx.tasks.cols;
    const l = tier === TIER_CLOUD ? 1 : 0;
    const perFlow = this.capacityMbps[l]! / (this.flows[l]! + 1);
    return ((c.uploadKb[task]! + c.downloadKb[task]!) * MBIT_PER_KB) / perFlow + 2 * this.links[l]!.propagationDelayS;
  }

  tierBandwidthMbps(tier: number): number {
    if (tier === TIER_LOCAL_EDGE) return Infinity;
    const l = tier === TIER_CLOUD ? 1 : 0;
    return this.capacityMbps[l]! / (this.flows[l]! + 1);
  }

  wanBandwidthMbps(): number {
    return this.tierBandwidthMbps(TIER_CLOUD);
  }

  manDelayS(): number {
    // The remote-edge link plays the MAN: the time a 128 KB probe would take on it now, plus propagation.
    return (128 * MBIT_PER_KB) / this.tierBandwidthMbps(1) + this.links[0]!.propagationDelayS;
  }
}
