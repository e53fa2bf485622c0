// What every engine module shares: the constants of src/engine/context.ts and tasks.ts, the run's
// configuration, the static infrastructure and the apps (struct-of-arrays, read from the flat input
// the host writes: src/engine/wasm/encode.ts is the writer, readInput below the reader, same order),
// the clock and the state epoch. One replica per WASM instance at a time: engineCreate re-reads all
// of it and the modules re-initialise their own state.
import { allocF64, allocI32, getF64, getI32, setF64, setI32, fillI32 } from "./mem";

export const PHASE_FREE: i32 = 0;
export const PHASE_WAITING: i32 = 1;
export const PHASE_UPLOADING: i32 = 2;
export const PHASE_QUEUED: i32 = 3;
export const PHASE_RUNNING: i32 = 4;
export const PHASE_DOWNLOADING: i32 = 5;

export const FAIL_CAPACITY: i32 = 0;
export const FAIL_NETWORK: i32 = 1;
export const FAIL_MOBILITY: i32 = 2;
export const FAIL_DEADLINE: i32 = 3;

export const PRIORITY_COMPLETION: i32 = 0;
export const PRIORITY_TIMER: i32 = 1;
export const PRIORITY_ARRIVAL: i32 = 2;
export const PRIORITY_BATCH: i32 = 3;
export const PRIORITY_END: i32 = 9;

export const TIER_LOCAL_EDGE: i32 = 0;
export const TIER_REMOTE_EDGE: i32 = 1;
export const TIER_CLOUD: i32 = 2;

export const COMPUTE_FIFO: i32 = 0;
export const COMPUTE_PS: i32 = 1;
export const NETWORK_SHARED: i32 = 0;
export const NETWORK_ECS: i32 = 1;
export const MOBILITY_STATIC: i32 = 0;
export const MOBILITY_NOMADIC: i32 = 1;
export const ARRIVAL_UNIFORM: i32 = 0;
export const ARRIVAL_IDLE_ACTIVE: i32 = 1;

/** Layout version of the flat input; the host writes it first and engineCreate checks it. */
export const INPUT_VERSION: i32 = 1;

// ---- the clock and the epoch --------------------------------------------------------------------
export let now: f64 = 0;
/** Bumped whenever a VM gains or loses a task: lets "does anything fit?" be cached between changes. */
export let stateEpoch: f64 = 0;
/** Events dispatched so far: together with stateEpoch, identifies a state nothing else has changed. */
export let eventCount: f64 = 0;

// ---- configuration --------------------------------------------------------------------------------
export let devices: i32 = 0;
export let seed: f64 = 0;
export let durationS: f64 = 0;
export let warmupS: f64 = 0;
export let utilIntervalS: f64 = 0;
/** The utilization metric averages every sample (EdgeCloudSim), not only those after the warm-up. */
export let utilWholeRun: bool = false;
/** A task rejected at submission is counted even during the warm-up (EdgeCloudSim). */
export let countWarmupRejections: bool = false;
export let batchIntervalS: f64 = 0;
export let overflowQueue: bool = false;
export let computeModel: i32 = 0;
export let cpuMaxFraction: f64 = 0;
export let startS: f64 = 0;
export let sizeFixed: bool = false;
export let integerSizes: bool = false;
export let mobilityModel: i32 = 0;
export let dwellMeans: usize = 0; // f64[3]
export let networkModel: i32 = 0;

// ---- apps -------------------------------------------------------------------------------------------
export let appCount: i32 = 0;
export let appShare: usize = 0;
export let appSensitivity: usize = 0;
export let appLengthMi: usize = 0;
export let appUploadKb: usize = 0;
export let appDownloadKb: usize = 0;
/** T_max (s), Infinity for none. */
export let appMaxDelayS: usize = 0;
export let appMemMb: usize = 0;
export let appCores: usize = 0; // i32
export let appEdgePct: usize = 0;
export let appCloudPct: usize = 0;
export let appArrival: usize = 0; // i32: ARRIVAL_*
/** uniform-interval: min, max; idle-active-poisson: mean inter-arrival, active, idle. */
export let appP1: usize = 0;
export let appP2: usize = 0;
export let appP3: usize = 0;

// ---- infrastructure: VMs numbered edge hosts first (host by host), then the cloud -----------------
export let vmCount: i32 = 0;
export let hostCount: i32 = 0;
export let cloudVmStart: i32 = 0;
export let accessPointCount: i32 = 0;
export let vmHost: usize = 0; // i32, -1 for cloud VMs
export let vmCores: usize = 0; // i32
export let vmMips: usize = 0;
export let vmRamMb: usize = 0;
export let hostVmStart: usize = 0; // i32
export let hostVmEnd: usize = 0; // i32
export let hostAccessPoint: usize = 0; // i32
export let hostAttractiveness: usize = 0; // i32
export let accessPointHost: usize = 0; // i32, -1 when none
export let maxMipsPerCore: f64 = 0;

// ---- the flat input reader ------------------------------------------------------------------------
let inPtr: usize = 0;
let inPos: i32 = 0;
let inLen: i32 = 0;
let inOverrun: bool = false;

export function readerStart(ptr: usize, len: i32): void {
  inPtr = ptr;
  inPos = 0;
  inLen = len;
  inOverrun = false;
}

