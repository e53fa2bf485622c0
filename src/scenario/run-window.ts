// The counted window of a run: tasks arriving in [max(warm-up, workload start), duration) are the
// only ones any metric counts. A run whose window is empty, or too short for a device to emit one
// task on average, counts nothing and would print zeros that look like results; `run`, `sweep`,
// `train` and runReplica() refuse it with this one rule, each naming its own flag or JSON path.
import { InputError, type Problem } from "./errors.ts";
import type { Scenario } from "./schema.ts";

export interface RunWindow {
  durationS: number;
  warmupS: number;
}

/** Where each value was set, for the error: a flag ("--warmup-s") or a JSON path ("sweep.json: warmupS"). */
export interface RunWindowOrigin {
  durationS: string;
  warmupS: string;
  /** Where the scenario came from, e.g. "--scenario paper": its workload.startS is named under it. */
  scenario: string;
  /** Whether the warm-up was given explicitly (else it is the scenario's default, and the message says so). */
  warmupGiven: boolean;
}

/** The library's own names, for callers of runReplica(). */
export const API_ORIGIN: RunWindowOrigin = { durationS: "options.durationS", warmupS: "options.warmupS", scenario: "scenario", warmupGiven: true };

/** Mean seconds between two tasks of one device running `arrival` (idle periods included). */
function meanIntervalS(arrival: Scenario["workload"]["apps"][number]["arrival"]): number {
  if (arrival.model === "uniform-interval") return (arrival.minIntervalS + arrival.maxIntervalS) / 2;
  // Poisson at rate 1/mean during active periods only: the long-run rate is diluted by the idle share.
  const activeShare = arrival.activePeriodS / (arrival.activePeriodS + arrival.idlePeriodS);
  return arrival.meanInterarrivalS / activeShare;
}

/** The problems of a run window; empty when the run can count tasks. */
export function runWindowProblems(scenario: Scenario, w: RunWindow, origin: RunWindowOrigin): Problem[] {
  const problems: Problem[] = [];
  if (w.warmupS >= w.durationS) {
    // Named by the warm-up's flag even when the scenario supplied it: that is the value to pass.
    problems.push({
      path: origin.warmupS,
      value: w.warmupS,
      message: `the warm-up (${w.warmupS} s${origin.warmupGiven ? "" : ", the scenario's simulation.warmupS"}) is not shorter than the run (${w.durationS} s): no task would be counted`,
      fix: `set ${origin.warmupS} below ${w.durationS} (e.g. ${niceWarmup(w.durationS)}), or a ${origin.durationS} above ${w.warmupS}`,
    });
    return problems;
  }
  const startS = scenario.workload.startS;
  if (startS >= w.durationS) {
    problems.push({
      path: `${origin.scenario}: workload.startS`,
      value: startS,
      message: `the workload starts at ${startS} s, at or after the end of the run (${w.durationS} s): no task would arrive`,
      fix: `set ${origin.durationS} above ${startS}, or an earlier workload.startS in the scenario`,
    });
    return problems;
  }
  const from = Math.max(w.warmupS, startS);
  const windowS = w.durationS - from;
  const shortest = Math.min(...scenario.workload.apps.map((a) => meanIntervalS(a.arrival)));
  // Under EdgeCloudSim's counting rule a task rejected during the warm-up is counted too, so a
  // short counted window can still count something: only the first two rules apply then.
  if (windowS < shortest && !scenario.simulation.countWarmupRejections) {
    const blameWarmup = origin.warmupGiven && w.warmupS >= startS;
    problems.push({
      path: blameWarmup ? origin.warmupS : origin.durationS,
      value: blameWarmup ? w.warmupS : w.durationS,
      message: `only ${round(windowS)} s are counted (from ${round(from)} s to ${w.durationS} s), less than one task per device on average (the most frequent app emits every ${round(shortest)} s)`,
      fix: `set ${origin.durationS} to at least ${round(from + shortest)} s${blameWarmup ? `, or a smaller ${origin.warmupS}` : ""}`,
    });
  }
  return problems;
}

/** Throw an InputError when the run cannot count anything. */
export function checkRunWindow(scenario: Scenario, w: RunWindow, origin: RunWindowOrigin, source = "run"): void {
  const problems = runWindowProblems(scenario, w, origin);
  if (problems.length > 0) throw new InputError(source, problems);
}

const round = (x: number) => Number(x.toPrecision(4));

/** A warm-up suggestion: a tenth of the run, as EdgeCloudSim's 3 min of 30. */
function niceWarmup(durationS: number): string {
  return `${round(durationS / 10)}`;
}
