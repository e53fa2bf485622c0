// npm run bench: mecbench's main job on the built-in default, end to end.
//   1. micro-benchmarks (tinybench) normalised by a CPU reference loop measured in the same run;
//   2. macro: simulated tasks per wall second per policy and device count, peak RSS, and the
//      neural-network policy's decision cost per task;
//   3. quick sweeps of the paper and edgecloudsim-app4 presets, then their reports;
//   4. results/bench/<timestamp>/ (raw samples, environment), a history line, a summary table,
//      and with --check the regression verdicts against results/baseline.json.
//   5. with --against <git-ref>, an A/B comparison with that commit's build (bench/ab.ts).
// Options: --profile quick|full, --only micro|macro|sweep, --check, --update-baseline,
// --against <git-ref>, --ab-pairs <n>. Every stage prints a progress line with an ETA.
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { VERSION } from "../src/engine/run.ts";
import { softwareVersions } from "../src/experiment/manifest.ts";
import { PROJECT_ROOT } from "../src/kernel/project-files.ts";
import { compareRuns, type Figure, type RunFigures, type Verdict } from "./compare.ts";
import { measureCpuReference } from "./cpu-reference.ts";
import { writeHistoryReport } from "./history.ts";
import { edgeCloudSimSpeed, formatEdgeCloudSimSpeed, macroCases, runMacro, peakRssMb, type EdgeCloudSimSpeedRow, type MacroRow } from "./macro.ts";
import { writeBenchPage } from "./page.ts";
import { fmt, runMicro } from "./micro.ts";
import { runNnDecisionCost } from "./nn.bench.ts";
import { PROFILES, runSweeps, type Profile, type ProfileName, type SweepOutcome } from "./profiles.ts";
import { formatAbRows, prepareBuild, resolveCommit, runAb, type PreparedBuild } from "./ab.ts";
import { AB_DEFAULTS, MIN_PAIRS } from "./ab-stats.ts";
import { StageClock, type Stage } from "./stage-clock.ts";

const root = PROJECT_ROOT;
/** Pairs per case in the A/B comparison: test/bench-ab.test.ts shows 10 catch a 10 % slowdown under ±30 % shared noise. */
const DEFAULT_AB_PAIRS = 10;
const baselinePath = new URL("results/baseline.json", root);
const historyPath = new URL("results/bench/history.jsonl", root);

