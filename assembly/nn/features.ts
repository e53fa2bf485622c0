// The features of the neural-network policy (src/nn/features.ts), computed inside the engine with the
// same f64 expressions in the same order and rounded to f32 at the same points: the TypeScript
// extractor writes each raw value into the network's Float32Array input (first rounding), reads it
// back, normalises it as (x − mean) / std in f64 and stores it again (second rounding). norm() below
// is that sequence. Clipping happens on the raw f64 value, before the first rounding.
//
// What is computed once instead of per VM, exactly: the network estimate depends on the VM only
// through its tier (estimateNetworkS(task, tier, ap), no side effects), so the caller takes it once
// per tier and task; a VM's cores and MIPS never change, so their normalised values are taken once
// per run; the tier-constant part of a VM row once per scoring (tierRest).
import { allocF64, getF64, getI32 } from "../kernel/mem";
import { TIER_CLOUD, TIER_LOCAL_EDGE, TIER_REMOTE_EDGE, appSensitivity, now, vmCores, vmCount, vmMips } from "../kernel/state";
import { tApp, tDeadlineS, tDownloadKb, tLengthMi, tUploadKb } from "../kernel/tasks";
import { vmBoundTasks, vmFreeMemMb, vmUtilPct } from "../model/compute/vms";
import { tierBandwidthMbps } from "../model/network/index";

// Feature counts and clips: src/nn/features.ts, generated into kernel/layout.gen.ts at build:wasm.
export {
  NN_TASK_FEATURES as TASK_FEATURES, NN_TIER_FEATURES as TIER_FEATURES, NN_VM_FEATURES as VM_FEATURES,
  NN_TIER_COUNT as TIER_COUNT,
} from "../kernel/layout.gen";
import {
  NN_CLIP_BANDWIDTH_MBPS as CLIP_BANDWIDTH_MBPS, NN_CLIP_DEADLINE_S as CLIP_DEADLINE_S, NN_CLIP_DELAY_S as CLIP_DELAY_S,
  NN_CLIP_LOAD_PER_CORE as CLIP_LOAD_PER_CORE, NN_TASK_FEATURES as TASK_FEATURES, NN_TIER_COUNT as TIER_COUNT,
} from "../kernel/layout.gen";

// @ts-ignore: decorator
@inline export function clip(x: f64, cap: f64): f64 {
  return x > cap ? cap : x > 0 ? x : 0;
}

/** Feature j as the network sees it: raw → f32 → (x − mean) / std in f64 → f32. */
// @ts-ignore: decorator
@inline export function norm(raw: f64, mean: usize, std: usize, j: i32): f32 {
  return <f32>((<f64><f32>raw - getF64(mean, j)) / getF64(std, j));
}

/** The five task features, normalised, into out[0..5) (f32). */
export function taskRow(task: i32, mean: usize, std: usize, out: usize): void {
  store<f32>(out, norm(getF64(tLengthMi, task) / 1000, mean, std, 0));
  store<f32>(out, norm(getF64(tUploadKb, task) / 1000, mean, std, 1), 4);
  store<f32>(out, norm(getF64(tDownloadKb, task) / 1000, mean, std, 2), 8);
  store<f32>(out, norm(getF64(appSensitivity, getI32(tApp, task)), mean, std, 3), 12);
  store<f32>(out, norm(clip(getF64(tDeadlineS, task) - now, CLIP_DEADLINE_S), mean, std, 4), 16);
}

// The tier row's per-tier aggregates (FeatureExtractor's util, load, mem, count, best), filled by the
// caller's scan over the VMs (policies/neural-network.ts) in the extractor's order, then turned into the row by
// tierRowFinish.
export let aggUtil: usize = 0; // f64[3]
export let aggLoad: usize = 0; // f64[3]
export let aggMem: usize = 0; // f64[3]
export let aggCount: usize = 0; // f64[3]
export let aggBest: usize = 0; // f64[3]
/** Normalised vm.cores and vm.mips_per_core_k of every VM (static). */
export let vmCoresNorm: usize = 0; // f32 per VM
export let vmMipsNorm: usize = 0; // f32 per VM

export function featuresInit(vmMean: usize, vmStd: usize): void {
  aggUtil = allocF64(TIER_COUNT);
  aggLoad = allocF64(TIER_COUNT);
  aggMem = allocF64(TIER_COUNT);
  aggCount = allocF64(TIER_COUNT);
  aggBest = allocF64(TIER_COUNT);
  vmCoresNorm = allocF64(vmCount); // 8 bytes per VM: room for the f32
  vmMipsNorm = allocF64(vmCount);
  for (let vm = 0; vm < vmCount; vm++) {
    store<f32>(vmCoresNorm + (<usize>vm << 2), norm(<f64>getI32(vmCores, vm), vmMean, vmStd, 9));
    store<f32>(vmMipsNorm + (<usize>vm << 2), norm(getF64(vmMips, vm) / 1000, vmMean, vmStd, 10));
  }
}

