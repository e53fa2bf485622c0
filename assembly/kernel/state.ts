// What every engine module shares: the constants of src/engine/context.ts and tasks.ts, the run's
// configuration, the static infrastructure and the apps (struct-of-arrays, read from the flat input
// the host writes: src/engine/wasm/boundary.ts declares its layout, src/engine/wasm/encode.ts is the writer,
// readScenario below the reader, same order),
// the clock and the state epoch. One replica per WASM instance at a time: engineCreate re-reads all
// of it and the modules re-initialise their own state.
import { allocF64, allocI32, getF64, getI32, setF64, setI32, fillI32 } from "./mem";
import { Reader, readBlock, readNext, readerDone, readerStart, readerStatic } from "./reader";
// INPUT_VERSION is a hash of the declared layout: the host writes it first and readScenario checks it.
import {
  INPUT_VERSION, IN_APP_ARRIVAL_MODEL, IN_APP_ARRIVAL_P1, IN_APP_ARRIVAL_P2, IN_APP_ARRIVAL_P3, IN_APP_CLOUD_UTIL_PCT,
  IN_APP_DELAY_SENSITIVITY, IN_APP_DOWNLOAD_KB, IN_APP_EDGE_UTIL_PCT, IN_APP_FIELDS, IN_APP_LENGTH_MI, IN_APP_MAX_DELAY_S,
  IN_APP_MEMORY_MB, IN_APP_REQUIRED_CORES, IN_APP_SHARE_PCT, IN_APP_UPLOAD_KB, IN_HEAD_BATCH_INTERVAL_S, IN_HEAD_ADMIT_RUNNING_ONLY, IN_HEAD_COMPUTE_MODEL, IN_HEAD_COUNT_WARMUP_REJECTIONS, IN_HEAD_UTIL_WHOLE_RUN,
  IN_HEAD_CPU_MAX_FRACTION, IN_HEAD_DEVICES, IN_HEAD_DURATION_S, IN_HEAD_FIELDS, IN_HEAD_INPUT_VERSION, IN_HEAD_INTEGER_SIZES,
  IN_HEAD_OVERFLOW_QUEUE, IN_HEAD_SEED, IN_HEAD_SIZE_FIXED, IN_HEAD_START_S, IN_HEAD_UTIL_INTERVAL_S, IN_HEAD_WARMUP_S,
  IN_HOST_ACCESS_POINT, IN_HOST_ATTRACTIVENESS, IN_HOST_FIELDS, IN_HOST_VM_COUNT, IN_MOBILITY_DWELL_S0, IN_MOBILITY_DWELL_S1,
  IN_MOBILITY_DWELL_S2, IN_MOBILITY_FIELDS, IN_MOBILITY_MODEL, IN_VM_CORES, IN_VM_FIELDS, IN_VM_MIPS_PER_CORE, IN_VM_RAM_MB,
} from "./layout.gen";

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

// The models' codes in the flat input, from the boundary declaration (src/engine/wasm/boundary.ts).
export {
  ARRIVAL_IDLE_ACTIVE, ARRIVAL_UNIFORM, COMPUTE_FIFO, COMPUTE_PS, MOBILITY_NOMADIC, MOBILITY_STATIC, NETWORK_ECS, NETWORK_SHARED,
} from "./layout.gen";

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
/** Processor sharing admits against the running tasks' utilization only (EdgeCloudSim), not the bound tasks'. */
export let admitRunningOnly: bool = false;
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
const input: Reader = readerStatic();

export function inputStart(ptr: usize, len: i32): void {
  readerStart(input, ptr, len);
}

export function next(): f64 {
  return readNext(input);
}

export function nextI32(): i32 {
  return <i32>next();
}

/**
 * Takes the next record of `fields` values and returns its start, for `at(start + IN_*_FIELD)`: the
 * record's fields are addressed by the offsets generated from the boundary declaration
 * (src/engine/wasm/boundary.ts), so the reader follows the declared order by construction.
 */
export function record(fields: i32): i32 {
  return readBlock(input, fields); // past the end: the end, where at() answers 0
}

/** Value i of the input (0 past the end: the record that reached it has marked the input bad). */
export function at(i: i32): f64 {
  return i < input.len ? getF64(input.ptr, i) : 0;
}

/** The address of value i, for a block read in place (a policy's parameters, kernel/params.ts). */
export function inputAddress(i: i32): usize {
  return input.ptr + (<usize>i << 3);
}

/** Something read so far was missing or out of range. */
export function inputBad(): bool {
  return input.bad;
}

/** True when the reader consumed exactly the host's input. */
export function inputComplete(): bool {
  return readerDone(input);
}

/**
 * Reads configuration, apps, infrastructure and mobility (network and policy parameters follow).
 * False when the input is not this layout: the engine then stops before allocating anything large.
 */
