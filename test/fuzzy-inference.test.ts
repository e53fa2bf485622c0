// Hand-computed inference cases. Sampled universe: x_i = i * 0.1, i = 0..999 (100 itself is not sampled).
// Input values are chosen so membership degrees are exact binary fractions (e.g. (40 - 35) / 20 = 0.25), so
// the left-most-maximum grid position is not moved by rounding.
import { describe, expect, it } from "vitest";
import { compileFis } from "../src/policies/fuzzy/compile.ts";
import { classFiring, classify, decide, defuzzify, evaluate, scratchOf } from "./helpers/fuzzy-reference.ts";
import { loadRuleBase, readRuleBase, toFisDef } from "../src/policies/fuzzy/load.ts";

const firing = (fis: ReturnType<typeof loadRuleBase>, x: number[]) => {
  const out = new Float64Array(fis.outputTerms.length);
  classFiring(fis, x, out);
  return [...out];
};

describe("Flores (FIS-3, COG) — inputs [wan_bw, cpu_speed, video_execution, data_size]", () => {
  const fis = loadRuleBase("flores");

  it("idle edge, small data: only rule high/small (l,l) = L fires, at 1", () => {
    // wan 1 -> low 1; cpu 90 -> high 1; video 0.1 -> low 1; data 0.1 -> small 1; every other term is 0.
    // Aggregate = local_processing unclipped: mu = 1 on x = 0..40 (401 samples), (60 - x)/20 on 40.1..59.9.
    // sum mu  = 401 + (1 + ... + 199)/200 = 401 + 99.5 = 500.5
    // sum x mu = 0.1 * (0 + ... + 400) + sum_{j=1..199} (40 + 0.1 j)(200 - j)/200
    //          = 8020 + (40 * 19900 + 0.1 * 1333300) / 200 = 8020 + 4646.65 = 12666.65
    // COG = 12666.65 / 500.5 = 25.30799...  -> <= 50 -> GENERIC_EDGE
    expect(firing(fis, [1, 90, 0.1, 0.1])).toEqual([1, 0]);
    expect(evaluate(fis, [1, 90, 0.1, 0.1])).toBeCloseTo(12666.65 / 500.5, 9);
    expect(fis.classes[decide(fis, [1, 90, 0.1, 0.1])]).toBe("GENERIC_EDGE");
  });

  it("busy edge, fast WAN, small data: only rule low/small (h,h) = R fires, at 1", () => {
    // wan 10 -> high 1; cpu 10 -> low 1; video 0.9 -> high 1; data 0.1 -> small 1.
    // Aggregate = remote_processing: j/200 on x = 40 + 0.1 j (j = 1..199), 1 on x = 60..99.9 (400 samples).
    // sum mu  = 99.5 + 400 = 499.5
    // sum x mu = (40 * 19900 + 0.1 * 2646700) / 200 + 0.1 * (600 + ... + 999) = 5303.35 + 31980 = 37283.35
    // COG = 37283.35 / 499.5 = 74.6413...  -> > 50 -> CLOUD
    expect(firing(fis, [10, 10, 0.9, 0.1])).toEqual([0, 1]);
    expect(evaluate(fis, [10, 10, 0.9, 0.1])).toBeCloseTo(37283.35 / 499.5, 9);
    expect(fis.classes[decide(fis, [10, 10, 0.9, 0.1])]).toBe("CLOUD");
  });

  it("no rule fires (empty cell low/high, (l,n)): default 0 -> GENERIC_EDGE", () => {
    // wan 1 -> low only; cpu 10 -> low only; video 0.5 -> normal only; data 0.9 -> high only: an empty cell.
    expect(firing(fis, [1, 10, 0.5, 0.9])).toEqual([0, 0]);
    expect(evaluate(fis, [1, 10, 0.5, 0.9])).toBe(0);
    expect(decide(fis, [1, 10, 0.5, 0.9])).toBe(0);
  });

  it("tie L = R = 0.25 gives COG 49.95 (< 50) -> GENERIC_EDGE", () => {
    // wan 3.5 -> low (4-3.5)/2 = 0.25 and medium (3.5-3)/2 = 0.25; cpu 10 low; video 0.5 normal; data 0.1 small.
    // Row low/small: (l,n) = L at 0.25, (m,n) = R at 0.25. local clipped at 0.25 covers x <= 55, remote
    // clipped covers x >= 45, so mu = 0.25 on every sample: COG = mean(0, 0.1, ..., 99.9) = 49.95.
    expect(firing(fis, [3.5, 10, 0.5, 0.1])).toEqual([0.25, 0.25]);
    expect(evaluate(fis, [3.5, 10, 0.5, 0.1])).toBeCloseTo(49.95, 9);
    expect(decide(fis, [3.5, 10, 0.5, 0.1])).toBe(0);
  });

  it("R only slightly stronger than L still stays below 50 (the 100-less grid biases COG by -0.05)", () => {
    // strengths L = 0.5, R = 0.501: mu = 0.5 on i = 0..500 (501 samples), 0.501 on i = 501..999 (499 samples).
    // sum mu = 250.5 + 249.999 = 500.499; sum x mu = 0.05 * 125250 + 0.0501 * 374250 = 25012.425
    // COG = 25012.425 / 500.499 = 49.97498... although max R > max L.
    expect(defuzzify(fis, [0.5, 0.501])).toBeCloseTo(25012.425 / 500.499, 9);
    expect(defuzzify(fis, [0.5, 0.501])).toBeLessThan(50);
    expect(defuzzify(fis, [0.5, 0.51])).toBeGreaterThan(50);
  });
});

