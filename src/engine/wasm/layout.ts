// The boundary's numbers under the names the host driver uses: every value comes from the one
// declaration, src/engine/wasm/boundary.ts (which also generates assembly/kernel/layout.gen.ts).
import {
  FIS_DEFUZZIFIER, INPUT_VERSION, METRIC_SCALARS, NOT_ADMITTED, POLICY_IDS, POLICY_STAT_COUNT, RUN_ERROR, RUN_STATUS,
  TASK_F64, TASK_I32,
} from "./boundary.ts";

export { INPUT_VERSION, NOT_ADMITTED, POLICY_STAT_COUNT, TASK_F64, TASK_I32 };

/** engineRun results. */
export const { RUN_DONE, RUN_DECIDE_BATCH, RUN_DECIDE_TASK } = RUN_STATUS;
export const RUN_ERRORS: Record<number, string> = Object.fromEntries(
  Object.values(RUN_ERROR).map((e) => [e.code, e.message]),
);

/** Built-in policies that run inside WASM; 0 = ask the host. */
export const POLICY_HOST = POLICY_IDS.host;
export const POLICY_RANDOM = POLICY_IDS.random;
export const POLICY_UTILIZATION_BASED = POLICY_IDS["utilization-based"];
export const POLICY_GREEDY_MIN_SERVICE = POLICY_IDS["greedy-min-service"];
export const POLICY_EXPERT_RULES = POLICY_IDS["expert-rules"];
export const POLICY_NETWORK_BASED = POLICY_IDS["network-based"];
export const POLICY_HYBRID = POLICY_IDS.hybrid;
export const POLICY_FIRST_FIT = POLICY_IDS["first-fit"];
export const POLICY_NEXT_FIT = POLICY_IDS["next-fit"];
export const POLICY_BEST_FIT = POLICY_IDS["best-fit"];
export const POLICY_WORST_FIT = POLICY_IDS["worst-fit"];
export const POLICY_FLORES = POLICY_IDS.flores;
export const POLICY_SONMEZ = POLICY_IDS.sonmez;
export const POLICY_ALMUTAIRI = POLICY_IDS.almutairi;
export const POLICY_NEURAL_NETWORK = POLICY_IDS["neural-network"];

/** Defuzzifier codes of a rule base passed to a fuzzy policy. */
export const FIS_LM = FIS_DEFUZZIFIER.lm;
export const FIS_COG = FIS_DEFUZZIFIER.cog;
export const FIS_ARGMAX = FIS_DEFUZZIFIER.argmax;

/** Metric scalars. */
export const SCALAR_COUNT = METRIC_SCALARS.length;
