// Mamdani fuzzy inference over a compiled rule base (the only implementation; the tests hold it to a
// plain reference, test/helpers/fuzzy-reference.ts). The host compiles the rule base once
// (src/policies/fuzzy/compile.ts) and passes its flat tables in the policy's parameters
// // (src/policies/fuzzy/encode.ts encodeFis writes them, fisRead below reads them, same order); nothing
// is recomputed here, so the membership breakpoints and the sampled output universe are the host's
// numbers, and the loops keep the reference's floating-point operation order (bit-identical firings).
import { alloc, allocF64, allocI32, getF64, getI32, setF64, setI32 } from "../kernel/mem";

// Defuzzifier codes (src/engine/wasm/boundary.ts FIS_DEFUZZIFIER): LM, ARGMAX, else COG.
import { FIS_ARGMAX, FIS_LM } from "../kernel/layout.gen";

/** A compiled rule base: the CompiledFis tables, plus its scratch (so a FIS is not re-entrant, as in TS). */
@unmanaged
export class Fis {
  defuzzifier: i32;
  defaultValue: f64;
  nIn: i32;
  nOut: i32;
  nTerms: i32;
  nRules: i32;
  nThresholds: i32;
  nSamples: i32;
  inTermCount: usize; // i32[nIn]: input v owns the next inTermCount[v] global terms
  termStart: usize; // i32[nTerms + 1]
  pointX: usize; // f64
  pointMu: usize; // f64
  ruleStart: usize; // i32[nRules + 1]
  ruleTerms: usize; // i32
  ruleThen: usize; // i32[nRules]
  thresholds: usize; // f64[nThresholds]
  sampleX: usize; // f64[nSamples]
  sampleMu: usize; // f64[nSamples * nOut], sample-major
  termMu: usize; // scratch f64[nTerms]
  /** classFiring's output, f64[nOut]: the strongest firing of each output term. */
  firing: usize;
}

/** Where the last fisRead stopped in the parameters (the next parameter's index). */
export let fisReadEnd: i32 = 0;

/** Parameters [from, from + n) as a fresh i32 table. */
function readI32(params: usize, from: i32, n: i32): usize {
  const p = allocI32(n);
  for (let i = 0; i < n; i++) setI32(p, i, <i32>getF64(params, from + i));
  return p;
}

/**
 * The rule base encoded at params[at..] (encodeFis's layout: ten counts, then the tables). The f64
 * tables are used in place (the parameters live as long as the replica); the index tables become i32.
 */
export function fisRead(params: usize, at: i32): Fis {
  const f = changetype<Fis>(alloc(offsetof<Fis>()));
  f.defuzzifier = <i32>getF64(params, at);
  f.defaultValue = getF64(params, at + 1);
  f.nIn = <i32>getF64(params, at + 2);
  f.nOut = <i32>getF64(params, at + 3);
  f.nTerms = <i32>getF64(params, at + 4);
  const nPoints = <i32>getF64(params, at + 5);
  f.nRules = <i32>getF64(params, at + 6);
  const nRuleTerms = <i32>getF64(params, at + 7);
  f.nThresholds = <i32>getF64(params, at + 8);
  f.nSamples = <i32>getF64(params, at + 9);
  let p = at + 10;
  f.inTermCount = readI32(params, p, f.nIn);
  p += f.nIn;
  f.termStart = readI32(params, p, f.nTerms + 1);
  p += f.nTerms + 1;
  f.pointX = params + (<usize>p << 3);
  p += nPoints;
  f.pointMu = params + (<usize>p << 3);
  p += nPoints;
  f.ruleStart = readI32(params, p, f.nRules + 1);
  p += f.nRules + 1;
  f.ruleTerms = readI32(params, p, nRuleTerms);
  p += nRuleTerms;
  f.ruleThen = readI32(params, p, f.nRules);
  p += f.nRules;
  f.thresholds = params + (<usize>p << 3);
  p += f.nThresholds;
  f.sampleX = params + (<usize>p << 3);
  p += f.nSamples;
  f.sampleMu = params + (<usize>p << 3);
  p += f.nSamples * f.nOut;
  f.termMu = allocF64(f.nTerms);
  f.firing = allocF64(f.nOut);
  fisReadEnd = p;
  return f;
}

/** Piecewise-linear membership over the points [lo, hi) (inference.ts flatMembership). */
function membership(px: usize, pm: usize, lo: i32, hi: i32, x: f64): f64 {
  if (x <= getF64(px, lo)) return getF64(pm, lo);
  if (x >= getF64(px, hi - 1)) return getF64(pm, hi - 1);
  for (let i = lo + 1; i < hi; i++) {
    const bx = getF64(px, i);
    if (x <= bx) {
      const ax = getF64(px, i - 1);
      const am = getF64(pm, i - 1);
      return am + ((getF64(pm, i) - am) * (x - ax)) / (bx - ax);
    }
  }
  return getF64(pm, hi - 1);
}

/**
 * Fill f.firing[k] with the strongest firing (max over rules of the min-AND of their antecedents)
 * among the rules concluding output term k. `inputs` is f64[nIn] in the FIS's input order.
 */
