// Macro benchmark: simulated tasks per wall second per policy and device count, one core; the same
// rate set against EdgeCloudSim's on its own world; and the peak resident memory of a long run
// measured in a fresh child process.
import { execFileSync } from "node:child_process";
import { runReplica } from "../src/engine/run.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { loadReference, type Reference } from "../src/experiment/conformance.ts";
import { spread, type Figure } from "./compare.ts";

/** One tracked replica shape (the macro stage and the A/B of --against run the same list). */
export interface MacroCase {
  scenario: string;
  policy: string;
  devices: number;
  durationS: number;
  warmupS: number;
}

export interface MacroRow extends Omit<MacroCase, "warmupS"> {
  tasks: number;
  tasksPerS: number;
  samples: number[];
}

/** Policies on EdgeCloudSim's world at one point, to be set against EdgeCloudSim's measured speed there. */
export interface EdgeCloudSimSpeedCase {
  scenario: string;
  devices: number;
  durationS: number;
  policies: string[];
}

export interface MacroGrid {
  scenarios: string[];
  policies: string[];
  devices: number[];
  /** Simulated seconds per scenario name. */
  durationS: Record<string, number>;
  edgecloudsim: EdgeCloudSimSpeedCase;
}

export interface MacroOptions {
  cases: MacroCase[];
  repeats: number;
  log?: (line: string) => void;
}

const warmupFor = (durationS: number) => Math.min(30, durationS / 4);

/** The tracked figure of a case (its A/B verdict carries the same name). */
export const macroFigureName = (c: Omit<MacroCase, "warmupS">) => `sim.${c.scenario}.${c.policy}.${c.devices}`;

/** The grid (scenario × policy × device count), then the EdgeCloudSim comparison's cases the grid lacks. */
export function macroCases(grid: MacroGrid): MacroCase[] {
  const cases: MacroCase[] = [];
  const add = (c: Omit<MacroCase, "warmupS">) => {
    if (!cases.some((x) => x.scenario === c.scenario && x.policy === c.policy && x.devices === c.devices && x.durationS === c.durationS)) {
      cases.push({ ...c, warmupS: warmupFor(c.durationS) });
    }
  };
  for (const scenario of grid.scenarios) {
    const durationS = grid.durationS[scenario] ?? 300;
    for (const policy of grid.policies) for (const devices of grid.devices) add({ scenario, policy, devices, durationS });
  }
  const e = grid.edgecloudsim;
  for (const policy of e.policies) add({ scenario: e.scenario, policy, devices: e.devices, durationS: e.durationS });
  return cases;
}

export async function runMacro(opts: MacroOptions): Promise<{ rows: MacroRow[]; figures: Figure[] }> {
  const rows: MacroRow[] = [];
  const figures: Figure[] = [];
  for (const c of opts.cases) {
    const resolved = loadScenario(c.scenario);
    const run = { devices: c.devices, seed: 1, durationS: c.durationS, warmupS: c.warmupS };
    const samples: number[] = [];
    let tasks = 0;
    // One discarded warm-up run per case (JIT, WASM instantiation, caches), then the samples.
    runReplica(resolved, c.policy, run);
    for (let r = 0; r < opts.repeats; r++) {
      const res = runReplica(resolved, c.policy, run);
      tasks = res.tasksSimulated;
      samples.push(res.tasksSimulated / res.wallS);
    }
    const s = spread(samples);
    rows.push({ scenario: c.scenario, policy: c.policy, devices: c.devices, durationS: c.durationS, tasks, tasksPerS: s.median, samples });
    figures.push({ name: macroFigureName(c), unit: "tasks/s", better: "higher", ...s, samples });
    opts.log?.(`  ${c.scenario.padEnd(18)} ${c.policy.padEnd(20)} ${String(c.devices).padStart(5)} devices  ${Math.round(s.median).toString().padStart(9)} tasks/s  (${tasks} tasks, ${c.durationS} s)`);
  }
  return { rows, figures };
}

