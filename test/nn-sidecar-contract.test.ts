// The sidecar contract (docs/neural-network.md) checked field by field against the model file it
// sits beside: each mismatch is a ModelError (an InputError, exit 2) naming the sidecar, the field,
// both values and the fix.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ModelError } from "../src/nn/mlp.ts";
import { loadModel, MODEL_FILES } from "../src/nn/model-set.ts";
import { writeModelSet } from "./helpers/nn.ts";

function withSidecar(edit: (side: Record<string, any>) => void): { onnx: string; side: string } {
  const dir = writeModelSet([0, 0, 1], {});
  const onnx = join(dir, MODEL_FILES.tier.expert);
  const side = join(dir, "tier-selection.json");
  const data = JSON.parse(readFileSync(side, "utf8"));
  edit(data);
  writeFileSync(side, JSON.stringify(data));
  return { onnx, side };
}

function loadError(onnx: string): ModelError {
  try {
    loadModel(onnx, "tier-selection", true);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelError);
    return e as ModelError;
  }
  throw new Error("expected a ModelError");
}

describe("sidecar contract", () => {
  it("the sidecars this build writes load", () => {
    const { onnx } = withSidecar(() => {});
    expect(loadModel(onnx, "tier-selection", true).sidecar.model).toBe("tier-selection.onnx");
  });

  it("each contract field, when wrong, is named with both values and the fix", () => {
    const cases: [(s: Record<string, any>) => void, RegExp][] = [
      [(s) => (s.model = "other.onnx"), /model: names "other\.onnx", but this sidecar belongs to tier-selection\.onnx \(fix: set "model": "tier-selection\.onnx"/],
      [(s) => (s.model = 7), /model: expected the ONNX file name .* found 7 \(fix: set "model"/],
      [(s) => (s.opset = 17), /opset: 17, but tier-selection\.onnx imports opset 13 of the default domain \(fix: set "opset": 13/],
      [(s) => (s.irVersion = 9), /irVersion: 9, but tier-selection\.onnx has IR version 8 \(fix: set "irVersion": 8/],
      [(s) => delete s.irVersion, /irVersion: expected a positive integer .* found undefined \(fix:/],
      [(s) => (s.input.name = "x"), /"x".*"features"/],
      [(s) => (s.output.name = "logits"), /"logits".*"scores"/],
      [(s) => (s.output.classes = ["cloud", "localEdge", "remoteEdge"]), /output\.classes: expected \["localEdge","remoteEdge","cloud"\] .*\(fix: reorder/],
      [(s) => delete s.producer, /producer: expected a string .*\(fix:/],
      [(s) => (s.features[3].std = 0), /feature 3 .*std must be a positive number/],
    ];
    for (const [edit, pattern] of cases) {
      const { onnx, side } = withSidecar(edit);
      const e = loadError(onnx);
      // The sidecar is named, or the model file when the graph itself disagrees with the sidecar.
      expect([side, onnx].some((f) => e.message.startsWith(`${f}: `)), e.message).toBe(true);
      expect(e.message, String(edit)).toMatch(pattern);
    }
  });

  it("a model path that is a folder, and a sidecar that is not UTF-8, name the file", () => {
    const { onnx, side } = withSidecar(() => {});
    const folder = join(onnx, "..", "folder.onnx");
    mkdirSync(folder);
    expect(loadError(folder).message).toMatch(/folder\.onnx: is a directory, not an ONNX model file/);
    writeFileSync(side, Buffer.from([0x7b, 0xff, 0x7d]));
    expect(loadError(onnx).message).toMatch(/tier-selection\.json: sidecar of tier-selection\.onnx is not UTF-8 text \(byte 0xff at offset 1, line 1\)/);
    writeFileSync(side, "{\n  \"format\": 1,\n}");
    expect(loadError(onnx).message).toMatch(/tier-selection\.json: not valid JSON \(line 3, column 1: expected a double-quoted property name/);
  });
});
