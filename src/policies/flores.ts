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
// The engine runs it: assembly/policies/flores.ts (decision rows: test/decision-tables.test.ts).
import { fisClassIndex, type CompiledFis } from "./fuzzy/compile.ts";
import { loadRuleBase } from "./fuzzy/load.ts";
import { definePolicy, NO_OPTIONS } from "./descriptor.ts";
import { encodeFis } from "./fuzzy/encode.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

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

/** The indices the engine's Flores decision needs; throws when the rule base does not fit. */
export function floresIndices(fis: CompiledFis): FloresIndices {
  const cloudClass = fisClassIndex(fis, "CLOUD");
  const local = fis.outputTerms.indexOf("local_processing");
  const remote = fis.outputTerms.indexOf("remote_processing");
  if (local < 0 || remote < 0) throw new Error(`rule base ${fis.name} lacks the output terms local_processing / remote_processing`);
  return { cloudClass, local, remote };
}

export const floresPolicy = definePolicy({
  name: "flores",
  description: "EdgeCloudSim FUZZY_COMPETITOR (\"Flores\"): 68-rule COG FIS over WAN bw, edge CPU, delay sensitivity, data size; cloud or least-loaded edge VM.",
  family: "baseline",
  colour: "#56B4E9",
  marker: "triangle-right",
  options: NO_OPTIONS,
  counters: ["decidedCloud", "decidedEdge"],
  native: {
    id: NATIVE_POLICY_IDS.flores,
    /** [data-size cap (KB), guard band, CLOUD class, local term, remote term, ...rule base]. */
    encode() {
      const fis = loadRuleBase("flores");
      const { cloudClass, local, remote } = floresIndices(fis);
      return encodeFis(fis, [FLORES_DATA_SIZE_CAP_KB, FLORES_GUARD_REL, cloudClass, local, remote]);
    },
  },
});