export function classFiring(f: Fis, inputs: usize): void {
  const termMu = f.termMu;
  const ts = f.termStart;
  let t = 0;
  for (let v = 0; v < f.nIn; v++) {
    const x = getF64(inputs, v);
    // A NaN input is an engine bug: trapping fails the run with an error.
    if (x != x) unreachable();
    const nTerms = getI32(f.inTermCount, v);
    for (let j = 0; j < nTerms; j++) {
      setF64(termMu, t, membership(f.pointX, f.pointMu, getI32(ts, t), getI32(ts, t + 1), x));
      t++;
    }
  }
  const out = f.firing;
  for (let k = 0; k < f.nOut; k++) setF64(out, k, 0);
  const rt = f.ruleTerms;
  const rs = f.ruleStart;
  for (let r = 0; r < f.nRules; r++) {
    let alpha: f64 = 1;
    const end = getI32(rs, r + 1);
    for (let j = getI32(rs, r); j < end && alpha > 0; j++) {
      const m = getF64(termMu, getI32(rt, j));
      if (m < alpha) alpha = m;
    }
    const k = getI32(f.ruleThen, r);
    if (alpha > getF64(out, k)) setF64(out, k, alpha);
  }
}

/** max_k min(a[k], mu_k(x_i)): the aggregated output set at sample i (o = i * nOut). */
// @ts-ignore: decorator
@inline function aggregateAt(mu: usize, o: i32, a: usize, nOut: i32): f64 {
  let y: f64 = 0;
  for (let k = 0; k < nOut; k++) {
    const m = getF64(mu, o + k);
    const s = getF64(a, k);
    const c = m < s ? m : s;
    if (c > y) y = c;
  }
  return y;
}

/**
 * Defuzzify per-output-term firings a (f64[nOut]): the crisp output for LM / COG, the winning term
 * index for argmax (ties → earliest term), the default when nothing fired.
 */
export function defuzzify(f: Fis, a: usize): f64 {
  const nOut = f.nOut;
  let top: f64 = 0;
  for (let k = 0; k < nOut; k++) {
    const v = getF64(a, k);
    if (v > top) top = v;
  }
  if (f.defuzzifier == FIS_ARGMAX) {
    let best: f64 = 0;
    let bestK = -1;
    for (let k = 0; k < nOut; k++) {
      const v = getF64(a, k);
      if (v > best) {
        best = v;
        bestK = k;
      }
    }
    return bestK < 0 ? f.defaultValue : <f64>bestK;
  }
  if (!(top > 0)) return f.defaultValue;
  const mu = f.sampleMu;
  const xs = f.sampleX;
  const n = f.nSamples;
  if (f.defuzzifier == FIS_LM) {
    let best: f64 = 0;
    let bestI = -1;
    for (let i = 0; i < n; i++) {
      const y = aggregateAt(mu, i * nOut, a, nOut);
      if (y > best) {
        best = y;
        bestI = i;
        // The aggregate never exceeds the strongest firing: its first occurrence is the left-most maximum.
        if (y >= top) break;
      }
    }
    return bestI < 0 ? f.defaultValue : getF64(xs, bestI);
  }
  let sum: f64 = 0;
  let weighted: f64 = 0;
  for (let i = 0; i < n; i++) {
    const y = aggregateAt(mu, i * nOut, a, nOut);
    sum += y;
    weighted += getF64(xs, i) * y;
  }
  return sum > 0 ? weighted / sum : f.defaultValue;
}

/** Class index of a crisp output (thresholds strictly below it); an argmax output is already one. */
export function classify(f: Fis, output: f64): i32 {
  if (f.defuzzifier == FIS_ARGMAX) return <i32>output;
  let c = 0;
  while (c < f.nThresholds && output > getF64(f.thresholds, c)) c++;
  return c;
}

/** classFiring + defuzzify + classify: the decision class of the inputs. */
export function decide(f: Fis, inputs: usize): i32 {
  classFiring(f, inputs);
  return classify(f, defuzzify(f, f.firing));
}

// ---- Memoised firing: the rule base partially evaluated over the inputs that describe the state ----
// In the overloaded paper world a policy re-decides every waiting task at every batch, and within a
// batch most of a rule base's inputs (bandwidth, utilizations, the app's delay sensitivity) take the
// same few values while only one input belongs to the task (its data size or length). Rule firing is
// min/max only, so it can be evaluated in two exact steps: for the state inputs, per output term k,
//   base[k]    = max over rules without a condition on the task input of min(their conditions),
//   table[k][j] = max over rules whose task-input condition is term j of min(their other conditions);
// then for the task's value x: firing[k] = max(base[k], max_j min(table[k][j], mu_j(x))). min and max
// only select among the same numbers, so this equals classFiring bit for bit (lattice distributivity),
// and the tables are memoised per exact tuple of state-input values (a few slots, round robin).

const MEMO_SLOTS: i32 = 8;

