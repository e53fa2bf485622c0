// Bad ONNX input gives a ModelError naming the file and what was expected, never a library stack trace.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { initMlp, ModelError } from "../src/nn/mlp.ts";
import { encodeOnnxModel, mlpToOnnx, readMlpFromOnnx, readMlpFromOnnxFile } from "../src/nn/onnx.ts";
import { createOnnxBackend, loadOnnxBackend } from "../src/nn/onnx-backend.ts";

function caught(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

describe("ONNX import errors", () => {
  it("wrong input width names the file, the input and both shapes", () => {
    const bytes = mlpToOnnx(initMlp([12, 8, 3], 1));
    const e = caught(() => readMlpFromOnnx(bytes, { source: "models/x.onnx", inputSize: 14 }));
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toBe('models/x.onnx: expected input "features" of shape [N, 14], found [N, 12]');
  });

  it("wrong output width is reported", () => {
    const bytes = mlpToOnnx(initMlp([14, 8, 4], 1));
    expect(() => readMlpFromOnnx(bytes, { source: "m.onnx", outputSize: 3 })).toThrow(
      'm.onnx: expected output "scores" of shape [N, 3], found [N, 4]',
    );
  });

  it("corrupt or truncated bytes give ModelError, not a protobuf stack trace", () => {
    const good = mlpToOnnx(initMlp([4, 3], 1));
    for (const bytes of [good.subarray(0, good.length - 7), new Uint8Array([0xff, 0xff, 0xff, 0xff, 0x0f]), new TextEncoder().encode("not an onnx file at all")]) {
      const e = caught(() => readMlpFromOnnx(bytes, { source: "models/bad.onnx" }));
      expect(e).toBeInstanceOf(ModelError);
      expect(e.message).toMatch(/^models\/bad\.onnx: /);
    }
    expect(() => readMlpFromOnnx(new Uint8Array(0), { source: "empty.onnx" })).toThrow(/empty\.onnx: not an ONNX model: no graph found/);
  });

  it("unsupported operators are named with what was expected", () => {
    const model = initMlp([3, 2], 1, "linear");
    const w = new Uint8Array(model.weights[0]!.buffer);
    const bytes = encodeOnnxModel({
      ir_version: 8,
      opset_import: [{ domain: "", version: 13 }],
      graph: {
        node: [
          { op_type: "Gemm", input: ["features", "W", ""], output: ["g"], attribute: [{ name: "transB", type: 2, i: 1 }] },
          { op_type: "Tanh", name: "act0", input: ["g"], output: ["scores"] },
        ],
        initializer: [{ name: "W", dims: [2, 3], data_type: 1, raw_data: w }],
        input: [{ name: "features", type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: "N" }, { dim_value: 3 }] } } } }],
        output: [{ name: "scores" }],
      },
    });
    expect(() => readMlpFromOnnx(bytes, { source: "t.onnx" })).toThrow(
      't.onnx: node 1 (Tanh "act0"): unsupported operator, expected Gemm, MatMul(+Add), Relu or Softmax',
    );
  });

  it("missing files name the path", async () => {
    await expect(readMlpFromOnnxFile("/nonexistent/model.onnx")).rejects.toThrow(/^\/nonexistent\/model\.onnx: cannot read file/);
    await expect(loadOnnxBackend("/nonexistent/model.onnx")).rejects.toBeInstanceOf(ModelError);
  });

  it("onnxruntime failures are wrapped into ModelError naming the file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mecbench-onnx-"));
    const path = join(dir, "garbage.onnx");
    writeFileSync(path, "garbage");
    const e = (await loadOnnxBackend(path).catch((err: unknown) => err)) as Error;
    expect(e).toBeInstanceOf(ModelError);
    expect(e.message).toMatch(/garbage\.onnx: onnxruntime cannot load the model/);
    const ok = await createOnnxBackend(mlpToOnnx(initMlp([12, 3], 1)), { source: "m.onnx", inputSize: 14 }).catch((err: unknown) => err as Error);
    expect(ok).toBeInstanceOf(ModelError);
    expect((ok as Error).message).toBe('m.onnx: expected input "features" of shape [N, 14], found [N, 12]');
  });
});
