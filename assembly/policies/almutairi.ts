// almutairi (our reconstruction of Almutairi & Aldossary's fuzzy policy; docs/baselines.md §6.3,
// its descriptor and variants: src/policies/almutairi.ts): local / other edge / cloud by the rule
// base's class, then the heterogeneity-aware VM choice with the fall-back chain.
import { allocI32, getF64, getI32, setF64, setI32 } from "../kernel/mem";
import { cloudVmStart, hostCount, hostVmEnd, hostVmStart, vmCount } from "../kernel/state";
import { tDownloadKb, tLengthMi, tUploadKb } from "../kernel/tasks";
import { localHost } from "../decision/view";
import { hostCapacityUtilPct, hostFreeMips, mostFreeMips } from "./vm-choice";
import { Fis, decide } from "./fuzzy";
import { param } from "../kernel/params";
import { bump, inputs, inputsInit, paramFis, sensitivity } from "./fuzzy-params";

// params: [class count, target of each class..., ...rule base (the variant's)]
/** Targets in fall-back order; also the indices of the decided* and placed* counters. */
const LOCAL: i32 = 0;
const OTHER: i32 = 1;
const CLOUD: i32 = 2;
const FELL_BACK_STAT: i32 = 6;
let almutairiFis: Fis = changetype<Fis>(0);
let classToTarget: usize = 0; // i32 per decision class

export function almutairiInit(): void {
  const classes = <i32>param();
  classToTarget = allocI32(classes);
  for (let c = 0; c < classes; c++) setI32(classToTarget, c, <i32>param());
  almutairiFis = paramFis();
  inputsInit();
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
