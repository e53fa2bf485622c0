// A failing unit (thrown error, or its worker thread dying) is reported with the unit, retried
// once, and recorded in failures.jsonl if it fails again; the sweep goes on, and a later run
// retries it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProgressSink } from "../src/experiment/progress.ts";
import { runSweep } from "../src/experiment/run-sweep.ts";
import { readResults, tempDirs, tinySweep } from "./fixtures/sweeps/helpers.ts";

const dirs = tempDirs();
afterAll(() => dirs.cleanup());
let reference: Record<string, string>;

beforeAll(async () => {
  await runSweep(tinySweep(), { outDir: dirs.make("clean"), mode: "inline" });
  reference = readResults(dirs.make("clean"));
});

function recorder(): ProgressSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, start() {}, advance() {}, finish() {}, log: (l) => lines.push(l) };
}

describe("sweep failures", () => {
  it("retries a unit that throws once; the rows are unaffected", async () => {
    const progress = recorder();
    const outcome = await runSweep(tinySweep(), {
      outDir: dirs.make("throw-once"),
      mode: "inline",
      progress,
      faults: [{ policy: "random", devices: 40, replica: 1, mode: "throw", attempts: 1 }],
    });
    expect(outcome.status).toBe("complete");
    expect(progress.lines.join("\n")).toMatch(/unit devices=40 replica=1 policy=random failed \(attempt 1 of 2\): injected failure.*retrying/);
    expect(readResults(dirs.make("throw-once"))).toEqual(reference);
    expect(existsSync(join(dirs.make("throw-once"), "failures.jsonl"))).toBe(false);
  });

  it("retries a unit whose worker thread dies", async () => {
    const progress = recorder();
    const outcome = await runSweep(tinySweep(), {
      outDir: dirs.make("exit-once"),
      workers: 2,
      progress,
      faults: [{ policy: "utilization-based", devices: 20, replica: 0, mode: "exit", attempts: 1 }],
    });
    expect(outcome.status).toBe("complete");
    expect(progress.lines.join("\n")).toMatch(/devices=20 replica=0 policy=utilization-based failed \(attempt 1 of 2\): worker exited with code: 70/);
    expect(readResults(dirs.make("exit-once"))).toEqual(reference);
  });

  it("records a unit that fails twice, finishes the rest, and retries it on the next run", async () => {
    const out = dirs.make("fail-twice");
    const progress = recorder();
    const outcome = await runSweep(tinySweep(), {
      outDir: out,
      workers: 2,
      progress,
      faults: [{ policy: "random", devices: 20, replica: 1, mode: "throw", attempts: 2 }],
    });
    expect(outcome.status).toBe("failed");
    expect(outcome.completed).toBe(7);
    expect(outcome.failures).toHaveLength(1);
    const failures = readFileSync(join(out, "failures.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(failures).toEqual([
      expect.objectContaining({ devices: 20, replica: 1, policy: "random", attempts: 2, errors: [expect.stringMatching(/injected/), expect.stringMatching(/injected/)] }),
    ]);
    expect(progress.lines.at(-1)).toMatch(/failed 2 times.*failures\.jsonl, the sweep goes on/);
    // The other units' rows are written; the failed unit has none.
    const rows = readResults(out)["rows.jsonl"]!;
    expect(rows).not.toMatch(/"replica":1,"seed":\d+,"devices":20,"policy":"random"/);
    expect(readdirSync(join(out, "units"))).toHaveLength(7);
    expect(JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")).status).toBe("failed");

    // Fixed (no fault now): the next run retries only that unit and clears failures.jsonl.
    const again = await runSweep(tinySweep(), { outDir: out, mode: "inline" });
    expect(again).toMatchObject({ status: "complete", skipped: 7, completed: 1 });
    expect(existsSync(join(out, "failures.jsonl"))).toBe(false);
    expect(readResults(out)).toEqual(reference);
  });
});