@unmanaged
export class FisMemo {
  fis: Fis;
  /** The per-task input (-1: every input is state, the whole firing is memoised). */
  taskInput: i32;
  /** Its terms are the global terms [taskTermStart, taskTermStart + nTaskTerms). */
  taskTermStart: i32;
  nTaskTerms: i32;
  keys: usize; // f64[MEMO_SLOTS * nIn] (the task input's entry unused)
  valid: usize; // i32[MEMO_SLOTS]
  base: usize; // f64[MEMO_SLOTS * nOut]
  table: usize; // f64[MEMO_SLOTS * nOut * nTaskTerms]
  taskMu: usize; // scratch f64[nTaskTerms]
  next: i32;
}

export function fisMemo(f: Fis, taskInput: i32): FisMemo {
  const m = changetype<FisMemo>(alloc(offsetof<FisMemo>()));
  m.fis = f;
  m.taskInput = taskInput;
  let t = 0;
  for (let v = 0; v < taskInput; v++) t += getI32(f.inTermCount, v);
  m.taskTermStart = t;
  m.nTaskTerms = taskInput >= 0 ? getI32(f.inTermCount, taskInput) : 0;
  m.keys = allocF64(MEMO_SLOTS * f.nIn);
  m.valid = allocI32(MEMO_SLOTS);
  m.base = allocF64(MEMO_SLOTS * f.nOut);
  m.table = allocF64(max(1, MEMO_SLOTS * f.nOut * m.nTaskTerms));
  m.taskMu = allocF64(max(1, m.nTaskTerms));
  m.next = 0;
  return m;
}

/** The slot holding the tables of these state inputs, filled on a miss. */
function memoSlot(m: FisMemo, inputs: usize): i32 {
  const f = m.fis;
  const nIn = f.nIn;
  for (let s = 0; s < MEMO_SLOTS; s++) {
    if (getI32(m.valid, s) == 0) continue;
    let same = true;
    for (let v = 0; v < nIn && same; v++) if (v != m.taskInput && getF64(m.keys, s * nIn + v) != getF64(inputs, v)) same = false;
    if (same) return s;
  }
  const s = m.next;
  m.next = (s + 1) % MEMO_SLOTS;
  // Fuzzify the state inputs (classFiring's loop, the task input's terms skipped).
  const termMu = f.termMu;
  const ts = f.termStart;
  let t = 0;
  for (let v = 0; v < nIn; v++) {
    const x = getF64(inputs, v);
    const nTerms = getI32(f.inTermCount, v);
    if (v == m.taskInput) {
      t += nTerms;
      continue;
    }
    if (x != x) unreachable(); // as classFiring: a NaN input fails the run
    setF64(m.keys, s * nIn + v, x);
    for (let j = 0; j < nTerms; j++) {
      setF64(termMu, t, membership(f.pointX, f.pointMu, getI32(ts, t), getI32(ts, t + 1), x));
      t++;
    }
  }
  const nOut = f.nOut;
  const nJ = m.nTaskTerms;
  for (let k = 0; k < nOut; k++) setF64(m.base, s * nOut + k, 0);
  for (let i = 0; i < nOut * nJ; i++) setF64(m.table, s * nOut * nJ + i, 0);
  const rt = f.ruleTerms;
  const rs = f.ruleStart;
  const lo = m.taskTermStart;
  const hi = lo + nJ;
  for (let r = 0; r < f.nRules; r++) {
    let c: f64 = 1;
    let j = -1;
    const end = getI32(rs, r + 1);
    for (let q = getI32(rs, r); q < end; q++) {
      const term = getI32(rt, q);
      if (term >= lo && term < hi) j = term - lo;
      else {
        const mu = getF64(termMu, term);
        if (mu < c) c = mu;
      }
    }
    const k = getI32(f.ruleThen, r);
    const at = j < 0 ? m.base + ((<usize>(s * nOut + k)) << 3) : m.table + ((<usize>((s * nOut + k) * nJ + j)) << 3);
    if (c > load<f64>(at)) store<f64>(at, c);
  }
  setI32(m.valid, s, 1);
  return s;
}

/** classFiring through the memo: fills m.fis.firing with the same values. */
export function memoFiring(m: FisMemo, inputs: usize): void {
  const f = m.fis;
  const s = memoSlot(m, inputs);
  const nOut = f.nOut;
  const nJ = m.nTaskTerms;
  if (nJ > 0) {
    const x = getF64(inputs, m.taskInput);
    if (x != x) unreachable();
    const ts = f.termStart;
    for (let j = 0; j < nJ; j++) {
      const t = m.taskTermStart + j;
      setF64(m.taskMu, j, membership(f.pointX, f.pointMu, getI32(ts, t), getI32(ts, t + 1), x));
    }
  }
  for (let k = 0; k < nOut; k++) {
    let y = getF64(m.base, s * nOut + k);
    for (let j = 0; j < nJ; j++) {
      const a = getF64(m.table, (s * nOut + k) * nJ + j);
      const mu = getF64(m.taskMu, j);
      const v = mu < a ? mu : a;
      if (v > y) y = v;
    }
    setF64(f.firing, k, y);
  }
}
