// Sweep scaling: the same sweep at 1 and 2 workers, next to the machine's native two-thread
// ceiling measured with piscina workers that run a fixed integer loop (no simulation, no
// allocation). On a VM whose second core is a hyperthread or shared, 2 threads never give 2x;
// the parallel efficiency of the sweep is its speed-up divided by that ceiling.
// Run: npx tsx bench/sweep-scaling.ts
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Piscina } from "piscina";
import { runSweep } from "../src/experiment/run-sweep.ts";
import { resolveSweep, type SweepInput } from "../src/experiment/spec.ts";

export interface SweepScaling {
  sweep: SweepInput & { units: number };
  /** End-to-end wall seconds (pool start-up included) per worker count. */
  wallS: Record<number, number>;
  /** Sum of the units' simulation seconds per worker count: grows at 2 workers when the threads contend. */
  unitWallS: Record<number, number>;
  speedup: number;
  /** Speed-up of 2 vs 1 piscina threads on a pure integer loop: what 2 threads can give here. */
  nativeCeiling: number;
  /** speedup / nativeCeiling. */
  efficiency: number;
  identicalRows: boolean;
  loadAverage: number[];
}

// The spin worker is plain JavaScript written to a temp file: no tsx, no simulation, no
// allocation: a fixed xorshift loop whose result is returned so it cannot be optimised away.
const SPIN_WORKER = `export default function spin(iterations) {
  let x = 0x9e3779b9 | 0;
  for (let i = 0; i < iterations; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; }
  return x;
}
`;

/** Seconds for `tasks` spin tasks on a pool of `threads` (warmed up first). */
async function spinPool(workerPath: string, threads: number, tasks: number, iterations: number): Promise<number> {
  const pool = new Piscina({ filename: pathToFileURL(workerPath).href, minThreads: threads, maxThreads: threads });
  try {
    await Promise.all(Array.from({ length: threads }, () => pool.run(iterations / 10)));
    const t0 = performance.now();
    await Promise.all(Array.from({ length: tasks }, () => pool.run(iterations)));
    return (performance.now() - t0) / 1000;
  } finally {
    await pool.destroy();
  }
}

/**
 * The machine's native two-thread ceiling: 8 spin tasks of ~0.5 s each (idle machine) on a piscina
 * pool of 1 and then 2 threads; returns time(1) / time(2). Also used to put a long sweep's measured
 * speed-up in context (docs/sweeps.md, the default paper sweep).
 */
export async function measureNativeCeiling(log: (line: string) => void = () => {}): Promise<number> {
  const root = mkdtempSync(join(tmpdir(), "mecbench-ceiling-"));
  try {
    const spinPath = join(root, "spin.mjs");
    writeFileSync(spinPath, SPIN_WORKER);
    const iterations = 100_000_000;
    const spin1 = await spinPool(spinPath, 1, 8, iterations);
    const spin2 = await spinPool(spinPath, 2, 8, iterations);
    log(`native ceiling (integer loop, piscina): 1 thread ${spin1.toFixed(2)} s, 2 threads ${spin2.toFixed(2)} s -> ${(spin1 / spin2).toFixed(2)}x`);
    return spin1 / spin2;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function runSweepScaling(options: { input?: SweepInput; log?: (line: string) => void } = {}): Promise<SweepScaling> {
  const log = options.log ?? (() => {});
  const input: SweepInput = options.input ?? {
    // ~0.5-1 s per unit (engine speed at the time of writing), so the ~0.5 s thread start-up
    // is a small part of the ~8 s total.
    scenario: "paper", policies: ["random", "utilization-based"], devices: [1000, 2000], replicas: 3, durationS: 120, warmupS: 10,
  };
  const sweep = resolveSweep(input);
  const units = sweep.devices.length * sweep.replicas * sweep.policies.length;
  const root = mkdtempSync(join(tmpdir(), "mecbench-sweep-scaling-"));
  try {
    const nativeCeiling = await measureNativeCeiling(log);

    const wallS: Record<number, number> = {};
    for (const workers of [1, 2]) {
      const t0 = performance.now();
      const outcome = await runSweep(sweep, { outDir: join(root, `w${workers}`), workers });
      wallS[workers] = (performance.now() - t0) / 1000;
      if (outcome.status !== "complete") throw new Error(`sweep at ${workers} workers ended ${outcome.status}`);
      log(`sweep (${units} units) at ${workers} worker${workers > 1 ? "s" : ""}: ${wallS[workers]!.toFixed(2)} s`);
    }
    const rows = (w: number) => readFileSync(join(root, `w${w}`, "rows.jsonl"), "utf8");
    const unitWallS: Record<number, number> = {};
    for (const w of [1, 2]) {
      const lines = readFileSync(join(root, `w${w}`, "timing.jsonl"), "utf8").trim().split("\n");
      unitWallS[w] = lines.reduce((sum, line) => sum + (JSON.parse(line) as { wallS: number }).wallS, 0);
    }
    log(`sum of unit simulation seconds: 1 worker ${unitWallS[1]!.toFixed(2)} s, 2 workers ${unitWallS[2]!.toFixed(2)} s`);
    const speedup = wallS[1]! / wallS[2]!;
    const result: SweepScaling = {
      sweep: { ...input, units },
      wallS,
      unitWallS,
      speedup,
      nativeCeiling,
      efficiency: speedup / nativeCeiling,
      identicalRows: rows(1) === rows(2),
      loadAverage: loadavg(),
    };
    log(`speed-up 1 -> 2 workers: ${speedup.toFixed(2)}x; ceiling ${nativeCeiling.toFixed(2)}x; efficiency ${(100 * result.efficiency).toFixed(0)} %; rows identical: ${result.identicalRows}; load average ${result.loadAverage.map((l) => l.toFixed(2)).join(" ")}`);
    return result;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await runSweepScaling({ log: console.log });
  console.log(JSON.stringify(result, null, 2));
}