export function next(): f64 {
  if (inPos >= inLen) {
    inOverrun = true;
    return 0;
  }
  return getF64(inPtr, inPos++);
}

export function nextI32(): i32 {
  return <i32>next();
}

/** True when the reader consumed exactly the host's input. */
export function readerComplete(): bool {
  return !inOverrun && inPos == inLen;
}

/**
 * Reads configuration, apps, infrastructure and mobility (network and policy parameters follow).
 * False when the input is not this layout: the engine then stops before allocating anything large.
 */
export function readScenario(): bool {
  if (nextI32() != INPUT_VERSION) {
    inOverrun = true;
    return false;
  }
  devices = nextI32();
  seed = next();
  durationS = next();
  warmupS = next();
  utilIntervalS = next();
  utilWholeRun = next() != 0;
  countWarmupRejections = next() != 0;
  batchIntervalS = next();
  overflowQueue = next() != 0;
  computeModel = nextI32();
  cpuMaxFraction = next();
  startS = next();
  sizeFixed = next() != 0;
  integerSizes = next() != 0;

  appCount = nextI32();
  const a = appCount;
  appShare = allocF64(a);
  appSensitivity = allocF64(a);
  appLengthMi = allocF64(a);
  appUploadKb = allocF64(a);
  appDownloadKb = allocF64(a);
  appMaxDelayS = allocF64(a);
  appMemMb = allocF64(a);
  appCores = allocI32(a);
  appEdgePct = allocF64(a);
  appCloudPct = allocF64(a);
  appArrival = allocI32(a);
  appP1 = allocF64(a);
  appP2 = allocF64(a);
  appP3 = allocF64(a);
  for (let i = 0; i < a; i++) {
    setF64(appShare, i, next());
    setF64(appSensitivity, i, next());
    setF64(appLengthMi, i, next());
    setF64(appUploadKb, i, next());
    setF64(appDownloadKb, i, next());
    setF64(appMaxDelayS, i, next());
    setF64(appMemMb, i, next());
    setI32(appCores, i, nextI32());
    setF64(appEdgePct, i, next());
    setF64(appCloudPct, i, next());
    setI32(appArrival, i, nextI32());
    setF64(appP1, i, next());
    setF64(appP2, i, next());
    setF64(appP3, i, next());
  }

  // Hosts: count, then per host: accessPoint, attractiveness, vmCount, per VM cores, mips, ram.
  // Then the cloud: vmCount, per VM cores, mips, ram. The host sends the VM total first so the
  // arrays are allocated once.
  vmCount = nextI32();
  hostCount = nextI32();
  vmHost = allocI32(vmCount);
  vmCores = allocI32(vmCount);
  vmMips = allocF64(vmCount);
  vmRamMb = allocF64(vmCount);
  hostVmStart = allocI32(hostCount);
  hostVmEnd = allocI32(hostCount);
  hostAccessPoint = allocI32(hostCount);
  hostAttractiveness = allocI32(hostCount);
  let v = 0;
  let maxAp = 0;
  for (let h = 0; h < hostCount; h++) {
    setI32(hostVmStart, h, v);
    const ap = nextI32();
    setI32(hostAccessPoint, h, ap);
    if (ap > maxAp) maxAp = ap;
    setI32(hostAttractiveness, h, nextI32());
    const n = nextI32();
    for (let k = 0; k < n; k++) {
      setI32(vmHost, v, h);
      setI32(vmCores, v, nextI32());
      setF64(vmMips, v, next());
      setF64(vmRamMb, v, next());
      v++;
    }
    setI32(hostVmEnd, h, v);
  }
  cloudVmStart = v;
  const cloud = nextI32();
  for (let k = 0; k < cloud; k++) {
    setI32(vmHost, v, -1);
    setI32(vmCores, v, nextI32());
    setF64(vmMips, v, next());
    setF64(vmRamMb, v, next());
    v++;
  }
  if (v != vmCount) inOverrun = true;
  accessPointCount = maxAp + 1;
  accessPointHost = allocI32(accessPointCount);
  fillI32(accessPointHost, accessPointCount, -1);
  for (let h = 0; h < hostCount; h++) setI32(accessPointHost, getI32(hostAccessPoint, h), h);
  let m = -Infinity;
  for (let vm = 0; vm < vmCount; vm++) m = Math.max(m, getF64(vmMips, vm));
  maxMipsPerCore = m;

  mobilityModel = nextI32();
  dwellMeans = allocF64(3);
  for (let i = 0; i < 3; i++) setF64(dwellMeans, i, next());
  networkModel = nextI32();
  now = 0;
  stateEpoch = 0;
  eventCount = 0;
  return !inOverrun && devices >= 0 && appCount > 0 && vmCount > 0;
}

/** Tier of `vm` for a device at access point `ap`: its local edge, a remote edge, or the cloud. */
// @ts-ignore: decorator
@inline export function tierOf(vm: i32, ap: i32): i32 {
  const host = getI32(vmHost, vm);
  if (host < 0) return TIER_CLOUD;
  return getI32(hostAccessPoint, host) == ap ? TIER_LOCAL_EDGE : TIER_REMOTE_EDGE;
}
