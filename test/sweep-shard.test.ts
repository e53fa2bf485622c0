// Shards 0/2 and 1/2 merged give the bytes of the unsharded run; merge refuses mixed sweeps and
// incomplete coverage with a fix.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeCommand } from "../src/cli/merge.ts";
import { mergeSweepDirs } from "../src/experiment/merge.ts";
import { runSweep } from "../src/experiment/run-sweep.ts";
import { enumerateUnits, shardUnits } from "../src/experiment/units.ts";
import { readResults, tempDirs, tinySweep } from "./fixtures/sweeps/helpers.ts";

const dirs = tempDirs();
afterAll(() => dirs.cleanup());

beforeAll(async () => {
  const sweep = tinySweep();
  await runSweep(sweep, { outDir: dirs.make("full"), mode: "inline" });
  // One shard on the pool, one inline (the determinism test shows both give the same bytes).
  await runSweep(sweep, { outDir: dirs.make("s0"), workers: 2, shard: { index: 0, count: 2 } });
  await runSweep(sweep, { outDir: dirs.make("s1"), mode: "inline", shard: { index: 1, count: 2 } });
});

describe("sweep shards", () => {
  it("slices units by index mod n, covering each unit exactly once", () => {
    const units = enumerateUnits(tinySweep());
    const parts = [0, 1, 2].map((index) => shardUnits(units, { index, count: 3 }).map((u) => u.index));
    expect(parts).toEqual([[0, 3, 6], [1, 4, 7], [2, 5]]);
  });

  it("shard 0/2 + shard 1/2 merged equals the unsharded run", () => {
    const outcome = mergeSweepDirs([dirs.make("s0"), dirs.make("s1")], dirs.make("merged"));
    expect(outcome.units).toBe(8);
    expect(readResults(dirs.make("merged"))).toEqual(readResults(dirs.make("full")));
    const manifest = JSON.parse(readFileSync(join(dirs.make("merged"), "manifest.json"), "utf8"));
    expect(manifest.shard).toBeNull();
    expect(manifest.mergedFrom.map((m: { shard: unknown }) => m.shard)).toEqual([{ index: 0, count: 2 }, { index: 1, count: 2 }]);
    expect(manifest.sweep).toBe(tinySweep().hash);
  });

  it("merging again into the same directory is idempotent (and order of inputs does not matter)", () => {
    mergeSweepDirs([dirs.make("s1"), dirs.make("s0")], dirs.make("merged"));
    expect(readResults(dirs.make("merged"))).toEqual(readResults(dirs.make("full")));
  });

  it("refuses shards of different sweeps", async () => {
    const other = dirs.make("other");
    await runSweep(tinySweep({ seed: 2 }), { outDir: other, mode: "inline", shard: { index: 1, count: 2 } });
    expect(() => mergeSweepDirs([dirs.make("s0"), other], dirs.make("bad"))).toThrow(/different sweeps.*Fix: merge only the shards of one sweep/s);
  });

  it("refuses an incomplete set of shards and names the missing shard", () => {
    expect(() => mergeSweepDirs([dirs.make("s0")], dirs.make("partial"))).toThrow(/4 of 8 units are in none of the directories \(shards 1\/2\)/);
  });

  it("the merge command reports bad input with exit code 2", async () => {
    expect(await mergeCommand([dirs.make("s0")])).toBe(2); // no --out
    expect(await mergeCommand([dirs.make("nothing-here"), "--out", dirs.make("x")])).toBe(2);
    expect(await mergeCommand([dirs.make("s0"), dirs.make("s1"), "--out", dirs.make("cli")])).toBe(0);
    expect(readResults(dirs.make("cli"))).toEqual(readResults(dirs.make("full")));
  });
});