describe("Sonmez stage 1 (FIS-2, LM) — inputs [nearest_edge_uitl, best_remote_edge_uitl, man_delay]", () => {
  const fis = loadRuleBase("sonmez-stage1");

  it("low/low, man_delay low: rule R fires at 1 -> LM at the remote_edge peak 70 -> REMOTE_EDGE", () => {
    expect(firing(fis, [10, 10, 0.0005])).toEqual([0, 1]);
    expect(evaluate(fis, [10, 10, 0.0005])).toBeCloseTo(70, 9);
    expect(fis.classes[decide(fis, [10, 10, 0.0005])]).toBe("REMOTE_EDGE");
  });

  it("low/low, man_delay medium: rule N fires at 1 -> LM at the nearest_edge peak 30 -> NEAREST_EDGE", () => {
    expect(firing(fis, [10, 10, 0.007])).toEqual([1, 0]);
    expect(evaluate(fis, [10, 10, 0.007])).toBeCloseTo(30, 9);
    expect(fis.classes[decide(fis, [10, 10, 0.007])]).toBe("NEAREST_EDGE");
  });

  it("medium/low, man_delay medium: R at 0.75 -> LM = 40 + 30 * 0.75 = 62.5 -> REMOTE_EDGE", () => {
    // nearest 45 -> medium (45-30)/20 = 0.75 (low and high 0); remote 10 -> low 1; man 0.007 -> medium 1.
    expect(firing(fis, [45, 10, 0.007])).toEqual([0, 0.75]);
    expect(evaluate(fis, [45, 10, 0.007])).toBeCloseTo(62.5, 9);
  });

  it("R beats N but below 1/3: LM = 40 + 30 * 0.3125 = 49.375, rounded up to the grid 49.4 -> NEAREST_EDGE", () => {
    // remote 33.75 -> low 1 - 13.75/20 = 0.3125, medium 3.75/20 = 0.1875; nearest 10 low; man 0.0005 low.
    // low/low/low = R at 0.3125; low/medium/low = N at 0.1875. First sample with (x-40)/30 >= 0.3125 is 49.4.
    expect(firing(fis, [10, 33.75, 0.0005])).toEqual([0.1875, 0.3125]);
    expect(evaluate(fis, [10, 33.75, 0.0005])).toBeCloseTo(49.4, 9);
    expect(decide(fis, [10, 33.75, 0.0005])).toBe(0);
  });

  it("tie N = R = 0.25: left-most maximum is on the nearest_edge slope at 30 * 0.25 = 7.5 -> NEAREST_EDGE", () => {
    // remote 35 -> low 0.25, medium 0.25; nearest 10 low; man 0.0005 low: low/low/low = R, low/medium/low = N.
    expect(firing(fis, [10, 35, 0.0005])).toEqual([0.25, 0.25]);
    expect(evaluate(fis, [10, 35, 0.0005])).toBeCloseTo(7.5, 9);
  });

  it("no rule fires: default 0 -> NEAREST_EDGE (the 27 rules cover the whole input space, so strip them)", () => {
    expect(defuzzify(fis, [0, 0])).toBe(0);
    const def = toFisDef(readRuleBase("sonmez-stage1"));
    // Keep only the man_delay-high rules; man_delay 0.0005 is fully low, so nothing fires.
    const stripped = compileFis({ ...def, rules: def.rules.filter((r) => r.if.man_delay === "high") });
    expect(evaluate(stripped, [10, 10, 0.0005])).toBe(0);
  });
});

