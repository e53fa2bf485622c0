// Decision cost of the neural-network policy inside a real run, two ways:
//   runNnDecisionCost (what `npm run bench` tracks): the engine has no clock inside,
//     so the run is made twice, normally and with the policy's `repeat` option, which places every
//     task `repeat` times on the same state and keeps the (identical) last answer: same decisions,
//     same queues, same events; the extra wall time divided by the extra placements is the cost of a
//     placement (scan, C2–C4, both networks, VM choice) on the run's own states. In batch mode the
//     batch's bookkeeping (sort, open list, the overflow retries that C3 settles before any
//     placement) is not repeated, so it is not in the figure; runNativeNnBench's includes it.
//   runNativeNnBench: the whole run's wall time minus that of the same replica under `random` (also
//     inside WASM), per simulated task: approximate, because the two leave different queues behind.
// Direct use: npx tsx bench/nn.bench.ts   (after npm run build:wasm; needs the models/<preset>/ set)
import { pathToFileURL } from "node:url";
import { runReplica } from "../src/engine/run.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { spread, type Figure } from "./compare.ts";


export interface NativeNnBenchRow {
  scenario: string;
  devices: number;
  durationS: number;
  tasks: number;
  /** Median wall seconds of the whole run (3 samples after a warm-up). */
  nnWallS: number;
  randomWallS: number;
  nnTasksPerS: number;
  /** (nnWallS − randomWallS) per simulated task, ns: the policy's approximate decision cost. */
  nsPerTask: number;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export interface NnDecisionCase {
  scenario: string;
  devices: number;
  durationS: number;
}

export const NN_DECISION_CASES: readonly NnDecisionCase[] = [
  { scenario: "paper", devices: 2000, durationS: 60 },
  { scenario: "edgecloudsim-app4", devices: 2000, durationS: 300 },
];

export interface NnDecisionCostRow extends NnDecisionCase {
  tasks: number;
  /** Placements per run (the policy's decisions in per-task mode; fewer than decisions in batch mode). */
  decisions: number;
  repeat: number;
  /** Per sample: (wall with repeat − wall without) / (repeat − 1) / tasks, ns. */
  samples: number[];
  nsPerTask: number;
  iqr: number;
  wallS: number;
}

/** Placement cost per task inside the engine, by the repeat option (see the header). */
export function runNnDecisionCost(opts: { cases?: readonly NnDecisionCase[]; repeat?: number; samples?: number; log?: (line: string) => void } = {}): {
  rows: NnDecisionCostRow[];
  figures: Figure[];
} {
  const repeat = opts.repeat ?? 3;
  const rows: NnDecisionCostRow[] = [];
  const figures: Figure[] = [];
  for (const c of opts.cases ?? NN_DECISION_CASES) {
    const resolved = loadScenario(c.scenario);
    const run = (r: number) => runReplica(resolved, "neural-network", { devices: c.devices, seed: 1, durationS: c.durationS, warmupS: 0, policyOptions: { repeat: r } });
    run(1);
    run(repeat);
    const samples: number[] = [];
    const walls: number[] = [];
    let tasks = 0, decisions = 0;
    for (let k = 0; k < (opts.samples ?? 5); k++) {
      // Alternated, so that a change of machine speed during the run hits both sides.
      const once = run(1);
      const again = run(repeat);
      tasks = once.tasksSimulated;
      decisions = once.policyStats.decisions ?? 0;
      walls.push(once.wallS);
      samples.push(((again.wallS - once.wallS) / (repeat - 1) / tasks) * 1e9);
    }
    const s = spread(samples);
    rows.push({ ...c, tasks, decisions, repeat, samples, nsPerTask: s.median, iqr: s.iqr, wallS: median(walls) });
    figures.push({ name: `nn.decision.${c.scenario}.${c.devices}`, unit: "ns/task", better: "lower", ...s, samples });
    opts.log?.(`  ${c.scenario.padEnd(18)} ${String(c.devices).padStart(5)} devices  ${s.median.toFixed(0).padStart(6)} ns per task ±${(s.iqr / 2).toFixed(0)}` +
      `  (${tasks} tasks, ${decisions} decisions, run ${median(walls).toFixed(3)} s, ${c.durationS} simulated s)`);
  }
  return { rows, figures };
}

export async function runNativeNnBench(opts: { cases?: { scenario: string; devices: number; durationS: number }[]; log?: (line: string) => void } = {}): Promise<NativeNnBenchRow[]> {
  const cases = opts.cases ?? [
    { scenario: "paper", devices: 2000, durationS: 60 },
    { scenario: "edgecloudsim-app4", devices: 2000, durationS: 300 },
  ];
  const rows: NativeNnBenchRow[] = [];
  for (const c of cases) {
    const resolved = loadScenario(c.scenario);
    const run = (policy: string) => runReplica(resolved, policy, { devices: c.devices, seed: 1, durationS: c.durationS, warmupS: 0 });
    run("neural-network");
    run("random");
    const nn: number[] = [];
    const rnd: number[] = [];
    let tasks = 0;
    for (let k = 0; k < 3; k++) {
      const a = run("neural-network");
      tasks = a.tasksSimulated;
      nn.push(a.wallS);
      rnd.push(run("random").wallS);
    }
    const row: NativeNnBenchRow = {
      ...c, tasks, nnWallS: median(nn), randomWallS: median(rnd), nnTasksPerS: tasks / median(nn),
      nsPerTask: ((median(nn) - median(rnd)) / tasks) * 1e9,
    };
    rows.push(row);
    opts.log?.(`${c.scenario.padEnd(18)} ${String(c.devices).padStart(5)} devices  neural-network ${Math.round(row.nnTasksPerS).toString().padStart(8)} tasks/s  ` +
      `(${row.nnWallS.toFixed(3)} s vs random ${row.randomWallS.toFixed(3)} s)  ≈ ${row.nsPerTask.toFixed(0)} ns per task`);
  }
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  console.log("neural-network inside WASM (default): placement cost per task (repeat option, seed 1)");
  runNnDecisionCost({ log: console.log });
  console.log("neural-network inside WASM (default): whole run, and the difference to random per task (seed 1)");
  await runNativeNnBench({ log: console.log });
}
