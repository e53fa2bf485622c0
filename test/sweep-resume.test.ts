// Resume: a sweep stopped (or killed) at any point finishes with the same bytes as an
// uninterrupted run, with no duplicate or lost rows, and a different sweep in the same
// directory is refused.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseRowsJsonl } from "../src/experiment/rows.ts";
import { runSweep } from "../src/experiment/run-sweep.ts";
import { InputError } from "../src/scenario/errors.ts";
import { readResults, tempDirs, TINY_SPEC, tinySweep } from "./fixtures/sweeps/helpers.ts";

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
let reference: Record<string, string>;

// The uninterrupted reference runs inline (the determinism test shows inline == pool), which
// saves starting a pool.
beforeAll(async () => {
  await runSweep(tinySweep(), { outDir: dirs.make("full"), mode: "inline" });
  reference = readResults(dirs.make("full"));
});

describe("sweep resume", () => {
  it("finishes a sweep stopped after k units, identical to an uninterrupted run", async () => {
    const out = dirs.make("stopped");
    const first = await runSweep(tinySweep(), { outDir: out, workers: 2, stopAfterUnits: 3 });
    expect(first.status).toBe("stopped");
    expect(first.completed).toBe(3);
    // Killed before the end: no final files yet, exactly the finished units staged.
    expect(existsSync(join(out, "rows.jsonl"))).toBe(false);
    expect(readdirSync(join(out, "units"))).toHaveLength(3);

    const second = await runSweep(tinySweep(), { outDir: out, workers: 1 });
    expect(second.status).toBe("complete");
    expect(second.skipped).toBe(3);
    expect(second.completed).toBe(5);
    expect(readResults(out)).toEqual(reference);
    const rows = parseRowsJsonl(readResults(out)["rows.jsonl"]!);
    const keys = rows.map((r) => `${r.devices}|${r.replica}|${r.policy}|${r.metric}`);
    expect(new Set(keys).size).toBe(keys.length);

    const manifest = JSON.parse(readFileSync(join(out, "manifest.json"), "utf8"));
    expect(manifest.runs.map((r: { status: string }) => r.status)).toEqual(["running", "complete"]);
    expect(manifest.status).toBe("complete");
  });

  it("re-running a finished sweep runs nothing and rewrites the same bytes", async () => {
    const again = await runSweep(tinySweep(), { outDir: dirs.make("full"), workers: 2 });
    expect(again.completed).toBe(0);
    expect(again.skipped).toBe(8);
    expect(readResults(dirs.make("full"))).toEqual(reference);
  });

  it("ignores a torn tmp file and re-runs a corrupt staged unit", async () => {
    const out = dirs.make("torn");
    await runSweep(tinySweep(), { outDir: out, mode: "inline", stopAfterUnits: 2 });
    const staged = readdirSync(join(out, "units"));
    writeFileSync(join(out, "units", `${staged[0]}.123.tmp`), "{\"half");
    writeFileSync(join(out, "units", staged[1]!), "{ not json");
    const warnings: string[] = [];
    const done = await runSweep(tinySweep(), {
      outDir: out,
      mode: "inline",
      progress: { start() {}, advance() {}, finish() {}, log: (l) => warnings.push(l) },
    });
    expect(done.skipped).toBe(1);
    expect(warnings.join("\n")).toMatch(/unreadable.*re-run/);
    expect(readdirSync(join(out, "units")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    expect(readResults(out)).toEqual(reference);
  });

  it("survives a SIGKILL of the whole process mid-sweep", async () => {
    // A longer sweep (4 replicas, one worker) so the kill reliably lands mid-way.
    const out = dirs.make("killed");
    const child = spawn(
      process.execPath,
      ["src/cli/bin.mjs", "sweep", "--spec", TINY_SPEC, "--replicas", "4", "--workers", "1", "--out", out],
      { stdio: "ignore" },
    );
    const staged = () => (existsSync(join(out, "units")) ? readdirSync(join(out, "units")).filter((f) => f.endsWith(".json")).length : 0);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (staged() >= 2) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        }
      }, 2);
      child.once("exit", () => {
        clearInterval(timer);
        reject(new Error("the sweep finished before it could be killed"));
      });
    });
    await new Promise((resolve) => child.once("exit", resolve));
    expect(staged()).toBeLessThan(16);
    const sweep = tinySweep({ replicas: 4 });
    const resumed = await runSweep(sweep, { outDir: out, workers: 2 });
    expect(resumed.skipped + resumed.completed).toBe(16);
    await runSweep(sweep, { outDir: dirs.make("killed-reference"), mode: "inline" });
    expect(readResults(out)).toEqual(readResults(dirs.make("killed-reference")));
  }, 60_000);

  it("refuses a different sweep in the same directory", async () => {
    const other = tinySweep({ replicas: 3 });
    const attempt = runSweep(other, { outDir: dirs.make("full"), workers: 1 });
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(runSweep(other, { outDir: dirs.make("full"), workers: 1 })).rejects.toThrow(/holds another sweep.*choose another --out, or delete/s);
  });

  it("refuses to resume a shard directory as another shard", async () => {
    const out = dirs.make("shard0");
    await runSweep(tinySweep(), { outDir: out, mode: "inline", shard: { index: 0, count: 4 } });
    await expect(runSweep(tinySweep(), { outDir: out, mode: "inline", shard: { index: 1, count: 4 } })).rejects.toThrow(/holds shard 0\/4.*--shard 0\/4/s);
  });
});
