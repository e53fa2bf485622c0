// sonmez: EdgeCloudSim sample_app4 FUZZY_BASED (Sonmez et al.; docs/baselines.md §5 and
// "Sonmez inputs and decision procedure"), the paper's "Sonmez" baseline. Two Mamdani FIS, both
// min/max with LM (left-most maximum) defuzzification and default 0; output > 50 picks the second option.
//
// Stage 1 (fuzzy/rules/sonmez-stage1.json, 27 rules): nearest host vs best remote host.
//   nearest_edge_uitl      mean VM utilization (%) of the device's local host (view.localHost).
//   best_remote_edge_uitl  among the other hosts, the smallest mean VM utilization, considering only
//                          util < 100 (strict comparisons, ties → lowest index); if none qualifies,
//                          host 0 with util 100, exactly as EdgeCloudSim initialises its scan.
//   man_delay              s. edgecloudsim: the M/M/1 MAN upload estimate (view.manDelayS, includes the
//                          5 ms propagation). paper (shared-links): the remote-edge link plays the MAN:
//                          a 128 KB probe at the bandwidth a new transfer would get on it, plus its
//                          propagation, i.e. ≥ 15 ms, so "high" nearly always.
// Stage 2 (fuzzy/rules/sonmez-stage2.json, 81 rules): candidate host vs cloud.
//   wan_bw             Mbps. edgecloudsim: 128 KB WAN probe from the device's AP. paper: the bandwidth a
//                      new transfer would get on the shared cloud link now.
//   task_size          the task's sampled length (MI).
//   delay_sensitivity  the app's delay sensitivity.
//   avg_edge_util      the utilization of the stage-1 candidate host (EdgeCloudSim's naming, not a mean).
// VM: CLOUD → least-loaded admitting cloud VM; host → least-loaded admitting VM of that host only.
// No fall-back: nothing admits the task → -1 (EdgeCloudSim: rejected due to VM capacity).
//
// Utilization in the paper world is busy cores / cores (%).
// Speed with fidelity: LM needs up to 1000 samples per stage, and in the overloaded paper world the engine
// re-decides every overflow task each batch (millions of calls per run). Each stage therefore computes its
// rule firings (the FIS's own `classFiring`) and takes docs/baselines.md's exact closed form "second option iff
// A2 > A1 and A2 > 1/3" (docs/baselines.md, inference section), falling back to the full LM
// defuzzification within a small guard band around both boundaries. 12 million firing pairs per stage
// gave zero disagreements; test/policy-sonmez.test.ts keeps checking it against `decide`.
// A device whose access point has no host (not the case in the shipped presets) skips stage 1 and
// uses the best remote host.
// WASM twin: assembly/engine/policies-fuzzy.ts (change both; test/wasm-differential.test.ts compares them).
import { classFiring, classify, defuzzify, type CompiledFis } from "./fuzzy/inference.ts";
import { loadRuleBase } from "./fuzzy/load.ts";
import { fisClassIndex, taskAccessPoint, taskDelaySensitivity, worstFitCloud, worstFitHost } from "./vm-choice.ts";
import type { PolicyFactory, SystemView } from "./types.ts";

/** Guard bands of the LM closed form: relative gap between the two firings, and distance from 1/3. */
export const SONMEZ_GUARD_REL = 1e-6;
export const SONMEZ_GUARD_THIRD = 1e-3;

/**
 * The decision class of a stage's second option (also what the WASM twin is given); throws when the rule
 * base is not one the closed form applies to.
 */
export function sonmezSecondClass(fis: CompiledFis, secondClass: string): number {
  if (fis.outputTerms.length !== 2 || fis.defuzzifier !== "LM") throw new Error(`rule base ${fis.name} is not a two-term LM system`);
  // Class 1 must be the option of output term 1 (the term peaking at 70) for the closed form to apply.
  const second = fisClassIndex(fis, secondClass);
  if (second !== 1) throw new Error(`rule base ${fis.name}: ${secondClass} must be decision class 1`);
  return second;
}

