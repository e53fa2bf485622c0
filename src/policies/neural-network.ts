// neural-network: the paper's Algorithm 1 (section IV), run inside the engine
// (assembly/policies/neural-network.ts with its features, scans and networks). For a batch: sort it by
// delay sensitivity (stable; default most sensitive first, option `order`), then for each task,
// with features from the live state: TierSelectionNN scores the three tiers; tiers are tried by
// descending score, a tier is skipped when none of its VMs is feasible (C2–C4, and admitted);
// inside the chosen tier VMCompatibilityNN ranks the feasible VMs and the best is taken; a task no
// tier can take stays unassigned (the engine's overflow queue retries it next batch). Without
// batches (batchIntervalS 0) each arrival is a batch of one.
// This file is the policy's descriptor: its options, its counters and the encoder that loads the
// models and hands the engine its parameters (and, with backend=onnx, the host's forward pass).
// The DQN trainer (src/training/rl.ts) runs the engine's same Algorithm 1 with its agent choosing tiers.
// See docs/neural-network.md for the model contract.
import { createHash } from "node:crypto";
import { isMainThread } from "node:worker_threads";
import { z } from "zod";
import { type MlpModel, ModelError, validateMlp } from "../nn/mlp.ts";
import { cachedModelLoader } from "../nn/model-cache.ts";
import { chooseModelSet, worldMatchOf } from "../nn/model-choice.ts";
import { loadModel, type LoadedModel, modelSetPaths, type ModelUse } from "../nn/model-set.ts";
import { OnnxSync } from "../nn/onnx-sync.ts";
import { mlpMemoryError } from "../nn/wasm-kernel.ts";
import type { Scenario } from "../scenario/schema.ts";
import { displayPath } from "../kernel/project-files.ts";
import { definePolicy } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";
import type { ForwardPass, NativeParams } from "./types.ts";

/**
 * The options. Paths (modelDir, model, vmModel) have no default: absent, the model set under models/
 * trained for the scenario's world (src/nn/model-choice.ts) and its files are used.
 */
const neuralNetworkOptions = z.strictObject({
  backend: z.enum(["wasm", "onnx"]).default("wasm")
    .meta({ description: "wasm: the engine's own MLP kernels; onnx: onnxruntime-web on the host runs the forward passes (any ONNX graph)" }),
  labels: z.enum(["expert", "outcome", "rl"]).default("expert").meta({ description: "which trained model set to load" }),
  order: z.enum(["descending", "ascending", "none"]).default("descending")
    .meta({ description: "delay-sensitivity order of a batch (descending: most sensitive first)" }),
  modelDir: z.string().min(1).optional()
    .meta({ description: "model set folder (default: the set under models/ trained for the scenario's world)", examples: ["models/paper"] }),
  allowForeignModel: z.boolean().default(false)
    .meta({ description: "no model set trained for this world: run the closest one anyway (one warning) instead of refusing" }),
  model: z.string().min(1).optional().meta({ description: "TierSelectionNN .onnx file (overrides the set's)", examples: ["my-tier.onnx"] }),
  vmModel: z.string().min(1).optional().meta({ description: "VMCompatibilityNN .onnx file (overrides the set's)", examples: ["my-vm.onnx"] }),
  repeat: z.number().int().min(1).max(1000).default(1).meta({
    description: "bench only: place each task this many times on the same state (results unchanged; the extra time is the decision cost)",
    examples: [2],
  }),
});

export type NeuralNetworkOptions = z.output<typeof neuralNetworkOptions>;
export type Backend = NeuralNetworkOptions["backend"];
export type Order = NeuralNetworkOptions["order"];

/** +1 when the model's output ranks higher-is-better, −1 when lower-is-better. */
export function rankSign(model: LoadedModel): number {
  return model.sidecar.output.rank === "lower-is-better" ? -1 : 1;
}

