// The straightforward Mamdani inference over a compiled rule base (src/policies/fuzzy/compile.ts):
// rule firing by min/max, defuzzification by LM, COG or argmax, then the decision class. The engine
// runs its own, faster inference (assembly/policies/fuzzy.ts: memoised firings, guard bands); this
// plain one is the test oracle it is held to (test/wasm-fuzzy.test.ts and the fuzzy tests).
import { type CompiledFis, UNIVERSE_SAMPLES } from "../../src/policies/fuzzy/compile.ts";

/** The oracle's buffers for one compiled rule base, overwritten by every call (kept here: the product never uses them). */
export interface Scratch {
  termMu: Float64Array;
  class: Float64Array;
  strength: Float64Array;
}

const scratches = new WeakMap<CompiledFis, Scratch>();

export function scratchOf(fis: CompiledFis): Scratch {
  let s = scratches.get(fis);
  if (!s) {
    const nOut = fis.outputTerms.length;
    s = { termMu: new Float64Array(fis.termStart.length - 1), class: new Float64Array(nOut), strength: new Float64Array(nOut) };
    scratches.set(fis, s);
  }
  return s;
}

/** Same as `membership` over the flat tables, points [lo, hi). */
function flatMembership(px: Float64Array, pm: Float64Array, lo: number, hi: number, x: number): number {
  if (x <= px[lo]!) return pm[lo]!;
  if (x >= px[hi - 1]!) return pm[hi - 1]!;
  for (let i = lo + 1; i < hi; i++) {
    const bx = px[i]!;
    if (x <= bx) {
      const ax = px[i - 1]!;
      const am = pm[i - 1]!;
      return am + ((pm[i]! - am) * (x - ax)) / (bx - ax);
    }
  }
  return pm[hi - 1]!;
}

/**
 * Fill `out[k]` with the strongest firing (max over rules of the min-AND of their antecedents) among rules
 * concluding output term k, in `outputTerms` order. This is all the crisp equivalents need.
 */
export function classFiring(fis: CompiledFis, inputs: Float64Array | readonly number[], out: Float64Array): void {
  const nIn = fis.inputNames.length;
  if (inputs.length < nIn) throw new RangeError(`${fis.name}: expected ${nIn} inputs (${fis.inputNames.join(", ")})`);
  const termMu = scratchOf(fis).termMu;
  const ts = fis.termStart;
  // Fuzzify every input term once; rules then only take mins of these.
  let t = 0;
  for (let v = 0; v < nIn; v++) {
    const x = inputs[v]!;
    if (x !== x) throw new RangeError(`${fis.name}: input ${fis.inputNames[v]} is NaN`);
    const nTerms = fis.inputTerms[v]!.length;
    for (let j = 0; j < nTerms; j++, t++) termMu[t] = flatMembership(fis.pointX, fis.pointMu, ts[t]!, ts[t + 1]!, x);
  }
  out.fill(0, 0, fis.outputTerms.length);
  const rt = fis.ruleTerms;
  const rs = fis.ruleStart;
  for (let r = 0; r < fis.ruleCount; r++) {
    let alpha = 1;
    for (let j = rs[r]!, end = rs[r + 1]!; j < end && alpha > 0; j++) {
      const m = termMu[rt[j]!]!;
      if (m < alpha) alpha = m;
    }
    const k = fis.ruleThen[r]!;
    if (alpha > out[k]!) out[k] = alpha;
  }
}

/**
 * Defuzzify per-output-term firing strengths. Because activation is min and accumulation max, the aggregated
 * set max_r min(alpha_r, mu_then(r)(x)) equals max_k min(strength_k, mu_k(x)) exactly, so this is the same
 * as aggregating rule by rule.
 */
export function defuzzify(fis: CompiledFis, strengths: Float64Array | readonly number[]): number {
  const nOut = fis.outputTerms.length;
  // Copy into a typed scratch so the hot loops below see one array shape (monomorphic, no holes).
  const a = scratchOf(fis).strength;
  let top = 0;
  for (let k = 0; k < nOut; k++) {
    const v = strengths[k]!;
    a[k] = v;
    if (v > top) top = v;
  }
  if (fis.defuzzifier === "argmax") {
    // Strict > keeps the earliest term on ties: output-term order is the priority order.
    let best = 0;
    let bestK = -1;
    for (let k = 0; k < nOut; k++) {
      if (a[k]! > best) {
        best = a[k]!;
        bestK = k;
      }
    }
    return bestK < 0 ? fis.defaultValue : bestK;
  }
  if (!(top > 0)) return fis.defaultValue; // nothing fired: the aggregate is 0 everywhere
  const mu = fis.sampleMu; // sample-major: mu_k(x_i) at i * nOut + k
  const xs = fis.sampleX;
  if (fis.defuzzifier === "LM") {
    let best = 0;
    let bestI = -1;
    for (let i = 0, o = 0; i < UNIVERSE_SAMPLES; i++, o += nOut) {
      const y = aggregateAt(mu, o, a, nOut);
      if (y > best) {
        best = y;
        bestI = i;
        // The aggregate never exceeds the strongest firing, so its first occurrence is the left-most maximum.
        if (y >= top) break;
      }
    }
    return bestI < 0 ? fis.defaultValue : xs[bestI]!;
  }
  let sum = 0;
  let weighted = 0;
  for (let i = 0, o = 0; i < UNIVERSE_SAMPLES; i++, o += nOut) {
    const y = aggregateAt(mu, o, a, nOut);
    sum += y;
    weighted += xs[i]! * y;
  }
  return sum > 0 ? weighted / sum : fis.defaultValue;
}

/** The Mamdani aggregate at one universe sample: max over output terms of min(mu_k(x), firing_k). */
function aggregateAt(mu: Float64Array, o: number, a: Float64Array, nOut: number): number {
  let y = 0;
  for (let k = 0; k < nOut; k++) {
    const m = mu[o + k]!;
    const c = m < a[k]! ? m : a[k]!;
    if (c > y) y = c;
  }
  return y;
}

/** Crisp output for LM/COG; the winning output-term index (or the default) for argmax. */
export function evaluate(fis: CompiledFis, inputs: Float64Array | readonly number[]): number {
  const cls = scratchOf(fis).class;
  classFiring(fis, inputs, cls);
  return defuzzify(fis, cls);
}

/** Class index of a crisp output (number of thresholds strictly below it); argmax outputs are already indices. */
export function classify(fis: CompiledFis, output: number): number {
  if (fis.defuzzifier === "argmax") return output;
  let c = 0;
  while (c < fis.thresholds.length && output > fis.thresholds[c]!) c++;
  return c;
}

/** evaluate + classify: index into `fis.classes`. */
export function decide(fis: CompiledFis, inputs: Float64Array | readonly number[]): number {
  return classify(fis, evaluate(fis, inputs));
}
