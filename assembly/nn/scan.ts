// The scans of one task for the neural-network policy (policies/neural-network.ts): which VMs of each tier can take
// it (C2–C4 and admission, in VM order) and the tier row's aggregates (nn/features.ts), with the same
// values as the host's feature extractor (src/training/extractor.ts; test/wasm-nn-features.test.ts).
//
// Algorithm 1 needs three things of the VMs, all in VM order and with no state change in between:
// which are open, which open ones pass C2–C4, and the tier aggregates (only when more than one tier
// is open). Here:
//   - per-task mode: one pass over all VMs takes the aggregates and the candidates (scanRange; the
//     aggregates are needed for nearly every task of a world without batches, and computing them
//     anyway changes nothing);
//   - batch mode: the candidates over the batch's open list (scanOpen), the aggregates pass
//     (scanRange without candidates) only when a tier row is needed: an overloaded world has few
//     open VMs and many tasks that none of them can take.
// A candidate passes everything but C2: admission, the open test, C3 and C4, all without a division
// (the VMs' scan records and capacity classes of nn/records.ts). C2 needs one division per VM, and
// Algorithm 1 needs it only to know whether a tier has a feasible VM at all (firstFeasible stops at
// the first) and, for the one tier it takes, the whole feasible list (takeFeasible). The lists keep VM
// order, which decides ties.
// The aggregates pass goes by ranges of hosts (VMs are numbered host by host, then the cloud's), so
// each range has one tier for the extractor (its local host or not) and one for tierOf (its access
// point or not); the tier sums run over the VMs of a tier in VM order, as the extractor's.
import { alloc, allocF64, allocI32, fillI32, getF64, getI32, setF64, setI32 } from "../kernel/mem";
import {
  COMPUTE_PS, TIER_CLOUD, TIER_LOCAL_EDGE, TIER_REMOTE_EDGE, appCloudPct, appCores, appEdgePct, appMemMb, cloudVmStart,
  computeModel, cpuMaxFraction, hostAccessPoint, hostCount, hostVmEnd, hostVmStart, now, tierOf, vmCount, vmMips,
} from "../kernel/state";
import { tArrivalS, tDeadlineS, tLengthMi } from "../kernel/tasks";
import { fits, loadFraction } from "../model/compute/index";
import { admission as fifoAdmission } from "../model/compute/fifo";
import {
  SCAN_BOUND_PER_CORE, SCAN_BYTES, SCAN_CLASS, SCAN_FREE_MB, SCAN_LOAD_U, SCAN_UTIL_FRAC, admitKey, capClassCount, capClassValue,
  refreshRecords, scanRecord,
} from "./records";
import { estimateNetworkS } from "../model/network/index";
import { cpuDemand, cpuMaxWithSlack, exceedsCpu, violatesDeadline } from "../decision/feasibility";
import { localHost } from "../decision/view";
import { TIER_COUNT, aggBest, aggCount, aggLoad, aggMem, aggReset, aggUtil } from "./features";

/** CPU_max with its rounding slack (feasibility.ts cpuMaxWithSlack): the open test and C3's bound. */
export let cpuMax: f64 = 0;
/** Candidates, then (takeFeasible) feasible VMs of each tier, in VM order: tier k at feasible + k·vmCount. */
let feasible: usize = 0;
let nFeasible: usize = 0; // i32[3]
/** The task's network estimate per tier (f64[3]). */
export let netS: usize = 0;
/** Whether some VM admits the task (batch mode: among the open ones). */
export let scanAnyFits: bool = false;
// The batch's open list (policies/neural-network.ts): VMs with U ≤ CPU_max, in VM order.
let openList: usize = 0;
let openCount: i32 = 0;
let scanTask: i32 = 0;
let scanLengthMi: f64 = 0;
let scanCores: f64 = 0;
let scanCoresI32: i32 = 0;
let scanMemMb: f64 = 0;
let scanArrival: f64 = 0;
let scanDeadline: f64 = 0;
/** The app's utilization percentages (processor sharing's admission). */
let scanEdgePct: f64 = 0;
let scanCloudPct: f64 = 0;
/** Per-task mode: the scan also lists the candidates (else it only aggregates). */
let scanFeasible: bool = false;
/** Per VM, valid for the VMs of a range scanned under fifo-cores: fits (i32). */
let fitOf: usize = 0;
/** Smallest ps.admitKey per (extractor tier, list tier, capacity class) (i32). */
let smallestKey: usize = 0;
/** C3's demand of the task per capacity class (f64). */
let demandOf: usize = 0;
/** Per tier: the index in its list of the first feasible candidate, -1 when none (firstFeasible). */
let firstOk: usize = 0; // i32[3]