/**
 * A decider for one Sonmez stage (two triangular LM output terms peaking at 30 and 70): true = the second
 * option (`secondClass`: REMOTE_EDGE or CLOUD). Same answer as `decide(fis, inputs) === secondClass`.
 */
export function sonmezStageDecider(fis: CompiledFis, secondClass: string): (inputs: Float64Array) => boolean {
  const second = sonmezSecondClass(fis, secondClass);
  const firing = new Float64Array(2);
  return (inputs) => {
    classFiring(fis, inputs, firing);
    const a1 = firing[0]!;
    const a2 = firing[1]!;
    const nearTie = Math.abs(a2 - a1) <= SONMEZ_GUARD_REL * Math.max(a1, a2);
    if (!nearTie && Math.abs(a2 - 1 / 3) > SONMEZ_GUARD_THIRD) return a2 > a1 && a2 > 1 / 3;
    return classify(fis, defuzzify(fis, firing)) === second;
  };
}

/**
 * EdgeCloudSim's best-remote scan: the host other than `nearest` with the smallest mean VM utilization
 * below 100 % (strict <, so ties keep the lowest index). Writes the host to out[0] and its util to out[1];
 * when no other host is below 100 % they stay at host 0 and 100 %.
 */
export function bestRemoteHost(view: SystemView, nearest: number, out: Float64Array): void {
  let bestHost = 0;
  let bestUtil = 100;
  for (let h = 0; h < view.infra.hostCount; h++) {
    if (h === nearest) continue;
    const u = view.hostUtilPct(h);
    if (u < bestUtil) {
      bestUtil = u;
      bestHost = h;
    }
  }
  out[0] = bestHost;
  out[1] = bestUtil;
}

export const sonmezPolicy: PolicyFactory = {
  name: "sonmez",
  description: "EdgeCloudSim FUZZY_BASED (\"Sonmez\"): stage 1 nearest vs least-utilized remote host (27 rules, LM), stage 2 that host vs cloud (81 rules, LM).",
  create() {
    // Loaded once per policy instance: compiled FIS own scratch buffers and must not be shared.
    const goRemoteNow = sonmezStageDecider(loadRuleBase("sonmez-stage1"), "REMOTE_EDGE");
    const goCloudNow = sonmezStageDecider(loadRuleBase("sonmez-stage2"), "CLOUD");
    const in1 = new Float64Array(3);
    const in2 = new Float64Array(4);
    const remote = new Float64Array(2);
    let toNearest = 0;
    let toRemote = 0;
    let toCloud = 0;
    return {
      name: "sonmez",
      decide(task, view) {
        const nearest = view.localHost(task);
        bestRemoteHost(view, nearest, remote);
        let host: number;
        let hostUtil: number;
        if (nearest < 0) {
          host = remote[0]!;
          hostUtil = remote[1]!;
        } else {
          const nearestUtil = view.hostUtilPct(nearest);
          in1[0] = nearestUtil;
          in1[1] = remote[1]!;
          in1[2] = view.manDelayS();
          const goRemote = goRemoteNow(in1);
          host = goRemote ? remote[0]! : nearest;
          hostUtil = goRemote ? remote[1]! : nearestUtil;
        }
        in2[0] = view.wanBandwidthMbps(taskAccessPoint(view, task));
        in2[1] = view.tasks.lengthMi[task]!;
        in2[2] = taskDelaySensitivity(view, task);
        in2[3] = hostUtil;
        if (goCloudNow(in2)) {
          toCloud++;
          return worstFitCloud(view, task);
        }
        if (host === nearest) toNearest++;
        else toRemote++;
        return worstFitHost(view, task, host);
      },
      stats: () => ({ decidedNearestHost: toNearest, decidedRemoteHost: toRemote, decidedCloud: toCloud }),
    };
  },
};
