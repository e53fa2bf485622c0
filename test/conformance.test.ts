// mecbench conformance (src/experiment/conformance.ts): the tolerance rule on known numbers, the
// verdict at its edges, and one reference point run end to end through the command.
import { describe, expect, it } from "vitest";
import { loadReference, noiseBound, scoreCell, tolerance } from "../src/experiment/conformance.ts";
import { mecbench } from "./helpers/cli.ts";

describe("conformance tolerance", () => {
  it("is the largest of 10 % of the mean, half the replica range and the unit's floor", () => {
    expect(tolerance({ mean: 4, min: 3.8, max: 5 }, "s")).toBeCloseTo(0.6, 12); // half range 0.6 > 0.4
    expect(tolerance({ mean: 4, min: 3.9, max: 4.1 }, "s")).toBeCloseTo(0.4, 12); // 10 % of 4
    expect(tolerance({ mean: 0.1, min: 0.1, max: 0.1 }, "s")).toBe(0.02); // floor for times
    expect(tolerance({ mean: 1, min: 0.9, max: 1.1 }, "%")).toBe(0.5); // floor for percentages
  });

  it("a cell agrees up to the tolerance and not beyond; the mean is over seeds", () => {
    const ref = { mean: 10, min: 10, max: 10 }; // tolerance 1 %-point
    expect(scoreCell("p", 200, "failedPct", "%", [10.5, 11.5], ref)).toMatchObject({ ours: 11, diff: 1, agrees: true });
    expect(scoreCell("p", 200, "failedPct", "%", [11, 11.2], ref).agrees).toBe(false);
    expect(scoreCell("p", 200, "failedPct", "%", [8.9, 9.1], ref)).toMatchObject({ agrees: true });
  });

  it("the chance band is Welch's 95 % bound: known cases, each simulator's spread, scale with the values", () => {
    // Our spread alone: s² = 2 over n = 2 seeds, no replica range: SE = 1 on 1 degree of freedom.
    expect(noiseBound([1, 3], { mean: 2, min: 2, max: 2 }, 3)).toBeCloseTo(12.7062047, 6);
    // EdgeCloudSim's alone: range 1.693 over 3 replicas is s = 1, SE = 1/√3 on 2 degrees of freedom.
    expect(noiseBound([5, 5, 5], { mean: 5, min: 4, max: 5.693 }, 3)).toBeCloseTo(4.30265273 / Math.sqrt(3), 6);
    // Metamorphic: multiplying every value by 10 multiplies the band by 10.
    const a = noiseBound([1.1, 1.3, 0.9, 1.2], { mean: 1, min: 0.8, max: 1.25 }, 3)!;
    expect(noiseBound([11, 13, 9, 12], { mean: 10, min: 8, max: 12.5 }, 3)).toBeCloseTo(10 * a, 9);
    // With a reference that does not spread, more seeds of the same spread narrow it (smaller SE, smaller t).
    const still = { mean: 1, min: 1, max: 1 };
    expect(noiseBound([1.1, 1.3, 0.9, 1.2, 1.1, 1.3, 0.9, 1.2], still, 3)!).toBeLessThan(noiseBound([1.1, 1.3, 0.9, 1.2], still, 3)!);
    // No band from one seed or from a replica count whose range says nothing tabulated.
    expect(noiseBound([1], { mean: 1, min: 0, max: 2 }, 3)).toBeNull();
    expect(noiseBound([1, 2], { mean: 1, min: 0, max: 2 }, 9)).toBeNull();
    const cell = scoreCell("p", 200, "failedPct", "%", [1, 3], { mean: 10, min: 10, max: 10 });
    expect(cell).toMatchObject({ agrees: false, withinNoise: true });
    expect(cell.noise).toBeCloseTo(12.7062047, 6);
  });

  it("the committed reference has the 10 measured points with their provenance and run window", () => {
    const r = loadReference();
    expect(r.points).toHaveLength(10);
    expect(r.source).toMatch(/sample_app4/);
    expect(r.simulation).toEqual(expect.objectContaining({ durationS: 300, warmupS: 180 }));
    for (const p of r.points) expect(p.serviceS.min).toBeLessThanOrEqual(p.serviceS.mean);
  });
});

describe("mecbench conformance", () => {
  it("runs a reference point and prints every cell with its verdict", () => {
    const out = mecbench("conformance", "--seeds", "1", "--devices", "200", "--policies", "utilization-based");
    expect([0, 1]).toContain(out.code);
    expect(out.out).toMatch(/\| utilization-based \| 200 \| service time \(s\) \| \d+\.\d{3} \| 1\.088 \[1\.059, 1\.140\]/);
    expect(out.out).toMatch(/\d+\/5 cells agree/);
    // One seed gives no spread: the chance column says so rather than printing a band.
    expect(out.out).toMatch(/\| utilization-based \| 200 \| service time \(s\) \|.*\| (agrees|OUT) \| – \| – \|/);
  });

  it("with seeds to spare, prints the chance band beside every verdict and counts the cells within it", () => {
    const out = mecbench("conformance", "--seeds", "3", "--devices", "200", "--policies", "hybrid");
    expect(out.out).toMatch(/\| hybrid \| 200 \| network delay \(s\) \|.*\| (agrees|OUT) \| ±\d+\.\d{3} \| (yes|no) \|/);
    expect(out.out).toMatch(/\d+\/5 cells agree; \d+\/5 differences within chance \(3 seeds/);
  });

  it("refuses a device count the reference does not have, naming the flag and the choices", () => {
    const out = mecbench("conformance", "--devices", "300");
    expect(out.code).toBe(2);
    expect(out.err).toMatch(/--devices/);
    expect(out.err).toMatch(/200, 2000/);
  });
});
