// MLP forward-pass micro-benchmark: TypeScript reference vs WASM scalar vs WASM SIMD vs
// onnxruntime-web on the same model, plus the cost of crossing the JS -> WASM boundary.
// Direct use: npx tsx bench/mlp.bench.ts   (after npm run build:wasm)
// Numbers are medians of tinybench samples; each sample times `reps` back-to-back calls so the
// timer's own overhead (~50 ns) stays negligible, and per-call figures divide by reps.

import { pathToFileURL } from "node:url";
import { Bench } from "tinybench";
import { forwardReference, initMlp, randomInputs } from "../src/nn/mlp.ts";
import { mlpToOnnx } from "../src/nn/onnx.ts";
import { createOnnxBackend } from "../src/nn/onnx-backend.ts";
import { loadKernel } from "../src/nn/wasm-kernel.ts";

export type MlpBenchCase = "ts-reference" | "wasm-scalar" | "wasm-simd" | "onnxruntime-web" | "boundary-abiVersion" | "boundary-forward0";

export interface MlpBenchResult {
  case: MlpBenchCase;
  /** Samples per call (0 for the boundary cases). */
  batch: number;
  /** Median samples per second (0 for the boundary cases). */
  samplesPerSec: number;
  /** Median wall time of one call, in nanoseconds. */
  nsPerCall: number;
  /** Relative margin of error of the per-sample latency, in percent. */
  rmePercent: number;
  /** wasm-simd rows: samplesPerSec divided by onnxruntime-web's at the same batch. */
  simdOverOrt?: number;
  /** wasm-simd rows: samplesPerSec divided by the TypeScript reference's at the same batch. */
  simdOverTs?: number;
}

export interface MlpBenchOptions {
  /** Default [14, 64, 32, 16, 3] (the paper's TierSelectionNN). */
  layerSizes?: number[];
  /** Default [1, 32, 1024]. */
  batches?: number[];
  /** Time budget per case in ms (tinybench `time`); default 1000. */
  timeMs?: number;
  /** Include onnxruntime-web (default true). */
  ort?: boolean;
  log?: (line: string) => void;
}

// Enough calls per timed sample to last ~0.2 ms at the expected speed of each case.
function repsFor(kase: MlpBenchCase, batch: number): number {
  const samplesPerMs: Record<MlpBenchCase, number> = {
    "ts-reference": 100, "wasm-scalar": 300, "wasm-simd": 4000, "onnxruntime-web": 1000,
    "boundary-abiVersion": 0, "boundary-forward0": 0,
  };
  if (batch === 0) return 5000;
  return Math.max(1, Math.round((0.2 * samplesPerMs[kase]!) / batch));
}

export async function runMlpBench(opts: MlpBenchOptions = {}): Promise<MlpBenchResult[]> {
  const sizes = opts.layerSizes ?? [14, 64, 32, 16, 3];
  const batches = opts.batches ?? [1, 32, 1024];
  const log = opts.log ?? (() => {});
  const model = initMlp(sizes, 2024, "softmax");
  const maxBatch = Math.max(...batches);
  const input = randomInputs(sizes[0]!, maxBatch, 7, -1, 1);
  const kernel = await loadKernel();
  const mlp = kernel.createMlp(model, maxBatch);
  mlp.input.set(input); // no allocation follows, so this view stays valid for the whole run
  const ort = opts.ort === false ? undefined : await createOnnxBackend(mlpToOnnx(model), { source: "bench model" });

  const bench = new Bench({ time: opts.timeMs ?? 1000, warmupTime: 200, iterations: 20, name: "mlp" });
  const meta = new Map<string, { kase: MlpBenchCase; batch: number; reps: number }>();
  const add = (kase: MlpBenchCase, batch: number, fn: (reps: number) => unknown): void => {
    const reps = repsFor(kase, batch);
    const name = `${kase} b=${batch}`;
    meta.set(name, { kase, batch, reps });
    bench.add(name, () => fn(reps));
  };
  const abi = kernel.exports.abiVersion;
  let sink = 0;
  add("boundary-abiVersion", 0, (reps) => {
    for (let i = 0; i < reps; i++) sink += abi();
  });
  add("boundary-forward0", 0, (reps) => {
    for (let i = 0; i < reps; i++) mlp.forward(0, "simd");
  });
  for (const batch of batches) {
    add("ts-reference", batch, (reps) => {
      for (let i = 0; i < reps; i++) sink += forwardReference(model, input, batch)[0]!;
    });
    add("wasm-scalar", batch, (reps) => {
      for (let i = 0; i < reps; i++) mlp.forward(batch, "scalar");
    });
    add("wasm-simd", batch, (reps) => {
      for (let i = 0; i < reps; i++) mlp.forward(batch, "simd");
    });
    if (ort) {
      add("onnxruntime-web", batch, async (reps) => {
        for (let i = 0; i < reps; i++) sink += (await ort.run(input, batch))[0]!;
      });
    }
  }
  bench.addEventListener("cycle", (ev) => {
    const t = ev.task;
    if (t) log(`  ${t.name} done`);
  });
  try {
    await bench.run();
  } finally {
    await ort?.release();
  }
  if (Number.isNaN(sink)) log("(sink is NaN)"); // keeps the results observable to the optimiser

  const results: MlpBenchResult[] = [];
  for (const task of bench.tasks) {
    const m = meta.get(task.name)!;
    const r = task.result;
    if (r.state !== "completed") throw new Error(`bench case ${task.name} ${r.state}${"error" in r ? `: ${String(r.error)}` : ""}`);
    const nsPerCall = (r.latency.p50 * 1e6) / m.reps;
    results.push({
      case: m.kase,
      batch: m.batch,
      samplesPerSec: m.batch === 0 ? 0 : (m.batch * 1e9) / nsPerCall,
      nsPerCall,
      rmePercent: r.latency.rme,
    });
  }
  for (const row of results) {
    if (row.case !== "wasm-simd") continue;
    const at = (k: MlpBenchCase) => results.find((x) => x.case === k && x.batch === row.batch)?.samplesPerSec;
    const o = at("onnxruntime-web");
    const t = at("ts-reference");
    if (o) row.simdOverOrt = row.samplesPerSec / o;
    if (t) row.simdOverTs = row.samplesPerSec / t;
  }
  return results;
}

export function formatMlpBench(results: MlpBenchResult[]): string {
  const head = ["case", "batch", "samples/s (median)", "ns/call (median)", "±rme", "SIMD/ort", "SIMD/TS"];
  const fmtRate = (v: number) => (v === 0 ? "-" : v >= 1e6 ? `${(v / 1e6).toFixed(2)} M` : `${(v / 1e3).toFixed(1)} k`);
  const rows = results.map((r) => [
    r.case,
    r.batch === 0 ? "-" : String(r.batch),
    fmtRate(r.samplesPerSec),
    r.nsPerCall >= 1e4 ? r.nsPerCall.toExponential(2) : r.nsPerCall.toFixed(1),
    `${r.rmePercent.toFixed(1)}%`,
    r.simdOverOrt === undefined ? "" : `${r.simdOverOrt.toFixed(1)}x`,
    r.simdOverTs === undefined ? "" : `${r.simdOverTs.toFixed(1)}x`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = [14, 64, 32, 16, 3];
  console.log(`MLP ${sizes.join("-")} forward, one core (Node ${process.versions.node})`);
  const results = await runMlpBench({ layerSizes: sizes, log: (l) => console.error(l) });
  console.log(formatMlpBench(results));
}
