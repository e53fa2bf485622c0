// Micro-benchmarks (tinybench): the pieces of the hot path, each as a tracked figure with its
// median and spread. The CPU reference loop comes first so every figure can be normalised. (The
// TypeScript engine's event queue and feasibility cases left with that engine: the WASM engine's
// own costs are in the macro and NN decision-cost figures.)
import { Bench } from "tinybench";
import { spread, type Figure } from "./compare.ts";
import { forwardReference, initMlp, randomInputs } from "../src/nn/mlp.ts";
import { loadKernel } from "../src/nn/wasm-kernel.ts";
import { formatMlpBench, runMlpBench } from "./mlp.bench.ts";

export interface MicroOptions {
  timeMs: number;
  log: (line: string) => void;
}

/** Run one tinybench case; `opsPerCall` converts a call into the unit counted (events, VMs, ...). */
async function measure(name: string, unit: string, opsPerCall: number, fn: () => void, timeMs: number): Promise<Figure> {
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(300, timeMs / 3), retainSamples: true });
  bench.add(name, fn);
  await bench.run();
  const result = bench.tasks[0]!.result as unknown as { latency?: { samples?: number[] } };
  const perSecond = (result.latency?.samples ?? []).filter((ms) => ms > 0).map((ms) => (opsPerCall * 1000) / ms);
  return { name, unit, better: "higher", ...spread(perSecond), samples: perSecond };
}

export async function runMicro(opts: MicroOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const add = (f: Figure) => {
    figures.push(f);
    opts.log(`  ${f.name.padEnd(34)} ${fmt(f.median).padStart(12)} ${f.unit.padEnd(10)} ±${fmt(f.iqr / 2)}`);
  };
  // Tracked MLP figures, timed here with per-sample spread (the full comparison table follows).
  const sizes = [14, 64, 32, 16, 3];
  const model = initMlp(sizes, 2024, "softmax");
  const kernel = await loadKernel();
  const mlp = kernel.createMlp(model, 1024);
  const input = randomInputs(14, 1024, 7, -1, 1);
  mlp.input.set(input);
  for (const batch of [1, 32, 1024]) {
    const reps = Math.max(1, Math.round(1024 / batch));
    add(await measure(`mlp.wasm-simd.batch${batch}`, "samples/s", reps * batch, () => {
      for (let r = 0; r < reps; r++) mlp.forward(batch, "simd");
    }, opts.timeMs));
  }
  const ts32 = input.subarray(0, 14 * 32);
  add(await measure("mlp.ts-reference.batch32", "samples/s", 32, () => void forwardReference(model, ts32, 32), opts.timeMs));
  const abi = kernel.exports.abiVersion as () => number;
  add(await measure("wasm-boundary.call", "calls/s", 1000, () => {
    for (let i = 0; i < 1000; i++) abi();
  }, opts.timeMs));
  opts.log("  MLP 14-64-32-16-3, all backends (tinybench medians):");
  const table = await runMlpBench({ timeMs: opts.timeMs });
  for (const line of formatMlpBench(table).split("\n")) opts.log(`    ${line}`);
  return figures;
}

export function fmt(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(x < 10 ? 3 : 1);
}
