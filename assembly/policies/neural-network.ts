// neural-network: the paper's Algorithm 1 (docs/neural-network.md; its descriptor and models:
// src/policies/neural-network.ts): the batch sorted by delay sensitivity, per task the open VMs,
// the C2–C4 feasibility, the tier ranking by TierSelectionNN and the VM choice by VMCompatibilityNN,
// with the features of nn/features.ts and the networks of nn/net.ts. test/wasm-nn-features.test.ts
// holds its features, feasible lists and scores to the host's extractor and MLP kernel on live
// states; test/golden/ freezes whole runs.
//
// A batch is decided as a whole (decideBatch, called by the engine over the same offer list a host
// policy gets); without batches decide() runs it for a batch of one.
//
// Where this is cheaper than the literal algorithm, without changing a decision:
//   - the task's network estimate is taken once per tier (nn/features.ts), also for C2;
//   - the VM loops are fused or skipped (nn/scan.ts): admission, load and the fastest compute
//     estimate come without a division (nn/records.ts: scan records, admitKey), and C2, the one
//     test that divides, runs only until a tier shows a feasible VM, and in full only for the tier
//     taken;
//   - the VM network's first layer starts from the task's accumulators (nn/net.ts);
//   - VMs whose rows are identical bit for bit (idle VMs of one type, VMs with the same load) are
//     scored once: the networks are deterministic and a row's score does not depend on where it sits
//     in the batch, so each VM gets exactly the score it would get alone; when all
//     rows are equal the network does not run at all (equal scores: the first VM wins).
//
// Parameters (its descriptor's encoder): order (0 descending, 1 ascending, 2 none), repeat (the
// bench's option: placements per task on the same state, counters counted once), the app count
// and each app's bucket of the delay-sensitivity counting sort, the bucket count, then the tier
// network and the VM network (nn/net.ts).
import { paramI32, paramsBad } from "../kernel/params";
import { alloc, allocF64, allocI32, getF64, getI32, regrow, setF64, setI32 } from "../kernel/mem";
import { appCount, tierOf, vmCount } from "../kernel/state";
import { tApp, tDevice } from "../kernel/tasks";
import { estimateExecS, loadFraction } from "../model/compute/index";
import { recordsInit } from "../nn/records";
import { REST_BYTES, candidate, rowOf, rowsOf, scoreRows, scoreVms, vmRowsInit } from "../nn/vm-rows";
import { deviceAccessPoint } from "../model/mobility";
import { assign } from "../decision/assign";
import { policyStats } from "./stats";
import { hostChooseTier } from "../kernel/host";
import {
  aggregate, cpuMax, firstFeasible, netS, scan, scanAnyFits, scanInit, takeFeasible, tierFeasible, tierList,
} from "../nn/scan";
import {
  TASK_FEATURES, TIER_COUNT, TIER_FEATURES, VM_FEATURES, featuresInit, taskRow, tierRest, tierRowFinish, vmRest,
} from "../nn/features";
import {
  tierInput, tierNet, tierNetForward, tierNetRead, tierOutput, vmHostOutput, vmHostRows,
  vmNet, vmNetForwardHost, vmNetRead, vmOutput, vmRows, vmTaskInput,
} from "../nn/net";

// Counters, in the order of the descriptor's `counters`.
const ST_DECISIONS: i32 = 0;
const ST_ASSIGNED: i32 = 1;
const ST_OVERFLOW: i32 = 2;
const ST_TIER_NET_RUNS: i32 = 3;
const ST_VM_NET_RUNS: i32 = 4;
const ST_VM_SCORED: i32 = 5;
const ST_ASSIGNED_LOCAL: i32 = 6;
// ST_ASSIGNED_LOCAL + tier: local edge, remote edge, cloud.

const ORDER_NONE: i32 = 2;

let orderMode: i32 = 0;
let repeat: i32 = 1;
/** The counters while repeated placements run (restored after them). */
let savedStats: usize = 0;
let appBucket: usize = 0; // i32 per app
let bucketCount: usize = 0; // i32[buckets + 1]
let buckets: i32 = 0;
let order: usize = 0; // i32, the batch in decision order
let orderCap: i32 = 0;
let noneFits: usize = 0; // i32 per app
/** VMs that can pass C3 at all (U ≤ CPU_max), in VM order; within a batch a VM that left stays out. */
let open: usize = 0; // i32[vmCount]
let nOpen: i32 = 0;
let tierScore: usize = 0; // f64[3]
let ranked: usize = 0; // i32[3]
/** The host chooses the tier (the DQN trainer's agent, kernel/host.ts) instead of TierSelectionNN. */
let hostTiers: bool = false;

