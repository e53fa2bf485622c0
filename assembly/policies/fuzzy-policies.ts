// The fuzzy-logic orchestrators inside WASM: flores, sonmez and almutairi (src/policies/flores.ts,
// sonmez.ts, almutairi.ts). Same inputs in the same order, same crisp shortcuts and guard bands,
// same VM choice and counters as the TypeScript twins; test/wasm-differential.test.ts holds them to
// the same results bit for bit. The rule bases and every constant (guard bands, class and term
// indices) come from the host (src/engine/wasm/policies-fuzzy.ts), which computes them with the
// TypeScript policies' own functions, so each has one source of truth.
import { allocF64, allocI32, getF64, getI32, setF64, setI32 } from "../kernel/mem";
import { appSensitivity, cloudVmStart, hostCount, hostVmEnd, hostVmStart, vmCount } from "../kernel/state";
import { tApp, tDownloadKb, tLengthMi, tUploadKb } from "../kernel/tasks";
import { manDelayS, wanBandwidthMbps } from "../model/network/index";
import { apOf, hostUtilPct, localHost, meanEdgeUtilPct } from "../view";
import { hostCapacityUtilPct, hostFreeMips, mostFreeMips, worstFitAllEdge, worstFitCloud, worstFitHost } from "./vm-choice";
import { Fis, FisMemo, classify, decide, defuzzify, fisMemo, fisRead, fisReadEnd, memoFiring } from "./fuzzy";

// The policies' parameters are read in order from policies.ts's policyParams.
let paramPtr: usize = 0;
let paramAt: i32 = 0;

function param(): f64 {
  return getF64(paramPtr, paramAt++);
}

function paramFis(): Fis {
  const f = fisRead(paramPtr, paramAt);
  paramAt = fisReadEnd;
  return f;
}

// @ts-ignore: decorator
@inline function bump(stats: usize, i: i32): void {
  setF64(stats, i, getF64(stats, i) + 1);
}

// @ts-ignore: decorator
@inline function sensitivity(task: i32): f64 {
  return getF64(appSensitivity, getI32(tApp, task));
}

let inputs: usize = 0; // f64[4]: the FIS inputs of the current decision

// ---- flores (src/policies/flores.ts) ---------------------------------------------------------------
// params: [dataSizeCapKb, guardRel, cloudClass, localTerm, remoteTerm, ...rule base]
let floresFis: Fis = changetype<Fis>(0);
let floresCapKb: f64 = 0;
let floresGuardRel: f64 = 0;
let floresCloudClass: i32 = 0;
let floresLocal: i32 = 0;
let floresRemote: i32 = 0;
let floresMemo: FisMemo = changetype<FisMemo>(0);

export function floresInit(params: usize): void {
  paramPtr = params;
  paramAt = 0;
  floresCapKb = param();
  floresGuardRel = param();
  floresCloudClass = <i32>param();
  floresLocal = <i32>param();
  floresRemote = <i32>param();
  floresFis = paramFis();
  floresMemo = fisMemo(floresFis, 3); // data_size is the task's; the other three describe the state
  inputs = allocF64(4);
}

/** floresDecider: the crisp comparison of the two firings outside the guard band, the full COG inside it. */
function floresToCloud(): bool {
  const f = floresFis;
  memoFiring(floresMemo, inputs);
  const l = getF64(f.firing, floresLocal);
  const r = getF64(f.firing, floresRemote);
  if (Math.abs(r - l) > floresGuardRel * Math.max(l, r)) return r > l;
  return classify(f, defuzzify(f, f.firing)) == floresCloudClass;
}

/** Counters: decidedCloud, decidedEdge. */
export function decideFlores(task: i32, stats: usize): i32 {
  setF64(inputs, 0, wanBandwidthMbps(apOf(task)));
  setF64(inputs, 1, 100 - meanEdgeUtilPct());
  setF64(inputs, 2, sensitivity(task));
  setF64(inputs, 3, Math.min(floresCapKb, getF64(tUploadKb, task) + getF64(tDownloadKb, task)) / floresCapKb);
  if (floresToCloud()) {
    bump(stats, 0);
    return worstFitCloud(task);
  }
  bump(stats, 1);
  return worstFitAllEdge(task);
}

// ---- sonmez (src/policies/sonmez.ts) ---------------------------------------------------------------
// params: [guardRel, guardThird, stage-1 second class, ...stage-1 rule base, stage-2 second class, ...stage-2 rule base]
let sonmezStage1: Fis = changetype<Fis>(0);
let sonmezStage2: Fis = changetype<Fis>(0);
let sonmezSecond1: i32 = 1;
let sonmezSecond2: i32 = 1;
let sonmezGuardRel: f64 = 0;
let sonmezGuardThird: f64 = 0;
/** The closed form's threshold, the TypeScript expression 1 / 3 evaluated in f64. */
const ONE_THIRD: f64 = 1.0 / 3.0;
let sonmezMemo1: FisMemo = changetype<FisMemo>(0);
let sonmezMemo2: FisMemo = changetype<FisMemo>(0);
let inputs2: usize = 0; // f64[4]: stage 2's inputs (stage 1 uses `inputs`)

export function sonmezInit(params: usize): void {
  paramPtr = params;
  paramAt = 0;
  sonmezGuardRel = param();
  sonmezGuardThird = param();
  sonmezSecond1 = <i32>param();
  sonmezStage1 = paramFis();
  sonmezMemo1 = fisMemo(sonmezStage1, -1); // host utilizations and MAN delay: all state
  sonmezSecond2 = <i32>param();
  sonmezStage2 = paramFis();
  sonmezMemo2 = fisMemo(sonmezStage2, 1); // task_size is the task's
  inputs = allocF64(4);
  inputs2 = allocF64(4);
}