export function readScenario(): bool {
  const head = record(IN_HEAD_FIELDS);
  if (<i32>at(head + IN_HEAD_INPUT_VERSION) != INPUT_VERSION) {
    input.bad = true;
    return false;
  }
  devices = <i32>at(head + IN_HEAD_DEVICES);
  seed = at(head + IN_HEAD_SEED);
  durationS = at(head + IN_HEAD_DURATION_S);
  warmupS = at(head + IN_HEAD_WARMUP_S);
  utilIntervalS = at(head + IN_HEAD_UTIL_INTERVAL_S);
  utilWholeRun = at(head + IN_HEAD_UTIL_WHOLE_RUN) != 0;
  countWarmupRejections = at(head + IN_HEAD_COUNT_WARMUP_REJECTIONS) != 0;
  batchIntervalS = at(head + IN_HEAD_BATCH_INTERVAL_S);
  overflowQueue = at(head + IN_HEAD_OVERFLOW_QUEUE) != 0;
  computeModel = <i32>at(head + IN_HEAD_COMPUTE_MODEL);
  cpuMaxFraction = at(head + IN_HEAD_CPU_MAX_FRACTION);
  admitRunningOnly = at(head + IN_HEAD_ADMIT_RUNNING_ONLY) != 0;
  startS = at(head + IN_HEAD_START_S);
  sizeFixed = at(head + IN_HEAD_SIZE_FIXED) != 0;
  integerSizes = at(head + IN_HEAD_INTEGER_SIZES) != 0;

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
    const r = record(IN_APP_FIELDS);
    setF64(appShare, i, at(r + IN_APP_SHARE_PCT));
    setF64(appSensitivity, i, at(r + IN_APP_DELAY_SENSITIVITY));
    setF64(appLengthMi, i, at(r + IN_APP_LENGTH_MI));
    setF64(appUploadKb, i, at(r + IN_APP_UPLOAD_KB));
    setF64(appDownloadKb, i, at(r + IN_APP_DOWNLOAD_KB));
    setF64(appMaxDelayS, i, at(r + IN_APP_MAX_DELAY_S));
    setF64(appMemMb, i, at(r + IN_APP_MEMORY_MB));
    setI32(appCores, i, <i32>at(r + IN_APP_REQUIRED_CORES));
    setF64(appEdgePct, i, at(r + IN_APP_EDGE_UTIL_PCT));
    setF64(appCloudPct, i, at(r + IN_APP_CLOUD_UTIL_PCT));
    setI32(appArrival, i, <i32>at(r + IN_APP_ARRIVAL_MODEL));
    setF64(appP1, i, at(r + IN_APP_ARRIVAL_P1));
    setF64(appP2, i, at(r + IN_APP_ARRIVAL_P2));
    setF64(appP3, i, at(r + IN_APP_ARRIVAL_P3));
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
    const r = record(IN_HOST_FIELDS);
    const ap = <i32>at(r + IN_HOST_ACCESS_POINT);
    setI32(hostAccessPoint, h, ap);
    if (ap > maxAp) maxAp = ap;
    setI32(hostAttractiveness, h, <i32>at(r + IN_HOST_ATTRACTIVENESS));
    const n = <i32>at(r + IN_HOST_VM_COUNT);
    for (let k = 0; k < n; k++) readVm(v++, h);
    setI32(hostVmEnd, h, v);
  }
  cloudVmStart = v;
  const cloud = nextI32();
  for (let k = 0; k < cloud; k++) readVm(v++, -1);
  if (v != vmCount) input.bad = true;
  accessPointCount = maxAp + 1;
  accessPointHost = allocI32(accessPointCount);
  fillI32(accessPointHost, accessPointCount, -1);
  for (let h = 0; h < hostCount; h++) setI32(accessPointHost, getI32(hostAccessPoint, h), h);
  let m = -Infinity;
  for (let vm = 0; vm < vmCount; vm++) m = Math.max(m, getF64(vmMips, vm));
  maxMipsPerCore = m;

  const mob = record(IN_MOBILITY_FIELDS);
  mobilityModel = <i32>at(mob + IN_MOBILITY_MODEL);
  dwellMeans = allocF64(3);
  setF64(dwellMeans, 0, at(mob + IN_MOBILITY_DWELL_S0));
  setF64(dwellMeans, 1, at(mob + IN_MOBILITY_DWELL_S1));
  setF64(dwellMeans, 2, at(mob + IN_MOBILITY_DWELL_S2));
  networkModel = nextI32();
  now = 0;
  stateEpoch = 0;
  eventCount = 0;
  return !input.bad && devices >= 0 && appCount > 0 && vmCount > 0;
}

/** VM v (of host h, -1 for the cloud) from its record; a VM past the arrays' end is read, not stored. */
function readVm(v: i32, h: i32): void {
  const r = record(IN_VM_FIELDS);
  if (v >= vmCount) {
    input.bad = true;
    return;
  }
  setI32(vmHost, v, h);
  setI32(vmCores, v, <i32>at(r + IN_VM_CORES));
  setF64(vmMips, v, at(r + IN_VM_MIPS_PER_CORE));
  setF64(vmRamMb, v, at(r + IN_VM_RAM_MB));
}

/** Tier of `vm` for a device at access point `ap`: its local edge, a remote edge, or the cloud. */
// @ts-ignore: decorator
@inline export function tierOf(vm: i32, ap: i32): i32 {
  const host = getI32(vmHost, vm);
  if (host < 0) return TIER_CLOUD;
  return getI32(hostAccessPoint, host) == ap ? TIER_LOCAL_EDGE : TIER_REMOTE_EDGE;
}
