// Micro-benchmarks (tinybench): the pieces of the hot path, each as a tracked figure with its
// median and spread. The CPU reference loop comes first so every figure can be normalised.
import { Bench } from "tinybench";
import { EventQueue } from "../src/engine/queue.ts";
import { Simulation } from "../src/engine/replica.ts";
import { StreamSet } from "../src/engine/rng.ts";
import { Phase } from "../src/engine/tasks.ts";
import { createRegistry } from "../src/policies/registry.ts";
import { forEachVmInTier } from "../src/policies/vm-choice.ts";
import { loadScenario } from "../src/scenario/load.ts";
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

function eventQueueCase(): () => void {
  const slots = 4096;
  const q = new EventQueue(slots);
  const rng = new StreamSet(1, "bench-queue", 1);
  const times = Float64Array.from({ length: slots }, () => rng.uniform(0) * 1000);
  let base = 0;
  return () => {
    // Steady state of a simulation: every pop is followed by a re-schedule of that slot later on.
    for (let i = 0; i < slots; i++) if (!q.isScheduled(i)) q.schedule(i, base + times[i]!, 0);
    for (let i = 0; i < slots; i++) {
      const slot = q.pop();
      q.schedule(slot, q.time[slot]! + times[slot]!, 0);
    }
    base += 1;
  };
}

function feasibilityCase(): { fn: () => void; vms: number } {
  // A real paper-preset state at 2000 devices a few seconds in; one waiting task checked against
  // every VM of the remote-edge tier (16 VMs) per call.
  const sc = loadScenario("paper").scenario;
  const sim = new Simulation(sc, { devices: 2000, seed: 1, durationS: 5, warmupS: 0 });
  sim.run(createRegistry().get("utilization-based").create!({ scenario: sc, infra: sim.infra, options: {}, rng: new StreamSet(1, "p", 1) }));
  const phase = sim.tasks.cols.phase;
  let task = 0;
  while (phase[task] !== Phase.Waiting) task++;
  const view = sim.view();
  let vms = 0;
  forEachVmInTier(view, task, 1, () => vms++);
  let sink = 0;
  const visit = (vm: number) => {
    sink += view.feasibility(task, vm);
  };
  return {
    fn: () => {
      forEachVmInTier(view, task, 1, visit);
      if (sink < 0) console.log(sink);
    },
    vms,
  };
}

export async function runMicro(opts: MicroOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  const add = (f: Figure) => {
    figures.push(f);
    opts.log(`  ${f.name.padEnd(34)} ${fmt(f.median).padStart(12)} ${f.unit.padEnd(10)} ±${fmt(f.iqr / 2)}`);
  };
  add(await measure("event-queue.ts.pop+schedule", "events/s", 4096, eventQueueCase(), opts.timeMs));
  const feas = feasibilityCase();
  add(await measure("feasibility.ts.c2-c4.remote-tier", "VMs/s", feas.vms, feas.fn, opts.timeMs));
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
