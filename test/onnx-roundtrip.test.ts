// ONNX export -> import gives back the same model; PyTorch-style MatMul+Add graphs import too.
import { describe, expect, it } from "vitest";
import { initMlp, type MlpModel } from "../src/nn/mlp.ts";
import { encodeOnnxModel, mlpToOnnx, readMlpFromOnnx } from "../src/nn/onnx.ts";

function expectSameModel(a: MlpModel, b: MlpModel): void {
  expect(a.layerSizes).toEqual(b.layerSizes);
  expect(a.outputActivation).toBe(b.outputActivation);
  expect(a.weights.length).toBe(b.weights.length);
  a.weights.forEach((w, l) => expect(Array.from(w)).toEqual(Array.from(b.weights[l]!)));
  a.biases.forEach((w, l) => expect(Array.from(w)).toEqual(Array.from(b.biases[l]!)));
}

describe("ONNX round trip", () => {
  for (const [sizes, act] of [
    [[14, 64, 32, 16, 3], "softmax"],
    [[13, 9, 1], "linear"],
    [[5, 3], "softmax"],
  ] as const) {
    it(`${sizes.join("-")} ${act}: identical weights, sizes and activation`, () => {
      const model = initMlp([...sizes], 42, act);
      const back = readMlpFromOnnx(mlpToOnnx(model), { inputSize: sizes[0], outputSize: sizes.at(-1) });
      expectSameModel(back, model);
      expect(back.metadata).toBeUndefined();
    });
  }

  it("carries metadata props both ways", () => {
    const model = { ...initMlp([4, 6, 3], 1), metadata: { trainedOn: "scenario-a", epochs: "12" } };
    const bytes = mlpToOnnx(model, { metadata: { epochs: "20", tool: "mecbench" } });
    const back = readMlpFromOnnx(bytes);
    expect(back.metadata).toEqual({ trainedOn: "scenario-a", epochs: "20", tool: "mecbench" });
  });

  it("honours custom input/output names when asked", () => {
    const model = initMlp([4, 2], 1, "linear");
    const bytes = mlpToOnnx(model, { inputName: "x", outputName: "y" });
    expect(() => readMlpFromOnnx(bytes)).toThrow(/expected input "features", found "x"/);
    expectSameModel(readMlpFromOnnx(bytes, { inputName: "x", outputName: "y" }), model);
    expectSameModel(readMlpFromOnnx(bytes, { inputName: null, outputName: null }), model);
  });

  it("imports MatMul + Add layers ([in][out] weights, as PyTorch may export them)", () => {
    const model = initMlp([3, 4, 2], 9, "softmax");
    const raw = (a: Float32Array) => new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
    const transposed = (w: Float32Array, nOut: number, nIn: number) => {
      const t = new Float32Array(w.length);
      for (let o = 0; o < nOut; o++) for (let i = 0; i < nIn; i++) t[i * nOut + o] = w[o * nIn + i]!;
      return t;
    };
    const tensor = (name: string, dims: number[], data: Float32Array) => ({ name, dims, data_type: 1, raw_data: raw(data) });
    const bytes = encodeOnnxModel({
      ir_version: 7,
      opset_import: [{ domain: "", version: 13 }],
      graph: {
        name: "torch_jit",
        node: [
          { op_type: "MatMul", input: ["features", "W0"], output: ["mm0"] },
          { op_type: "Add", input: ["mm0", "b0"], output: ["add0"] },
          { op_type: "Relu", input: ["add0"], output: ["r0"] },
          { op_type: "MatMul", input: ["r0", "W1"], output: ["mm1"] },
          { op_type: "Add", input: ["b1", "mm1"], output: ["logits"] },
          { op_type: "Softmax", input: ["logits"], output: ["scores"], attribute: [{ name: "axis", type: 2, i: 1 }] },
        ],
        initializer: [
          tensor("W0", [3, 4], transposed(model.weights[0]!, 4, 3)),
          tensor("b0", [4], model.biases[0]!),
          tensor("W1", [4, 2], transposed(model.weights[1]!, 2, 4)),
          { name: "b1", dims: [1, 2], data_type: 1, float_data: Array.from(model.biases[1]!) },
        ],
        input: [{ name: "features", type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_value: 1 }, { dim_value: 3 }] } } } }],
        output: [{ name: "scores", type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_value: 1 }, { dim_value: 2 }] } } } }],
      },
    });
    expectSameModel(readMlpFromOnnx(bytes), model);
  });
});
