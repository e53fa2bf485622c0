// flores: EdgeCloudSim sample_app4 FUZZY_COMPETITOR (legend "Flores*"; docs/baselines.md §4),
// the paper's "Flores" baseline. One Mamdani FIS (rule base fuzzy/rules/flores.json: 4 inputs,
// 68 rules, min/max, COG over 1000 samples, default 0); output > 50 → CLOUD (least-loaded admitting
// cloud VM), otherwise GENERIC_EDGE (least-loaded admitting VM over all edge hosts, possibly remote).
// No local-vs-remote stage and no fall-back: no admitting VM → -1.
//
// Fidelity and speed: the decision must be the full COG inference's, because the crisp "max R firing >
// max L firing" form is not exact (COG on the sampled universe is biased by 0.05; they disagree when R
// exceeds L by up to 0.42 % relative). COG costs 1000 samples per call, and in the overloaded paper world
// the engine re-decides every overflow task each batch (tens of millions of calls per run), so the policy
// computes the rule firings, takes the crisp answer only when the two firings are more than
// FLORES_GUARD_REL apart (relative) and runs the full COG otherwise. Checked on 36 million (L, R) pairs:
// no disagreement outside 0.42 %; test/policy-flores.test.ts keeps checking it against `decide`.
//
// Inputs, in the FIS's order, and where each comes from in the two worlds:
//   wan_bw          Mbps. edgecloudsim: 1 / delay of a 128 KB WAN probe from the device's AP (table
//                   Kbps / 1024; 0 when the WAN table is exhausted). paper (shared-links): the bandwidth
//                   a new transfer would get on the shared cloud link now (capacity / (flows + 1)), so it
//                   lives in 10–100 Mbps / (flows + 1) and is mostly "high".
//   cpu_speed       100 − mean utilization of all edge VMs (%). paper: utilization = busy cores / cores.
//   video_execution the app's delay sensitivity (sic: EdgeCloudSim feeds it into this variable).
//   data_size       min(2500, upload KB + download KB) / 2500, from the task's sampled sizes.
// WASM twin: assembly/engine/policies-fuzzy.ts (change both; test/wasm-differential.test.ts compares them).
import { classFiring, classify, defuzzify, type CompiledFis } from "./fuzzy/inference.ts";
import { loadRuleBase } from "./fuzzy/load.ts";
import { fisClassIndex, taskAccessPoint, taskDelaySensitivity, worstFitAllEdge, worstFitCloud } from "./vm-choice.ts";
import type { PolicyFactory, SystemView } from "./types.ts";

/** EdgeCloudSim's data_size normaliser (KB). */
export const FLORES_DATA_SIZE_CAP_KB = 2500;

/**
 * Relative gap between the strongest remote and local firings beyond which the crisp comparison is
 * certain to equal the COG decision (measured worst disagreement 0.0042; ~5× margin).
 */
export const FLORES_GUARD_REL = 0.02;

/** Where the decider looks in a rule base: the CLOUD class and the two output terms it compares. */
export interface FloresIndices {
  readonly cloudClass: number;
  readonly local: number;
  readonly remote: number;
}

/** The indices floresDecider needs (also what the WASM twin is given); throws when the rule base does not fit. */
export function floresIndices(fis: CompiledFis): FloresIndices {
  const cloudClass = fisClassIndex(fis, "CLOUD");
  const local = fis.outputTerms.indexOf("local_processing");
  const remote = fis.outputTerms.indexOf("remote_processing");
  if (local < 0 || remote < 0) throw new Error(`rule base ${fis.name} lacks the output terms local_processing / remote_processing`);
  return { cloudClass, local, remote };
}

/** A Flores decider over a compiled rule base: true = CLOUD. Same answer as `decide(fis, inputs) === CLOUD`. */
export function floresDecider(fis: CompiledFis): (inputs: Float64Array) => boolean {
  const { cloudClass, local, remote } = floresIndices(fis);
  const firing = new Float64Array(fis.outputTerms.length);
  return (inputs) => {
    classFiring(fis, inputs, firing);
    const l = firing[local]!;
    const r = firing[remote]!;
    if (Math.abs(r - l) > FLORES_GUARD_REL * Math.max(l, r)) return r > l;
    return classify(fis, defuzzify(fis, firing)) === cloudClass;
  };
}

/** Fill `out` with the FIS inputs [wan_bw, cpu_speed, video_execution, data_size] for the task now. */
export function floresInputs(view: SystemView, task: number, out: Float64Array): Float64Array {
  const c = view.tasks;
  out[0] = view.wanBandwidthMbps(taskAccessPoint(view, task));
  out[1] = 100 - view.meanEdgeUtilPct();
  out[2] = taskDelaySensitivity(view, task);
  out[3] = Math.min(FLORES_DATA_SIZE_CAP_KB, c.uploadKb[task]! + c.downloadKb[task]!) / FLORES_DATA_SIZE_CAP_KB;
  return out;
}

export const floresPolicy: PolicyFactory = {
  name: "flores",
  description: "EdgeCloudSim FUZZY_COMPETITOR (\"Flores\"): 68-rule COG FIS over WAN bw, edge CPU, delay sensitivity, data size; cloud or least-loaded edge VM.",
  create() {
    // Loaded once per policy instance: the compiled FIS owns scratch buffers and must not be shared.
    const toCloudNow = floresDecider(loadRuleBase("flores"));
    const inputs = new Float64Array(4);
    let toCloud = 0;
    let toEdge = 0;
    return {
      name: "flores",
      decide(task, view) {
        if (toCloudNow(floresInputs(view, task, inputs))) {
          toCloud++;
          return worstFitCloud(view, task);
        }
        toEdge++;
        return worstFitAllEdge(view, task);
      },
      stats: () => ({ decidedCloud: toCloud, decidedEdge: toEdge }),
    };
  },
};
