// The shipped rule bases match the spec tables cell by cell, and validation names the JSON path of every problem.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decide } from "./helpers/fuzzy-reference.ts";
import { RULE_BASE_NAMES, loadRuleBase, readRuleBase, ruleBasePath, validateRuleBase, type RuleBase } from "../src/policies/fuzzy/load.ts";
import { problemsOf as problemsThrown } from "./helpers/problems.ts";

const L = ["low", "medium", "high"] as const;
type Rule = RuleBase["rules"][number];
const conclusion = (rb: RuleBase, cond: Record<string, string>): string | undefined =>
  rb.rules.find((r: Rule) => Object.entries(cond).every(([k, v]) => r.if[k] === v) && Object.keys(r.if).length === Object.keys(cond).length)?.then;

describe("shipped rule bases", () => {
  it("load, validate and have the expected rule counts", () => {
    const counts = Object.fromEntries(RULE_BASE_NAMES.map((n) => [n, loadRuleBase(n).ruleCount]));
    expect(counts).toEqual({ flores: 68, "sonmez-stage1": 27, "sonmez-stage2": 81, almutairi: 81, "almutairi-shifted": 81 });
    expect(readRuleBase("flores").reconstruction).toBe(false);
    expect(readRuleBase("almutairi").reconstruction).toBe(true);
    expect(readRuleBase("almutairi-shifted").description).toMatch(/edge_util <= medium/);
  });

  it("expose the input order callers must use", () => {
    expect(loadRuleBase("flores").inputNames).toEqual(["wan_bw", "cpu_speed", "video_execution", "data_size"]);
    expect(loadRuleBase("sonmez-stage1").inputNames).toEqual(["nearest_edge_uitl", "best_remote_edge_uitl", "man_delay"]);
    expect(loadRuleBase("sonmez-stage2").inputNames).toEqual(["wan_bw", "task_size", "delay_sensitivity", "avg_edge_util"]);
    expect(loadRuleBase("almutairi").inputNames).toEqual(["edge_util", "task_length", "network_demand", "delay_sensitivity"]);
  });

  it("Flores matches spec table 4.4 (13 empty cells)", () => {
    // Rows cpu_speed/data_size; columns wan_bw l,m,h x video_execution l,n,h.
    const table = [
      "L L L - R R R R R", "- L L - L R R R R", "- - - - - - L L L",
      "L L L L R R L R R", "L L R L L R L R R", "L - - L - - L L L",
      "L L L R L L L L L", "L L L L L L L L L", "L L L L L R L L L",
    ];
    const rb = readRuleBase("flores");
    let empty = 0;
    table.forEach((row, r) =>
      row.split(" ").forEach((cell, c) => {
        const cond = { wan_bw: L[Math.floor(c / 3)]!, cpu_speed: L[Math.floor(r / 3)]!, video_execution: ["low", "normal", "high"][c % 3]!, data_size: ["small", "medium", "high"][r % 3]! };
        const want = cell === "-" ? undefined : cell === "L" ? "local_processing" : "remote_processing";
        if (!want) empty++;
        expect(conclusion(rb, cond), JSON.stringify(cond)).toBe(want);
      }),
    );
    expect(empty).toBe(13);
  });

  it("Sonmez stage 1 matches spec 5 (rows nearest/remote util, columns man_delay)", () => {
    const rows = ["R N N", "N N N", "N N N", "R R N", "R R N", "N N N", "R R R", "R R R", "R R N"];
    const rb = readRuleBase("sonmez-stage1");
    rows.forEach((row, r) =>
      row.split(" ").forEach((cell, c) => {
        const cond = { nearest_edge_uitl: L[Math.floor(r / 3)]!, best_remote_edge_uitl: L[r % 3]!, man_delay: L[c]! };
        expect(conclusion(rb, cond), JSON.stringify(cond)).toBe(cell === "N" ? "nearest_edge" : "remote_edge");
      }),
    );
  });

  it("Sonmez stage 2 matches spec 5 (rows util/task, columns wan x delay sensitivity)", () => {
    const table = [
      "E E E C E E C E E", "E E E C C E C C E", "E E E C C E C C E",
      "E E E C C E C C E", "E E E C C E C C E", "C C E C C E C C E",
      "C C E C C C C C C", "C C E C C C C C C", "C C E C C C C C C",
    ];
    const rb = readRuleBase("sonmez-stage2");
    table.forEach((row, r) =>
      row.split(" ").forEach((cell, c) => {
        const cond = { wan_bw: L[Math.floor(c / 3)]!, task_size: L[r % 3]!, delay_sensitivity: L[c % 3]!, avg_edge_util: L[Math.floor(r / 3)]! };
        expect(conclusion(rb, cond), JSON.stringify(cond)).toBe(cell === "E" ? "edge" : "cloud");
      }),
    );
  });

  it("Almutairi tables follow the spec 6.3 statements, and crisp level inputs decide accordingly", () => {
    // Statements of spec 6.3 (levels 0/1/2 = low/medium/high).
    const spec = (U: number, Ln: number, N: number, D: number): string => {
      if (U === 0) return "local_edge";
      if (U === 1) {
        if (D === 2) return "local_edge";
        if (D === 1) return Ln === 2 && N !== 2 ? "cloud" : "local_edge";
        return N === 2 ? "local_edge" : Ln >= 1 ? "cloud" : "local_edge";
      }
      if (D === 2) return "other_edge";
      if (D === 1) return N === 2 ? "other_edge" : Ln >= 1 ? "cloud" : "other_edge";
      return N === 2 ? "other_edge" : "cloud";
    };
    // Variant (b) as documented in almutairi-shifted.json.
    const up = (v: number) => Math.min(v + 1, 2);
    const shifted = (U: number, Ln: number, N: number, D: number) => (U <= 1 ? "local_edge" : spec(2, Ln, up(N), up(D)));
    // Input values fully inside one term: [edge_util, task_length, network_demand, delay_sensitivity].
    const centre = [[10, 50, 90], [2000, 12000, 30000], [200, 1250, 2200], [0.1, 0.5, 0.9]] as const;
    for (const [name, f] of [["almutairi", spec], ["almutairi-shifted", shifted]] as const) {
      const rb = readRuleBase(name);
      const fis = loadRuleBase(name);
      const tally: Record<string, number> = {};
      for (let U = 0; U < 3; U++) for (let Ln = 0; Ln < 3; Ln++) for (let N = 0; N < 3; N++) for (let D = 0; D < 3; D++) {
        const want = f(U, Ln, N, D);
        tally[want] = (tally[want] ?? 0) + 1;
        expect(conclusion(rb, { edge_util: L[U]!, task_length: L[Ln]!, network_demand: L[N]!, delay_sensitivity: L[D]! })).toBe(want);
        const x = [centre[0][U]!, centre[1][Ln]!, centre[2][N]!, centre[3][D]!];
        expect(fis.classes[decide(fis, x)]).toBe(want.toUpperCase());
      }
      expect(tally).toEqual(name === "almutairi" ? { local_edge: 48, other_edge: 17, cloud: 16 } : { local_edge: 54, other_edge: 25, cloud: 2 });
    }
  });
});

