// ONNX export and import of dense MLPs, so a network trained here runs in onnxruntime and a
// network trained in PyTorch (torch.onnx.export of nn.Sequential(Linear, ReLU, ..., Linear[,
// Softmax])) can be dropped in. The messages themselves: src/nn/onnx-proto.ts.

import { readFile } from "node:fs/promises";
import { type MlpModel, ModelError, validateMlp } from "./mlp.ts";
import {
  ATTR_INT, type Attribute, DOUBLE, DTYPE_NAMES, FLOAT, type Model, modelProto, type Node, type Tensor, type ValueInfo,
} from "./onnx-proto.ts";

export const ONNX_INPUT_NAME = "features";
export const ONNX_OUTPUT_NAME = "scores";

export interface OnnxExportOptions {
  /** Graph input name (default "features"). */
  inputName?: string;
  /** Graph output name (default "scores"). */
  outputName?: string;
  /** Extra metadata_props, merged over model.metadata. */
  metadata?: Record<string, string>;
  producerName?: string;
  graphName?: string;
}

/** Serialises `model` as an ONNX model (IR 8, opset 13): Gemm(transB=1) + Relu ..., [Softmax]. */
export function mlpToOnnx(model: MlpModel, opts: OnnxExportOptions = {}): Uint8Array {
  validateMlp(model, "mlpToOnnx");
  const inputName = opts.inputName ?? ONNX_INPUT_NAME;
  const outputName = opts.outputName ?? ONNX_OUTPUT_NAME;
  const sizes = model.layerSizes;
  const nLayers = sizes.length - 1;
  const nodes: object[] = [];
  const initializer: object[] = [];
  let current = inputName;
  for (let l = 0; l < nLayers; l++) {
    const last = l === nLayers - 1;
    const w = `layer${l}.weight`;
    const b = `layer${l}.bias`;
    initializer.push(floatTensor(w, [sizes[l + 1]!, sizes[l]!], model.weights[l]!));
    initializer.push(floatTensor(b, [sizes[l + 1]!], model.biases[l]!));
    const gemmOut = last && model.outputActivation === "linear" ? outputName : `layer${l}.gemm`;
    nodes.push({
      name: `layer${l}.Gemm`, op_type: "Gemm", input: [current, w, b], output: [gemmOut],
      attribute: [{ name: "transB", type: ATTR_INT, i: 1 }],
    });
    current = gemmOut;
    if (!last) {
      nodes.push({ name: `layer${l}.Relu`, op_type: "Relu", input: [current], output: [`layer${l}.relu`] });
      current = `layer${l}.relu`;
    } else if (model.outputActivation === "softmax") {
      nodes.push({
        name: "Softmax", op_type: "Softmax", input: [current], output: [outputName],
        attribute: [{ name: "axis", type: ATTR_INT, i: -1 }],
      });
    }
  }
  const metadata = { ...model.metadata, ...opts.metadata };
  return encodeOnnxModel({
    ir_version: 8,
    opset_import: [{ domain: "", version: 13 }],
    producer_name: opts.producerName ?? "mecbench",
    graph: {
      name: opts.graphName ?? "mlp",
      node: nodes,
      initializer,
      input: [valueInfo(inputName, sizes[0]!)],
      output: [valueInfo(outputName, sizes[nLayers]!)],
    },
    metadata_props: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
}

function floatTensor(name: string, dims: number[], data: Float32Array): object {
  // raw_data is little-endian IEEE 754; copy so the bytes do not alias the caller's array.
  const raw = new Uint8Array(data.byteLength);
  new Float32Array(raw.buffer).set(data);
  return { name, dims, data_type: FLOAT, raw_data: raw };
}

function valueInfo(name: string, width: number): object {
  return {
    name,
    type: { tensor_type: { elem_type: FLOAT, shape: { dim: [{ dim_param: "N" }, { dim_value: width }] } } },
  };
}

/**
 * Low-level: encodes a plain ModelProto object (snake_case field names, as in onnx.proto; only the
 * fields declared in ONNX_SCHEMA above). For tools and tests that need graphs mlpToOnnx does not
 * write, e.g. the MatMul + Add form PyTorch sometimes exports.
 */
export function encodeOnnxModel(model: object): Uint8Array {
  return modelProto().encode(modelProto().fromObject(model)).finish();
}

export interface OnnxImportOptions {
  /** Names the model in error messages, e.g. its file path. */
  source?: string;
  /** Required graph input name (default "features"); null accepts any single input. */
  inputName?: string | null;
  /** Required graph output name (default "scores"); null accepts any single output. */
  outputName?: string | null;
  /** Expected number of input features. */
  inputSize?: number;
  /** Expected number of outputs. */
  outputSize?: number;
}

/** Reads the bytes of a file and imports it; errors name the path. */
export async function readMlpFromOnnxFile(path: string, opts: Omit<OnnxImportOptions, "source"> = {}): Promise<MlpModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new ModelError(`${path}: cannot read file (${(e as Error).message})`, { cause: e });
  }
  return readMlpFromOnnx(bytes, { ...opts, source: path });
}

