// The regression comparator flags a real slowdown and ignores noise within the band.
import { describe, expect, it } from "vitest";
import { compareRuns, spread, type Figure, type RunFigures } from "../bench/compare.ts";
import { StreamSet } from "../src/kernel/random.ts";

function noisy(seed: number, center: number, relNoise: number, n = 15): number[] {
  const rng = new StreamSet(seed, "bench-noise", 1);
  return Array.from({ length: n }, () => center * (1 + relNoise * (2 * rng.uniform(0) - 1)));
}

function figure(name: string, better: "higher" | "lower", samples: number[]): Figure {
  return { name, unit: better === "higher" ? "ops/s" : "s", better, ...spread(samples), samples };
}

function run(seed: number, cpu: number, throughput: number, latency: number, noise: number): RunFigures {
  return {
    cpuReference: cpu,
    figures: [
      figure("tasks-per-s", "higher", noisy(seed, throughput, noise)),
      figure("decision-latency", "lower", noisy(seed + 1, latency, noise)),
    ],
  };
}

describe("bench regression comparator", () => {
  const baseline = run(1, 1e9, 1_000_000, 1e-6, 0.03);

  it("flags a synthetic 20 % slowdown", () => {
    const slower = run(2, 1e9, 800_000, 1.25e-6, 0.03);
    const verdicts = compareRuns(baseline, slower);
    expect(verdicts.map((v) => v.regressed)).toEqual([true, true]);
    expect(verdicts[0]!.changePct).toBeLessThan(-15);
  });

  it("does not flag pure noise within the band", () => {
    for (let seed = 10; seed < 30; seed++) {
      const same = run(seed, 1e9, 1_000_000 * (1 + 0.05 * Math.sin(seed)), 1e-6, 0.03);
      expect(compareRuns(baseline, same).some((v) => v.regressed)).toBe(false);
    }
  });

  it("normalises by the CPU reference: a uniformly slower machine is not a regression", () => {
    const slowMachine = run(3, 0.6e9, 600_000, 1e-6 / 0.6, 0.03);
    expect(compareRuns(baseline, slowMachine).some((v) => v.regressed)).toBe(false);
  });

  it("widens the band when the samples are noisy", () => {
    const noisyRun = run(4, 1e9, 800_000, 1.25e-6, 0.4);
    const verdict = compareRuns(baseline, noisyRun)[0]!;
    expect(verdict.bandPct).toBeGreaterThan(20);
    expect(verdict.regressed).toBe(false);
  });
});