describe("Sonmez stage 2 (FIS-1, LM) — inputs [wan_bw, task_size, delay_sensitivity, avg_edge_util]", () => {
  const fis = loadRuleBase("sonmez-stage2");

  it("all low: low/low (l,l) = E at 1 -> 30 -> STAGE1_HOST", () => {
    expect(firing(fis, [1, 2000, 0.1, 10])).toEqual([1, 0]);
    expect(evaluate(fis, [1, 2000, 0.1, 10])).toBeCloseTo(30, 9);
    expect(fis.classes[decide(fis, [1, 2000, 0.1, 10])]).toBe("STAGE1_HOST");
  });

  it("fast WAN, otherwise low: low/low (h,l) = C at 1 -> 70 -> CLOUD", () => {
    expect(firing(fis, [10, 2000, 0.1, 10])).toEqual([0, 1]);
    expect(evaluate(fis, [10, 2000, 0.1, 10])).toBeCloseTo(70, 9);
    expect(fis.classes[decide(fis, [10, 2000, 0.1, 10])]).toBe("CLOUD");
  });

  it("util 45 -> medium 0.75, medium/low (m,l) = C: 40 + 22.5 = 62.5 -> CLOUD", () => {
    expect(firing(fis, [5, 2000, 0.1, 45])).toEqual([0, 0.75]);
    expect(evaluate(fis, [5, 2000, 0.1, 45])).toBeCloseTo(62.5, 9);
  });

  it("only cloud rules fire, at 0.25 (< 1/3): 40 + 7.5 = 47.5 -> STAGE1_HOST (the 1/3 floor)", () => {
    // wan 5 medium; task 12000 medium; ds 0.1 low; util 35 -> low 0.25, medium 0.25:
    // low/medium (m,l) = C and medium/medium (m,l) = C, both 0.25.
    expect(firing(fis, [5, 12000, 0.1, 35])).toEqual([0, 0.25]);
    expect(evaluate(fis, [5, 12000, 0.1, 35])).toBeCloseTo(47.5, 9);
    expect(decide(fis, [5, 12000, 0.1, 35])).toBe(0);
  });

  it("tie E = C = 0.25 -> 7.5 -> STAGE1_HOST", () => {
    // wan 3.5 -> low 0.25, medium 0.25; row low/low: (l,l) = E, (m,l) = C.
    expect(firing(fis, [3.5, 2000, 0.1, 10])).toEqual([0.25, 0.25]);
    expect(evaluate(fis, [3.5, 2000, 0.1, 10])).toBeCloseTo(7.5, 9);
  });

  it("no rule fires: default 0", () => {
    expect(defuzzify(fis, [0, 0])).toBe(0);
  });
});

