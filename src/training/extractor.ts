// The raw features of a (task, tier) or (task, VM) pair read from a live SystemView, on the host:
// what the training data records (src/training/dataset.ts) and the DQN's agent sees
// (src/training/rl.ts). The names, clips and normalisation are src/nn/features.ts. The engine
// computes the same features, normalised, inside its Algorithm 1 (assembly/nn/features.ts);
// test/wasm-nn-features.test.ts holds the two to each other bit for bit.
import { TIER_CLOUD, TIER_LOCAL_EDGE, TIER_REMOTE_EDGE } from "../scenario/infrastructure.ts";
import type { SystemView } from "../policies/types.ts";
import { CLIP, normalise, type Normalisation, TASK_FEATURES, TIER_COUNT } from "../nn/features.ts";

const clip = (x: number, cap: number): number => (x > cap ? cap : x > 0 ? x : 0);

/** The five task features (raw) into out[o..o+5). */
function taskRaw(view: SystemView, task: number, out: Float32Array | Float64Array, o: number): void {
  const c = view.tasks;
  out[o] = c.lengthMi[task]! / 1000;
  out[o + 1] = c.uploadKb[task]! / 1000;
  out[o + 2] = c.downloadKb[task]! / 1000;
  out[o + 3] = view.scenario.workload.apps[c.app[task]!]!.delaySensitivity;
  out[o + 4] = clip(c.deadlineS[task]! - view.now, CLIP.deadlineS);
}

/**
 * Reusable per-view scratch: the tier aggregates of the tier features. One per policy instance
 * (no allocation per call).
 */
export class FeatureExtractor {
  private readonly util = new Float64Array(TIER_COUNT);
  private readonly load = new Float64Array(TIER_COUNT);
  private readonly mem = new Float64Array(TIER_COUNT);
  private readonly count = new Float64Array(TIER_COUNT);
  private readonly best = new Float64Array(TIER_COUNT);

  /** Raw tier features of the task now into out[o..o+TIER_FEATURES.length). */
  tierRaw(view: SystemView, task: number, out: Float32Array | Float64Array, o: number): void {
    taskRaw(view, task, out, o);
    const infra = view.infra;
    const util = this.util, load = this.load, mem = this.mem, count = this.count, best = this.best;
    best.fill(CLIP.delayS);
    util.fill(0);
    load.fill(0);
    mem.fill(0);
    count.fill(0);
    const local = view.localHost(task);
    const cloudStart = infra.cloudVmStart;
    for (let vm = 0; vm < infra.vmCount; vm++) {
      const host = infra.vmHost[vm]!;
      const k = vm >= cloudStart ? TIER_CLOUD : host === local ? TIER_LOCAL_EDGE : TIER_REMOTE_EDGE;
      count[k]!++;
      util[k]! += view.vmUtilPct[vm]! / 100;
      load[k]! += view.vmBoundTasks[vm]! / infra.vmCores[vm]!;
      const free = view.vmFreeMemMb[vm]! / 1000;
      if (free > mem[k]!) mem[k] = free;
      if (view.fits(task, vm)) {
        const e = view.estimateServiceS(task, vm);
        if (e < best[k]!) best[k] = e;
      }
    }
    const ap = view.deviceAccessPoint[view.tasks.device[task]!]!;
    let p = o + TASK_FEATURES.length;
    for (let k = 0; k < TIER_COUNT; k++) {
      const n = count[k]!;
      out[p++] = n > 0 ? util[k]! / n : 1;
      out[p++] = n > 0 ? clip(load[k]! / n, CLIP.loadPerCore) : CLIP.loadPerCore;
      out[p++] = mem[k]!;
      out[p++] = clip(view.tierBandwidthMbps(k, ap), CLIP.bandwidthMbps);
      out[p++] = clip(best[k]!, CLIP.delayS);
    }
  }

  /** Raw VM features of (task, vm) now into out[o..o+VM_FEATURES.length). */
  vmRaw(view: SystemView, task: number, vm: number, out: Float32Array | Float64Array, o: number): void {
    taskRaw(view, task, out, o);
    const infra = view.infra;
    const tier = view.tierOf(task, vm);
    const ap = view.deviceAccessPoint[view.tasks.device[task]!]!;
    let p = o + TASK_FEATURES.length;
    out[p++] = view.vmUtilPct[vm]! / 100;
    out[p++] = view.loadFraction(vm);
    out[p++] = clip(view.vmBoundTasks[vm]! / infra.vmCores[vm]!, CLIP.loadPerCore);
    out[p++] = view.vmFreeMemMb[vm]! / 1000;
    out[p++] = infra.vmCores[vm]!;
    out[p++] = infra.vmMipsPerCore[vm]! / 1000;
    out[p++] = tier === TIER_LOCAL_EDGE ? 1 : 0;
    out[p++] = tier === TIER_REMOTE_EDGE ? 1 : 0;
    out[p++] = tier === TIER_CLOUD ? 1 : 0;
    out[p++] = clip(view.tierBandwidthMbps(tier, ap), CLIP.bandwidthMbps);
    out[p++] = clip(view.estimateNetworkS(task, vm), CLIP.delayS);
    out[p++] = clip(view.estimateServiceS(task, vm), CLIP.delayS);
  }

  /** Normalised tier features into a float32 row (what the networks take). */
  tierRow(view: SystemView, task: number, norm: Normalisation, out: Float32Array, o: number): void {
    this.tierRaw(view, task, out, o);
    normalise(out, o, norm);
  }

  vmRow(view: SystemView, task: number, vm: number, norm: Normalisation, out: Float32Array, o: number): void {
    this.vmRaw(view, task, vm, out, o);
    normalise(out, o, norm);
  }
}
