// A missing, corrupt or shape-mismatched model or sidecar: a ModelError (an InputError, so the CLI
// exits 2 without a stack) naming the file and what was expected vs found.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { main } from "../src/cli/main.ts";
import { TIER_FEATURES } from "../src/nn/features.ts";
import { ModelError, initMlp } from "../src/nn/mlp.ts";
import { MODEL_FILES, writeModelFiles } from "../src/nn/model-set.ts";
import { runReplica } from "../src/engine/run.ts";
import { nativePolicy } from "../src/engine/wasm/policies.ts";
import { neuralNetworkPolicy } from "../src/policies/neural-network.ts";
import { InputError } from "../src/scenario/errors.ts";
import { sidecarFor, twoTierWorld, writeModelSet } from "./helpers/nn.ts";

/** Bind the policy (its encoder loads and checks the models) and return the error it throws. */
function create(options: Record<string, unknown>): Error {
  try {
    nativePolicy(neuralNetworkPolicy, options, twoTierWorld().scenario);
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("neural-network model errors", () => {
  it("missing model file", () => {
    const e = create({ model: "/nonexistent/tier.onnx" });
    expect(e).toBeInstanceOf(ModelError);
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toBe("/nonexistent/tier.onnx: model file not found");
  });

  it("missing sidecar names the sidecar", () => {
    const dir = writeModelSet([0, 0, 1], {});
    rmSync(join(dir, "tier-selection.json"));
    const e = create({ modelDir: dir });
    expect(e.message).toBe(`${join(dir, "tier-selection.json")}: sidecar of tier-selection.onnx not found`);
  });

  it("corrupt ONNX bytes", () => {
    const dir = writeModelSet([0, 0, 1], {});
    writeFileSync(join(dir, MODEL_FILES.vm), "garbage, not protobuf at all");
    const e = create({ modelDir: dir });
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toMatch(new RegExp(`^${join(dir, MODEL_FILES.vm)}: not a valid ONNX file`));
  });

  it("ONNX input width differs from the sidecar: expected vs found", () => {
    const dir = writeModelSet([0, 0, 1], {});
    const path = join(dir, "tier-selection.onnx");
    writeModelFiles(path, initMlp([14, 8, 3], 1), sidecarFor("tier-selection", "tier-selection.onnx"));
    const e = create({ modelDir: dir });
    expect(e.message).toBe(`${path}: expected input "features" of shape [N, ${TIER_FEATURES.length}], found [N, 14]`);
  });

  it("ONNX output width: a VM model with 3 outputs", () => {
    const dir = writeModelSet([0, 0, 1], {});
    const path = join(dir, MODEL_FILES.vm);
    const side = JSON.parse(readFileSync(join(dir, "vm-compatibility.json"), "utf8"));
    writeModelFiles(path, initMlp([side.features.length, 3], 1, "linear"), side);
    const e = create({ modelDir: dir });
    expect(e.message).toBe(`${path}: expected output "scores" of shape [N, 1], found [N, 3]`);
  });

  it("sidecar features in another order or number", () => {
    const dir = writeModelSet([0, 0, 1], {});
    const sidePath = join(dir, "tier-selection.json");
    const side = JSON.parse(readFileSync(sidePath, "utf8"));
    [side.features[0], side.features[1]] = [side.features[1], side.features[0]];
    writeFileSync(sidePath, JSON.stringify(side));
    expect(create({ modelDir: dir }).message).toBe(`${sidePath}: feature 0: expected "task.length_gi", found "task.upload_mb"`);
    side.features = side.features.slice(0, 14);
    writeFileSync(sidePath, JSON.stringify(side));
    expect(create({ modelDir: dir }).message).toMatch(new RegExp(`^${sidePath}: expected ${TIER_FEATURES.length} features, found 14`));
    writeFileSync(sidePath, "{ not json");
    expect(create({ modelDir: dir }).message).toMatch(new RegExp(`^${sidePath}: not valid JSON`));
  });

  it("a bring-your-own model (the shipped example) loads with model=...", () => {
    const dir = writeModelSet([0, 0, 1], {});
    const example = new URL("../models/examples/tiny-tier.onnx", import.meta.url).pathname;
    const copy = join(mkdtempSync(join(tmpdir(), "byo-")), "mine.onnx");
    copyFileSync(example, copy);
    // The sidecar names its model file: a renamed copy gets the new name (a stale one is refused).
    const side = JSON.parse(readFileSync(example.replace(/\.onnx$/, ".json"), "utf8"));
    writeFileSync(copy.replace(/\.onnx$/, ".json"), JSON.stringify({ ...side, model: "mine.onnx" }));
    const r = runReplica(twoTierWorld(), "neural-network", { devices: 1, seed: 1, durationS: 3000, warmupS: 0, policyOptions: { modelDir: dir, model: copy } });
    expect(r.counts.completed).toBeGreaterThan(0);
  });

  it("unknown option values are input errors with the allowed values", () => {
    const e = create({ backend: "gpu" });
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(/backend: not an allowed value .*use one of: wasm, onnx/);
    expect(create({ bakend: "wasm" }).message).toMatch(/did you mean "backend"/);
  });

  it("mecbench run exits 2 with the message and no stack", async () => {
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const code = await main(["run", "--scenario", "paper", "--policy", "neural-network", "--devices", "10", "--duration-s", "1", "--warmup-s", "0", "--option", "model=/nonexistent/x.onnx"]);
    const text = err.mock.calls.map((c) => String(c[0])).join("");
    err.mockRestore();
    expect(code).toBe(2);
    expect(text).toContain("/nonexistent/x.onnx: model file not found");
    expect(text).not.toContain("    at ");
  });
});
