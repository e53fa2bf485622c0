// Rows and summary are byte-identical whatever the number of workers (and inline vs pool).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSweep } from "../src/experiment/run-sweep.ts";
import { parseRowsJsonl } from "../src/experiment/rows.ts";
import { readResults, tempDirs, tinySweep } from "./fixtures/sweeps/helpers.ts";

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

describe("sweep determinism", () => {
  // Longer replicas than the other tests (~0.6 s of work in all), so that the second thread is
  // up before the first has finished everything and both really share the units.
  const sweep = tinySweep({ replicas: 3, durationS: 60 });

  it("writes the same bytes with 1 and 2 workers", async () => {
    const one = await runSweep(sweep, { outDir: dirs.make("w1"), workers: 1 });
    const two = await runSweep(sweep, { outDir: dirs.make("w2"), workers: 2 });
    expect(one.status).toBe("complete");
    expect(two.status).toBe("complete");
    expect(one.total).toBe(12);
    expect(readResults(dirs.make("w2"))).toEqual(readResults(dirs.make("w1")));

    // Both threads did work in the 2-worker run (otherwise the test proves nothing).
    const threads = new Set(
      readFileSync(join(dirs.make("w2"), "timing.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l).threadId),
    );
    expect(threads.size).toBe(2);
  });

  it("inline mode gives the same rows as the pool", async () => {
    await runSweep(sweep, { outDir: dirs.make("inline"), mode: "inline" });
    expect(readResults(dirs.make("inline"))).toEqual(readResults(dirs.make("w1")));
  });

  it("rows are in canonical order with one row per (replica, devices, policy, metric)", () => {
    const rows = parseRowsJsonl(readFileSync(join(dirs.make("w2"), "rows.jsonl"), "utf8"));
    const units = rows.map((r) => `${r.devices}|${r.replica}|${r.policy}`);
    const order = [...new Set(units)];
    expect(order).toEqual([
      "20|0|random", "20|0|utilization-based", "20|1|random", "20|1|utilization-based", "20|2|random", "20|2|utilization-based",
      "40|0|random", "40|0|utilization-based", "40|1|random", "40|1|utilization-based", "40|2|random", "40|2|utilization-based",
    ]);
    const keys = rows.map((r) => `${r.devices}|${r.replica}|${r.policy}|${r.metric}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(readdirSync(join(dirs.make("w2"), "units"))).toHaveLength(12);
  });

  it("common random numbers: every policy at a point gets the same replica seed, independent of devices", () => {
    const rows = parseRowsJsonl(readFileSync(join(dirs.make("w1"), "rows.jsonl"), "utf8"));
    const seeds = new Map<number, Set<number>>();
    for (const r of rows) (seeds.get(r.replica) ?? seeds.set(r.replica, new Set()).get(r.replica)!).add(r.seed);
    expect([...seeds.values()].map((s) => s.size)).toEqual([1, 1, 1]);
    expect(sweep.seeds).toEqual([...seeds.values()].map((s) => [...s][0]));
  });
});
