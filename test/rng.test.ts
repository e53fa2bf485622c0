import { describe, expect, it } from "vitest";
import { deriveSeed, StreamSet } from "../src/kernel/random.ts";

describe("random streams", () => {
  it("same seed and name give the same sequence; other names or seeds differ", () => {
    const draw = (seed: number, name: string) => {
      const s = new StreamSet(seed, name, 3);
      return [s.uniform(0), s.uniform(1), s.uniform(2), s.uniform(0)];
    };
    expect(draw(1, "a")).toEqual(draw(1, "a"));
    expect(draw(1, "a")).not.toEqual(draw(2, "a"));
    expect(draw(1, "a")).not.toEqual(draw(1, "b"));
  });

  it("an entity's stream does not depend on how many entities exist", () => {
    const small = new StreamSet(5, "arrivals", 2);
    const large = new StreamSet(5, "arrivals", 2000);
    expect([small.uniform(1), small.uniform(1)]).toEqual([large.uniform(1), large.uniform(1)]);
  });

  it("uniform draws stay in [0, 1) with the right mean; exponential has the right mean", () => {
    const s = new StreamSet(3, "x", 1);
    let sum = 0, sumExp = 0, min = 1, max = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = s.uniform(0);
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      sumExp += s.exponential(0, 2.5);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sumExp / n).toBeCloseTo(2.5, 1);
  });

  it("replica seeds derive from the base seed and the index", () => {
    expect(deriveSeed(1, "replica", 0)).toBe(deriveSeed(1, "replica", 0));
    expect(deriveSeed(1, "replica", 0)).not.toBe(deriveSeed(1, "replica", 1));
    expect(deriveSeed(1, "replica", 0)).not.toBe(deriveSeed(2, "replica", 0));
  });
});
