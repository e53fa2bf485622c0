// Mamdani fuzzy inference computed the way EdgeCloudSim's fuzzy library (jFuzzyLogic) does it
// (docs/baselines.md, "Inference exactly as EdgeCloudSim's fuzzy library computes it"):
// AND = min, activation = min, accumulation = max, output universe sampled at 1000 points,
// LM = left-most maximum, COG = centre of gravity over the same samples, default when nothing fires.
//
// `compileFis` turns a definition into flat typed arrays once: the tables the engine's fuzzy policies
// receive in their parameters (encode.ts) and run (assembly/policies/fuzzy.ts). The plain inference
// the engine is held to bit for bit lives with the tests (test/helpers/fuzzy-reference.ts). A
// compiled object is read-only data.

/** jFuzzyLogic's DefuzzifierContinuous.DEFAULT_NUMBER_OF_POINTS. */
export const UNIVERSE_SAMPLES = 1000;

/** A breakpoint (x, membership degree) of a piecewise-linear term. */
export type Point = readonly [x: number, mu: number];
/** Term name -> breakpoints sorted by strictly increasing x. Key order is meaningful for output terms. */
export type TermSet = Readonly<Record<string, readonly Point[]>>;
/** "argmax" picks the output term with the largest firing instead of defuzzifying (Almutairi reconstruction). */
export type Defuzzifier = "LM" | "COG" | "argmax";

export interface FisVariableDef {
  readonly name: string;
  readonly terms: TermSet;
}
export interface FisRuleDef {
  /** input name -> term name; inputs not mentioned do not take part in the rule's AND. */
  readonly if: Readonly<Record<string, string>>;
  /** output term name */
  readonly then: string;
}
export interface FisDecisionDef {
  /** Ascending; for LM/COG the class index is the number of thresholds strictly below the output. Empty for argmax. */
  readonly thresholds: readonly number[];
  /** thresholds.length + 1 names for LM/COG; one name per output term (same order) for argmax. */
  readonly classes: readonly string[];
}
/** The part of a rule-base file the engine needs (a validated rule-base JSON is structurally one). */
export interface FisDef {
  readonly name: string;
  readonly inputs: readonly FisVariableDef[];
  readonly output: FisVariableDef;
  readonly defuzzifier: Defuzzifier;
  /** Crisp output when no rule fires; for argmax an output-term index. */
  readonly default: number;
  readonly rules: readonly FisRuleDef[];
  readonly decision?: FisDecisionDef;
}

export interface CompiledFis {
  readonly name: string;
  readonly defuzzifier: Defuzzifier;
  readonly defaultValue: number;
  /** Order of the values expected by evaluate/classFiring. */
  readonly inputNames: readonly string[];
  readonly inputTerms: readonly (readonly string[])[];
  readonly outputName: string;
  /** Order of the entries written by classFiring; for argmax also the tie priority. */
  readonly outputTerms: readonly string[];
  readonly classes: readonly string[];
  readonly thresholds: Float64Array;
  readonly ruleCount: number;
  readonly universeMin: number;
  readonly universeMax: number;
  // Flat tables (internal layout; read-only after compile).
  /** Breakpoints of all input terms, concatenated. */
  readonly pointX: Float64Array;
  readonly pointMu: Float64Array;
  /** Global input term t uses points [termStart[t], termStart[t+1]). */
  readonly termStart: Int32Array;
  /** Rule r ANDs global term indices ruleTerms[ruleStart[r] .. ruleStart[r+1]). */
  readonly ruleTerms: Int32Array;
  readonly ruleStart: Int32Array;
  readonly ruleThen: Int32Array;
  /** x_i = min + i * (max - min) / UNIVERSE_SAMPLES. */
  readonly sampleX: Float64Array;
  /** mu_k(x_i) at index i * outputTerms.length + k (sample-major: one sample's terms are adjacent). */
  readonly sampleMu: Float64Array;
}

/** Piecewise-linear membership; outside the listed x range the end values are kept. */
export function membership(points: readonly Point[], x: number): number {
  const n = points.length;
  const first = points[0];
  const last = points[n - 1];
  if (first === undefined || last === undefined) throw new RangeError("membership: a term needs at least one point");
  if (x <= first[0]) return first[1];
  if (x >= last[0]) return last[1];
  for (let i = 1; i < n; i++) {
    const b = points[i] as Point;
    if (x <= b[0]) {
      const a = points[i - 1] as Point;
      return a[1] + ((b[1] - a[1]) * (x - a[0])) / (b[0] - a[0]);
    }
  }
  return last[1];
}


function termEntries(v: FisVariableDef, what: string): [string, readonly Point[]][] {
  const entries = Object.entries(v.terms);
  if (entries.length === 0) throw new Error(`${what} "${v.name}" has no terms`);
  for (const [t, pts] of entries) {
    if (pts.length < 2) throw new Error(`${what} "${v.name}" term "${t}" needs at least 2 points`);
    for (let i = 1; i < pts.length; i++)
      if (!((pts[i] as Point)[0] > (pts[i - 1] as Point)[0]))
        throw new Error(`${what} "${v.name}" term "${t}": points must have strictly increasing x`);
  }
  return entries;
}

/**
 * Compile a definition into flat tables. Throws on structural errors (unknown names, unsorted points);
 * load.ts validates files first with path-precise messages, so these throws are a last line of defence.
 */