export function nnSetHostTiers(on: bool): void {
  hostTiers = on;
}
/** Reads the parameters and builds the networks; false when they do not fit this engine. */
export function nnInit(): bool {
  orderMode = paramI32();
  repeat = paramI32();
  if (repeat < 1) return false;
  if (paramI32() != appCount) return false;
  appBucket = allocI32(appCount);
  for (let a = 0; a < appCount; a++) setI32(appBucket, a, paramI32());
  buckets = paramI32();
  if (buckets < 1 || buckets > appCount) return false;
  for (let a = 0; a < appCount; a++) {
    const b = getI32(appBucket, a);
    if (b < 0 || b >= buckets) return false;
  }
  tierNetRead(TIER_FEATURES, TIER_COUNT);
  vmNetRead(VM_FEATURES, 1, TASK_FEATURES, vmCount);
  if (paramsBad()) return false;
  featuresInit(vmNet.mean, vmNet.std);
  bucketCount = allocI32(buckets + 1);
  orderCap = 256;
  order = allocI32(orderCap);
  noneFits = allocI32(appCount);
  recordsInit();
  scanInit();
  open = allocI32(vmCount);
  nOpen = 0;
  tierScore = alloc(TIER_COUNT << 3);
  ranked = allocI32(TIER_COUNT);
  vmRowsInit();
  savedStats = allocF64(ST_ASSIGNED_LOCAL + TIER_COUNT);
  hostTiers = false;
  return true;
}

// @ts-ignore: decorator
@inline function stat(i: i32, v: f64): void {
  setF64(policyStats, i, getF64(policyStats, i) + v);
}

function refreshOpen(): void {
  let n = 0;
  for (let vm = 0; vm < vmCount; vm++) if (loadFraction(vm) <= cpuMax) setI32(open, n++, vm);
  nOpen = n;
}

function closeIfFull(vm: i32): void {
  if (loadFraction(vm) <= cpuMax) return;
  let j = 0;
  for (let i = 0; i < nOpen; i++) {
    const v = getI32(open, i);
    if (v != vm) setI32(open, j++, v);
  }
  nOpen = j;
}

/** place(), `repeat` times on the same state; the counters count once. */
function placeRepeated(task: i32, batch: bool): i32 {
  if (repeat > 1) {
    const bytes = <usize>(ST_ASSIGNED_LOCAL + TIER_COUNT) << 3;
    memory.copy(savedStats, policyStats, bytes);
    for (let i = 1; i < repeat; i++) place(task, batch);
    memory.copy(policyStats, savedStats, bytes);
  }
  return place(task, batch);
}

function countTier(task: i32, vm: i32): void {
  stat(ST_ASSIGNED_LOCAL + tierOf(vm, getI32(deviceAccessPoint, getI32(tDevice, task))), 1);
}

/** Algorithm 1 for a batch of one (immediate mode). */
export function nnDecide(task: i32): i32 {
  // The open list is refreshed by place's own scan (batchScan false).
  const vm = placeRepeated(task, false);
  if (vm >= 0) {
    stat(ST_ASSIGNED, 1);
    countTier(task, vm);
  } else stat(ST_OVERFLOW, 1);
  return vm;
}

/** Algorithm 1 for the engine's offers (i32 task ids at `tasks`), assigning as it goes. */
export function nnDecideBatch(tasks: usize, count: i32): void {
  refreshOpen();
  if (nOpen == 0) {
    // No VM can pass C3 in this batch: every offer goes to the overflow queue, whatever the order
    // (the TypeScript loop counts them at its first task). The common case of an overloaded world.
    stat(ST_DECISIONS, <f64>count);
    stat(ST_OVERFLOW, <f64>count);
    return;
  }
  if (orderCap < count) {
    orderCap = count * 2;
    order = regrow(order, 0, <usize>orderCap << 2);
  }
  if (orderMode == ORDER_NONE) memory.copy(order, tasks, <usize>count << 2);
  else {
    // Stable counting sort by the app's delay-sensitivity bucket.
    for (let b = 0; b <= buckets; b++) setI32(bucketCount, b, 0);
    for (let i = 0; i < count; i++) {
      const b = getI32(appBucket, getI32(tApp, getI32(tasks, i))) + 1;
      setI32(bucketCount, b, getI32(bucketCount, b) + 1);
    }
    for (let b = 1; b <= buckets; b++) setI32(bucketCount, b, getI32(bucketCount, b) + getI32(bucketCount, b - 1));
    for (let i = 0; i < count; i++) {
      const task = getI32(tasks, i);
      const b = getI32(appBucket, getI32(tApp, task));
      const at = getI32(bucketCount, b);
      setI32(bucketCount, b, at + 1);
      setI32(order, at, task);
    }
  }
  for (let a = 0; a < appCount; a++) setI32(noneFits, a, 0);
  for (let i = 0; i < count; i++) {
    const task = getI32(order, i);
    if (nOpen == 0) {
      // No VM can pass C3 any more in this batch: the rest goes to the overflow queue.
      stat(ST_DECISIONS, <f64>(count - i));
      stat(ST_OVERFLOW, <f64>(count - i));
      break;
    }
    // Assignments within a batch only take capacity: an app no VM admits stays so (overflow).
    if (getI32(noneFits, getI32(tApp, task)) != 0) {
      stat(ST_DECISIONS, 1);
      stat(ST_OVERFLOW, 1);
      continue;
    }
    const vm = placeRepeated(task, true);
    if (vm >= 0 && assign(task, vm)) {
      stat(ST_ASSIGNED, 1);
      countTier(task, vm);
      closeIfFull(vm);
    } else stat(ST_OVERFLOW, 1);
  }
}