/** sonmezStageDecider: true = the stage's second option. Closed form "A2 > A1 and A2 > 1/3" outside the guard bands, LM inside. */
function sonmezStage(m: FisMemo, in_: usize, second: i32): bool {
  const f = m.fis;
  memoFiring(m, in_);
  const a1 = getF64(f.firing, 0);
  const a2 = getF64(f.firing, 1);
  const nearTie = Math.abs(a2 - a1) <= sonmezGuardRel * Math.max(a1, a2);
  if (!nearTie && Math.abs(a2 - ONE_THIRD) > sonmezGuardThird) return a2 > a1 && a2 > ONE_THIRD;
  return classify(f, defuzzify(f, f.firing)) == second;
}

/** Counters: decidedNearestHost, decidedRemoteHost, decidedCloud. */
export function decideSonmez(task: i32, stats: usize): i32 {
  const nearest = localHost(task);
  // bestRemoteHost: the other host with the smallest utilization below 100 % (strict <: ties → lowest
  // index), else host 0 at 100 %, as EdgeCloudSim initialises its scan.
  let remoteHost = 0;
  let remoteUtil: f64 = 100;
  for (let h = 0; h < hostCount; h++) {
    if (h != nearest) {
      const u = hostUtilPct(h);
      if (u < remoteUtil) {
        remoteUtil = u;
        remoteHost = h;
      }
    }
  }
  let host: i32;
  let hostUtil: f64;
  if (nearest < 0) {
    host = remoteHost;
    hostUtil = remoteUtil;
  } else {
    const nearestUtil = hostUtilPct(nearest);
    setF64(inputs, 0, nearestUtil);
    setF64(inputs, 1, remoteUtil);
    setF64(inputs, 2, manDelayS());
    const goRemote = sonmezStage(sonmezMemo1, inputs, sonmezSecond1);
    host = goRemote ? remoteHost : nearest;
    hostUtil = goRemote ? remoteUtil : nearestUtil;
  }
  setF64(inputs2, 0, wanBandwidthMbps(apOf(task)));
  setF64(inputs2, 1, getF64(tLengthMi, task));
  setF64(inputs2, 2, sensitivity(task));
  setF64(inputs2, 3, hostUtil);
  if (sonmezStage(sonmezMemo2, inputs2, sonmezSecond2)) {
    bump(stats, 2);
    return worstFitCloud(task);
  }
  bump(stats, host == nearest ? 0 : 1);
  return worstFitHost(task, host);
}

// ---- almutairi (src/policies/almutairi.ts) ---------------------------------------------------------
// params: [class count, target of each class..., ...rule base (the variant's)]
/** Targets in fall-back order; also the indices of the decided* and placed* counters. */
const LOCAL: i32 = 0;
const OTHER: i32 = 1;
const CLOUD: i32 = 2;
const FELL_BACK_STAT: i32 = 6;
let almutairiFis: Fis = changetype<Fis>(0);
let classToTarget: usize = 0; // i32 per decision class

export function almutairiInit(params: usize): void {
  paramPtr = params;
  paramAt = 0;
  const classes = <i32>param();
  classToTarget = allocI32(classes);
  for (let c = 0; c < classes; c++) setI32(classToTarget, c, <i32>param());
  almutairiFis = paramFis();
  inputs = allocF64(4);
}

/** The non-local edge host with the most free MIPS (ties → lowest index), or -1. */
function mostFreeOtherHost(local: i32): i32 {
  let best = -1;
  let bestFree = -Infinity;
  for (let h = 0; h < hostCount; h++) {
    if (h != local) {
      const free = hostFreeMips(h);
      if (free > bestFree) {
        best = h;
        bestFree = free;
      }
    }
  }
  return best;
}

/** The VM of a target for the task, or -1 when the target has none that admits it. */
function targetVm(task: i32, target: i32): i32 {
  if (target == CLOUD) return mostFreeMips(task, cloudVmStart, vmCount);
  const host = target == LOCAL ? localHost(task) : mostFreeOtherHost(localHost(task));
  return host < 0 ? -1 : mostFreeMips(task, getI32(hostVmStart, host), getI32(hostVmEnd, host));
}

/** Counters: decidedLocal, decidedOther, decidedCloud, placedLocal, placedOther, placedCloud, fellBack. */
export function decideAlmutairi(task: i32, stats: usize): i32 {
  const local = localHost(task);
  setF64(inputs, 0, local >= 0 ? hostCapacityUtilPct(local) : 100);
  setF64(inputs, 1, getF64(tLengthMi, task));
  setF64(inputs, 2, getF64(tUploadKb, task) + getF64(tDownloadKb, task));
  setF64(inputs, 3, sensitivity(task));
  const chosen = getI32(classToTarget, decide(almutairiFis, inputs));
  bump(stats, chosen);
  let vm = targetVm(task, chosen);
  let target = chosen;
  // Fall back through the other targets in the order LOCAL → OTHER → CLOUD.
  for (let t = LOCAL; vm < 0 && t <= CLOUD; t++) {
    if (t != chosen) {
      vm = targetVm(task, t);
      target = t;
    }
  }
  if (vm >= 0) {
    bump(stats, 3 + target);
    if (target != chosen) bump(stats, FELL_BACK_STAT);
  }
  return vm;
}
