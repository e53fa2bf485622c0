// Macro benchmark: simulated tasks per wall second per policy and device count, one core, and the
// peak resident memory of a long run measured in a fresh child process.
import { execFileSync } from "node:child_process";
import { runReplica } from "../src/engine/run.ts";
import { loadScenario } from "../src/scenario/load.ts";
import { spread, type Figure } from "./compare.ts";

export interface MacroRow {
  scenario: string;
  policy: string;
  devices: number;
  durationS: number;
  tasks: number;
  tasksPerS: number;
  samples: number[];
}

export interface MacroOptions {
  scenarios: string[];
  policies: string[];
  devices: number[];
  /** Simulated seconds per scenario name. */
  durationS: Record<string, number>;
  repeats: number;
  log?: (line: string) => void;
}

export async function runMacro(opts: MacroOptions): Promise<{ rows: MacroRow[]; figures: Figure[] }> {
  const rows: MacroRow[] = [];
  const figures: Figure[] = [];
  for (const name of opts.scenarios) {
    const resolved = loadScenario(name);
    const durationS = opts.durationS[name] ?? resolved.scenario.simulation.durationS;
    for (const policy of opts.policies) {
      for (const devices of opts.devices) {
        const samples: number[] = [];
        let tasks = 0;
        // One discarded warm-up run per case (JIT, WASM instantiation, caches), then the samples.
        runReplica(resolved, policy, { devices, seed: 1, durationS, warmupS: Math.min(30, durationS / 4) });
        for (let r = 0; r < opts.repeats; r++) {
          const res = runReplica(resolved, policy, { devices, seed: 1, durationS, warmupS: Math.min(30, durationS / 4) });
          tasks = res.tasksSimulated;
          samples.push(res.tasksSimulated / res.wallS);
        }
        const s = spread(samples);
        rows.push({ scenario: name, policy, devices, durationS, tasks, tasksPerS: s.median, samples });
        figures.push({ name: `sim.${name}.${policy}.${devices}`, unit: "tasks/s", better: "higher", ...s, samples });
        opts.log?.(`  ${name.padEnd(18)} ${policy.padEnd(20)} ${String(devices).padStart(5)} devices  ${Math.round(s.median).toString().padStart(9)} tasks/s  (${tasks} tasks)`);
      }
    }
  }
  return { rows, figures };
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