/**
 * Algorithm 1 for one task: the chosen VM, or -1 (overflow). batch: the open VMs are the batch's
 * (open list); else this is decide() and the scan finds them.
 */
function place(task: i32, batch: bool): i32 {
  stat(ST_DECISIONS, 1);
  const app = getI32(tApp, task);
  const ap = getI32(deviceAccessPoint, getI32(tDevice, task));
  const aggregated = scan(task, app, ap, batch, open, nOpen);
  // (Only a batch reads noneFits: per-task mode keeps no open count.)
  if (batch && !scanAnyFits && nOpen == vmCount) setI32(noneFits, app, 1);
  let tiersOpen = 0;
  for (let k = 0; k < TIER_COUNT; k++) if (firstFeasible(k)) tiersOpen++;
  if (tiersOpen == 0) return -1;
  if (hostTiers) {
    let mask = 0;
    for (let k = 0; k < TIER_COUNT; k++) if (tierFeasible(k)) mask |= 1 << k;
    const k = hostChooseTier(task, mask);
    if (k < 0 || k >= TIER_COUNT || (mask & (1 << k)) == 0) return -1;
    const m = takeFeasible(k);
    const vms = tierList(k);
    if (m == 1) return getI32(vms, 0);
    return bestVm(task, ap, k, vms, m);
  }
  // Tier scores (only needed when more than one tier is open), tiers by descending score.
  if (tiersOpen > 1) {
    if (!aggregated) aggregate(task, ap);
    tierRowFinish(task, ap, tierNet.mean, tierNet.std, tierInput);
    tierNetForward();
    stat(ST_TIER_NET_RUNS, 1);
    for (let k = 0; k < TIER_COUNT; k++) setF64(tierScore, k, tierNet.sign * <f64>load<f32>(tierOutput + (<usize>k << 2)));
  } else {
    for (let k = 0; k < TIER_COUNT; k++) setF64(tierScore, k, 0);
  }
  for (let k = 0; k < TIER_COUNT; k++) setI32(ranked, k, k);
  // Insertion sort, descending, stable (ties keep the lower tier first).
  for (let i = 1; i < TIER_COUNT; i++) {
    const t = getI32(ranked, i);
    let j = i - 1;
    while (j >= 0 && getF64(tierScore, getI32(ranked, j)) < getF64(tierScore, t)) {
      setI32(ranked, j + 1, getI32(ranked, j));
      j--;
    }
    setI32(ranked, j + 1, t);
  }
  for (let r = 0; r < TIER_COUNT; r++) {
    const k = getI32(ranked, r);
    if (!tierFeasible(k)) continue; // tier infeasible: skip
    const m = takeFeasible(k);
    const vms = tierList(k);
    if (m == 1) return getI32(vms, 0);
    return bestVm(task, ap, k, vms, m);
  }
  return -1;
}

