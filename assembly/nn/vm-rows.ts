// The VM network's rows for one task and one tier (Algorithm 1's VM scoring): per VM, its own
// features (cached per VM while model/lifecycle.ts vmVersion does not move), the tier's and the
// service estimate; identical rows are scored once (open addressing over the row bits).
import { alloc, allocI32, getF64, getI32, setI32 } from "../kernel/mem";
import { COMPUTE_PS, appCores, computeModel, vmCount } from "../kernel/state";
import { tApp } from "../kernel/tasks";
import { estimateExecS, loadFraction } from "../model/compute/index";
import { vmVersion } from "../model/lifecycle";
import { SCAN_CLASS, estimateKey, refreshRecords, scanRecord } from "./records";
import { netS } from "./scan";
import { TASK_FEATURES, VM_FEATURES, serviceNorm, taskRow, tierRest, vmOwn } from "./features";
import { vmNet, vmNetForward, vmNetPrefix, vmRows, vmTaskInput } from "./net";

/** Bytes of the per-VM part of a VM row (VM_FEATURES − TASK_FEATURES f32). */
export const REST_BYTES: usize = <usize>(VM_FEATURES - TASK_FEATURES) << 2;

// Distinct VM rows of one scoring: open addressing over the row bits; a slot is live when its stamp
// is the current generation (no clearing between scorings).
let hashMask: i32 = 0;
let hashStamp: usize = 0; // i32 per slot
let hashRow: usize = 0; // i32 per slot: the distinct row's index
let generation: i32 = 0;
export let rowOf: usize = 0; // i32 per scored VM: its distinct row
export let candidate: usize = 0; // one row being built (REST_BYTES + slack)
/** Per VM, its own features (vmOwn, 6 f32 in a 32-byte slot) and the vmVersion they were taken at. */
let ownRows: usize = 0;
let ownVersion: usize = 0; // i32 per VM

/** Allocates the rows' state (nnInit, after the networks). */
export function vmRowsInit(): void {
  let size = 16;
  while (size < 2 * vmCount) size <<= 1;
  hashMask = size - 1;
  hashStamp = allocI32(size);
  hashRow = allocI32(size);
  generation = 0;
  rowOf = allocI32(vmCount);
  candidate = alloc(REST_BYTES + 16);
  ownRows = alloc(<usize>vmCount << 5);
  ownVersion = allocI32(vmCount);
  for (let vm = 0; vm < vmCount; vm++) setI32(ownVersion, vm, -1);
}

/** The VM network's score of each of the n VMs (tier k): VM i's is at vmOutput[rowOf[i]]. */
export function scoreVms(task: i32, ap: i32, k: i32, vms: usize, n: i32): void {
  rowsOf(task, ap, k, vms, n);
  scoreRows(task);
}

/** Scores of the distinct rows at vmOutput: the task's first-layer prefix, then the rows. */
export function scoreRows(task: i32): void {
  taskRow(task, vmNet.mean, vmNet.std, vmTaskInput);
  vmNetPrefix();
  vmNetForward(distinctRows);
}

let distinctRows: i32 = 0;

/**
 * The distinct rows of the n VMs (tier k) at vmRows, VM i's at rowOf[i] (in order of first use);
 * returns how many rows are distinct.
 */
export function rowsOf(task: i32, ap: i32, k: i32, vms: usize, n: i32): i32 {
  refreshRecords();
  const mean = vmNet.mean, std = vmNet.std;
  const net = getF64(netS, k);
  const cand = candidate;
  tierRest(k, ap, net, mean, std, cand);
  generation++;
  if (generation == i32.MAX_VALUE) {
    for (let s = 0; s <= hashMask; s++) setI32(hashStamp, s, 0);
    generation = 1;
  }
  const gen = generation;
  let distinct = 0;
  // The service feature under processor sharing: the same (capacity class, ps.admitKey) gives the same
  // estimate (ps.estimateExecS is L / (r · capacity / key)); list neighbours often share it.
  const ps = computeModel == COMPUTE_PS;
  const r = getI32(appCores, getI32(tApp, task));
  let lastClass = -1, lastKey = -1;
  let lastService: f32 = 0;
  for (let i = 0; i < n; i++) {
    const vm = getI32(vms, i);
    // The VM's own features, kept per VM while its state does not change (model/lifecycle.ts vmVersion).
    const own = ownRows + (<usize>vm << 5);
    const version = getI32(vmVersion, vm);
    if (getI32(ownVersion, vm) != version) {
      vmOwn(vm, loadFraction(vm), mean, std, own);
      setI32(ownVersion, vm, version);
    }
    v128.store(cand, v128.load(own));
    store<u64>(cand, load<u64>(own, 16), 16);
    // estimateServiceS: the tier's network estimate + the compute estimate.
    let service: f32;
    if (ps) {
      const rec = scanRecord(vm);
      const key = estimateKey(rec, r);
      const c = load<i32>(rec, SCAN_CLASS);
      if (key != lastKey || c != lastClass) {
        lastService = serviceNorm(net + estimateExecS(task, vm), mean, std);
        lastKey = key;
        lastClass = c;
      }
      service = lastService;
    } else service = serviceNorm(net + estimateExecS(task, vm), mean, std);
    store<f32>(cand, service, 44);
    // The VM's own words (the tier's are the same for every row of this scoring).
    let h: u32 = 0x811c9dc5;
    h = (h ^ load<u32>(cand)) * 0x9e3779b1;
    h = (h ^ load<u32>(cand, 4)) * 0x9e3779b1;
    h = (h ^ load<u32>(cand, 8)) * 0x9e3779b1;
    h = (h ^ load<u32>(cand, 12)) * 0x9e3779b1;
    h = (h ^ load<u32>(cand, 16)) * 0x9e3779b1;
    h = (h ^ load<u32>(cand, 20)) * 0x9e3779b1;
    h = (h ^ load<u32>(cand, 44)) * 0x9e3779b1;
    let slot = <i32>((h ^ (h >> 15)) & <u32>hashMask);
    let d = -1;
    while (getI32(hashStamp, slot) == gen) {
      const c = getI32(hashRow, slot);
      if (sameRow(vmRows + <usize>c * REST_BYTES, cand)) {
        d = c;
        break;
      }
      slot = (slot + 1) & hashMask;
    }
    if (d < 0) {
      d = distinct++;
      setI32(hashStamp, slot, gen);
      setI32(hashRow, slot, d);
      const row = vmRows + <usize>d * REST_BYTES;
      v128.store(row, v128.load(cand));
      v128.store(row, v128.load(cand, 16), 16);
      v128.store(row, v128.load(cand, 32), 32);
    }
    setI32(rowOf, i, d);
  }
  distinctRows = distinct;
  return distinct;
}

// @ts-ignore: decorator
@inline function sameRow(a: usize, b: usize): bool {
  // Bit equality of the 12 words (REST_BYTES = 48).
  const x = v128.or(v128.or(v128.xor(v128.load(a), v128.load(b)), v128.xor(v128.load(a, 16), v128.load(b, 16))), v128.xor(v128.load(a, 32), v128.load(b, 32)));
  return !v128.any_true(x);
}