/**
 * Parses an ONNX graph made of a chain of dense layers (Gemm, or MatMul followed by Add) with Relu
 * between them and an optional final Softmax; Identity, Dropout and Flatten are passed through.
 * Anything else throws ModelError naming what was found and what was expected.
 */
export function readMlpFromOnnx(bytes: Uint8Array, opts: OnnxImportOptions = {}): MlpModel {
  const src = opts.source ?? "ONNX model";
  let decoded: Model;
  try {
    const msg = modelProto().decode(bytes);
    decoded = modelProto().toObject(msg, { longs: Number, arrays: true }) as Model;
  } catch (e) {
    throw new ModelError(`${src}: not a valid ONNX file (protobuf decoding failed: ${(e as Error).message})`, { cause: e });
  }
  try {
    return parseModel(decoded, src, opts);
  } catch (e) {
    if (e instanceof ModelError) throw e;
    throw new ModelError(`${src}: cannot interpret ONNX model (${(e as Error).message})`, { cause: e });
  }
}

/** What a sidecar states about its model file: IR version, default-domain opset, graph inputs/outputs. */
export interface OnnxHeader {
  irVersion: number | undefined;
  /** Version of the default ("" or "ai.onnx") operator set, undefined when none is imported. */
  opset: number | undefined;
  inputs: { name: string; shape: (number | string)[] | undefined }[];
  outputs: { name: string; shape: (number | string)[] | undefined }[];
}

/** Decode only the header fields a sidecar is checked against; a file that is not ONNX throws ModelError. */
export function readOnnxHeader(bytes: Uint8Array, source = "ONNX model"): OnnxHeader {
  let decoded: Model;
  try {
    decoded = modelProto().toObject(modelProto().decode(bytes), { longs: Number, arrays: true }) as Model;
  } catch (e) {
    throw new ModelError(`${source}: not a valid ONNX file (protobuf decoding failed: ${(e as Error).message})`, { cause: e });
  }
  const opset = (decoded.opset_import ?? []).find((o) => !o.domain || o.domain === "ai.onnx")?.version;
  const io = (v: ValueInfo) => ({ name: v.name ?? "", shape: shapeOf(v) });
  const initializers = new Set((decoded.graph?.initializer ?? []).map((t) => t.name));
  return {
    irVersion: decoded.ir_version,
    opset,
    // Older exporters list the initializers among the inputs too; those are weights, not inputs.
    inputs: (decoded.graph?.input ?? []).filter((v) => !initializers.has(v.name)).map(io),
    outputs: (decoded.graph?.output ?? []).map(io),
  };
}

function fail(src: string, what: string): never {
  throw new ModelError(`${src}: ${what}`);
}

function shapeOf(v: ValueInfo): (number | string)[] | undefined {
  const dims = v.type?.tensor_type?.shape?.dim;
  if (!dims) return undefined;
  return dims.map((d) => d.dim_value ?? d.dim_param ?? "?");
}

function fmtShape(shape: (number | string)[] | undefined): string {
  return shape ? `[${shape.join(", ")}]` : "(no shape)";
}

function tensorData(t: Tensor, src: string): Float32Array {
  const name = t.name ?? "";
  const count = (t.dims ?? []).reduce((a, b) => a * b, 1);
  if (t.data_location === 1) fail(src, `initializer "${name}" uses external data, which is not supported (save with all tensors inline)`);
  const dtype = t.data_type ?? 0;
  let data: Float32Array;
  if (dtype === FLOAT) {
    if (t.raw_data && t.raw_data.length > 0) {
      if (t.raw_data.length !== count * 4) {
        fail(src, `initializer "${name}" holds ${t.raw_data.length} bytes, its shape needs ${count * 4}`);
      }
      data = new Float32Array(count);
      new Uint8Array(data.buffer).set(t.raw_data);
    } else {
      data = Float32Array.from(t.float_data ?? []);
    }
  } else if (dtype === DOUBLE) {
    if (t.raw_data && t.raw_data.length > 0) {
      const copy = new Uint8Array(t.raw_data);
      data = Float32Array.from(new Float64Array(copy.buffer, 0, Math.floor(copy.length / 8)));
    } else {
      data = Float32Array.from(t.double_data ?? []);
    }
  } else {
    fail(src, `initializer "${name}" has data type ${DTYPE_NAMES[dtype] ?? dtype}, expected FLOAT`);
  }
  if (data.length !== count) fail(src, `initializer "${name}" holds ${data.length} values, its shape needs ${count}`);
  return data;
}

