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

export function normalise(out: Float32Array | Float64Array, o: number, norm: Normalisation): void {
  const { mean, std } = norm;
  for (let j = 0; j < mean.length; j++) out[o + j] = (out[o + j]! - mean[j]!) / std[j]!;
}
