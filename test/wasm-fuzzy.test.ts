// The WASM fuzzy inference (assembly/policies/fuzzy.ts) against the TypeScript one
// (test/helpers/fuzzy-reference.ts) on every shipped rule base: same firings, same crisp output
// (LM, COG) or winning term (argmax), same class, to the last bit. The policies only use the full
// defuzzification near their decision boundaries, so a whole-run comparison exercises it rarely;
// here it runs on every sample. Seeded PRNG so failures reproduce.
import { describe, expect, it } from "vitest";
import { type CompiledFis } from "../src/policies/fuzzy/compile.ts";
import { classFiring, classify, evaluate } from "./helpers/fuzzy-reference.ts";
import { loadRuleBase } from "../src/policies/fuzzy/load.ts";
import { encodeFis } from "../src/policies/fuzzy/encode.ts";
import { WasmEngine } from "../src/engine/wasm/engine.ts";
import { uniformSource } from "../src/kernel/random.ts";

const SYSTEMS: readonly [label: string, load: () => CompiledFis][] = [
  ["flores (COG)", () => loadRuleBase("flores")],
  ["sonmez-stage1 (LM)", () => loadRuleBase("sonmez-stage1")],
  ["sonmez-stage2 (LM)", () => loadRuleBase("sonmez-stage2")],
  ["almutairi (argmax)", () => loadRuleBase("almutairi")],
  ["almutairi-shifted (argmax)", () => loadRuleBase("almutairi-shifted")],
  ["almutairi/cog (COG)", () => loadRuleBase("almutairi", { variant: "cog" })],
];

/** Per input: its breakpoints' x values (sorted, distinct). */
function breakpoints(fis: CompiledFis): number[][] {
  const out: number[][] = [];
  let t = 0;
  for (const terms of fis.inputTerms) {
    const xs = new Set<number>();
    for (let j = 0; j < terms.length; j++, t++) for (let p = fis.termStart[t]!; p < fis.termStart[t + 1]!; p++) xs.add(fis.pointX[p]!);
    out.push([...xs].sort((a, b) => a - b));
  }
  return out;
}

describe("WASM fuzzy inference = TypeScript inference, bit for bit", () => {
  const wasm = new WasmEngine();
  const ex = wasm.exports;

  for (const [label, load] of SYSTEMS) {
    it(`${label}: firings, output and class on uniform and breakpoint-grid inputs`, () => {
      const fis = load();
      const params = encodeFis(fis, []);
      ex.engineReset();
      const paramsPtr = ex.testAlloc(params.length * 8);
      new Float64Array(ex.memory.buffer, paramsPtr, params.length).set(params);
      const handle = ex.testFisRead(paramsPtr);
      const nIn = fis.inputNames.length;
      const nOut = fis.outputTerms.length;
      const inputsPtr = ex.testAlloc(nIn * 8);
      const bps = breakpoints(fis);
      const rnd = uniformSource(7919, `test-fuzzy-firing:${label}`);
      const x = new Float64Array(nIn);
      const firing = new Float64Array(nOut);
      let mismatches = 0;
      let ties = 0;
      for (let s = 0; s < 6000; s++) {
        for (let v = 0; v < nIn; v++) {
          const b = bps[v]!;
          const lo = b[0]!;
          const hi = b[b.length - 1]!;
          const span = hi - lo;
          if (s % 2 === 0) {
            // Uniform over the terms' span and a little beyond (the end values hold outside it).
            x[v] = lo - 0.1 * span + 1.2 * span * rnd();
          } else {
            // A breakpoint or the midpoint between two: exact firing ties and plateau edges.
            const i = Math.floor(rnd() * b.length);
            x[v] = rnd() < 0.5 || i + 1 >= b.length ? b[i]! : (b[i]! + b[i + 1]!) / 2;
          }
        }
        new Float64Array(ex.memory.buffer, inputsPtr, nIn).set(x);
        const yWasm = ex.testFisEvaluate(handle, inputsPtr);
        const firingWasm = new Float64Array(ex.memory.buffer, ex.testFisFiringPtr(handle), nOut);
        classFiring(fis, x, firing);
        const y = evaluate(fis, x);
        let same = Object.is(yWasm, y) && ex.testFisClassify(handle, yWasm) === classify(fis, y);
        for (let k = 0; k < nOut; k++) same &&= Object.is(firingWasm[k], firing[k]);
        if (!same) {
          mismatches++;
          if (mismatches <= 3) expect.soft(yWasm, `inputs ${[...x]}: firings ${[...firing]} vs ${[...firingWasm]}`).toBe(y);
        }
        const top = Math.max(...firing);
        if (top > 0 && firing.filter((f) => f === top).length > 1) ties++;
      }
      expect(mismatches).toBe(0);
      // The delicate case was reached: exact ties between output terms (argmax tie-break, LM plateaus).
      expect(ties).toBeGreaterThan(0);
    });
  }

  // The policies fire their rule bases through a memo of the state inputs (assembly/policies/fuzzy.ts
  // memoFiring). Draw the state inputs from a small pool (more tuples than memo slots, so entries
  // are evicted and refilled) and the task input freely: the firings must equal classFiring's.
  for (const [label, load] of SYSTEMS) {
    it(`${label}: memoised firings equal classFiring for every choice of the per-task input`, () => {
      const fis = load();
      const nIn = fis.inputNames.length;
      const nOut = fis.outputTerms.length;
      const params = encodeFis(fis, []);
      const bps = breakpoints(fis);
      const rnd = uniformSource(104729, `test-fuzzy-class:${label}`);
      const draw = (v: number): number => {
        const b = bps[v]!;
        const lo = b[0]!;
        const span = b[b.length - 1]! - lo;
        return rnd() < 0.3 ? b[Math.floor(rnd() * b.length)]! : lo - 0.1 * span + 1.2 * span * rnd();
      };
      let compared = 0;
      for (let taskInput = -1; taskInput < nIn; taskInput++) {
        ex.engineReset();
        const paramsPtr = ex.testAlloc(params.length * 8);
        new Float64Array(ex.memory.buffer, paramsPtr, params.length).set(params);
        const handle = ex.testFisRead(paramsPtr);
        const memo = ex.testFisMemo(handle, taskInput);
        const inputsPtr = ex.testAlloc(nIn * 8);
        const pool = Array.from({ length: 13 }, () => Float64Array.from({ length: nIn }, (_, v) => draw(v)));
        const x = new Float64Array(nIn);
        const firing = new Float64Array(nOut);
        let mismatches = 0;
        for (let s = 0; s < 3000; s++) {
          x.set(pool[Math.floor(rnd() * pool.length)]!);
          if (taskInput >= 0) x[taskInput] = draw(taskInput);
          new Float64Array(ex.memory.buffer, inputsPtr, nIn).set(x);
          ex.testFisMemoFiring(memo, inputsPtr);
          const got = new Float64Array(ex.memory.buffer, ex.testFisFiringPtr(handle), nOut);
          classFiring(fis, x, firing);
          let same = true;
          for (let k = 0; k < nOut; k++) same &&= Object.is(got[k], firing[k]);
          if (!same && ++mismatches <= 3) expect.soft([...got], `task input ${taskInput}, inputs ${[...x]}`).toEqual([...firing]);
          compared++;
        }
        expect(mismatches, `task input ${taskInput}`).toBe(0);
      }
      expect(compared).toBe(3000 * (nIn + 1));
    });
  }
});