describe("Almutairi reconstruction (argmax) — inputs [edge_util, task_length, network_demand, delay_sensitivity]", () => {
  const fis = loadRuleBase("almutairi");
  const cls = (x: number[]) => fis.classes[decide(fis, x)];

  it("idle local edge keeps everything: LOCAL_EDGE (index 0)", () => {
    expect(firing(fis, [10, 40000, 2400, 0.1])).toEqual([1, 0, 0]);
    expect(evaluate(fis, [10, 40000, 2400, 0.1])).toBe(0);
    expect(cls([10, 40000, 2400, 0.1])).toBe("LOCAL_EDGE");
  });

  it("saturated edge, tolerant task, light data: CLOUD; latency-critical: OTHER_EDGE", () => {
    expect(firing(fis, [90, 2000, 100, 0.1])).toEqual([0, 0, 1]);
    expect(cls([90, 2000, 100, 0.1])).toBe("CLOUD");
    expect(firing(fis, [90, 2000, 100, 0.9])).toEqual([0, 1, 0]);
    expect(cls([90, 2000, 100, 0.9])).toBe("OTHER_EDGE");
  });

  it("ties follow LOCAL > OTHER > CLOUD", () => {
    // util 35 -> low 0.25 (LOCAL regardless) and medium 0.25; L high, N low, D low at U medium -> CLOUD 0.25.
    expect(firing(fis, [35, 20000, 100, 0.1])).toEqual([0.25, 0, 0.25]);
    expect(cls([35, 20000, 100, 0.1])).toBe("LOCAL_EDGE");
    // util 90 high, D low, N 1625 -> medium 0.25 (-> CLOUD) and high 0.25 (-> OTHER_EDGE).
    expect(firing(fis, [90, 2000, 1625, 0.1])).toEqual([0, 0.25, 0.25]);
    expect(cls([90, 2000, 1625, 0.1])).toBe("OTHER_EDGE");
  });

  it("no rule fires: default class index 0 = LOCAL_EDGE", () => {
    expect(defuzzify(fis, [0, 0, 0])).toBe(0);
  });

  it("COG variant: only local_edge at 1 -> COG 17.95 -> LOCAL_EDGE; only cloud -> > 60 -> CLOUD", () => {
    const cog = loadRuleBase("almutairi", { variant: "cog" });
    // local_edge (0,1)(25,1)(45,0): sum mu = 251 + 99.5 = 350.5;
    // sum x mu = 0.1 * (0 + ... + 250) + (25 * 19900 + 0.1 * 1333300) / 200 = 3137.5 + 3154.15 = 6291.65
    expect(evaluate(cog, [10, 2000, 100, 0.1])).toBeCloseTo(6291.65 / 350.5, 9);
    expect(cog.classes[decide(cog, [10, 2000, 100, 0.1])]).toBe("LOCAL_EDGE");
    expect(cog.classes[decide(cog, [90, 2000, 100, 0.1])]).toBe("CLOUD");
    expect(cog.classes[decide(cog, [90, 2000, 100, 0.9])]).toBe("OTHER_EDGE");
    expect(evaluate(cog, [90, 2000, 100, 0.9])).toBeCloseTo(50 - 0.05, 1); // symmetric triangle, grid bias
  });
});

describe("engine bookkeeping", () => {
  it("classify counts thresholds strictly below the output", () => {
    const cog = loadRuleBase("almutairi", { variant: "cog" });
    expect([0, 40, 40.01, 60, 60.01, 100].map((y) => classify(cog, y))).toEqual([0, 0, 1, 1, 2, 2]);
  });

  it("loadRuleBase returns independent compiled objects and evaluate is repeatable", () => {
    const a = loadRuleBase("flores");
    const b = loadRuleBase("flores");
    expect(a).not.toBe(b);
    expect(scratchOf(a).class).not.toBe(scratchOf(b).class);
    const x = new Float64Array([3.5, 10, 0.5, 0.1]);
    expect(evaluate(a, x)).toBe(evaluate(a, x));
    expect(evaluate(a, x)).toBe(evaluate(b, x));
  });
});