/**
 * Everything but C2 for an admitted-or-not VM: the open test U ≤ CPU_max, C3 against the class's
 * demand and C4; `bound` is cpuMax (the open test and C3 share it).
 */
// @ts-ignore: decorator
@inline function candidate(admitted: bool, u: f64, demand: f64, free: f64, memMb: f64, bound: f64): bool {
  return admitted & (u <= bound) & !exceedsCpu(u, demand, bound) & !(free < memMb);
}

/** Batch mode: the candidates among the open list. */
function scanOpen(ap: i32): void {
  const task = scanTask;
  const memMb = scanMemMb, bound = cpuMax, demand = demandOf;
  let anyFits = false;
  for (let i = 0; i < openCount; i++) {
    const vm = getI32(openList, i);
    const fit = fits(task, vm);
    anyFits |= fit;
    // (An open VM is below CPU_max (closeIfFull): the open test holds again.)
    const t = tierOf(vm, ap);
    const rec = scanRecord(vm);
    const ok = candidate(fit, load<f64>(rec, SCAN_LOAD_U), getF64(demand, load<i32>(rec, SCAN_CLASS)), load<f64>(rec, SCAN_FREE_MB), memMb, bound);
    // Branch-free append (which VMs pass follows the load, not a pattern a predictor learns): write at
    // the end, move the end when it counts.
    const m = getI32(nFeasible, t);
    setI32(feasible, t * vmCount + m, vm);
    setI32(nFeasible, t, m + <i32>ok);
  }
  scanAnyFits = anyFits;
}

/**
 * VMs [start, end): tier k for the extractor's aggregates, tier t (tierOf) for the candidate lists.
 * Per-task mode (scanFeasible) also lists the candidates.
 */
function scanRange(start: i32, end: i32, k: i32, t: i32): void {
  if (start >= end) return;
  if (computeModel == COMPUTE_PS) scanRangePs(start, end, k, t);
  else scanRangeFifo(start, end, k, t);
}

/**
 * scanRange under processor sharing, in one loop with the admission: the smallest estimate key
 * (ps.admitKey) per capacity class goes to smallestKey for (k, t, class), and bestEstimates turns those
 * into the best estimated service times after the whole pass, a few divisions per task instead of
 * some per range.
 */
function scanRangePs(start: i32, end: i32, k: i32, t: i32): void {
  const o = <usize>k << 3;
  let util = load<f64>(aggUtil + o);
  let perCore = load<f64>(aggLoad + o);
  let freeMax: f64 = 0; // in MB (finishRange)
  // Loop invariants in locals: V8 reloads a WASM global at every use. The VM's values come from its
  // scan record (nn/records.ts): one pointer, constant offsets.
  const r = scanCoresI32, memMb = scanMemMb, pct = start >= cloudVmStart ? scanCloudPct : scanEdgePct;
  const feasibility = scanFeasible;
  const demand = demandOf;
  const list = feasible + (<usize>(t * vmCount) << 2);
  let listed = getI32(nFeasible, t);
  let anyFits = false;
  // The open test (U ≤ CPU_max + slack) and C3 share their bound (cpuMaxWithSlack).
  const bound = cpuMax;
  const keys = smallestKey + (<usize>((k * TIER_COUNT + t) * capClassCount) << 2);
  let rec = scanRecord(start);
  // The smallest key of the current run of one class, in a register (a host's VMs are usually of one
  // type); written to keys when the class changes and at the end.
  let cls = load<i32>(rec, SCAN_CLASS);
  let smallest = i32.MAX_VALUE;
  for (let vm = start; vm < end; vm++, rec += SCAN_BYTES) {
    util += load<f64>(rec, SCAN_UTIL_FRAC);
    perCore += load<f64>(rec, SCAN_BOUND_PER_CORE);
    const free = load<f64>(rec, SCAN_FREE_MB);
    freeMax = free > freeMax ? free : freeMax;
    const key = admitKey(rec, r, pct, memMb);
    const c = load<i32>(rec, SCAN_CLASS);
    if (c != cls) {
      const m = getI32(keys, cls);
      setI32(keys, cls, smallest < m ? smallest : m);
      cls = c;
      smallest = i32.MAX_VALUE;
    }
    smallest = key < smallest ? key : smallest;
    if (feasibility) {
      // As scanRangeFifo.
      const u = load<f64>(rec, SCAN_LOAD_U);
      const admitted = key != i32.MAX_VALUE;
      anyFits |= admitted;
      const ok = candidate(admitted, u, getF64(demand, c), free, memMb, bound);
      setI32(list, listed, vm);
      listed += <i32>ok;
    }
  }
  const m = getI32(keys, cls);
  setI32(keys, cls, smallest < m ? smallest : m);
  if (feasibility) {
    setI32(nFeasible, t, listed);
    if (anyFits) scanAnyFits = true;
  }
  finishRange(k, util, perCore, freeMax, end - start);
}

