// Confidence-interval arithmetic on data small enough to check by hand.
import { describe, expect, it } from "vitest";
import {
  confidenceInterval, describeSample, mean, pairedDifferences, sampleStd, studentTCdf, studentTQuantile,
} from "../src/experiment/stats.ts";
import { summarizeRows, summaryToCsv } from "../src/experiment/summary.ts";
import type { TidyRow } from "../src/experiment/types.ts";

describe("replica statistics", () => {
  it("Student-t 97.5 % quantiles match published tables for df 1..∞", () => {
    const table: [number, number][] = [
      [1, 12.706204736174706], [2, 4.302652729749464], [3, 3.182446305284263], [4, 2.7764451051977934],
      [5, 2.5705818356363146], [10, 2.2281388519862744], [30, 2.0422724563012373], [100, 1.9839715184496334],
      [1000, 1.9623390808264078], [Infinity, 1.959963984540054],
    ];
    for (const [df, t] of table) expect(studentTQuantile(0.975, df)).toBeCloseTo(t, 9);
    expect(studentTQuantile(0.025, 4)).toBeCloseTo(-2.7764451051977934, 9);
    expect(studentTQuantile(0.995, 7)).toBeCloseTo(3.4994832973505, 9);
    expect(studentTCdf(studentTQuantile(0.9, 17), 17)).toBeCloseTo(0.9, 12);
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 5);
  });

  it("mean, sample std and the 95 % interval of 1..5", () => {
    const xs = [1, 2, 3, 4, 5];
    expect(mean(xs)).toBe(3);
    expect(sampleStd(xs)).toBeCloseTo(Math.sqrt(2.5), 14); // Σ(x-3)² = 10, / (n-1)
    // half width = t(0.975, 4) · s / √5 = 2.776445105 · 1.581138830 / 2.236067977 = 1.9632431615
    const ci = confidenceInterval(xs)!;
    expect(ci.halfWidth).toBeCloseTo(1.9632431615, 9);
    expect(ci.low).toBeCloseTo(1.0367568385, 9);
    expect(ci.high).toBeCloseTo(4.9632431615, 9);
  });

  it("n = 1 has a mean but no std and no interval; n = 0 has nothing", () => {
    expect(describeSample([7])).toEqual({ n: 1, mean: 7, std: null, ciLow: null, ciHigh: null });
    expect(describeSample([])).toEqual({ n: 0, mean: null, std: null, ciLow: null, ciHigh: null });
    expect(confidenceInterval([7])).toBeNull();
  });

  it("paired differences: per-replica d = a - b, then the t interval of d", () => {
    const d = pairedDifferences([10, 12, 14], [9, 10, 14]);
    expect(d).toEqual([1, 2, 0]);
    // mean 1, s = 1, half width = t(0.975, 2) / √3 = 4.302652730 / 1.732050808 = 2.484138
    const s = describeSample(d);
    expect(s.mean).toBe(1);
    expect(s.std).toBe(1);
    expect(s.ciLow).toBeCloseTo(1 - 2.4841377118, 9);
    expect(s.ciHigh).toBeCloseTo(1 + 2.4841377118, 9);
    expect(() => pairedDifferences([1], [1, 2])).toThrow(/differ in length/);
  });

  it("summary rows pair replicas against the reference policy", () => {
    const row = (replica: number, policy: string, value: number | null): TidyRow => ({
      sweep: "s", scenario: "x", scenarioHash: "h", replica, seed: replica, devices: 10, policy, metric: "m", value, unit: "s", n: null,
    });
    const rows = [
      row(0, "a", 10), row(0, "ref", 9), row(1, "a", 12), row(1, "ref", 10), row(2, "a", 14), row(2, "ref", 14),
      row(0, "b", 5), row(1, "b", null),
    ];
    const summary = summarizeRows({ sweep: "s", scenario: "x", scenarioHash: "h", reference: "ref", replicas: 3, devices: [10], policies: ["a", "b", "ref"] }, rows);
    expect(summary.rows.map((r) => [r.policy, r.n, r.mean])).toEqual([["a", 3, 12], ["b", 1, 5], ["ref", 3, 11]]);
    const a = summary.rows[0]!;
    expect(a.diff?.reference).toBe("ref");
    expect(a.diff?.mean).toBe(1);
    expect(a.diff?.ciHigh).toBeCloseTo(3.4841377118, 9);
    expect(summary.rows[1]!.diff).toMatchObject({ n: 1, mean: -4, ciLow: null }); // null value skipped
    expect(summary.rows[2]!.diff).toBeNull(); // the reference itself
    const csv = summaryToCsv(summary).split("\n");
    expect(csv[0]).toBe("devices,policy,metric,unit,n,mean,std,ci95_low,ci95_high,reference,diff_n,diff_mean,diff_std,diff_ci95_low,diff_ci95_high");
    expect(csv[2]).toBe("10,b,m,s,1,5,,,,ref,1,-4,,,");
  });
});
