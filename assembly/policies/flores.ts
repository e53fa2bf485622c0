// flores (EdgeCloudSim FUZZY_COMPETITOR; docs/baselines.md, its descriptor and inputs:
// src/policies/flores.ts): a 68-rule COG system decides cloud or edge, with the crisp comparison of
// the two strongest firings outside a guard band; decision rows in test/decision-tables.test.ts.
import { getF64, setF64 } from "../kernel/mem";
import { tDownloadKb, tUploadKb } from "../kernel/tasks";
import { wanBandwidthMbps } from "../model/network/index";
import { apOf, meanEdgeUtilPct } from "../decision/view";
import { worstFitAllEdge, worstFitCloud } from "./vm-choice";
import { Fis, FisMemo, classify, defuzzify, fisMemo, memoFiring } from "./fuzzy";
import { param } from "../kernel/params";
import { bump, inputs, inputsInit, paramFis, sensitivity } from "./fuzzy-params";

// params: [dataSizeCapKb, guardRel, cloudClass, localTerm, remoteTerm, ...rule base]
let floresFis: Fis = changetype<Fis>(0);
let floresCapKb: f64 = 0;
let floresGuardRel: f64 = 0;
let floresCloudClass: i32 = 0;
let floresLocal: i32 = 0;
let floresRemote: i32 = 0;
let floresMemo: FisMemo = changetype<FisMemo>(0);

export function floresInit(): void {
  floresCapKb = param();
  floresGuardRel = param();
  floresCloudClass = <i32>param();
  floresLocal = <i32>param();
  floresRemote = <i32>param();
  floresFis = paramFis();
  floresMemo = fisMemo(floresFis, 3); // data_size is the task's; the other three describe the state
  inputsInit();
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