function usage(message: string): never {
  process.stderr.write(`npm run bench: ${message}\nUsage: npm run bench -- [--profile quick|full] [--only micro|macro|sweep] [--check] [--update-baseline] [--against <git-ref> [--ab-pairs <n>]]\n`);
  process.exit(2);
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      options: {
        profile: { type: "string", default: "quick" },
        only: { type: "string" },
        check: { type: "boolean", default: false },
        "update-baseline": { type: "boolean", default: false },
        against: { type: "string" },
        "ab-pairs": { type: "string", default: String(DEFAULT_AB_PAIRS) },
      },
      strict: true,
    }));
  } catch (err) {
    usage(err instanceof Error ? err.message : String(err));
  }
  const profileName = values.profile as ProfileName;
  if (!(profileName in PROFILES)) usage(`unknown --profile "${values.profile}": use quick or full`);
  const only = values.only;
  if (only !== undefined && !["micro", "macro", "sweep"].includes(only)) usage(`unknown --only "${only}": use micro, macro or sweep`);
  const profile: Profile = PROFILES[profileName];
  const parts = only ? [only] : ["micro", "macro", "sweep"];
  const abPairs = Number(values["ab-pairs"]);
  if (!Number.isInteger(abPairs) || abPairs < MIN_PAIRS) usage(`--ab-pairs: not an integer ≥ ${MIN_PAIRS} (found "${values["ab-pairs"]}"); fewer pairs give no verdict`);
  const previousCommit = values.against === undefined ? undefined : resolveCommit(fileURLToPath(root), values.against);
  if (previousCommit === null) usage(`--against "${values.against}": not a commit of this repository (use a branch, tag, commit id or HEAD~1; a shallow clone may lack it)`);
  const stages: Stage[] = [
    { name: "CPU reference", expectedS: profile.expectedS.cpu },
    ...(parts.includes("micro") ? [{ name: "micro-benchmarks", expectedS: profile.expectedS.micro }] : []),
    ...(parts.includes("macro") ? [
      { name: "macro: simulated tasks per wall second", expectedS: profile.expectedS.macro },
      { name: "neural-network decision cost", expectedS: profile.expectedS.nn },
    ] : []),
    ...(parts.includes("sweep") ? profile.sweeps.map((s) => ({ name: `sweep and report: ${s.scenario}`, expectedS: profile.expectedS.sweep[s.scenario] ?? 60 })) : []),
    ...(previousCommit ? [
      { name: "A/B: build the other commit", expectedS: profile.expectedS.abBuild },
      { name: "A/B: alternate runs", expectedS: (profile.expectedS.abRound * abPairs) },
    ] : []),
    { name: "history and verdicts", expectedS: profile.expectedS.history },
  ];

  const started = performance.now();
  const loadStart = loadavg()[0]!;
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const dir = new URL(`results/bench/${stamp}/`, root);
  mkdirSync(dir, { recursive: true });
  const environment = environmentFacts();
  writeFileSync(new URL("environment.json", dir), `${JSON.stringify(environment, null, 2)}\n`);
  const log = (line: string) => console.log(line);
  log(`mecbench ${VERSION} bench (${profileName}) on ${environment.cpu} × ${environment.cores}, Node ${process.version}`);
  const clock = new StageClock(stages, log);

  clock.start("CPU reference");
  log("CPU reference loop (normalises every figure)");
  const cpu = await measureCpuReference(profile.microTimeMs * 2);
  log(`  ${"cpu-reference".padEnd(34)} ${fmt(cpu.median).padStart(12)} iter/s     ±${fmt(cpu.iqr / 2)}`);
  const figures: Figure[] = [];
  const micro: Figure[] = [];
  let macroRows: MacroRow[] = [];
  let edgecloudsim: EdgeCloudSimSpeedRow[] = [];
  let rssMb: number | undefined;
  let sweeps: SweepOutcome[] = [];

  if (parts.includes("micro")) {
    clock.start("micro-benchmarks");
    log("micro-benchmarks (tinybench medians, ± half the interquartile range)");
    micro.push(...(await runMicro({ timeMs: profile.microTimeMs, log })));
    figures.push(...micro);
  }
  if (parts.includes("macro")) {
    clock.start("macro: simulated tasks per wall second");
    log("macro: simulated tasks per wall second, one core");
    const macro = await runMacro({ cases: macroCases(profile.macro), repeats: profile.macro.repeats, log });
    edgecloudsim = edgeCloudSimSpeed(macro.rows, profile.macro.edgecloudsim);
    for (const line of formatEdgeCloudSimSpeed(edgecloudsim, profile.macro.edgecloudsim)) log(line);
    writeFileSync(new URL("macro.json", dir), `${JSON.stringify({ ...macro, edgecloudsim }, null, 2)}\n`);
    figures.push(...macro.figures);
    macroRows = macro.rows;
    rssMb = await peakRssMb(profile.rssDurationS);
    log(`  peak RSS, paper preset, 2000 devices, ${profile.rssDurationS} simulated s: ${rssMb.toFixed(1)} MB`);
    clock.start("neural-network decision cost");
    log("neural-network decision cost inside WASM: extra wall time per task when every placement runs 3 times (bench/nn.bench.ts)");
    const nn = runNnDecisionCost({ samples: profile.nnDecisionSamples, log });
    writeFileSync(new URL("nn-decision.json", dir), `${JSON.stringify(nn.rows, null, 2)}\n`);
    figures.push(...nn.figures);
  }
  if (parts.includes("sweep")) {
    sweeps = await runSweeps(profile, new URL("sweeps/", dir).pathname, log, (scenario) => clock.start(`sweep and report: ${scenario}`));
    writeFileSync(new URL("sweeps.json", dir), `${JSON.stringify(sweeps, null, 2)}\n`);
  }

  let exit = 0;
  if (previousCommit) {
    clock.start("A/B: build the other commit");
    let previous: PreparedBuild | undefined;
    try {
      previous = prepareBuild(fileURLToPath(root), previousCommit, log);
      clock.start("A/B: alternate runs");
      const rows = await runAb({ currentRoot: fileURLToPath(root), previousRoot: previous.root, cases: macroCases(profile.macro), pairs: abPairs, marginPct: AB_DEFAULTS.marginPct, log });
      for (const line of formatAbRows(rows, previousCommit)) log(line);
      writeFileSync(new URL("ab.json", dir), `${JSON.stringify({ previousCommit, currentCommit: environment.commit, dependencies: previous.dependencies, marginPct: AB_DEFAULTS.marginPct, rows }, null, 2)}\n`);
      if (rows.some((r) => r.verdict.regressed)) exit = 1;
    } finally {
      previous?.dispose();
    }
  }

  clock.start("history and verdicts");
  const run: RunFigures = { cpuReference: cpu.median, figures };
  writeFileSync(new URL("raw.json", dir), `${JSON.stringify({ environment, cpuReference: cpu, figures }, null, 2)}\n`);
  mkdirSync(new URL("results/bench/", root), { recursive: true });
  appendFileSync(historyPath, `${JSON.stringify({ stamp, commit: environment.commit, profile: profileName, cpuReference: cpu.median, figures: figures.map(({ samples: _s, ...f }) => f) })}\n`);
  const history = await writeHistoryReport(historyPath, new URL("history/", dir).pathname);
  log(`\nhistory: ${history.runs} runs, chart ${history.chart}`);

  if (values.check) {
    if (!existsSync(baselinePath)) usage("no results/baseline.json to check against: run with --update-baseline first");
    const baseline = JSON.parse(readFileSync(baselinePath, "utf8")) as RunFigures;
    const verdicts = compareRuns(baseline, run);
    printVerdicts(verdicts, log);
    writeFileSync(new URL("check.json", dir), `${JSON.stringify(verdicts, null, 2)}\n`);
    if (verdicts.some((v) => v.regressed)) exit = 1;
  }
  if (values["update-baseline"]) {
    const slim: RunFigures = { cpuReference: cpu.median, figures: figures.map(({ samples: _s, ...f }) => f) };
    writeFileSync(baselinePath, `${JSON.stringify({ ...slim, commit: environment.commit, stamp, profile: profileName }, null, 2)}\n`);
    log(`baseline written: ${baselinePath.pathname}`);
  }
  clock.finish();
  const page = writeBenchPage({
    dir: dir.pathname, stamp, profile: profileName, environment, load: { start: loadStart, end: loadavg()[0]! }, cpuReference: cpu.median,
    micro, macro: macroRows, edgecloudsim, ...(rssMb !== undefined ? { peakRssMb: rssMb } : {}), sweeps, sweepSettings: profile.sweeps,
    historyChart: history.chart, wallS: (performance.now() - started) / 1000,
  });
  log(`page: ${page}`);
  log(`\nwritten: ${dir.pathname} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  return exit;
}

function printVerdicts(verdicts: Verdict[], log: (line: string) => void): void {
  log("\nregression check against results/baseline.json (normalised by the CPU reference)");
  for (const v of verdicts) {
    const mark = v.regressed ? "REGRESSED" : v.note ?? "ok";
    log(`  ${v.name.padEnd(40)} ${v.changePct >= 0 ? "+" : ""}${v.changePct.toFixed(1).padStart(6)} %  band ±${v.bandPct.toFixed(0)} %  ${mark}`);
  }
}

function environmentFacts() {
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    commit,
    versions: softwareVersions(VERSION),
  };
}

main().then((code) => process.exit(code));
