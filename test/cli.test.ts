// The command line as a user meets it: help, JSON output, and clear errors without stack traces.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mecbench } from "./helpers/cli.ts";

describe("mecbench CLI", () => {
  it("run --format json prints metrics, counts, seed, scenarioHash, version, tasksSimulated, wallS", () => {
    const r = mecbench("run", "--scenario", "paper", "--policy", "utilization-based", "--devices", "50", "--duration-s", "40", "--warmup-s", "5", "--seed", "3", "--format", "json");
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    for (const key of ["metrics", "counts", "seed", "scenarioHash", "version", "tasksSimulated", "wallS"]) expect(json).toHaveProperty(key);
    expect(json.seed).toBe(3);
    expect(json.counts.generated).toBe(json.counts.completed + json.counts.failed + json.counts.inFlight);
  });

  it("run prints a table by default", () => {
    const r = mecbench("run", "--scenario", "edgecloudsim-app4", "--policy", "random", "--devices", "40", "--duration-s", "60", "--warmup-s", "10");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/service time\s+\d/);
    expect(r.out).toMatch(/failed tasks/);
  });

  it("validate prints the offered load of every sweep point", () => {
    const r = mecbench("validate", "paper");
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/offered load/);
    for (const n of [200, 1000, 2000]) expect(r.out).toMatch(new RegExp(`^\\s+${n}\\s+`, "m"));
    expect(r.out).toMatch(/84\.00/); // ρ total at 2000 devices
  });

  it("an unknown policy is a clear error with a suggestion, exit 2, no stack trace", () => {
    const r = mecbench("run", "--scenario", "paper", "--policy", "utilisation-based", "--devices", "10");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/did you mean "utilization-based"/);
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("a bad scenario file lists each problem with its JSON path", () => {
    const dir = mkdtempSync(join(tmpdir(), "mecbench-"));
    const file = join(dir, "bad.json");
    writeFileSync(file, JSON.stringify({ name: "x", simulation: { durationS: -1 }, deviceCounts: [] }));
    const r = mecbench("validate", file);
    expect(r.code).toBe(2);
    expect(r.err).toContain("simulation.durationS");
    expect(r.err).toContain("deviceCounts");
    expect(r.err).not.toMatch(/\n\s+at /);
  });

  it("broken JSON names the line", () => {
    const dir = mkdtempSync(join(tmpdir(), "mecbench-"));
    const file = join(dir, "broken.json");
    writeFileSync(file, '{\n  "name": "x",\n  "simulation": { "durationS": 10 ,, }\n}');
    const r = mecbench("validate", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 3/);
  });

  it("bad numbers in flags name the flag", () => {
    const r = mecbench("run", "--scenario", "paper", "--policy", "random", "--devices", "ten");
    expect(r.code).toBe(2);
    expect(r.err).toContain("--devices");
  });

  it("train --rl: a bad flag value names the flag, exit 2, no stack trace; --help documents it", () => {
    const r = mecbench("train", "--rl", "--scenario", "paper", "--rl-episodes", "2.5");
    expect(r.code).toBe(2);
    expect(r.err).toContain('--rl-episodes: not an integer ≥ 1 (found "2.5")');
    expect(r.err).not.toMatch(/\n\s+at /);
    const help = mecbench("train", "--help");
    expect(help.code).toBe(0);
    for (const flag of ["--rl ", "--rl-episodes", "--rl-steps", "--rl-from"]) expect(help.out).toContain(flag);
  });

  it("every command answers --help", () => {
    for (const cmd of ["run", "validate", "schema", "policies"]) {
      const r = mecbench(cmd, "--help");
      expect(r.code, cmd).toBe(0);
      expect(r.out.length, cmd).toBeGreaterThan(20);
    }
  });
});
