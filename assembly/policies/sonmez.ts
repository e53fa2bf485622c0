// sonmez (EdgeCloudSim sample_app4 FUZZY_BASED; docs/baselines.md §5, its descriptor and inputs:
// src/policies/sonmez.ts): two LM fuzzy stages (nearest vs best remote host, then that host vs the
// cloud) with the closed-form shortcut inside guard bands; decision rows in
// test/decision-tables.test.ts, whole runs frozen in test/golden/.
import { allocF64, getF64, setF64 } from "../kernel/mem";
import { hostCount } from "../kernel/state";
import { tLengthMi } from "../kernel/tasks";
import { manDelayS, wanBandwidthMbps } from "../model/network/index";
import { apOf, hostUtilPct, localHost } from "../decision/view";
import { worstFitCloud, worstFitHost } from "./vm-choice";
import { Fis, FisMemo, classify, defuzzify, fisMemo, memoFiring } from "./fuzzy";
import { param } from "../kernel/params";
import { bump, inputs, inputsInit, paramFis, sensitivity } from "./fuzzy-params";

// params: [guardRel, guardThird, stage-1 second class, ...stage-1 rule base, stage-2 second class, ...stage-2 rule base]
let sonmezStage1: Fis = changetype<Fis>(0);
let sonmezStage2: Fis = changetype<Fis>(0);
let sonmezSecond1: i32 = 1;
let sonmezSecond2: i32 = 1;
let sonmezGuardRel: f64 = 0;
let sonmezGuardThird: f64 = 0;
/** The closed form's threshold, 1 / 3 evaluated in f64. */
const ONE_THIRD: f64 = 1.0 / 3.0;
let sonmezMemo1: FisMemo = changetype<FisMemo>(0);
let sonmezMemo2: FisMemo = changetype<FisMemo>(0);
let inputs2: usize = 0; // f64[4]: stage 2's inputs (stage 1 uses `inputs`)

export function sonmezInit(): void {
  sonmezGuardRel = param();
  sonmezGuardThird = param();
  sonmezSecond1 = <i32>param();
  sonmezStage1 = paramFis();
  sonmezMemo1 = fisMemo(sonmezStage1, -1); // host utilizations and MAN delay: all state
  sonmezSecond2 = <i32>param();
  sonmezStage2 = paramFis();
  sonmezMemo2 = fisMemo(sonmezStage2, 1); // task_size is the task's
  inputsInit();
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