const flores = (): Record<string, any> => JSON.parse(readFileSync(ruleBasePath("flores"), "utf8"));
const problemsOf = (raw: unknown): string[] =>
  problemsThrown(() => validateRuleBase(raw, "test")).map((p) => `${p.path}: ${p.message} (found ${JSON.stringify(p.value)}); fix: ${p.fix}`);

describe("rule-base validation messages", () => {
  it("unknown term in a rule: path, value and suggestion", () => {
    const raw = flores();
    raw.rules[3].if.wan_bw = "hihg";
    const [p, ...rest] = problemsOf(raw);
    expect(rest).toEqual([]);
    expect(p).toContain('rules[3].if.wan_bw: unknown term "hihg" (did you mean "high"?)');
    expect(p).toContain("fix: use one of the terms of input \"wan_bw\": low, medium, high");
  });

  it("unknown input, unknown output term, duplicate and conflicting rules, rule count", () => {
    const raw = flores();
    raw.rules[0].if = { wan_bww: "low", cpu_speed: "low", video_execution: "low", data_size: "small" };
    raw.rules[5].then = "remote";
    raw.rules.push({ ...raw.rules[1] }, { ...raw.rules[2], then: "remote_processing" });
    const ps = problemsOf(raw);
    expect(ps).toEqual(expect.arrayContaining([
      expect.stringContaining('rules[0].if.wan_bww: unknown input "wan_bww" (did you mean "wan_bw"?)'),
      expect.stringContaining('rules[5].then: unknown output term "remote"'),
      expect.stringContaining("rules[68]: duplicate of rules[1] (same conditions, same conclusion)"),
      expect.stringContaining('rules[69]: duplicate of rules[2] (same conditions, conflicting: "local_processing" vs "remote_processing" conclusion)'),
      expect.stringContaining("rules: has 70 rules but ruleCount says 68"),
    ]));
  });

  it("points not sorted by x, point outside the range, output range not the points' span", () => {
    const raw = flores();
    raw.inputs[0].terms.low = [[0, 1], [4, 0], [2, 1]];
    raw.inputs[1].terms.high = [[60, 0], [80, 1], [120, 1]];
    raw.output.range = [0, 90];
    const ps = problemsOf(raw);
    expect(ps).toEqual(expect.arrayContaining([
      expect.stringContaining("inputs[0].terms.low[2][0]: points not sorted by x: 2 does not exceed the previous x 4"),
      expect.stringContaining("inputs[1].terms.high[2][0]: x lies outside inputs[1].range [0, 100]"),
      expect.stringContaining('output.range: must equal the span of the output terms\' points [0, 100]'),
    ]));
  });

  it("structural errors come from zod with a path, the value found and a fix, worded as for scenarios", () => {
    const raw = flores();
    raw.defuzzifier = "MOM";
    raw.inputs[2].terms.low[1] = [0.2, 1.5];
    delete raw.source;
    raw.extra = 1;
    const ps = problemsOf(raw);
    expect(ps).toEqual(expect.arrayContaining([
      expect.stringMatching(/^defuzzifier: .*\(found "MOM"\); fix: use one of "LM", "COG", "argmax"$/),
      expect.stringMatching(/^inputs\[2\]\.terms\.low\[1\]\[1\]: .*\(found 1\.5\); fix: use a value ≤ 1$/),
      expect.stringMatching(/^source: expected string.*; fix: give a string$/),
      expect.stringMatching(/^extra: unknown key "extra" \(found 1\); fix: remove it; known keys here: name, description, source/),
    ]));
  });

  it("decision must fit the defuzzifier (argmax default and classes; threshold/class counts)", () => {
    const alm = JSON.parse(readFileSync(ruleBasePath("almutairi"), "utf8"));
    alm.default = 3;
    alm.variants.cog.decision.classes = ["LOCAL_EDGE", "CLOUD"];
    expect(problemsOf(alm)).toEqual([
      expect.stringContaining("default: for argmax the default is the index of an output term (found 3); fix: use an integer in [0, 2]"),
      expect.stringContaining("variants.cog.decision.classes: 2 threshold(s) split the output into 3 classes, got 2"),
    ]);
  });

  it("loadRuleBase reports file and variant problems, and loads arbitrary paths", () => {
    expect(() => loadRuleBase("no-such-rule-base")).toThrow(/\(file\): cannot read/);
    expect(() => loadRuleBase("flores", { variant: "cog" })).toThrow(/variants: no variant "cog" \(found "cog"\)\. Fix: this rule base has no variants/);
    const dir = mkdtempSync(join(tmpdir(), "fuzzy-"));
    const file = join(dir, "custom.json");
    writeFileSync(file, JSON.stringify({ ...flores(), name: "custom" }));
    expect(loadRuleBase(file).name).toBe("custom");
    writeFileSync(file, "{ not json");
    expect(() => loadRuleBase(file)).toThrow(/not valid JSON/);
  });
});