/** Starts the aggregates of a task (FeatureExtractor.tierRaw's fills). */
export function aggReset(): void {
  for (let k = 0; k < TIER_COUNT; k++) {
    store<f64>(aggBest + (<usize>k << 3), CLIP_DELAY_S);
    store<f64>(aggUtil + (<usize>k << 3), 0);
    store<f64>(aggLoad + (<usize>k << 3), 0);
    store<f64>(aggMem + (<usize>k << 3), 0);
    store<f64>(aggCount + (<usize>k << 3), 0);
  }
}

/**
 * The tier row (FeatureExtractor.tierRow) into out[0..20) from the aggregates: task features, then
 * per tier mean utilization, mean tasks per core, largest free memory, bandwidth and the best
 * estimated service time of the VMs that admit the task.
 */
export function tierRowFinish(task: i32, ap: i32, mean: usize, std: usize, out: usize): void {
  taskRow(task, mean, std, out);
  let j = TASK_FEATURES;
  for (let k = 0; k < TIER_COUNT; k++) {
    const o = <usize>k << 3;
    const c = load<f64>(aggCount + o);
    store<f32>(out + (<usize>j << 2), norm(c > 0 ? load<f64>(aggUtil + o) / c : 1, mean, std, j));
    j++;
    store<f32>(out + (<usize>j << 2), norm(c > 0 ? clip(load<f64>(aggLoad + o) / c, CLIP_LOAD_PER_CORE) : CLIP_LOAD_PER_CORE, mean, std, j));
    j++;
    store<f32>(out + (<usize>j << 2), norm(load<f64>(aggMem + o), mean, std, j));
    j++;
    store<f32>(out + (<usize>j << 2), norm(clip(tierBandwidthMbps(k, ap), CLIP_BANDWIDTH_MBPS), mean, std, j));
    j++;
    store<f32>(out + (<usize>j << 2), norm(clip(load<f64>(aggBest + o), CLIP_DELAY_S), mean, std, j));
    j++;
  }
}

// ---- VM rows ------------------------------------------------------------------------------------
// A VM row is the task features (the network's shared prefix, see nn/net.ts) and 12 more, in
// VM_FEATURES order: utilization, U, tasks per core, free memory, cores, MIPS per core (k), tier
// one-hot (3), tier bandwidth, network delay, estimated service time. Within one tier the one-hot,
// the bandwidth and the network delay are the same for every VM (tierRest fills them once).

/** Features 11..15 of a VM row for tier k (normalised), into rest[6..11). */
export function tierRest(k: i32, ap: i32, netS: f64, mean: usize, std: usize, rest: usize): void {
  store<f32>(rest, norm(k == TIER_LOCAL_EDGE ? 1.0 : 0.0, mean, std, 11), 24);
  store<f32>(rest, norm(k == TIER_REMOTE_EDGE ? 1.0 : 0.0, mean, std, 12), 28);
  store<f32>(rest, norm(k == TIER_CLOUD ? 1.0 : 0.0, mean, std, 13), 32);
  store<f32>(rest, norm(clip(tierBandwidthMbps(k, ap), CLIP_BANDWIDTH_MBPS), mean, std, 14), 36);
  store<f32>(rest, norm(clip(netS, CLIP_DELAY_S), mean, std, 15), 40);
}

/**
 * The VM's own features 5..10 and 16 into row[0..6) and row[11] (row[6..11) from tierRest); `u` is
 * its load fraction and `service` its estimated service time, as the caller's scan computed them.
 */
// @ts-ignore: decorator
@inline export function vmRest(vm: i32, u: f64, service: f64, mean: usize, std: usize, row: usize): void {
  vmOwn(vm, u, mean, std, row);
  store<f32>(row, serviceNorm(service, mean, std), 44);
}

/**
 * Features 5..10 of a VM row into row[0..6): they depend on the VM's state only, not on the task
 * (a caller may keep them while the VM's state stays the same).
 */
// @ts-ignore: decorator
@inline export function vmOwn(vm: i32, u: f64, mean: usize, std: usize, row: usize): void {
  store<f32>(row, norm(getF64(vmUtilPct, vm) / 100, mean, std, 5));
  store<f32>(row, norm(u, mean, std, 6), 4);
  store<f32>(row, norm(clip(<f64>getI32(vmBoundTasks, vm) / <f64>getI32(vmCores, vm), CLIP_LOAD_PER_CORE), mean, std, 7), 8);
  store<f32>(row, norm(getF64(vmFreeMemMb, vm) / 1000, mean, std, 8), 12);
  store<f32>(row, load<f32>(vmCoresNorm + (<usize>vm << 2)), 16);
  store<f32>(row, load<f32>(vmMipsNorm + (<usize>vm << 2)), 20);
}

/** Feature 16 of a VM row: the estimated service time, normalised. */
// @ts-ignore: decorator
@inline export function serviceNorm(service: f64, mean: usize, std: usize): f32 {
  return norm(clip(service, CLIP_DELAY_S), mean, std, 16);
}