/** What the speed comparison asks of mecbench: this many times EdgeCloudSim's rate. */
export const EDGECLOUDSIM_SPEED_TARGET = 1000;

export interface EdgeCloudSimSpeedRow {
  policy: string;
  /** mecbench: median tasks generated per wall second of the run's event loop (in-process). */
  tasksPerS: number;
  /** EdgeCloudSim: tasks generated per wall second of one run (its replicas' means), or null when it was not measured there. */
  edgeCloudSimTasksPerS: number | null;
  ratio: number | null;
  target: number;
}

/**
 * mecbench's in-process rate beside EdgeCloudSim's on the same world, policy by policy. EdgeCloudSim's
 * rate is its mean generated task count over its mean wall time per run, as measured on its sample_app4
 * (the conformance reference); the comparison holds for one machine, where both were measured.
 */
export function edgeCloudSimSpeed(rows: readonly MacroRow[], speed: EdgeCloudSimSpeedCase, reference: Reference = loadReference()): EdgeCloudSimSpeedRow[] {
  return speed.policies.flatMap((policy) => {
    const row = rows.find((r) => r.scenario === speed.scenario && r.policy === policy && r.devices === speed.devices && r.durationS === speed.durationS);
    if (!row) return [];
    const point = reference.points.find((p) => p.policy === policy && p.devices === speed.devices);
    const generated = point?.counts.generated;
    const ecs = point && generated !== undefined && point.wallS > 0 && reference.simulation.durationS === speed.durationS ? generated / point.wallS : null;
    return [{ policy, tasksPerS: row.tasksPerS, edgeCloudSimTasksPerS: ecs, ratio: ecs === null ? null : row.tasksPerS / ecs, target: EDGECLOUDSIM_SPEED_TARGET }];
  });
}

/** The comparison's lines for the bench's log. */
export function formatEdgeCloudSimSpeed(rows: readonly EdgeCloudSimSpeedRow[], speed: EdgeCloudSimSpeedCase): string[] {
  const f = (x: number) => Math.round(x).toLocaleString("en-US");
  return [
    `  against EdgeCloudSim (${speed.scenario}, ${speed.devices} devices, ${speed.durationS} s; its generated tasks per wall second on the same machine, docs/conformance/edgecloudsim-reference.json):`,
    ...rows.map((r) =>
      r.ratio === null || r.edgeCloudSimTasksPerS === null
        ? `    ${r.policy.padEnd(18)} ${f(r.tasksPerS).padStart(10)} tasks/s   EdgeCloudSim: not measured there`
        : `    ${r.policy.padEnd(18)} ${f(r.tasksPerS).padStart(10)} tasks/s   EdgeCloudSim ${f(r.edgeCloudSimTasksPerS).padStart(5)}/s   ${f(r.ratio).padStart(5)}×  ${r.ratio >= r.target ? "≥" : "BELOW"} ${f(r.target)}×`,
    ),
  ];
}

/** Peak RSS (MB) of a paper-preset run at 2000 devices, in a child process of its own. */
export async function peakRssMb(durationS: number): Promise<number> {
  // The child imports the same form of the code as this process: the compiled JavaScript next to
  // dist/bench/macro.js (npm run bench), or the TypeScript sources through tsx (npx tsx bench/main.ts).
  const compiled = import.meta.url.endsWith(".js");
  const module = (path: string) => JSON.stringify(new URL(`../src/${path}.${compiled ? "js" : "ts"}`, import.meta.url).href);
  const script = `
    const { loadScenario } = await import(${module("scenario/load")});
    const { runReplica } = await import(${module("engine/run")});
    runReplica(loadScenario("paper"), "utilization-based", { devices: 2000, seed: 1, durationS: ${durationS}, warmupS: 0 });
    console.log(process.resourceUsage().maxRSS);`;
  const loader = compiled ? [] : ["--import", "tsx"];
  const out = execFileSync(process.execPath, [...loader, "--input-type=module", "-e", script], { encoding: "utf8" });
  return Number(out.trim().split("\n").at(-1)) / 1024;
}
