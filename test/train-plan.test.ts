// `mecbench train` you can plan: the stages listed up front, elapsed time and ETA per stage, a new
// folder under results/models/ by default (the committed models/ untouched), a staged write (no
// half-written set), and the files an explicit --out replaced named.
import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { etaS } from "../src/cli/train-log.ts";
import { clock } from "../src/experiment/progress.ts";
import { isCommittedModels } from "../src/cli/train-out.ts";
import { BIN } from "./helpers/cli.ts";

const tmp = mkdtempSync(join(tmpdir(), "mecbench-train-plan-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const models = new URL("../models/", import.meta.url).pathname;
const train = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, "train", "--scenario", "paper", "--samples", "100", "--epochs", "2", "--vm-epochs", "2", ...args], { encoding: "utf8", cwd });
  return { code: r.status, err: r.stderr };
};
const SET = ["tier-selection-outcome.json", "tier-selection-outcome.onnx", "tier-selection.json", "tier-selection.onnx", "vm-compatibility.json", "vm-compatibility.onnx"];

function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[p] = createHash("sha256").update(readFileSync(p)).digest("hex");
    }
  };
  walk(dir);
  return out;
}

describe("mecbench train", () => {
  it("lists its stages, shows elapsed time and an ETA per stage, writes the set to --out", () => {
    const out = join(tmp, "explicit");
    const r = train(tmp, "--out", out);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain("stages per scenario:\n  1. simulating states (100 tier samples)\n  2. TierSelectionNN, expert labels (2 epochs)");
    expect(r.err).toMatch(/\[1\/5\] paper: simulating states \(100 tier samples\) {2}\(elapsed 0:00\)/);
    expect(r.err).toMatch(/\[5\/5\] paper: writing the model set {2}\(elapsed \d+:\d\d\)/);
    expect(r.err).toMatch(/tier epoch {3}2\/2 .* \(stage \d+:\d\d, ETA 0:00\)/);
    expect(readdirSync(out).sort()).toEqual(SET);
    expect(readdirSync(tmp).filter((f) => f.includes(".partial-"))).toEqual([]);
  });

  it("by default writes a new folder under results/models/ and leaves the committed models/ unchanged", () => {
    const before = hashes(models);
    const cwd = join(tmp, "default");
    mkdirSync(cwd);
    expect(train(cwd).code).toBe(0);
    expect(train(cwd).code).toBe(0);
    expect(readdirSync(join(cwd, "results", "models")).sort()).toEqual(["paper", "paper-2"]);
    expect(readdirSync(join(cwd, "results", "models", "paper-2")).sort()).toEqual(SET);
    expect(hashes(models)).toEqual(before);
  });

  it("into an existing folder: names the files it replaced and keeps the others", () => {
    const out = join(tmp, "existing");
    mkdirSync(out);
    writeFileSync(join(out, "tier-selection.onnx"), "old");
    writeFileSync(join(out, "notes.txt"), "mine");
    const r = train(tmp, "--out", out, "--labels", "expert");
    expect(r.code, r.err).toBe(0);
    expect(r.err).toContain(`replaced tier-selection.onnx in ${out}`);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine");
    expect(readFileSync(join(out, "tier-selection.onnx")).length).toBeGreaterThan(100);
    expect(existsSync(join(out, "tier-selection-outcome.onnx"))).toBe(false);
  });

  it("Ctrl-C during training leaves no model set (nor a staging folder)", async () => {
    const out = join(tmp, "interrupted");
    const child = spawn(process.execPath, [BIN, "train", "--scenario", "paper", "--samples", "20000", "--out", out], { cwd: tmp });
    let err = "";
    await new Promise<void>((done) => {
      child.stderr.on("data", (chunk) => {
        err += String(chunk);
        if (err.includes("[1/5]")) done();
      });
    });
    const exited = new Promise<number | null>((done) => child.on("exit", (code, signal) => done(code ?? (signal ? 130 : null))));
    child.kill("SIGINT");
    expect(await exited).not.toBe(0);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.startsWith("interrupted"))).toEqual([]);
  });

  it("ETA from the stage's pace; clock format; what counts as the committed models", () => {
    expect(etaS(10, 1, 4)).toBe(30);
    expect(etaS(10, 0, 4)).toBeNull();
    expect(clock(75)).toBe("1:15");
    expect(clock(3725)).toBe("1:02:05");
    expect(isCommittedModels(join(models, "paper"))).toBe(true);
    expect(isCommittedModels(join(tmp, "models", "paper"))).toBe(false);
  });
});
