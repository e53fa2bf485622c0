// almutairi: a RECONSTRUCTION of the Almutairi & Aldossary (J. Cloud Computing 10:28, 2021) fuzzy
// orchestrator, the paper's "Fuzzy Logic" baseline (docs/baselines.md §6.3). The paper's membership
// functions, rule base, defuzzification and VM choice are not public; everything below is our design,
// staying inside the EdgeCloudSim/Sonmez conventions the authors built on.
//
// Inputs, in the FIS's order (fuzzy/rules/almutairi*.json):
//   edge_util          U: capacity-weighted utilization (%) of the device's local host = used MIPS /
//                      total MIPS over its VMs. edgecloudsim: VM CPU utilization; paper (fifo-cores):
//                      busy cores / cores. No local host → 100 (and LOCAL_EDGE has nothing to offer).
//   task_length        L: the task's sampled length (MI).
//   network_demand     N: upload KB + download KB (sampled); the terms saturate at 2500 KB.
//   delay_sensitivity  D: the app's delay sensitivity.
// No network input: the abstract names none, so the same mapping holds in both worlds.
//
// Decision classes: LOCAL_EDGE, OTHER_EDGE, CLOUD. Targets (the heterogeneity-aware part):
//   LOCAL_EDGE  the local host;
//   OTHER_EDGE  the non-local host with the most free MIPS (total MIPS × (1 − U_host); ties → lowest
//               index), reached over the MAN / remote-edge link;
//   CLOUD       the cloud VMs.
// Inside the target, the admitting VM with the most free MIPS (EdgeCloudSim's least-loaded rule, comparing
// free MIPS rather than free % so that VMs of different sizes compare fairly).
// Fall-back (a reconstruction choice; EdgeCloudSim's own policies do NOT fall back): when the chosen target
// admits nothing, try the others in the order LOCAL_EDGE → OTHER_EDGE → CLOUD; -1 only when none admits.
//
// Sensitivity variants (options.variant; spec §6.3 "sensitivity checks"):
//   "base"    (default) rule table (a), argmax defuzzification (ties LOCAL > OTHER > CLOUD);
//   "shifted" table (b): the U/N/D edge-keeping thresholds moved one level (almutairi-shifted.json);
//   "cog"     table (a) with COG over the output terms (<= 40 local, (40, 60] other, > 60 cloud).
// The engine runs it: assembly/policies/almutairi.ts (decision rows: test/decision-tables.test.ts).
import { z } from "zod";
import { definePolicy } from "./descriptor.ts";
import { encodeFis } from "./fuzzy/encode.ts";
import { fisClassIndex, type CompiledFis } from "./fuzzy/compile.ts";
import { loadRuleBase } from "./fuzzy/load.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";

export const ALMUTAIRI_VARIANTS = ["base", "shifted", "cog"] as const;
export type AlmutairiVariant = (typeof ALMUTAIRI_VARIANTS)[number];

/** Targets in fall-back order; also the indices of the policy's counters. */
const LOCAL = 0;
const OTHER = 1;
const CLOUD = 2;

const almutairiOptions = z.strictObject({
  variant: z.enum(ALMUTAIRI_VARIANTS).default("base")
    .meta({ description: "sensitivity variant: rule table (a) with argmax, table (b) with shifted thresholds, or table (a) with COG", examples: ["shifted"] }),
});

/** The compiled rule base of a variant. */
export function loadAlmutairiFis(variant: AlmutairiVariant): CompiledFis {
  if (variant === "shifted") return loadRuleBase("almutairi-shifted");
  if (variant === "cog") return loadRuleBase("almutairi", { variant: "cog" });
  return loadRuleBase("almutairi");
}

/** The target (LOCAL / OTHER / CLOUD) of each decision class of the rule base (what the engine is given). */
export function almutairiClassTargets(fis: CompiledFis): Int32Array {
  const classToTarget = new Int32Array(fis.classes.length);
  classToTarget[fisClassIndex(fis, "LOCAL_EDGE")] = LOCAL;
  classToTarget[fisClassIndex(fis, "OTHER_EDGE")] = OTHER;
  classToTarget[fisClassIndex(fis, "CLOUD")] = CLOUD;
  return classToTarget;
}

export const almutairiPolicy = definePolicy({
  name: "almutairi",
  description: "Almutairi & Aldossary fuzzy orchestrator (paper's \"Fuzzy Logic\"), a reconstruction: 81-rule FIS over local-host util, task length, data, delay sensitivity -> local/other edge/cloud.",
  family: "baseline",
  colour: "#0072B2",
  marker: "triangle-up",
  reconstruction: true,
  paperName: "fuzzy-logic",
  options: almutairiOptions,
  counters: ["decidedLocal", "decidedOther", "decidedCloud", "placedLocal", "placedOther", "placedCloud", "fellBack"],
  native: {
    id: NATIVE_POLICY_IDS.almutairi,
    /** [class count, target of each class, ...the variant's rule base]. */
    encode({ variant }) {
      const fis = loadAlmutairiFis(variant);
      const targets = almutairiClassTargets(fis);
      return encodeFis(fis, [targets.length, ...targets]);
    },
  },
});

