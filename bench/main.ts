// npm run bench: mecbench's main job on the built-in default, end to end.
//   1. micro-benchmarks (tinybench) normalised by a CPU reference loop measured in the same run;
//   2. macro: simulated tasks per wall second per policy and device count, peak RSS, and the
//      neural-network policy's decision cost per task;
//   3. quick sweeps of the paper and edgecloudsim-app4 presets, then their reports;
//   4. results/bench/<timestamp>/ (raw samples, environment), a history line, a summary table,
//      and with --check the regression verdicts against results/baseline.json.
// Options: --profile quick|full, --only micro|macro|sweep, --check, --update-baseline.
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { parseArgs } from "node:util";
import { VERSION } from "../src/engine/run.ts";
import { softwareVersions } from "../src/experiment/manifest.ts";
import { PROJECT_ROOT } from "../src/project-files.ts";
import { compareRuns, type Figure, type RunFigures, type Verdict } from "./compare.ts";
import { measureCpuReference } from "./cpu-reference.ts";
import { writeHistoryReport } from "./history.ts";
import { runMacro, peakRssMb } from "./macro.ts";
import { fmt, runMicro } from "./micro.ts";
import { runNnDecisionCost } from "./nn.bench.ts";
import { PROFILES, runSweeps, type ProfileName } from "./profiles.ts";

const root = PROJECT_ROOT;
const baselinePath = new URL("results/baseline.json", root);
const historyPath = new URL("results/bench/history.jsonl", root);

function usage(message: string): never {
  process.stderr.write(`npm run bench: ${message}\nUsage: npm run bench -- [--profile quick|full] [--only micro|macro|sweep] [--check] [--update-baseline]\n`);
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
  const profile = PROFILES[profileName];
  const parts = only ? [only] : ["micro", "macro", "sweep"];

  const started = performance.now();
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const dir = new URL(`results/bench/${stamp}/`, root);
  mkdirSync(dir, { recursive: true });
  const environment = environmentFacts();
  writeFileSync(new URL("environment.json", dir), `${JSON.stringify(environment, null, 2)}\n`);
  const log = (line: string) => console.log(line);
  log(`mecbench ${VERSION} bench (${profileName}) on ${environment.cpu} × ${environment.cores}, Node ${process.version}`);

  log("\nCPU reference loop (normalises every figure)");
  const cpu = await measureCpuReference(profile.microTimeMs * 2);
  log(`  ${"cpu-reference".padEnd(34)} ${fmt(cpu.median).padStart(12)} iter/s     ±${fmt(cpu.iqr / 2)}`);
  const figures: Figure[] = [];

  if (parts.includes("micro")) {
    log("\nmicro-benchmarks (tinybench medians, ± half the interquartile range)");
    figures.push(...(await runMicro({ timeMs: profile.microTimeMs, log })));
  }
  if (parts.includes("macro")) {
    log("\nmacro: simulated tasks per wall second, one core");
    const macro = await runMacro({ ...profile.macro, log });
    writeFileSync(new URL("macro.json", dir), `${JSON.stringify(macro, null, 2)}\n`);
    figures.push(...macro.figures);
    log(`  peak RSS, paper preset, 2000 devices, ${profile.rssDurationS} simulated s: ${(await peakRssMb(profile.rssDurationS)).toFixed(1)} MB`);
    log("\nneural-network decision cost inside WASM: extra wall time per task when every placement runs 3 times (bench/nn.bench.ts)");
    const nn = runNnDecisionCost({ samples: profile.nnDecisionSamples, log });
    writeFileSync(new URL("nn-decision.json", dir), `${JSON.stringify(nn.rows, null, 2)}\n`);
    figures.push(...nn.figures);
  }
  if (parts.includes("sweep")) {
    log("\nsweeps and reports");
    const sweeps = await runSweeps(profile, new URL("sweeps/", dir).pathname, log);
    writeFileSync(new URL("sweeps.json", dir), `${JSON.stringify(sweeps, null, 2)}\n`);
  }

  const run: RunFigures = { cpuReference: cpu.median, figures };
  writeFileSync(new URL("raw.json", dir), `${JSON.stringify({ environment, cpuReference: cpu, figures }, null, 2)}\n`);
  mkdirSync(new URL("results/bench/", root), { recursive: true });
  appendFileSync(historyPath, `${JSON.stringify({ stamp, commit: environment.commit, profile: profileName, cpuReference: cpu.median, figures: figures.map(({ samples: _s, ...f }) => f) })}\n`);
  const history = await writeHistoryReport(historyPath, new URL("history/", dir).pathname);
  log(`\nhistory: ${history.runs} runs, chart ${history.chart}`);

  let exit = 0;
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