/**
 * Warnings already printed by this process (a sweep binds the policy once per replica). Only the main
 * thread prints: a sweep checks every policy there before its workers start (src/experiment/spec.ts),
 * so the warning comes once, before any progress bar, not once per worker.
 */
const warned = new Set<string>();

/** The model files the options name: explicit paths, else the set trained for the scenario's world. */
function modelPaths(opts: NeuralNetworkOptions, scenario: Readonly<Scenario>): { tier: string; vm: string } {
  let dir = opts.modelDir;
  if (dir === undefined) {
    // A model file given explicitly is the user's choice: the set only fills in the other file.
    const explicit = opts.model !== undefined || opts.vmModel !== undefined;
    const choice = chooseModelSet(scenario, opts.allowForeignModel || explicit);
    if (choice.warning && !explicit && isMainThread && !warned.has(choice.warning)) {
      warned.add(choice.warning);
      process.stderr.write(`warning: ${choice.warning}\n`);
    }
    dir = choice.dir;
  }
  const set = modelSetPaths(dir, opts.labels);
  return { tier: opts.model ?? set.tier, vm: opts.vmModel ?? set.vm };
}

/**
 * The TierSelectionNN and VMCompatibilityNN the options name, loaded and checked. Shared with the
 * descriptor's parameter encoder (below), so both load the same files and fail with the same errors; a
 * missing labels=rl model says how to make one. `load` defaults to loadModel.
 */
export function loadNeuralNetworkModels(
  opts: NeuralNetworkOptions, scenario: Readonly<Scenario>, load: typeof loadModel = loadModel,
): [tier: LoadedModel, vm: LoadedModel] {
  const paths = modelPaths(opts, scenario);
  const requireMlp = opts.backend === "wasm";
  let tierModel: LoadedModel;
  try {
    tierModel = load(paths.tier, "tier-selection", requireMlp);
  } catch (e) {
    if (opts.labels !== "rl" || opts.model !== undefined || !(e instanceof ModelError) || !/ not found$/.test(e.message)) throw e;
    throw new ModelError(`${e.message} (labels=rl needs the DQN fine-tuned network: mecbench train --rl --scenario ${scenario.name})`, { cause: e });
  }
  return [tierModel, load(paths.vm, "vm-compatibility", requireMlp)];
}

/** What the run records of the models it loaded: file, content hash, and whether its world is the scenario's. */
function modelUses(models: readonly LoadedModel[], scenario: Readonly<Scenario>): ModelUse[] {
  return models.map((m) => ({
    role: m.sidecar.role,
    path: displayPath(m.path),
    sha256: createHash("sha256").update(m.bytes).digest("hex"),
    world: worldMatchOf(m.path, scenario),
  }));
}

/**
 * Buckets of the batch's counting sort: each app's index among the distinct delay sensitivities in
 * batch order (descending: most sensitive first; ascending: least sensitive first); apps with equal
 * T_s share a bucket (the sort is stable). Returns the bucket of each app and the bucket count.
 */
export function delayBuckets(apps: readonly { delaySensitivity: number }[], order: Order): { appBucket: Int32Array; count: number } {
  const appTs = apps.map((a) => a.delaySensitivity);
  const distinct = [...new Set(appTs)].sort((a, b) => (order === "ascending" ? a - b : b - a));
  return { appBucket: Int32Array.from(appTs, (t) => distinct.indexOf(t)), count: distinct.length };
}

/** Order codes of the engine's batch sort. */
const NN_ORDER = { descending: 0, ascending: 1, none: 2 } as const;
/** Models parsed once per file version (a sweep binds the policy once per replica). */
const loadModelCached = cachedModelLoader();

/**
 * The engine's parameters (assembly/policies/neural-network.ts, nn/net.ts): order, repeat, the apps'
 * delay-sensitivity buckets, then per network where it runs (0 in the engine, 1 on the host), sign,
 * output activation, layer sizes, normalisation and, in the engine, weights and biases per layer.
 * With backend=onnx the engine keeps Algorithm 1 and the features and asks the host only for the
 * forward passes (onnxruntime-web on a worker, src/nn/onnx-sync.ts).
 */