function attr(n: Node, name: string): Attribute | undefined {
  return (n.attribute ?? []).find((a) => a.name === name);
}

function parseModel(m: Model, src: string, opts: OnnxImportOptions): MlpModel {
  const g = m.graph;
  if (!g || ((g.node ?? []).length === 0 && (g.input ?? []).length === 0)) {
    fail(src, "not an ONNX model: no graph found");
  }
  const inits = new Map<string, Tensor>();
  for (const t of g.initializer ?? []) inits.set(t.name ?? "", t);
  // IR < 4 lists initializers among the inputs too.
  const inputs = (g.input ?? []).filter((v) => !inits.has(v.name ?? ""));
  const outputs = g.output ?? [];
  const wantIn = opts.inputName === undefined ? ONNX_INPUT_NAME : opts.inputName;
  const wantOut = opts.outputName === undefined ? ONNX_OUTPUT_NAME : opts.outputName;
  if (inputs.length !== 1) fail(src, `expected 1 graph input, found ${inputs.length} (${inputs.map((v) => `"${v.name}"`).join(", ")})`);
  if (outputs.length !== 1) fail(src, `expected 1 graph output, found ${outputs.length} (${outputs.map((v) => `"${v.name}"`).join(", ")})`);
  const input = inputs[0]!;
  const output = outputs[0]!;
  const inName = input.name ?? "";
  const outName = output.name ?? "";
  if (wantIn !== null && inName !== wantIn) {
    fail(src, `expected input "${wantIn}", found "${inName}" (export with input_names=["${wantIn}"])`);
  }
  if (wantOut !== null && outName !== wantOut) {
    fail(src, `expected output "${wantOut}", found "${outName}" (export with output_names=["${wantOut}"])`);
  }
  const inShape = shapeOf(input);
  const elem = input.type?.tensor_type?.elem_type;
  if (elem !== undefined && elem !== FLOAT) {
    fail(src, `input "${inName}" has element type ${DTYPE_NAMES[elem] ?? elem}, expected FLOAT`);
  }
  if (!inShape || inShape.length !== 2 || typeof inShape[1] !== "number") {
    fail(src, `expected input "${inName}" of shape [N, features], found ${fmtShape(inShape)}`);
  }
  const nIn = inShape[1];
  if (opts.inputSize !== undefined && nIn !== opts.inputSize) {
    fail(src, `expected input "${inName}" of shape [N, ${opts.inputSize}], found ${fmtShape(inShape)}`);
  }

  const weights: Float32Array[] = [];
  const biases: Float32Array[] = [];
  const sizes = [nIn];
  let softmax = false;
  let pendingRelu = false; // a dense layer was read and awaits its Relu (unless it is the last)
  let current = inName;
  const nodes = g.node ?? [];
  const describe = (n: Node, i: number): string => `node ${i} (${n.op_type ?? "?"}${n.name ? ` "${n.name}"` : ""})`;
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i]!;
    const op = n.op_type ?? "";
    const ins = n.input ?? [];
    if (n.domain && n.domain !== "ai.onnx") fail(src, `${describe(n, i)}: operator domain "${n.domain}" is not supported`);
    if (softmax) fail(src, `${describe(n, i)}: expected Softmax to be the last node`);
    const layer = weights.length;
    const wantsInput = (k: number): void => {
      if (ins[k] !== current) {
        fail(src, `${describe(n, i)} reads "${ins[k] ?? ""}", expected "${current}": only a single chain of dense layers is supported`);
      }
    };
    if (op === "Gemm" || op === "MatMul") {
      if (pendingRelu) fail(src, `${describe(n, i)}: expected Relu after dense layer ${layer - 1}, found ${op}`);
      wantsInput(0);
      const wt = inits.get(ins[1] ?? "");
      if (!wt) fail(src, `${describe(n, i)}: weight "${ins[1] ?? ""}" is not an initializer (constant)`);
      const dims = wt.dims ?? [];
      if (dims.length !== 2) fail(src, `${describe(n, i)}: weight "${wt.name}" has shape ${fmtShape(dims)}, expected 2 dimensions`);
      let w = tensorData(wt, src);
      // Canonical layout is [out][in]; Gemm(transB=0) and MatMul store B as [in][out].
      const transB = op === "Gemm" ? (attr(n, "transB")?.i ?? 0) : 0;
      if (op === "Gemm" && (attr(n, "transA")?.i ?? 0) !== 0) fail(src, `${describe(n, i)}: transA=1 is not supported`);
      const [dOut, dIn] = transB ? [dims[0]!, dims[1]!] : [dims[1]!, dims[0]!];
      const prev = sizes[sizes.length - 1]!;
      if (dIn !== prev) {
        const expected = transB ? `[${dOut}, ${prev}]` : `[${prev}, ${dOut}]`;
        fail(src, `${describe(n, i)}: weight "${wt.name}" has shape ${fmtShape(dims)}, expected ${expected} (layer ${layer} has ${prev} inputs)`);
      }
      if (!transB) w = transpose(w, dIn, dOut);
      let b: Float32Array = new Float32Array(dOut);
      let out = n.output?.[0] ?? "";
      if (op === "Gemm") {
        const alpha = attr(n, "alpha")?.f ?? 1;
        const beta = attr(n, "beta")?.f ?? 1;
        if (alpha !== 1) w = w.map((v) => v * alpha);
        if (ins[2]) {
          const bt = inits.get(ins[2]);
          if (!bt) fail(src, `${describe(n, i)}: bias "${ins[2]}" is not an initializer (constant)`);
          b = tensorData(bt, src);
          if (b.length !== dOut) fail(src, `${describe(n, i)}: bias "${bt.name}" has ${b.length} values, expected ${dOut}`);
          if (beta !== 1) b = b.map((v) => v * beta);
        }
      } else {
        // MatMul: take the bias from the Add that consumes its output, if any.
        const next = nodes[i + 1];
        if (next?.op_type === "Add" && (next.input ?? []).includes(out)) {
          const other = (next.input ?? []).find((s) => s !== out) ?? "";
          const bt = inits.get(other);
          if (!bt) fail(src, `${describe(next, i + 1)}: bias "${other}" is not an initializer (constant)`);
          b = tensorData(bt, src);
          if (b.length !== dOut) fail(src, `${describe(next, i + 1)}: bias "${bt.name}" has ${b.length} values, expected ${dOut}`);
          out = next.output?.[0] ?? "";
          i++;
        }
      }
      weights.push(w);
      biases.push(b);
      sizes.push(dOut);
      pendingRelu = true;
      current = out;
    } else if (op === "Relu") {
      wantsInput(0);
      if (!pendingRelu) fail(src, `${describe(n, i)}: expected a dense layer (Gemm or MatMul) before Relu`);
      pendingRelu = false;
      current = n.output?.[0] ?? "";
    } else if (op === "Softmax") {
      wantsInput(0);
      const axis = attr(n, "axis")?.i ?? -1;
      if (axis !== -1 && axis !== 1) fail(src, `${describe(n, i)}: Softmax axis ${axis} is not supported, expected -1 (or 1)`);
      if (!pendingRelu) fail(src, `${describe(n, i)}: expected Softmax right after the last dense layer`);
      softmax = true;
      current = n.output?.[0] ?? "";
    } else if (op === "Identity" || op === "Dropout" || op === "Flatten") {
      wantsInput(0);
      if (op === "Flatten" && (attr(n, "axis")?.i ?? 1) !== 1) fail(src, `${describe(n, i)}: Flatten axis must be 1`);
      current = n.output?.[0] ?? "";
    } else {
      fail(src, `${describe(n, i)}: unsupported operator, expected Gemm, MatMul(+Add), Relu or Softmax`);
    }
  }
  if (weights.length === 0) fail(src, "expected at least one dense layer (Gemm or MatMul), found none");
  if (!pendingRelu) fail(src, "the output layer ends in Relu, which is not supported (expected linear or Softmax output)");
  if (current !== outName) fail(src, `the layer chain ends in "${current}", expected it to produce the graph output "${outName}"`);
  const nOut = sizes[sizes.length - 1]!;
  const outShape = shapeOf(output);
  if (outShape && (outShape.length !== 2 || (typeof outShape[1] === "number" && outShape[1] !== nOut))) {
    fail(src, `output "${outName}" is declared ${fmtShape(outShape)}, but the layers produce [N, ${nOut}]`);
  }
  if (opts.outputSize !== undefined && nOut !== opts.outputSize) {
    fail(src, `expected output "${outName}" of shape [N, ${opts.outputSize}], found [${outShape?.[0] ?? "N"}, ${nOut}]`);
  }
  const metadata: Record<string, string> = {};
  for (const p of m.metadata_props ?? []) metadata[p.key ?? ""] = p.value ?? "";
  const model: MlpModel = { layerSizes: sizes, weights, biases, outputActivation: softmax ? "softmax" : "linear" };
  if (Object.keys(metadata).length > 0) model.metadata = metadata;
  validateMlp(model, src);
  return model;
}

function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const t = new Float32Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = a[r * cols + c]!;
  return t;
}