/** The best estimated service time of each extractor tier from smallestKey (after a PS pass). */
function bestEstimates(): void {
  const classes = capClassCount, r = <f64>scanCores, lengthMi = scanLengthMi;
  for (let k = 0; k < TIER_COUNT; k++) {
    for (let t = 0; t < TIER_COUNT; t++) {
      const keys = smallestKey + (<usize>((k * TIER_COUNT + t) * classes) << 2);
      for (let c = 0; c < classes; c++) {
        const n = getI32(keys, c);
        if (n == i32.MAX_VALUE) continue;
        // ps.estimateExecS with the largest per-core rate (the smallest key) of the class, on tier t's
        // network estimate: each step is monotone, so this is the smallest estimateServiceS of them.
        const service = getF64(netS, t) + lengthMi / (r * (getF64(capClassValue, c) / <f64>n));
        if (service < load<f64>(aggBest + (<usize>k << 3))) store<f64>(aggBest + (<usize>k << 3), service);
      }
    }
  }
}

/** scanRange under fifo-cores: fifo.admission's fastest estimate per range. */
function scanRangeFifo(start: i32, end: i32, k: i32, t: i32): void {
  const task = scanTask;
  const o = <usize>k << 3;
  let util = load<f64>(aggUtil + o);
  let perCore = load<f64>(aggLoad + o);
  let freeMax: f64 = 0; // in MB (finishRange)
  // Loop invariants in locals: V8 reloads a WASM global at every use.
  const fastest = fifoAdmission(task, start, end, fitOf);
  const feasibility = scanFeasible;
  const fit = fitOf, demand = demandOf;
  const list = feasible + (<usize>(t * vmCount) << 2);
  let listed = getI32(nFeasible, t);
  let anyFits = false;
  const bound = cpuMax, memMb = scanMemMb;
  let rec = scanRecord(start);
  for (let vm = start; vm < end; vm++, rec += SCAN_BYTES) {
    util += load<f64>(rec, SCAN_UTIL_FRAC);
    perCore += load<f64>(rec, SCAN_BOUND_PER_CORE);
    const free = load<f64>(rec, SCAN_FREE_MB);
    freeMax = free > freeMax ? free : freeMax;
    if (feasibility) {
      // Every test is a pure function of the state: evaluating one the TypeScript loop skips (a VM
      // that is not open or does not admit the task) changes nothing. Branch-free append.
      const u = load<f64>(rec, SCAN_LOAD_U);
      const admitted = getI32(fit, vm) != 0;
      anyFits |= admitted;
      const ok = candidate(admitted, u, getF64(demand, load<i32>(rec, SCAN_CLASS)), free, memMb, bound);
      setI32(list, listed, vm);
      listed += <i32>ok;
    }
  }
  if (feasibility) {
    setI32(nFeasible, t, listed);
    if (anyFits) scanAnyFits = true;
  }
  finishRange(k, util, perCore, freeMax, end - start);
  // The best estimated service time (network + compute) of the admitting VMs: fl(net + x) is monotone
  // in x, so the smallest sum is the one of the fastest compute estimate.
  const service = getF64(netS, t) + fastest;
  if (service < load<f64>(aggBest + o)) store<f64>(aggBest + o, service);
}

/** Stores a range's sums into tier k's aggregates. */
// @ts-ignore: decorator
@inline function finishRange(k: i32, util: f64, perCore: f64, freeMax: f64, count: i32): void {
  const o = <usize>k << 3;
  store<f64>(aggUtil + o, util);
  store<f64>(aggLoad + o, perCore);
  // The largest free memory in MB divided once: x ↦ x / 1000 is monotone, so the largest quotient is
  // the quotient of the largest (the extractor keeps 0 when nothing is larger).
  const mem = freeMax / 1000;
  if (mem > load<f64>(aggMem + o)) store<f64>(aggMem + o, mem);
  store<f64>(aggCount + o, load<f64>(aggCount + o) + <f64>count);
}

