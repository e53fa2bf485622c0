// A compiled rule base as the flat f64 table the WASM engine's fuzzy policies read
// (assembly/engine/fuzzy.ts fisRead): the fuzzy policies' parameter encoders append it to theirs.
import { UNIVERSE_SAMPLES, type CompiledFis } from "./compile.ts";

/** Defuzzifier codes, as the engine's fuzzy module declares them (FIS_LM, FIS_COG, FIS_ARGMAX). */
export const FIS_DEFUZZIFIER_CODES = { LM: 0, COG: 1, argmax: 2 } as const;

/**
 * Append a compiled rule base in the layout fisRead reads: ten counts (defuzzifier, default, inputs,
 * output terms, input terms, points, rules, rule terms, thresholds, samples), then the terms per
 * input, termStart, pointX, pointMu, ruleStart, ruleTerms, ruleThen, thresholds, sampleX, sampleMu.
 */
export function encodeFis(fis: CompiledFis, out: number[]): number[] {
  const nSamples = fis.sampleX.length;
  if (nSamples !== UNIVERSE_SAMPLES || fis.sampleMu.length !== nSamples * fis.outputTerms.length)
    throw new Error(`rule base ${fis.name}: unexpected sampled universe`);
  out.push(
    FIS_DEFUZZIFIER_CODES[fis.defuzzifier], fis.defaultValue, fis.inputNames.length, fis.outputTerms.length, fis.termStart.length - 1,
    fis.pointX.length, fis.ruleCount, fis.ruleTerms.length, fis.thresholds.length, nSamples,
  );
  for (const terms of fis.inputTerms) out.push(terms.length);
  for (const table of [fis.termStart, fis.pointX, fis.pointMu, fis.ruleStart, fis.ruleTerms, fis.ruleThen, fis.thresholds, fis.sampleX, fis.sampleMu])
    for (const v of table) out.push(v);
  return out;
}
