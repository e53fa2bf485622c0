// Macro benchmark: simulated tasks per wall second per policy and device count, one core.
import { runReplica } from "../src/engine/run.ts";
import { createRegistry } from "../src/policies/registry.ts";
import { loadScenario } from "../src/scenario/load.ts";

export interface MacroResult {
  scenario: string;
  policy: string;
  devices: number;
  durationS: number;
  tasks: number;
  /** Median over the repetitions. */
  tasksPerS: number;
  samples: number[];
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export function runMacro(opts: { scenarios: string[]; policies?: string[]; devices: number[]; durationS: number; repeats: number; log?: (line: string) => void }): MacroResult[] {
  const out: MacroResult[] = [];
  const policies = opts.policies ?? createRegistry().names();
  for (const name of opts.scenarios) {
    const resolved = loadScenario(name);
    for (const policy of policies) {
      for (const devices of opts.devices) {
        const samples: number[] = [];
        let tasks = 0;
        for (let r = 0; r < opts.repeats; r++) {
          const res = runReplica(resolved, policy, { devices, seed: 1, durationS: opts.durationS, warmupS: Math.min(30, opts.durationS / 4) });
          tasks = res.tasksSimulated;
          samples.push(res.tasksSimulated / res.wallS);
        }
        const row = { scenario: name, policy, devices, durationS: opts.durationS, tasks, tasksPerS: median(samples), samples };
        opts.log?.(`  ${name.padEnd(18)} ${policy.padEnd(20)} ${String(devices).padStart(5)} devices  ${Math.round(row.tasksPerS).toString().padStart(9)} tasks/s`);
        out.push(row);
      }
    }
  }
  return out;
}
