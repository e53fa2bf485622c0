// npm run bench -- --against <git-ref>: the build of another commit, measured against the current
// one in the same run. That commit is checked out in a temporary git worktree and built there
// (its node_modules linked to ours when the two lockfiles are identical, else `npm ci` from the
// registry); one child process per build (bench/ab-probe.mjs) keeps its engine loaded and warm,
// and the tracked macro cases run alternately, A B then B A, round after round, so both builds
// meet the same machine. bench/ab-stats.ts turns the paired samples into ratios with intervals.
import { execFileSync, fork, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { abVerdict, type AbVerdict } from "./ab-stats.ts";
import { macroFigureName, type MacroCase } from "./macro.ts";

/** The A/B runs the macro stage's cases (bench/macro.ts macroCases). */
export type AbCase = MacroCase;

export interface AbRow {
  name: string;
  /** Tasks per wall second, one sample per round, index-paired between the two builds. */
  current: number[];
  previous: number[];
  /** Tasks simulated by each build (equal unless the commits simulate differently). */
  tasksCurrent: number;
  tasksPrevious: number;
  verdict: AbVerdict;
}

export interface PreparedBuild {
  root: string;
  commit: string;
  /** How its dependencies were provided: "linked" (same lockfile) or "npm ci". */
  dependencies: "linked" | "npm ci";
  dispose(): void;
}

const git = (cwd: string, args: string[]) => execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();

/** The full commit id of a ref, or null when the repository has no such commit. */
export function resolveCommit(repoRoot: string, ref: string): string | null {
  try {
    return git(repoRoot, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch {
    return null;
  }
}

/** Check out `commit` in a temporary worktree and build it there; dispose() removes it. */
export function prepareBuild(repoRoot: string, commit: string, log: (line: string) => void): PreparedBuild {
  const dir = mkdtempSync(join(tmpdir(), `mecbench-ab-${commit.slice(0, 8)}-`));
  const dispose = () => {
    try {
      git(repoRoot, ["worktree", "remove", "--force", dir]);
    } catch {
      // already gone, or never registered: the directory is removed below either way
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    git(repoRoot, ["worktree", "add", "--detach", dir, commit]);
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    const sameLock = readFileSync(join(dir, "package-lock.json"), "utf8") === readFileSync(join(repoRoot, "package-lock.json"), "utf8");
    let dependencies: PreparedBuild["dependencies"];
    if (sameLock && existsSync(join(repoRoot, "node_modules"))) {
      // Identical lockfile: the very same packages, so link ours instead of installing them again.
      symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
      const scripts = (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts?: Record<string, string> }).scripts ?? {};
      const script = scripts.build ? "build" : "build:wasm";
      log(`  ${commit.slice(0, 10)}: dependencies linked (same lockfile); npm run ${script}`);
      execFileSync(npm, ["run", "--silent", script], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
      dependencies = "linked";
    } else {
      log(`  ${commit.slice(0, 10)}: npm ci (its lockfile differs from ours; builds in its prepare)`);
      execFileSync(npm, ["ci", "--no-audit", "--no-fund"], { cwd: dir, stdio: ["ignore", "ignore", "inherit"] });
      dependencies = "npm ci";
    }
    return { root: dir, commit, dependencies, dispose };
  } catch (err) {
    dispose();
    throw err;
  }
}

interface Probe {
  child: ChildProcess;
  via: string;
  /** `repeats` replicas of the case; tasks and wall seconds summed over them. */
  run(c: AbCase, repeats: number): Promise<{ tasks: number; wallS: number }>;
}

/**
 * Engine wall seconds one A/B sample lasts at least. A replica of the paper world at 200 devices runs
 * in about 12 ms, where a pause of the process or the timer's grain moves one build's sample by tens
 * of percent (two builds of the very same engine were once flagged 0.79 apart): a short case is
 * repeated to this length, the same number of times on both builds.
 */
export const MIN_SAMPLE_S = 0.1;

/** Replicas per sample for a case whose warm replica took `wallS` seconds. */
export function sampleRepeats(wallS: number, minSampleS = MIN_SAMPLE_S): number {
  return wallS > 0 && Number.isFinite(wallS) ? Math.max(1, Math.ceil(minSampleS / wallS)) : 1;
}

async function startProbe(root: string): Promise<Probe> {
  const script = fileURLToPath(new URL("./ab-probe.mjs", import.meta.url));
  const child = fork(script, [root], { cwd: root, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`A/B probe of ${root} exited (code ${code}) before answering`));
      child.once("exit", onExit);
      child.once("message", (m) => {
        child.off("exit", onExit);
        resolve(m as Record<string, unknown>);
      });
    });
  const ready = await next();
  return {
    child,
    via: String(ready.via),
    run: async (c, repeats) => {
      const answer = next();
      child.send({ ...c, repeats });
      const m = await answer;
      if (typeof m.error === "string") throw new Error(`${root}: ${m.error}`);
      return { tasks: m.tasks as number, wallS: m.wallS as number };
    },
  };
}

export interface AbOptions {
  currentRoot: string;
  previousRoot: string;
  cases: AbCase[];
  pairs: number;
  marginPct: number;
  log: (line: string) => void;
}


/** Run every case `pairs` times on each build, alternating, and give each case its verdict. */
export async function runAb(opts: AbOptions): Promise<AbRow[]> {
  const current = await startProbe(opts.currentRoot);
  const previous = await startProbe(opts.previousRoot);
  try {
    opts.log(`  current build via ${current.via}, previous build via ${previous.via}; ${opts.cases.length} cases × ${opts.pairs} pairs`);
    const samples = opts.cases.map(() => ({ current: [] as number[], previous: [] as number[], tasksCurrent: 0, tasksPrevious: 0 }));
    // One discarded run per case and build first (JIT, WASM instantiation), as bench/macro.ts does;
    // then one warm run of the current build sets the case's replicas per sample.
    const repeats: number[] = [];
    for (const c of opts.cases) {
      await current.run(c, 1);
      await previous.run(c, 1);
      repeats.push(sampleRepeats((await current.run(c, 1)).wallS));
    }
    const started = performance.now();
    for (let round = 0; round < opts.pairs; round++) {
      for (let i = 0; i < opts.cases.length; i++) {
        const c = opts.cases[i]!;
        const s = samples[i]!;
        // Alternate which build goes first, so a drift within a pair favours neither.
        const order = (round + i) % 2 === 0 ? ([current, previous] as const) : ([previous, current] as const);
        for (const probe of order) {
          const r = await probe.run(c, repeats[i]!);
          const perS = r.tasks / r.wallS;
          if (probe === current) {
            s.current.push(perS);
            s.tasksCurrent = r.tasks / repeats[i]!;
          } else {
            s.previous.push(perS);
            s.tasksPrevious = r.tasks / repeats[i]!;
          }
        }
      }
      const elapsedS = (performance.now() - started) / 1000;
      const etaS = (elapsedS / (round + 1)) * (opts.pairs - round - 1);
      opts.log(`  A/B round ${round + 1}/${opts.pairs} done, ${elapsedS.toFixed(0)} s, ETA ${etaS.toFixed(0)} s`);
    }
    return opts.cases.map((c, i) => {
      const s = samples[i]!;
      return { name: macroFigureName(c), ...s, verdict: abVerdict(s.current, s.previous, { better: "higher", marginPct: opts.marginPct }) };
    });
  } finally {
    current.child.kill();
    previous.child.kill();
  }
}

/** One line per case: ratio current/previous with its interval, and the verdict. */
export function formatAbRows(rows: AbRow[], previousCommit: string): string[] {
  const lines = [`A/B against ${previousCommit.slice(0, 10)}: tasks/s ratio current/previous, geometric mean of paired runs [95 % bootstrap interval]`];
  const f = (x: number) => (Number.isFinite(x) ? x.toFixed(3) : "–");
  for (const r of rows) {
    const v = r.verdict;
    const mark = v.regressed ? `REGRESSED (whole interval below ${f(1 - v.marginPct / 100)})` : v.improved ? "improved" : "ok";
    const differs = r.tasksCurrent !== r.tasksPrevious ? `  (tasks differ: ${r.tasksCurrent} vs ${r.tasksPrevious})` : "";
    lines.push(`  ${r.name.padEnd(44)} ${f(v.ratio)} [${f(v.low)}, ${f(v.high)}]  ${mark}${differs}`);
  }
  return lines;
}