/** The best of the tier's n feasible VMs by the VM network (ties: lowest VM id). */
function bestVm(task: i32, ap: i32, k: i32, vms: usize, n: i32): i32 {
  // Counted as one network run on the n rows, whatever shortcut is taken below.
  stat(ST_VM_NET_RUNS, 1);
  stat(ST_VM_SCORED, <f64>n);
  // All rows equal (e.g. idle VMs of one type): equal scores, and the first VM wins the ties (the
  // list is in VM order; a NaN score loses every comparison, which also keeps the first).
  if (vmNet.onHost) return bestVmOnHost(task, ap, k, vms, n);
  if (rowsOf(task, ap, k, vms, n) == 1) return getI32(vms, 0);
  scoreRows(task);
  const sign = vmNet.sign;
  let best = 0;
  let bestScore = sign * <f64>load<f32>(vmOutput + (<usize>getI32(rowOf, 0) << 2));
  for (let i = 1; i < n; i++) {
    const s = sign * <f64>load<f32>(vmOutput + (<usize>getI32(rowOf, i) << 2));
    if (s > bestScore || (s == bestScore && getI32(vms, i) < getI32(vms, best))) {
      best = i;
      bestScore = s;
    }
  }
  return getI32(vms, best);
}

/**
 * bestVm with the network on the host (backend=onnx): every one of the n rows, in VM order, in one
 * batch (the task's features, then VM i's distinct row), as the host's runtime need not score
 * equal rows equally.
 */
function bestVmOnHost(task: i32, ap: i32, k: i32, vms: usize, n: i32): i32 {
  rowsOf(task, ap, k, vms, n);
  taskRow(task, vmNet.mean, vmNet.std, vmTaskInput);
  const shared = <usize>TASK_FEATURES << 2;
  const width = shared + REST_BYTES;
  for (let i = 0; i < n; i++) {
    const row = vmHostRows + <usize>i * width;
    memory.copy(row, vmTaskInput, shared);
    memory.copy(row + shared, vmRows + <usize>getI32(rowOf, i) * REST_BYTES, REST_BYTES);
  }
  vmNetForwardHost(n);
  const sign = vmNet.sign;
  let best = 0;
  let bestScore = sign * <f64>load<f32>(vmHostOutput);
  for (let i = 1; i < n; i++) {
    const s = sign * <f64>load<f32>(vmHostOutput + (<usize>i << 2));
    if (s > bestScore || (s == bestScore && getI32(vms, i) < getI32(vms, best))) {
      best = i;
      bestScore = s;
    }
  }
  return getI32(vms, best);
}

// ---- test hooks (assembly/testing.ts): the pieces of place() on the live state, so
// test/wasm-nn-features.test.ts can hold them to the TypeScript extractor and kernel bit for bit.

/** The task's tier row as place() would feed the tier network (f32[20] at the returned pointer). */
export function nnTestTierRow(task: i32): usize {
  const ap = getI32(deviceAccessPoint, getI32(tDevice, task));
  scan(task, getI32(tApp, task), ap, false, open, nOpen);
  tierRowFinish(task, ap, tierNet.mean, tierNet.std, tierInput);
  return tierInput;
}

/** The feasible VMs of tier k for the task in per-task mode (i32 list at `out`); returns their count. */
export function nnTestFeasible(task: i32, k: i32, out: usize): i32 {
  const ap = getI32(deviceAccessPoint, getI32(tDevice, task));
  scan(task, getI32(tApp, task), ap, false, open, nOpen);
  const n = firstFeasible(k) ? takeFeasible(k) : 0;
  memory.copy(out, tierList(k), <usize>n << 2);
  return n;
}

/** The VM network's scores of tier k's feasible VMs (f32 per VM, in list order, at `out`); returns the count. */
export function nnTestScores(task: i32, k: i32, out: usize): i32 {
  const ap = getI32(deviceAccessPoint, getI32(tDevice, task));
  scan(task, getI32(tApp, task), ap, false, open, nOpen);
  const n = firstFeasible(k) ? takeFeasible(k) : 0;
  if (n == 0) return 0;
  scoreVms(task, ap, k, tierList(k), n);
  for (let i = 0; i < n; i++) store<f32>(out + (<usize>i << 2), load<f32>(vmOutput + (<usize>getI32(rowOf, i) << 2)));
  return n;
}

/** The task's row for `vm` as the VM network sees it (f32[17] at `out`). */
export function nnTestVmRow(task: i32, vm: i32, out: usize): void {
  const ap = getI32(deviceAccessPoint, getI32(tDevice, task));
  scan(task, getI32(tApp, task), ap, false, open, nOpen);
  const k = tierOf(vm, ap);
  const net = getF64(netS, k);
  const mean = vmNet.mean, std = vmNet.std;
  taskRow(task, mean, std, out);
  tierRest(k, ap, net, mean, std, candidate);
  vmRest(vm, loadFraction(vm), net + estimateExecS(task, vm), mean, std, candidate);
  memory.copy(out + (<usize>TASK_FEATURES << 2), candidate, REST_BYTES);
}
