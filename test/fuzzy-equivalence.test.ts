// Property tests of the crisp equivalents stated in docs/baselines.md (sections 4.5 and 5) against the
// full sampled-universe inference. Seeded PRNG so failures reproduce.
import { describe, expect, it } from "vitest";
import { type CompiledFis } from "../src/policies/fuzzy/compile.ts";
import { classFiring, evaluate } from "./helpers/fuzzy-reference.ts";
import { loadRuleBase } from "../src/policies/fuzzy/load.ts";
import { uniformSource } from "../src/kernel/random.ts";

type Sampler = (rnd: () => number) => number;
const uniform = (lo: number, hi: number): Sampler => (rnd) => lo + (hi - lo) * rnd();
/** Values on a coarse grid hit breakpoints and produce exact firing ties, the delicate cases. */
const grid = (lo: number, hi: number, step: number): Sampler => (rnd) => lo + step * Math.floor(rnd() * ((hi - lo) / step + 1));

function* samples(samplers: readonly Sampler[], n: number, seed: number): Generator<Float64Array> {
  const rnd = uniformSource(seed, "test-fuzzy-inputs");
  const x = new Float64Array(samplers.length);
  for (let s = 0; s < n; s++) {
    samplers.forEach((f, i) => (x[i] = f(rnd)));
    yield x;
  }
}

interface Tally {
  n: number;
  secondWins: number;
  ties: number;
  band: number;
}

/** Runs the system and hands (first-class firing, second-class firing, crisp output) to `check`. */
function sweep(fis: CompiledFis, samplers: readonly Sampler[], n: number, seed: number, check: (a0: number, a1: number, y: number, x: Float64Array) => void): void {
  const s = new Float64Array(2);
  for (const x of samples(samplers, n, seed)) {
    classFiring(fis, x, s);
    check(s[0]!, s[1]!, evaluate(fis, x), x);
  }
}

describe("Flores: COG > 50 iff max R firing > max L firing (spec 4.5)", () => {
  const fis = loadRuleBase("flores");
  // [wan_bw, cpu_speed, video_execution, data_size]
  const uniformInputs = [uniform(0, 22), uniform(0, 100), uniform(0, 1), uniform(0, 1)];
  const gridInputs = [grid(0, 22, 0.25), grid(0, 100, 2.5), grid(0, 1, 0.025), grid(0, 1, 0.025)];
  // The sampled universe stops at 99.9, so symmetric aggregates have COG 49.95, not 50: a tie goes to the edge
  // (as the spec says) but so does R exceeding L by less than ~0.004 * L. Outside that band the equivalence is exact.
  const BAND = 0.005;

  for (const [label, samplers, seed] of [["uniform", uniformInputs, 1], ["grid", gridInputs, 2]] as const) {
    it(`holds outside a thin band above ties (${label} inputs, 4000 samples)`, () => {
      const t: Tally = { n: 0, secondWins: 0, ties: 0, band: 0 };
      sweep(fis, samplers, 4000, seed, (aL, aR, y, x) => {
        t.n++;
        if (aR > aL) t.secondWins++;
        if (aR === aL && aR > 0) t.ties++;
        if (aR > aL && aR - aL < BAND) {
          t.band++;
          expect(y, `band ${[...x]}`).toBeGreaterThan(49.9); // close to 50 either way
          return;
        }
        expect(y > 50, `inputs ${[...x]}: L=${aL} R=${aR} COG=${y}`).toBe(aR > aL);
        if (aR === aL && aR > 0) expect(y).toBeLessThan(50);
      });
      // Both branches and the tie case must actually be exercised.
      expect(t.secondWins).toBeGreaterThan(100);
      expect(t.n - t.secondWins).toBeGreaterThan(100);
      if (label === "grid") expect(t.ties).toBeGreaterThan(20);
      expect(t.band).toBeLessThan(t.n * 0.02);
    });
  }

  it("the band is real: R - L = 0.002 at L = 0.5 is still edge, R - L = 0.0025 is cloud", () => {
    // Through real inputs: wan in the low/medium overlap, rest fully in one term (row low/small, column n):
    // (l,n) = L fires at low(wan) = (4 - w)/2, (m,n) = R at medium(wan) = (w - 3)/2.
    const s = new Float64Array(2);
    classFiring(fis, [3.501, 10, 0.5, 0.1], s); // L 0.4995, R 0.5005
    expect(s[1]! - s[0]!).toBeCloseTo(0.001, 9);
    expect(evaluate(fis, [3.501, 10, 0.5, 0.1])).toBeLessThan(50);
    expect(evaluate(fis, [3.51, 10, 0.5, 0.1])).toBeGreaterThan(50); // R - L = 0.01
  });
});

describe("Sonmez: LM > 50 iff second-class firing > first-class firing and > 1/3 (spec 5)", () => {
  const cases = [
    // [nearest_edge_uitl, best_remote_edge_uitl, man_delay]: man_delay mostly in its interesting 0..20 ms.
    ["sonmez-stage1", [uniform(0, 100), uniform(0, 100), uniform(0, 0.02)], [grid(0, 100, 2.5), grid(0, 100, 2.5), grid(0, 0.016, 0.00025)]],
    // [wan_bw, task_size, delay_sensitivity, avg_edge_util]
    ["sonmez-stage2", [uniform(0, 22), uniform(0, 30000), uniform(0, 1), uniform(0, 100)], [grid(0, 22, 0.25), grid(0, 30000, 250), grid(0, 1, 0.025), grid(0, 100, 2.5)]],
  ] as const;

  for (const [name, uniformInputs, gridInputs] of cases) {
    for (const [label, samplers, seed] of [["uniform", uniformInputs, 3], ["grid", gridInputs, 4]] as const) {
      it(`${name}: exact on 4000 ${label} samples`, () => {
        const fis = loadRuleBase(name);
        const t: Tally = { n: 0, secondWins: 0, ties: 0, band: 0 };
        let floorCases = 0;
        sweep(fis, samplers, 4000, seed, (aE, aC, y, x) => {
          t.n++;
          const crisp = aC > aE && aC > 1 / 3;
          if (crisp) t.secondWins++;
          if (aC > aE && aC <= 1 / 3) floorCases++;
          if (aC === aE && aC > 0) t.ties++;
          expect(y > 50, `inputs ${[...x]}: first=${aE} second=${aC} LM=${y}`).toBe(crisp);
        });
        expect(t.secondWins).toBeGreaterThan(50);
        expect(t.n - t.secondWins).toBeGreaterThan(50);
        expect(floorCases).toBeGreaterThan(5); // the 1/3 floor is exercised, not just the comparison
        if (label === "grid") expect(t.ties).toBeGreaterThan(5);
      });
    }
  }
});
