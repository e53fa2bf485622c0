// Bindings of the fuzzy-logic policies (flores, sonmez, almutairi) to their WASM twins
// (assembly/engine/policies-fuzzy.ts). The rule bases are loaded and compiled here exactly as the
// TypeScript policies load them and passed as flat tables (encodeFis), and every constant the twins
// need is taken from the TypeScript policies themselves, so both engines decide from the same numbers.
import { UNIVERSE_SAMPLES, type CompiledFis } from "../../policies/fuzzy/inference.ts";
import { loadRuleBase } from "../../policies/fuzzy/load.ts";
import { almutairiClassTargets, almutairiVariant, loadAlmutairiFis } from "../../policies/almutairi.ts";
import { FLORES_DATA_SIZE_CAP_KB, FLORES_GUARD_REL, floresIndices } from "../../policies/flores.ts";
import { SONMEZ_GUARD_REL, SONMEZ_GUARD_THIRD, sonmezSecondClass } from "../../policies/sonmez.ts";
import type { NativePolicy } from "./encode.ts";
import { FIS_ARGMAX, FIS_COG, FIS_LM, POLICY_ALMUTAIRI, POLICY_FLORES, POLICY_SONMEZ } from "./layout.ts";

type Options = Readonly<Record<string, unknown>>;

const DEFUZZIFIER_CODE = { LM: FIS_LM, COG: FIS_COG, argmax: FIS_ARGMAX } as const;

/**
 * Append a compiled rule base in the layout assembly/engine/fuzzy.ts fisRead reads: ten counts
 * (defuzzifier, default, inputs, output terms, input terms, points, rules, rule terms, thresholds,
 * samples), then the terms per input, termStart, pointX, pointMu, ruleStart, ruleTerms, ruleThen,
 * thresholds, sampleX, sampleMu.
 */
export function encodeFis(fis: CompiledFis, out: number[]): number[] {
  const nSamples = fis.sampleX.length;
  if (nSamples !== UNIVERSE_SAMPLES || fis.sampleMu.length !== nSamples * fis.outputTerms.length)
    throw new Error(`rule base ${fis.name}: unexpected sampled universe`);
  out.push(
    DEFUZZIFIER_CODE[fis.defuzzifier], fis.defaultValue, fis.inputNames.length, fis.outputTerms.length, fis.termStart.length - 1,
    fis.pointX.length, fis.ruleCount, fis.ruleTerms.length, fis.thresholds.length, nSamples,
  );
  for (const terms of fis.inputTerms) out.push(terms.length);
  for (const table of [fis.termStart, fis.pointX, fis.pointMu, fis.ruleStart, fis.ruleTerms, fis.ruleThen, fis.thresholds, fis.sampleX, fis.sampleMu])
    for (const v of table) out.push(v);
  return out;
}

/** flores: [data-size cap (KB), guard band, CLOUD class, local term, remote term, ...rule base]. */
export function bindFlores(): NativePolicy {
  const fis = loadRuleBase("flores");
  const { cloudClass, local, remote } = floresIndices(fis);
  const params = encodeFis(fis, [FLORES_DATA_SIZE_CAP_KB, FLORES_GUARD_REL, cloudClass, local, remote]);
  return { id: POLICY_FLORES, params, statNames: ["decidedCloud", "decidedEdge"] };
}

/** sonmez: [guard (relative), guard (1/3), stage-1 second class, ...stage 1, stage-2 second class, ...stage 2]. */
export function bindSonmez(): NativePolicy {
  const stage1 = loadRuleBase("sonmez-stage1");
  const stage2 = loadRuleBase("sonmez-stage2");
  const params = [SONMEZ_GUARD_REL, SONMEZ_GUARD_THIRD, sonmezSecondClass(stage1, "REMOTE_EDGE")];
  encodeFis(stage1, params);
  params.push(sonmezSecondClass(stage2, "CLOUD"));
  encodeFis(stage2, params);
  return { id: POLICY_SONMEZ, params, statNames: ["decidedNearestHost", "decidedRemoteHost", "decidedCloud"] };
}

/** almutairi: [class count, target of each class, ...the variant's rule base]; options validated as the factory does. */
export function bindAlmutairi(options: Options): NativePolicy {
  const fis = loadAlmutairiFis(almutairiVariant(options));
  const targets = almutairiClassTargets(fis);
  const params = encodeFis(fis, [targets.length, ...targets]);
  return {
    id: POLICY_ALMUTAIRI,
    params,
    statNames: ["decidedLocal", "decidedOther", "decidedCloud", "placedLocal", "placedOther", "placedCloud", "fellBack"],
  };
}
