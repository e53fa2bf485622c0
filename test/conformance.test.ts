// mecbench conformance (src/experiment/conformance.ts): the tolerance rule on known numbers, the
// verdict at its edges, and one reference point run end to end through the command.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { loadReference, scoreCell, tolerance } from "../src/experiment/conformance.ts";

const bin = new URL("../src/cli/bin.mjs", import.meta.url).pathname;
const mecbench = (...args: string[]) => {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe("conformance tolerance", () => {
  it("is the largest of 10 % of the mean, half the replica range and the unit's floor", () => {
    expect(tolerance({ mean: 4, min: 3.8, max: 5 }, "s")).toBeCloseTo(0.6, 12); // half range 0.6 > 0.4
    expect(tolerance({ mean: 4, min: 3.9, max: 4.1 }, "s")).toBeCloseTo(0.4, 12); // 10 % of 4
    expect(tolerance({ mean: 0.1, min: 0.1, max: 0.1 }, "s")).toBe(0.02); // floor for times
    expect(tolerance({ mean: 1, min: 0.9, max: 1.1 }, "%")).toBe(0.5); // floor for percentages
  });

  it("a cell agrees up to the tolerance and not beyond; the mean is over seeds", () => {
    const ref = { mean: 10, min: 10, max: 10 }; // tolerance 1 %-point
    expect(scoreCell("p", 200, "failedPct", "%", [10.5, 11.5], ref)).toMatchObject({ ours: 11, diff: 1, agrees: true });
    expect(scoreCell("p", 200, "failedPct", "%", [11, 11.2], ref).agrees).toBe(false);
    expect(scoreCell("p", 200, "failedPct", "%", [8.9, 9.1], ref)).toMatchObject({ agrees: true });
  });

  it("the committed reference has the 10 measured points with their provenance and run window", () => {
    const r = loadReference();
    expect(r.points).toHaveLength(10);
    expect(r.source).toMatch(/sample_app4/);
    expect(r.simulation).toEqual(expect.objectContaining({ durationS: 300, warmupS: 180 }));
    for (const p of r.points) expect(p.serviceS.min).toBeLessThanOrEqual(p.serviceS.mean);
  });
});

describe("mecbench conformance", () => {
  it("runs a reference point and prints every cell with its verdict", () => {
    const out = mecbench("conformance", "--seeds", "1", "--devices", "200", "--policies", "utilization-based");
    expect([0, 1]).toContain(out.code);
    expect(out.stdout).toMatch(/\| utilization-based \| 200 \| service time \(s\) \| \d+\.\d{3} \| 1\.088 \[1\.059, 1\.140\]/);
    expect(out.stdout).toMatch(/\d+\/5 cells agree/);
  });

  it("refuses a device count the reference does not have, naming the flag and the choices", () => {
    const out = mecbench("conformance", "--devices", "300");
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/--devices/);
    expect(out.stderr).toMatch(/200, 2000/);
  });
});
