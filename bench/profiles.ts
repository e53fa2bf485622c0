// What `npm run bench` runs: the quick default (≤ 3 minutes on a 2-core machine; 85 s measured at load 3–4) and the
// paper-scale `--profile full` (10 replicas, 30 simulated minutes).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { sweepCommand } from "../src/cli/sweep.ts";
import { writeReport } from "../src/report/write-report.ts";
import type { EdgeCloudSimSpeedCase, MacroGrid } from "./macro.ts";

export interface Profile {
  microTimeMs: number;
  /** The grid, and the speed comparison with EdgeCloudSim (bench/macro.ts), run in one stage. */
  macro: MacroGrid & { repeats: number };
  rssDurationS: number;
  /** Samples of the neural-network decision cost (bench/nn.bench.ts runNnDecisionCost). */
  nnDecisionSamples: number;
  sweeps: { scenario: string; devices: string; replicas: number; durationS: number; warmupS: number; policies?: string }[];
  /**
   * Expected seconds per stage, for the progress lines' ETA only (bench/stage-clock.ts scales them
   * by this run's pace). Quick: measured on the 2-core reference VM while other jobs ran
   * (load average 6–8; 88 s in all); full: rough guesses.
   */
  expectedS: { cpu: number; micro: number; macro: number; nn: number; sweep: Record<string, number>; abBuild: number; abRound: number; history: number };
}

const MACRO_POLICIES = ["utilization-based", "greedy-min-service"];
// EdgeCloudSim's own world at its largest measured point: the five policies it ships, 2000 devices,
// its 5 simulated minutes (docs/conformance/edgecloudsim-reference.json holds its wall times there).
const EDGECLOUDSIM_SPEED: EdgeCloudSimSpeedCase = {
  scenario: "edgecloudsim-app4", devices: 2000, durationS: 300, policies: ["utilization-based", "flores", "sonmez", "hybrid", "network-based"],
};

export const PROFILES = {
  quick: {
    microTimeMs: 500,
    macro: { scenarios: ["paper", "edgecloudsim-app4"], policies: MACRO_POLICIES, devices: [200, 1000, 2000], durationS: { paper: 60, "edgecloudsim-app4": 300 }, repeats: 5, edgecloudsim: EDGECLOUDSIM_SPEED },
    rssDurationS: 300,
    nnDecisionSamples: 5,
    sweeps: [
      // 3 replicas, the fewest the report draws an interval from; the EdgeCloudSim world at the
      // paper's device counts (200-2000 step 200), in 240 s runs to stay well inside the budget.
      { scenario: "paper", devices: "200,1000,2000", replicas: 3, durationS: 60, warmupS: 15 },
      { scenario: "edgecloudsim-app4", devices: "200:2000:200", replicas: 3, durationS: 240, warmupS: 60 },
    ],
    expectedS: { cpu: 1, micro: 16, macro: 13, nn: 15, sweep: { paper: 27, "edgecloudsim-app4": 17 }, abBuild: 30, abRound: 13, history: 1 },
  },
  full: {
    microTimeMs: 1500,
    macro: { scenarios: ["paper", "edgecloudsim-app4"], policies: MACRO_POLICIES, devices: [200, 1000, 2000], durationS: { paper: 300, "edgecloudsim-app4": 1980 }, repeats: 5, edgecloudsim: EDGECLOUDSIM_SPEED },
    rssDurationS: 1800,
    nnDecisionSamples: 11,
    sweeps: [
      { scenario: "paper", devices: "200:2000:200", replicas: 10, durationS: 1800, warmupS: 180 },
      { scenario: "edgecloudsim-app4", devices: "200:2400:200", replicas: 10, durationS: 1980, warmupS: 180 },
    ],
    expectedS: { cpu: 4, micro: 70, macro: 150, nn: 60, sweep: { paper: 2400, "edgecloudsim-app4": 1800 }, abBuild: 25, abRound: 20, history: 3 },
  },
} satisfies Record<string, Profile>;

export type ProfileName = keyof typeof PROFILES;

export interface SweepOutcome {
  scenario: string;
  out: string;
  exitCode: number;
  wallS: number;
  report?: string;
}

export async function runSweeps(profile: Profile, outRoot: string, log: (line: string) => void, onStart?: (scenario: string) => void): Promise<SweepOutcome[]> {
  const outcomes: SweepOutcome[] = [];
  for (const s of profile.sweeps) {
    onStart?.(s.scenario);
    const out = join(outRoot, s.scenario);
    const argv = ["--scenario", s.scenario, "--devices", s.devices, "--replicas", String(s.replicas), "--duration-s", String(s.durationS), "--warmup-s", String(s.warmupS), "--out", out];
    if (s.policies) argv.push("--policies", s.policies);
    log(`  mecbench sweep ${argv.join(" ")}`);
    const t0 = performance.now();
    const exitCode = await sweepCommand(argv);
    const wallS = (performance.now() - t0) / 1000;
    const outcome: SweepOutcome = { scenario: s.scenario, out, exitCode, wallS };
    if (existsSync(join(out, "rows.jsonl"))) {
      const report = await writeReport(out);
      outcome.report = join(out, "report", "index.html");
      log(`  report: ${outcome.report} (${report.files.length} files)`);
    }
    log(`  ${s.scenario}: ${wallS.toFixed(1)} s, exit ${exitCode}`);
    outcomes.push(outcome);
  }
  return outcomes;
}
