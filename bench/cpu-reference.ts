// A native-free CPU reference: a fixed loop of integer and floating-point work in plain JS, so
// figures from different machines can be compared after dividing by it (see compare.ts).
import { Bench } from "tinybench";
import { spread } from "./compare.ts";

const ITERATIONS = 200_000;

/** One unit of reference work: xorshift integer mixing plus a dependent float chain. */
export function referenceWork(seed: number): number {
  let x = seed | 0 || 1;
  let acc = 0.5;
  for (let i = 0; i < ITERATIONS; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    acc = acc * 0.999999 + (x & 1023) * 1e-6;
  }
  return acc;
}

/** Reference iterations per second (median) and the samples' spread. */
export async function measureCpuReference(timeMs = 1500): Promise<{ median: number; iqr: number; samples: number[] }> {
  const bench = new Bench({ time: timeMs, warmupTime: 200, retainSamples: true });
  let sink = 0;
  bench.add("cpu-reference", () => {
    sink += referenceWork(sink & 7);
  });
  await bench.run();
  const task = bench.tasks[0]!;
  const result = task.result as unknown as { latency?: { samples?: number[] }; samples?: number[] };
  const latencies = (result.latency?.samples ?? result.samples ?? []).filter((ms) => ms > 0);
  const perSecond = latencies.map((ms) => ITERATIONS / (ms / 1000));
  if (sink === Number.MIN_VALUE) console.log(sink);
  return { ...spread(perSecond), samples: perSecond };
}