function encodeNeuralNetwork(opts: NeuralNetworkOptions, scenario: Readonly<Scenario>): NativeParams {
  const onHost = opts.backend === "onnx";
  const models = loadNeuralNetworkModels(opts, scenario, loadModelCached);
  // createNeuralNetwork's networks hold a batch of 1 (tiers) and of every VM (VMs).
  const vmCount = scenario.edge.hosts.reduce((n, h) => n + h.vms.length, 0) + scenario.cloud.vms.length;
  const params: number[] = [];
  const { appBucket, count } = delayBuckets(scenario.workload.apps, opts.order);
  params.push(NN_ORDER[opts.order], opts.repeat, appBucket.length, ...appBucket, count);
  models.forEach((m, i) => {
    if (onHost) {
      params.push(1, rankSign(m), 0, 1, m.sidecar.features.length, m.sidecar.output.shape[1], ...m.norm.mean, ...m.norm.std);
      return;
    }
    const mlp = m.mlp as MlpModel;
    validateMlp(mlp);
    const tooLarge = mlpMemoryError(mlp.layerSizes, i === 0 ? 1 : vmCount);
    if (tooLarge) throw tooLarge;
    params.push(0, rankSign(m), mlp.outputActivation === "softmax" ? 1 : 0, mlp.layerSizes.length - 1, ...mlp.layerSizes);
    params.push(...m.norm.mean, ...m.norm.std);
    for (let l = 0; l < mlp.weights.length; l++) {
      for (const w of mlp.weights[l]!) params.push(w);
      for (const b of mlp.biases[l]!) params.push(b);
    }
  });
  const used = modelUses(models, scenario);
  return onHost ? { params, forward: onnxForward(models, vmCount), models: used } : { params, models: used };
}

/**
 * The engine's forward passes on onnxruntime-web: rows copied out of the engine's memory into the
 * session's input, scores copied back. Nothing in the engine allocates while it waits, so its
 * memory does not move under the copy.
 */
function onnxForward(models: LoadedModel[], vmCount: number): ForwardPass {
  let sync: OnnxSync | undefined;
  const maxBatch = [1, vmCount];
  return (net, input, n, output, memory) => {
    // One worker per binding, started at the first pass (a run that never needs a network starts none).
    sync ??= new OnnxSync(models.map((m, i) => ({
      bytes: m.bytes, source: m.path, inputName: m.sidecar.input.name, outputName: m.sidecar.output.name,
      inputSize: m.sidecar.features.length, outputSize: m.sidecar.output.shape[1], maxBatch: maxBatch[i]!,
    })));
    const model = models[net]!;
    const width = model.sidecar.features.length, outWidth = model.sidecar.output.shape[1];
    sync.inputFor(net).set(new Float32Array(memory.buffer, input, n * width));
    new Float32Array(memory.buffer, output, n * outWidth).set(sync.run(net, n));
  };
}

export const neuralNetworkPolicy = definePolicy({
  name: "neural-network",
  description: "The paper's Algorithm 1: TierSelectionNN ranks tiers, VMCompatibilityNN ranks a tier's VMs; ONNX models per preset (models/<preset>/).",
  family: "method",
  colour: "#D55E00",
  marker: "circle",
  options: neuralNetworkOptions,
  // In the engine's order (assembly/policies/neural-network.ts ST_*).
  counters: [
    "decisions", "assigned", "overflow", "tierNetRuns", "vmNetRuns", "vmScored", "assignedLocalEdge", "assignedRemoteEdge", "assignedCloud",
  ],
  native: { id: NATIVE_POLICY_IDS["neural-network"], encode: encodeNeuralNetwork },
});
