import { describe, expect, it } from "vitest";
import { compileFis, membership, type FisDef, type Point } from "../src/policies/fuzzy/compile.ts";
import { classFiring } from "./helpers/fuzzy-reference.ts";
import { loadRuleBase, readRuleBase } from "../src/policies/fuzzy/load.ts";

const low: Point[] = [[0, 1], [2, 1], [4, 0]]; // wan_bw low (shoulder)
const high: Point[] = [[6, 0], [8, 1], [21, 1]]; // wan_bw high (shoulder to the right)
const tri: Point[] = [[0, 0], [30, 1], [60, 0]]; // Sonmez nearest_edge output term

describe("membership (piecewise linear)", () => {
  it("is exact at breakpoints", () => {
    expect(membership(low, 0)).toBe(1);
    expect(membership(low, 2)).toBe(1);
    expect(membership(low, 4)).toBe(0);
    expect(membership(high, 6)).toBe(0);
    expect(membership(high, 8)).toBe(1);
    expect(membership(high, 21)).toBe(1);
    expect(membership(tri, 0)).toBe(0);
    expect(membership(tri, 30)).toBe(1);
    expect(membership(tri, 60)).toBe(0);
  });

  it("interpolates linearly between breakpoints", () => {
    expect(membership(low, 3)).toBe(0.5); // halfway down 2 -> 4
    expect(membership(low, 3.5)).toBe(0.25);
    expect(membership(high, 7)).toBe(0.5);
    expect(membership(tri, 15)).toBe(0.5);
    expect(membership(tri, 45)).toBe(0.5);
  });

  it("keeps the end values outside the listed range", () => {
    expect(membership(low, -5)).toBe(1); // left end value 1
    expect(membership(low, 100)).toBe(0); // right end value 0
    expect(membership(high, 0)).toBe(0);
    expect(membership(high, 50)).toBe(1); // wan_bw above 21 Mbps stays fully "high"
    expect(membership(high, Infinity)).toBe(1);
    expect(membership(tri, -1)).toBe(0);
    expect(membership(tri, 61)).toBe(0);
  });
});

// One input, one rule per term concluding "its own" output term: classFiring then exposes the compiled
// (flat-table) membership degrees, which must agree with `membership` on the definition's points.
function probeFis(terms: Record<string, Point[]>): FisDef {
  const names = Object.keys(terms);
  return {
    name: "probe",
    inputs: [{ name: "x", terms }],
    output: { name: "y", terms: Object.fromEntries(names.map((n, i) => [n, [[i, 0], [i + 1, 1]] as Point[]])) },
    defuzzifier: "argmax",
    default: 0,
    rules: names.map((n) => ({ if: { x: n }, then: n })),
  };
}

describe("compiled membership tables", () => {
  it("agree with membership() on every shipped input term, at breakpoints, between them and outside", () => {
    for (const name of ["flores", "sonmez-stage1", "sonmez-stage2", "almutairi"] as const) {
      for (const input of readRuleBase(name).inputs) {
        const terms = input.terms as Record<string, Point[]>;
        const fis = compileFis(probeFis(terms));
        const out = new Float64Array(Object.keys(terms).length);
        const xs = Object.values(terms).flatMap((pts) => pts.map(([x]) => x));
        const [lo, hi] = input.range;
        const probes = [...xs, ...xs.map((x) => x + (hi - lo) / 997), lo - 1, hi * 2, -Infinity, Infinity];
        for (const x of probes) {
          classFiring(fis, [x], out);
          Object.values(terms).forEach((pts, k) => expect(out[k], `${name}.${input.name} at ${x}`).toBe(membership(pts, x)));
        }
      }
    }
  });

  it("rejects NaN inputs and too few inputs", () => {
    const fis = loadRuleBase("flores");
    expect(() => classFiring(fis, [1, 2, NaN, 0.5], new Float64Array(2))).toThrow(/video_execution is NaN/);
    expect(() => classFiring(fis, [1, 2, 0.5], new Float64Array(2))).toThrow(/expected 4 inputs/);
  });

  it("rejects unsorted points when compiling directly", () => {
    expect(() => compileFis(probeFis({ a: [[0, 1], [4, 0], [2, 1]] }))).toThrow(/strictly increasing x/);
  });
});
