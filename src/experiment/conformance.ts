// Conformance with EdgeCloudSim on its own world: the edgecloudsim-app4 preset run at the points
// EdgeCloudSim was measured at (docs/conformance/edgecloudsim-reference.json), mecbench's mean over
// seeds compared cell by cell with EdgeCloudSim's mean over its replicas. A cell agrees when the
// difference is within max(10 % of EdgeCloudSim's mean, half its replica range, an absolute floor:
// 0.02 s for times, 0.5 percentage points for percentages): the rule the reference file states.
// EdgeCloudSim seeds from the clock, so its replica range is the only measure of its own noise.
import { readFileSync } from "node:fs";
import { runReplica } from "../engine/run.ts";
import type { RunResult } from "../results/run-result.ts";
import { projectFile } from "../kernel/project-files.ts";
import type { ResolvedScenario } from "../scenario/validate.ts";

/** A reference value: EdgeCloudSim's mean, min and max over its replicas. */
export interface RefValue {
  mean: number;
  min: number;
  max: number;
}

export interface ReferencePoint {
  policy: string;
  ecsPolicy: string;
  devices: number;
  replicas: number;
  serviceS: RefValue;
  processingS: RefValue;
  networkS: RefValue;
  edgeUtilPct: RefValue;
  edgeUtilPostWarmupPct: RefValue;
  failedPct: RefValue;
  counts: Record<string, number>;
}

export interface Reference {
  source: string;
  note: string;
  /** EdgeCloudSim's simulated time and warm-up of the measurement (s); our runs use the same. */
  simulation: { durationS: number; warmupS: number };
  points: ReferencePoint[];
}

/** The five metrics scored per point, with their unit (it sets the absolute tolerance floor). */
export const CONFORMANCE_METRICS = [
  { key: "serviceS", unit: "s", label: "service time" },
  { key: "processingS", unit: "s", label: "processing time" },
  { key: "networkS", unit: "s", label: "network delay" },
  { key: "failedPct", unit: "%", label: "failed tasks" },
  { key: "edgeUtilPct", unit: "%", label: "edge VM utilization" },
] as const;

export type ConformanceMetric = (typeof CONFORMANCE_METRICS)[number]["key"];

const FLOOR = { s: 0.02, "%": 0.5 } as const;

/** The tolerance of one cell (see the file comment). */
export function tolerance(ref: RefValue, unit: "s" | "%"): number {
  return Math.max(0.1 * Math.abs(ref.mean), (ref.max - ref.min) / 2, FLOOR[unit]);
}

export interface Cell {
  policy: string;
  devices: number;
  metric: ConformanceMetric;
  unit: "s" | "%";
  ours: number;
  /** Our values per seed (their spread is shown next to the mean). */
  oursPerSeed: number[];
  ref: RefValue;
  tolerance: number;
  diff: number;
  agrees: boolean;
}

export interface ConformanceResult {
  seeds: number[];
  cells: Cell[];
  agreeing: number;
  /** Failure counts by reason per point: ours (mean over seeds, counted tasks) beside EdgeCloudSim's. */
  failures: { policy: string; devices: number; ours: Record<string, number>; ecs: Record<string, number> }[];
}

export function loadReference(path: string | URL = projectFile("docs/conformance/edgecloudsim-reference.json")): Reference {
  return JSON.parse(readFileSync(path, "utf8")) as Reference;
}

/** Our value of a metric in one run, as EdgeCloudSim defines it where our result has it; NaN for no data (it never agrees). */
export function ourValue(r: RunResult, metric: ConformanceMetric): number {
  return ourValueOrNull(r, metric) ?? NaN;
}

function ourValueOrNull(r: RunResult, metric: ConformanceMetric): number | null {
  const m = r.metrics;
  switch (metric) {
    case "serviceS":
      return m.serviceTimeS;
    case "processingS":
      return m.processingTimeS;
    case "networkS":
      return m.networkDelayS;
    case "failedPct":
      return m.failedTaskPct;
    case "edgeUtilPct":
      return m.vmUtilizationPct.edge;
  }
}

/** Score our per-seed values of one cell against the reference. */
export function scoreCell(policy: string, devices: number, metric: ConformanceMetric, unit: "s" | "%", oursPerSeed: number[], ref: RefValue): Cell {
  const ours = oursPerSeed.reduce((a, b) => a + b, 0) / oursPerSeed.length;
  const tol = tolerance(ref, unit);
  const diff = ours - ref.mean;
  return { policy, devices, metric, unit, ours, oursPerSeed, ref, tolerance: tol, diff, agrees: Math.abs(diff) <= tol };
}

export interface ConformanceOptions {
  seeds: number[];
  /** Only these device counts / policies (all of the reference when absent). */
  devices?: number[];
  policies?: string[];
  onPoint?: (done: number, total: number, point: ReferencePoint) => void;
}

/** Run every reference point with each seed and score it. */
export function runConformance(resolved: ResolvedScenario, reference: Reference, opts: ConformanceOptions): ConformanceResult {
  const points = reference.points.filter(
    (p) => (!opts.devices || opts.devices.includes(p.devices)) && (!opts.policies || opts.policies.includes(p.policy)),
  );
  const cells: Cell[] = [];
  const failures: ConformanceResult["failures"] = [];
  points.forEach((p, i) => {
    const { durationS, warmupS } = reference.simulation;
    const runs = opts.seeds.map((seed) => runReplica(resolved, p.policy, { devices: p.devices, seed, durationS, warmupS }));
    for (const { key, unit } of CONFORMANCE_METRICS) {
      cells.push(scoreCell(p.policy, p.devices, key, unit, runs.map((r) => ourValue(r, key)), p[key]));
    }
    const ours: Record<string, number> = { generated: 0, counted: 0, completed: 0, failed: 0 };
    for (const r of runs) {
      // The workload's size (all tasks, warm-up included): at 2000 devices the cells follow it steeply.
      ours.generated! += r.counts.generated / runs.length;
      ours.counted! += (r.counts.counted.completed + r.counts.counted.failed) / runs.length;
      ours.completed! += r.counts.counted.completed / runs.length;
      ours.failed! += r.counts.counted.failed / runs.length;
      for (const [reason, n] of Object.entries(r.counts.counted.failedByReason)) ours[reason] = (ours[reason] ?? 0) + n / runs.length;
    }
    failures.push({ policy: p.policy, devices: p.devices, ours, ecs: p.counts });
    opts.onPoint?.(i + 1, points.length, p);
  });
  return { seeds: opts.seeds, cells, agreeing: cells.filter((c) => c.agrees).length, failures };
}
