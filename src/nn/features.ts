// The features of the neural offloader, shared by data generation, training and the policy: one
// function fills a Float32Array row from (task, live system view), so the network sees in use
// exactly what it saw in training. Names, order, clipping and normalisation travel with the
// model in its sidecar (src/nn/model-set.ts); a sidecar whose names differ from these is refused.
//
// Tier features (TierSelectionNN, paper IV.A plus one): task L, D_up, D_down, T_s and the time
// left to the deadline; per tier k (local edge, remote edge, cloud, as seen from the task's device):
//   utilization  mean busy share of the tier's VMs (U_k; for k = 0 it is the expert rule's U_0)
//   load         mean tasks bound per core of the tier's VMs (uncapped: busy cores saturate at 1
//                under overload and say nothing about the queues, which decide the service time)
//   free memory  the largest free memory of a VM of the tier (R_k^avail: what C4 checks)
//   bandwidth    the bandwidth a new transfer to the tier gets now (BW_k^avail; the expert rule's BW_1)
//   best estimated service time  the smallest engine estimate over the tier's VMs that admit the
//                task (what the gap rule compares; 60 s when none admits it)
// VM features (VMCompatibilityNN): the same task features, then the VM's utilization, U (the
// paper's load fraction, what C2/C3 see), tasks bound per core, free memory, cores, MIPS per core,
// tier one-hot, the tier's bandwidth, and the engine's estimates of network delay and service time.
import { TIER_CLOUD, TIER_LOCAL_EDGE, TIER_REMOTE_EDGE } from "../engine/infrastructure.ts";
import type { SystemView } from "../policies/types.ts";

/** Raw values are clipped to [0, cap] before normalisation (Infinity, e.g. "no deadline", becomes cap). */
export const CLIP = {
  deadlineS: 60,
  loadPerCore: 50,
  bandwidthMbps: 1000,
  delayS: 60,
} as const;

export const TASK_FEATURES = [
  "task.length_gi", "task.upload_mb", "task.download_mb", "task.delay_sensitivity", "task.deadline_left_s",
] as const;

const TIER_KEYS = ["local_edge", "remote_edge", "cloud"] as const;
const PER_TIER = ["utilization", "load_per_core", "free_memory_gb", "bandwidth_mbps", "best_estimated_service_s"] as const;

export const TIER_FEATURES: readonly string[] = [
  ...TASK_FEATURES,
  ...TIER_KEYS.flatMap((k) => PER_TIER.map((f) => `${k}.${f}`)),
];

export const VM_FEATURES: readonly string[] = [
  ...TASK_FEATURES,
  "vm.utilization", "vm.load_u", "vm.load_per_core", "vm.free_memory_gb", "vm.cores", "vm.mips_per_core_k",
  "vm.tier_local_edge", "vm.tier_remote_edge", "vm.tier_cloud", "vm.bandwidth_mbps", "vm.network_delay_s",
  "vm.estimated_service_s",
];

export const TIER_COUNT = 3;

/** Per-feature affine normalisation: x' = (clip(x) − mean) / std. */
export interface Normalisation {
  mean: Float64Array;
  std: Float64Array;
}

export function identityNormalisation(n: number): Normalisation {
  return { mean: new Float64Array(n), std: new Float64Array(n).fill(1) };
}

/** Mean and standard deviation of each column of `rows` ([n][width], raw values); std below 1e-6 becomes 1. */
export function fitNormalisation(rows: Float64Array, n: number, width: number): Normalisation {
  const mean = new Float64Array(width);
  const std = new Float64Array(width);
  for (let i = 0; i < n; i++) for (let j = 0; j < width; j++) mean[j]! += rows[i * width + j]!;
  for (let j = 0; j < width; j++) mean[j]! /= Math.max(1, n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < width; j++) {
      const d = rows[i * width + j]! - mean[j]!;
      std[j]! += d * d;
    }
  }
  for (let j = 0; j < width; j++) {
    const s = Math.sqrt(std[j]! / Math.max(1, n));
    std[j] = s > 1e-6 ? s : 1;
  }
  return { mean, std };
}

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

export function normalise(out: Float32Array | Float64Array, o: number, norm: Normalisation): void {
  const { mean, std } = norm;
  for (let j = 0; j < mean.length; j++) out[o + j] = (out[o + j]! - mean[j]!) / std[j]!;
}