export function compileFis(def: FisDef): CompiledFis {
  const inputNames = def.inputs.map((v) => v.name);
  if (new Set(inputNames).size !== inputNames.length) throw new Error(`${def.name}: duplicate input names`);
  const px: number[] = [];
  const pm: number[] = [];
  const termStart: number[] = [];
  const termIndex = new Map<string, Map<string, number>>();
  const inputTerms: string[][] = [];
  for (const v of def.inputs) {
    const byName = new Map<string, number>();
    for (const [t, pts] of termEntries(v, "input")) {
      byName.set(t, termStart.length);
      termStart.push(px.length);
      for (const [x, mu] of pts) {
        px.push(x);
        pm.push(mu);
      }
    }
    termIndex.set(v.name, byName);
    inputTerms.push([...byName.keys()]);
  }
  termStart.push(px.length);

  const outEntries = termEntries(def.output, "output");
  const outputTerms = outEntries.map(([t]) => t);
  const outIndex = new Map(outputTerms.map((t, k) => [t, k] as const));

  const ruleTerms: number[] = [];
  const ruleStart: number[] = [];
  const ruleThen: number[] = [];
  def.rules.forEach((rule, r) => {
    ruleStart.push(ruleTerms.length);
    const conds = Object.entries(rule.if);
    if (conds.length === 0) throw new Error(`${def.name}: rule ${r} has no condition`);
    for (const [input, term] of conds) {
      const t = termIndex.get(input)?.get(term);
      if (t === undefined) throw new Error(`${def.name}: rule ${r} uses unknown ${input} "${term}"`);
      ruleTerms.push(t);
    }
    const k = outIndex.get(rule.then);
    if (k === undefined) throw new Error(`${def.name}: rule ${r} concludes unknown output term "${rule.then}"`);
    ruleThen.push(k);
  });
  ruleStart.push(ruleTerms.length);

  // Universe = span of the output terms' points (jFuzzyLogic derives it the same way).
  let uMin = Infinity;
  let uMax = -Infinity;
  for (const [, pts] of outEntries)
    for (const [x] of pts) {
      uMin = Math.min(uMin, x);
      uMax = Math.max(uMax, x);
    }
  const step = (uMax - uMin) / UNIVERSE_SAMPLES;
  const sampleX = new Float64Array(UNIVERSE_SAMPLES);
  const sampleMu = new Float64Array(UNIVERSE_SAMPLES * outEntries.length);
  for (let i = 0; i < UNIVERSE_SAMPLES; i++) sampleX[i] = uMin + step * i;
  const nOut = outEntries.length;
  outEntries.forEach(([, pts], k) => {
    for (let i = 0; i < UNIVERSE_SAMPLES; i++) sampleMu[i * nOut + k] = membership(pts, sampleX[i]!);
  });

  const decision = def.decision ?? defaultDecision(def.defuzzifier, outputTerms);
  checkDecision(def, decision, outputTerms.length);

  return {
    name: def.name,
    defuzzifier: def.defuzzifier,
    defaultValue: def.default,
    inputNames,
    inputTerms,
    outputName: def.output.name,
    outputTerms,
    classes: [...decision.classes],
    thresholds: Float64Array.from(decision.thresholds),
    ruleCount: def.rules.length,
    universeMin: uMin,
    universeMax: uMax,
    pointX: Float64Array.from(px),
    pointMu: Float64Array.from(pm),
    termStart: Int32Array.from(termStart),
    ruleTerms: Int32Array.from(ruleTerms),
    ruleStart: Int32Array.from(ruleStart),
    ruleThen: Int32Array.from(ruleThen),
    sampleX,
    sampleMu,
  };
}

function defaultDecision(defuzzifier: Defuzzifier, outputTerms: readonly string[]): FisDecisionDef {
  // Without an explicit decision no class boundary is invented: argmax classes are the output terms, and an
  // LM/COG system has a single class (callers compare the crisp output themselves).
  return defuzzifier === "argmax" ? { thresholds: [], classes: outputTerms } : { thresholds: [], classes: ["output"] };
}

function checkDecision(def: FisDef, d: FisDecisionDef, nOut: number): void {
  for (let i = 1; i < d.thresholds.length; i++)
    if (!(d.thresholds[i]! > d.thresholds[i - 1]!)) throw new Error(`${def.name}: decision thresholds must increase`);
  if (def.defuzzifier === "argmax") {
    if (d.thresholds.length !== 0 || d.classes.length !== nOut)
      throw new Error(`${def.name}: argmax needs no thresholds and one class per output term`);
    if (!Number.isInteger(def.default) || def.default < 0 || def.default >= nOut)
      throw new Error(`${def.name}: argmax default must be an output-term index in [0, ${nOut - 1}]`);
  } else if (d.classes.length !== d.thresholds.length + 1) {
    throw new Error(`${def.name}: decision needs thresholds.length + 1 classes`);
  }
}

/** Index of a decision class of a compiled FIS; a missing class means the rule base does not fit the policy. */
export function fisClassIndex(fis: CompiledFis, name: string): number {
  const k = fis.classes.indexOf(name);
  if (k < 0) throw new Error(`rule base ${fis.name} has no decision class ${name} (classes: ${fis.classes.join(", ")})`);
  return k;
}