/** The aggregates pass over all VMs (with the candidates in per-task mode). */
function scanAll(task: i32, ap: i32): void {
  aggReset();
  const ps = computeModel == COMPUTE_PS;
  if (ps) fillI32(smallestKey, TIER_COUNT * TIER_COUNT * capClassCount, i32.MAX_VALUE);
  const local = localHost(task);
  // Neighbouring hosts with the same two tiers are one range: the loop does the same steps on the
  // same VMs in the same order, and what a range finishes with (largest memory, count, fastest
  // estimate) combines exactly. Usually three ranges before the cloud's instead of one per host.
  let rs = 0, re = -1, rk = -1, rt = -1;
  for (let h = 0; h < hostCount; h++) {
    const s = getI32(hostVmStart, h), e = getI32(hostVmEnd, h);
    if (s >= e) continue;
    const k = h == local ? TIER_LOCAL_EDGE : TIER_REMOTE_EDGE;
    const t = getI32(hostAccessPoint, h) == ap ? TIER_LOCAL_EDGE : TIER_REMOTE_EDGE;
    if (s == re && k == rk && t == rt) {
      re = e;
      continue;
    }
    if (re >= 0) scanRange(rs, re, rk, rt);
    rs = s;
    re = e;
    rk = k;
    rt = t;
  }
  if (re >= 0) scanRange(rs, re, rk, rt);
  scanRange(cloudVmStart, vmCount, TIER_CLOUD, TIER_CLOUD);
  if (ps) bestEstimates();
}

/** Allocates the scans' state (nnInit, after the compute model's). */
export function scanInit(): void {
  cpuMax = cpuMaxWithSlack(cpuMaxFraction);
  fitOf = allocI32(vmCount);
  demandOf = allocF64(vmCount);
  smallestKey = allocI32(TIER_COUNT * TIER_COUNT * capClassCount);
  firstOk = allocI32(TIER_COUNT);
  feasible = allocI32(TIER_COUNT * vmCount);
  nFeasible = allocI32(TIER_COUNT);
  netS = alloc(TIER_COUNT << 3);
}

/**
 * The task's network estimate per tier and its candidate VMs per tier: among the batch's open list
 * (open, count) in batch mode, else among all VMs with the tier row's aggregates too. Returns whether
 * the aggregates were taken.
 */
export function scan(task: i32, app: i32, ap: i32, batch: bool, open: usize, count: i32): bool {
  refreshRecords();
  openList = open;
  openCount = count;
  for (let t = 0; t < TIER_COUNT; t++) setF64(netS, t, estimateNetworkS(task, t, ap));
  for (let k = 0; k < TIER_COUNT; k++) setI32(nFeasible, k, 0);
  scanTask = task;
  scanLengthMi = getF64(tLengthMi, task);
  scanCoresI32 = getI32(appCores, app);
  scanCores = <f64>scanCoresI32;
  scanMemMb = getF64(appMemMb, app);
  scanArrival = getF64(tArrivalS, task);
  scanDeadline = getF64(tDeadlineS, task);
  scanEdgePct = getF64(appEdgePct, app);
  scanCloudPct = getF64(appCloudPct, app);
  for (let c = 0; c < capClassCount; c++) {
    setF64(demandOf, c, cpuDemand(scanLengthMi, getF64(capClassValue, c), scanArrival, scanDeadline));
  }
  scanAnyFits = false;
  if (batch) {
    scanOpen(ap);
    return false;
  }
  scanFeasible = true;
  scanAll(task, ap);
  return true;
}

/** The tier row's aggregates alone (batch mode, when a tier row is needed). */
export function aggregate(task: i32, ap: i32): void {
  refreshRecords();
  scanFeasible = false;
  scanAll(task, ap);
}

/** C2 for candidate vm of tier t (view.feasibility's test, with the tier's network estimate). */
// @ts-ignore: decorator
@inline function missesDeadline(vm: i32, t: i32): bool {
  return violatesDeadline(now, scanLengthMi, scanCores, getF64(vmMips, vm), loadFraction(vm), getF64(netS, t), scanDeadline);
}

/** Whether tier t has a feasible VM: the first candidate that also meets C2 (firstOk[t]). */
export function firstFeasible(t: i32): bool {
  const list = feasible + (<usize>(t * vmCount) << 2);
  const n = getI32(nFeasible, t);
  let i = 0;
  while (i < n && missesDeadline(getI32(list, i), t)) i++;
  setI32(firstOk, t, i < n ? i : -1);
  return i < n;
}

/** Whether firstFeasible(t) found a feasible VM in tier t. */
export function tierFeasible(t: i32): bool {
  return getI32(firstOk, t) >= 0;
}

/** Tier t's list: its candidates, then (takeFeasible) its feasible VMs (i32). */
export function tierList(t: i32): usize {
  return feasible + (<usize>(t * vmCount) << 2);
}

/** Tier t's feasible VMs (after firstFeasible found one): its candidates that meet C2, kept in order. */
export function takeFeasible(t: i32): i32 {
  const list = feasible + (<usize>(t * vmCount) << 2);
  const n = getI32(nFeasible, t);
  let i = getI32(firstOk, t);
  let m = 0;
  for (; i < n; i++) {
    const vm = getI32(list, i);
    setI32(list, m, vm);
    m += <i32>!missesDeadline(vm, t);
  }
  setI32(nFeasible, t, m);
  return m;
}
