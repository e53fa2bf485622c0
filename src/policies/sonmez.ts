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
// The engine runs it: assembly/policies/sonmez.ts (decision rows: test/decision-tables.test.ts).
import { fisClassIndex, type CompiledFis } from "./fuzzy/compile.ts";
import { loadRuleBase } from "./fuzzy/load.ts";
import { definePolicy, NO_OPTIONS } from "./descriptor.ts";
import { encodeFis } from "./fuzzy/encode.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

/** Guard bands of the LM closed form: relative gap between the two firings, and distance from 1/3. */
export const SONMEZ_GUARD_REL = 1e-6;
export const SONMEZ_GUARD_THIRD = 1e-3;

/**
 * The decision class of a stage's second option (what the engine is given); throws when the rule
 * base is not one the closed form applies to.
 */
export function sonmezSecondClass(fis: CompiledFis, secondClass: string): number {
  if (fis.outputTerms.length !== 2 || fis.defuzzifier !== "LM") throw new Error(`rule base ${fis.name} is not a two-term LM system`);
  // Class 1 must be the option of output term 1 (the term peaking at 70) for the closed form to apply.
  const second = fisClassIndex(fis, secondClass);
  if (second !== 1) throw new Error(`rule base ${fis.name}: ${secondClass} must be decision class 1`);
  return second;
}

export const sonmezPolicy = definePolicy({
  name: "sonmez",
  description: "EdgeCloudSim FUZZY_BASED (\"Sonmez\"): stage 1 nearest vs least-utilized remote host (27 rules, LM), stage 2 that host vs cloud (81 rules, LM).",
  family: "baseline",
  colour: "#E69F00",
  marker: "triangle-down",
  options: NO_OPTIONS,
  counters: ["decidedNearestHost", "decidedRemoteHost", "decidedCloud"],
  native: {
    id: NATIVE_POLICY_IDS.sonmez,
    /** [guard (relative), guard (1/3), stage-1 second class, ...stage 1, stage-2 second class, ...stage 2]. */
    encode() {
      const stage1 = loadRuleBase("sonmez-stage1");
      const stage2 = loadRuleBase("sonmez-stage2");
      const params = [SONMEZ_GUARD_REL, SONMEZ_GUARD_THIRD, sonmezSecondClass(stage1, "REMOTE_EDGE")];
      encodeFis(stage1, params);
      params.push(sonmezSecondClass(stage2, "CLOUD"));
      return encodeFis(stage2, params);
    },
  },
});

