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
// WASM twin: assembly/engine/policies-fuzzy.ts (change both; test/wasm-differential.test.ts compares them).
import { InputError, didYouMean } from "../scenario/errors.ts";
import { type CompiledFis, decide } from "./fuzzy/inference.ts";
import { loadRuleBase } from "./fuzzy/load.ts";
import { fisClassIndex, hostCapacityUtilPct, hostFreeMips, mostFreeMips, taskDelaySensitivity } from "./vm-choice.ts";
import type { PolicyFactory, SystemView } from "./types.ts";

export const ALMUTAIRI_VARIANTS = ["base", "shifted", "cog"] as const;
export type AlmutairiVariant = (typeof ALMUTAIRI_VARIANTS)[number];
const ALMUTAIRI_OPTIONS = ["variant"] as const;

/** Targets in fall-back order; also the indices of the policy's counters. */
const LOCAL = 0;
const OTHER = 1;
const CLOUD = 2;

function optionError(path: string, value: unknown, message: string, fix: string): InputError {
  return new InputError("policy almutairi", [{ path, value, message, fix }]);
}

/** Validate the policy's options; unknown keys are rejected so that a typo cannot silently select the default. */
export function almutairiVariant(options: Readonly<Record<string, unknown>>): AlmutairiVariant {
  for (const key of Object.keys(options)) {
    if ((ALMUTAIRI_OPTIONS as readonly string[]).includes(key)) continue;
    const guess = didYouMean(key, ALMUTAIRI_OPTIONS);
    throw optionError(`policyOptions.almutairi.${key}`, options[key], `unknown option${guess ? ` (did you mean "${guess}"?)` : ""}`,
      `the almutairi policy accepts only: ${ALMUTAIRI_OPTIONS.join(", ")}`);
  }
  const v = options.variant ?? "base";
  if (typeof v === "string" && (ALMUTAIRI_VARIANTS as readonly string[]).includes(v)) return v as AlmutairiVariant;
  const guess = typeof v === "string" ? didYouMean(v, ALMUTAIRI_VARIANTS) : undefined;
  throw optionError("policyOptions.almutairi.variant", v, `unknown variant${guess ? ` (did you mean "${guess}"?)` : ""}`,
    `set option variant to one of: ${ALMUTAIRI_VARIANTS.join(", ")} (e.g. --option variant=shifted)`);
}

/** The compiled rule base of a variant (a fresh object: it owns scratch buffers). */
export function loadAlmutairiFis(variant: AlmutairiVariant): CompiledFis {
  if (variant === "shifted") return loadRuleBase("almutairi-shifted");
  if (variant === "cog") return loadRuleBase("almutairi", { variant: "cog" });
  return loadRuleBase("almutairi");
}

/** The target (LOCAL / OTHER / CLOUD) of each decision class of the rule base (also what the WASM twin is given). */
export function almutairiClassTargets(fis: CompiledFis): Int32Array {
  const classToTarget = new Int32Array(fis.classes.length);
  classToTarget[fisClassIndex(fis, "LOCAL_EDGE")] = LOCAL;
  classToTarget[fisClassIndex(fis, "OTHER_EDGE")] = OTHER;
  classToTarget[fisClassIndex(fis, "CLOUD")] = CLOUD;
  return classToTarget;
}

/** Fill `out` with the FIS inputs [edge_util, task_length, network_demand, delay_sensitivity] for the task now. */
export function almutairiInputs(view: SystemView, task: number, out: Float64Array): Float64Array {
  const c = view.tasks;
  const local = view.localHost(task);
  out[0] = local >= 0 ? hostCapacityUtilPct(view, local) : 100;
  out[1] = c.lengthMi[task]!;
  out[2] = c.uploadKb[task]! + c.downloadKb[task]!;
  out[3] = taskDelaySensitivity(view, task);
  return out;
}

/** The non-local edge host with the most free MIPS (ties → lowest index), or -1 when there is none. */
export function mostFreeOtherHost(view: SystemView, local: number): number {
  let best = -1;
  let bestFree = -Infinity;
  for (let h = 0; h < view.infra.hostCount; h++) {
    if (h === local) continue;
    const free = hostFreeMips(view, h);
    if (free > bestFree) {
      best = h;
      bestFree = free;
    }
  }
  return best;
}

/** The VM of a target (LOCAL / OTHER / CLOUD) for the task, or -1 when the target has none that admits it. */
function targetVm(view: SystemView, task: number, target: number): number {
  const infra = view.infra;
  if (target === CLOUD) return mostFreeMips(view, task, infra.cloudVmStart, infra.vmCount);
  const host = target === LOCAL ? view.localHost(task) : mostFreeOtherHost(view, view.localHost(task));
  return host < 0 ? -1 : mostFreeMips(view, task, infra.hostVmStart[host]!, infra.hostVmEnd[host]!);
}

export const almutairiPolicy: PolicyFactory = {
  name: "almutairi",
  description: "Almutairi & Aldossary fuzzy orchestrator (paper's \"Fuzzy Logic\"), a reconstruction: 81-rule FIS over local-host util, task length, data, delay sensitivity -> local/other edge/cloud. Option variant=base|shifted|cog.",
  create({ options }) {
    const variant = almutairiVariant(options);
    // Loaded once per policy instance: the compiled FIS owns scratch buffers and must not be shared.
    const fis = loadAlmutairiFis(variant);
    const classToTarget = almutairiClassTargets(fis);
    const inputs = new Float64Array(4);
    const decided = [0, 0, 0];
    const placed = [0, 0, 0];
    let fellBack = 0;
    return {
      name: "almutairi",
      decide(task, view) {
        const chosen = classToTarget[decide(fis, almutairiInputs(view, task, inputs))]!;
        decided[chosen]!++;
        let vm = targetVm(view, task, chosen);
        let target = chosen;
        for (let t = LOCAL; vm < 0 && t <= CLOUD; t++) {
          if (t === chosen) continue;
          vm = targetVm(view, task, t);
          target = t;
        }
        if (vm >= 0) {
          placed[target]!++;
          if (target !== chosen) fellBack++;
        }
        return vm;
      },
      stats: () => ({
        decidedLocal: decided[LOCAL]!, decidedOther: decided[OTHER]!, decidedCloud: decided[CLOUD]!,
        placedLocal: placed[LOCAL]!, placedOther: placed[OTHER]!, placedCloud: placed[CLOUD]!, fellBack,
      }),
    };
  },
};
