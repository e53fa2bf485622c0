// Runs that cannot count a task are refused by run, sweep and the library alike: the error names the
// flag or JSON path, the value found and a fix (exit 2 on the command line, no stack trace).
import { describe, expect, it } from "vitest";
import { runReplica } from "../src/engine/run.ts";
import { resolveSweep } from "../src/experiment/spec.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { API_ORIGIN, runWindowProblems } from "../src/scenario/run-window.ts";
import { problemsOf } from "./helpers/problems.ts";
import { mecbench } from "./helpers/cli.ts";

const paper = loadScenario("paper");
const app4 = loadScenario("edgecloudsim-app4");

describe("the counted window of a run", () => {
  it("accepts a window with room for tasks, and refuses warm-up ≥ duration naming the warm-up", () => {
    expect(runWindowProblems(paper.scenario, { durationS: 60, warmupS: 5 }, API_ORIGIN)).toEqual([]);
    for (const warmupS of [60, 61]) {
      const [p, ...rest] = runWindowProblems(paper.scenario, { durationS: 60, warmupS }, API_ORIGIN);
      expect(rest).toEqual([]);
      expect(p).toMatchObject({ path: "options.warmupS", value: warmupS });
      expect(p!.fix).toMatch(/below 60/);
    }
  });

  it("refuses a workload that starts at or after the end, naming workload.startS", () => {
    // edgecloudsim-app4's devices start emitting at 10 s (EdgeCloudSim's convention).
    const [p] = runWindowProblems(app4.scenario, { durationS: 10, warmupS: 0 }, API_ORIGIN);
    expect(p).toMatchObject({ path: "scenario: workload.startS", value: app4.scenario.workload.startS });
    expect(runWindowProblems(app4.scenario, { durationS: 60, warmupS: 0 }, API_ORIGIN)).toEqual([]);
  });

  it("refuses a window shorter than one task per device on average, and names the smallest duration that works", () => {
    // paper: the most frequent app emits every U[0.3, 0.7] s = 0.5 s on average.
    const [p] = runWindowProblems(paper.scenario, { durationS: 10.3, warmupS: 10 }, API_ORIGIN);
    expect(p).toMatchObject({ path: "options.warmupS", value: 10 });
    expect(p!.message).toMatch(/0\.3 s are counted/);
    expect(p!.fix).toMatch(/at least 10\.5 s/);
    expect(runWindowProblems(paper.scenario, { durationS: 10.5, warmupS: 10 }, API_ORIGIN)).toEqual([]);
  });

  it("runReplica refuses instead of silently shortening the warm-up", () => {
    const problems = problemsOf(() => runReplica(paper, "random", { devices: 10, seed: 1, durationS: 60 }));
    expect(problems[0]).toMatchObject({ path: "options.warmupS", value: paper.scenario.simulation.warmupS });
  });

  it("sweep refuses the same windows with the flag or JSON path", () => {
    expect(problemsOf(() => resolveSweep({ scenario: "paper", durationS: 60 }))[0]).toMatchObject({ path: "--warmup-s", value: 180 });
    expect(problemsOf(() => resolveSweep({ scenario: "edgecloudsim-app4", durationS: 8, warmupS: 0 }))[0]?.path).toBe("--scenario: workload.startS");
  });

  it("mecbench run --duration-s 60 on paper exits 2 naming --warmup-s, no stack trace", () => {
    const r = mecbench("run", "--scenario", "paper", "--policy", "random", "--devices", "200", "--duration-s", "60");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--warmup-s: the warm-up \(180 s, the scenario's simulation\.warmupS\) is not shorter than the run \(60 s\)/);
    expect(r.err).toMatch(/Fix: set --warmup-s below 60/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(r.out).toBe("");
  });
});
