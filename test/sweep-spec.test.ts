// Sweeps as data: the --spec file and the flags are validated at the edge, and every problem names
// its JSON path or flag, the value found and a fix.
import { afterAll, describe, expect, it, vi } from "vitest";
import { parseDevices, parseShard, parseSweepArgs, sweepCommand } from "../src/cli/sweep.ts";
import { readSweepSpec, resolveSweep, type SweepInput } from "../src/experiment/spec.ts";
import { createRegistry } from "../src/policies/registry.ts";
import type { Problem } from "../src/scenario/errors.ts";
import { BAD_KEYS_SPEC, TINY_SPEC, tinySweep } from "./fixtures/sweeps/helpers.ts";
import { problemsOf } from "./helpers/problems.ts";


const paper = (extra: SweepInput): SweepInput => ({ scenario: "paper", durationS: 30, warmupS: 5, ...extra });
const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
afterAll(() => stderr.mockRestore());

describe("sweep spec validation", () => {
  it("resolves the tiny spec with defaults and a stable hash", () => {
    const sweep = tinySweep();
    expect(sweep.policies).toEqual(["random", "utilization-based"]);
    expect(sweep.seeds).toHaveLength(2);
    expect(sweep.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(tinySweep().hash).toBe(sweep.hash);
    // The reference is not part of the hash (it changes the summary, not the rows)...
    expect(tinySweep({ reference: "random" }).hash).toBe(sweep.hash);
    // ...but everything that changes rows is.
    expect(tinySweep({ seed: 2 }).hash).not.toBe(sweep.hash);
    expect(tinySweep({ devices: [100, 50] }).hash).not.toBe(sweep.hash);
  });

  it("defaults: every registered policy, the scenario's device counts, 3 replicas, seed 1, utilization-based reference", () => {
    const sweep = resolveSweep({ scenario: "paper" });
    expect(sweep.policies).toEqual(createRegistry().names());
    expect(sweep.devices.length).toBeGreaterThan(1);
    expect(sweep.replicas).toBe(3);
    expect(sweep.seed).toBe(1);
    expect(sweep.reference).toBe("utilization-based");
    expect(sweep.durationS).toBe(sweep.resolved.scenario.simulation.durationS);
  });

  it("an unknown key in the file gets a did-you-mean and its JSON path; all problems at once", () => {
    const problems = problemsOf(() => readSweepSpec(BAD_KEYS_SPEC));
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p]));
    expect(byPath["polices"]?.message).toMatch(/unknown key "polices" \(did you mean "policies"\?\)/);
    expect(byPath["polices"]?.fix).toBe('rename it to "policies"');
    expect(byPath["devices"]?.value).toEqual([]); // devices empty
    expect(byPath["replicas"]?.value).toBe(0); // replicas 0
    expect(problems).toHaveLength(3);
  });

  it("an unknown policy names its position in the file and suggests the registered one", () => {
    const problems = problemsOf(() => resolveSweep(paper({ policies: ["random", "utilisation-based"] }), { policies: "s.json: policies" }));
    expect(problems).toEqual([
      expect.objectContaining({ path: "s.json: policies[1]", value: "utilisation-based", message: expect.stringMatching(/did you mean "utilization-based"/) }),
    ]);
  });

  it("programmatic input goes through the same schema (replicas 0, empty devices)", () => {
    const problems = problemsOf(() => resolveSweep(paper({ replicas: 0, devices: [] })));
    expect(problems.map((p) => p.path).sort()).toEqual(["--devices", "--replicas"]);
  });

  it("cross-field rules: warm-up shorter than the run, reference among the policies, no duplicates", () => {
    expect(problemsOf(() => resolveSweep(paper({ warmupS: 30 })))[0]).toMatchObject({ path: "--warmup-s", value: 30 });
    expect(problemsOf(() => resolveSweep(paper({ policies: ["random"], reference: "utilization-based" })))[0]?.path).toBe("--reference");
    expect(problemsOf(() => resolveSweep(paper({ devices: [50, 50] })))[0]?.message).toMatch(/listed twice/);
    expect(problemsOf(() => resolveSweep({}))[0]?.path).toBe("--scenario");
  });

  it("flags override the file", () => {
    const { input, origin } = readSweepSpec(TINY_SPEC);
    const args = parseSweepArgs(["--replicas", "5", "--devices=200:600:200"]);
    const sweep = resolveSweep({ ...input, ...args.input }, { ...origin, ...args.origin });
    expect(sweep.replicas).toBe(5);
    expect(sweep.devices).toEqual([200, 400, 600]);
    expect(sweep.policies).toEqual(["random", "utilization-based"]);
  });
});

describe("sweep flags", () => {
  it("parses device ranges and lists", () => {
    const problems: Problem[] = [];
    expect(parseDevices("200:2000:200", problems)).toHaveLength(10);
    expect(parseDevices("200,400", problems)).toEqual([200, 400]);
    expect(parseDevices("300", problems)).toEqual([300]);
    expect(problems).toEqual([]);
    parseDevices("200:abc", problems);
    parseDevices("400:200:100", problems);
    parseDevices("0,100", problems);
    expect(problems.map((p) => [p.path, p.value])).toEqual([["--devices", "200:abc"], ["--devices", "400:200:100"], ["--devices", "0,100"]]);
    expect(problems[0]!.fix).toMatch(/200:2000:200/);
  });

  it("parses shards i/n with 0 <= i < n", () => {
    const problems: Problem[] = [];
    expect(parseShard("1/4", problems)).toEqual({ index: 1, count: 4 });
    parseShard("4/4", problems);
    parseShard("x", problems);
    expect(problems).toHaveLength(2);
  });

  it("bad flags exit 2 with one line naming the flag, the value and the fix", async () => {
    const cases: [string[], RegExp][] = [
      [["--scenario", "paper", "--devices", "200:abc"], /^mecbench sweep: --devices: not a device range \(found "200:abc"\)\. Fix: use start:stop:step/],
      [["--scenario", "paper", "--workers", "0"], /^mecbench sweep: --workers: not an integer ≥ 1 \(found "0"\)\. Fix: give --workers an integer ≥ 1/],
      [["--scenario", "paper", "--policies", "randm"], /^mecbench sweep: --policies: unknown policy \(did you mean "random"\?\) \(found "randm"\)\. Fix: use registered policies: /],
      [["--scenaro", "paper"], /^mecbench sweep: --scenaro: unknown flag \(did you mean --scenario\?\)/],
    ];
    for (const [argv, pattern] of cases) {
      stderr.mockClear();
      expect(await sweepCommand(argv)).toBe(2);
      const printed = stderr.mock.calls.map((c) => String(c[0])).join("");
      expect(printed).toMatch(pattern);
      expect(printed.trim().split("\n")).toHaveLength(1);
      expect(printed).not.toMatch(/\n\s+at /); // no stack trace
    }
  });
});
