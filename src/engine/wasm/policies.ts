// Which policies run inside WASM: the built-in factories, matched by identity (a user's own factory
// with the same name runs on the host like any TypeScript policy). Each entry turns the policy's
// options into the flat parameters its WASM twin reads (assembly/engine/policies*.ts), validating
// them exactly as the TypeScript factory does, and names the counters it reports.
import { statSync } from "node:fs";
import type { Scenario } from "../../scenario/schema.ts";
import { type MlpModel, validateMlp } from "../../nn/mlp.ts";
import { loadModel, type LoadedModel, type Role, sidecarPathFor } from "../../nn/model-set.ts";
import { OnnxSync } from "../../nn/onnx-sync.ts";
import { mlpMemoryError } from "../../nn/wasm-kernel.ts";
import {
  delayBuckets, loadNeuralNetworkModels, neuralNetworkPolicy, rankSign, resolveNeuralNetworkOptions,
} from "../../policies/neural-network.ts";
import { bestFitPolicy, firstFitPolicy, nextFitPolicy, worstFitPolicy } from "../../policies/vm-fit.ts";
import { expertRulesPolicy } from "../../policies/expert-rules.ts";
import { greedyMinServicePolicy } from "../../policies/greedy-min-service.ts";
import { hybridPolicy } from "../../policies/hybrid.ts";
import { networkBasedPolicy } from "../../policies/network-based.ts";
import { randomPolicy } from "../../policies/random.ts";
import type { PolicyFactory } from "../../policies/types.ts";
import { utilizationBasedPolicy } from "../../policies/utilization-based.ts";
import { almutairiPolicy } from "../../policies/almutairi.ts";
import { floresPolicy } from "../../policies/flores.ts";
import { sonmezPolicy } from "../../policies/sonmez.ts";
import type { NativePolicy } from "./encode.ts";
import { bindAlmutairi, bindFlores, bindSonmez } from "./policies-fuzzy.ts";
import {
  POLICY_BEST_FIT, POLICY_EXPERT_RULES, POLICY_FIRST_FIT, POLICY_GREEDY_MIN_SERVICE, POLICY_HYBRID, POLICY_NETWORK_BASED,
  POLICY_NEURAL_NETWORK, POLICY_NEXT_FIT, POLICY_RANDOM, POLICY_STAT_COUNT, POLICY_UTILIZATION_BASED, POLICY_WORST_FIT,
} from "./layout.ts";

type Options = Readonly<Record<string, unknown>>;
/**
 * Options (already merged: scenario's then command line's) and scenario -> the WASM binding, or
 * undefined when these options need the TypeScript policy (it then runs on the host).
 */
export type NativeBinder = (options: Options, scenario: Readonly<Scenario>) => NativePolicy | undefined;

const plain = (id: number, statNames: readonly string[] = []): NativeBinder => () => ({ id, params: [], statNames });

const NATIVE = new Map<PolicyFactory, NativeBinder>([
  [randomPolicy, plain(POLICY_RANDOM)],
  [utilizationBasedPolicy, (options) => {
    // Same default as src/policies/utilization-based.ts.
    const thresholdPct = typeof options.thresholdPct === "number" ? options.thresholdPct : 80;
    return { id: POLICY_UTILIZATION_BASED, params: [thresholdPct], statNames: [] };
  }],
  [greedyMinServicePolicy, plain(POLICY_GREEDY_MIN_SERVICE)],
  [expertRulesPolicy, plain(POLICY_EXPERT_RULES, ["ruleLocal", "ruleRemote", "ruleCloud", "ruleGap"])],
  [networkBasedPolicy, plain(POLICY_NETWORK_BASED)],
  [hybridPolicy, plain(POLICY_HYBRID)],
  [firstFitPolicy, plain(POLICY_FIRST_FIT)],
  [nextFitPolicy, plain(POLICY_NEXT_FIT)],
  [bestFitPolicy, plain(POLICY_BEST_FIT)],
  [worstFitPolicy, plain(POLICY_WORST_FIT)],
  [floresPolicy, bindFlores],
  [sonmezPolicy, bindSonmez],
  [almutairiPolicy, bindAlmutairi],
  [neuralNetworkPolicy, bindNeuralNetwork],
]);

/** The WASM twin of a built-in policy with its options, or undefined when it must run on the host. */
export function nativePolicy(factory: PolicyFactory, options: Options, scenario: Readonly<Scenario>): NativePolicy | undefined {
  const bind = NATIVE.get(factory);
  if (bind === undefined) return undefined;
  const native = bind(options, scenario);
  if (native === undefined) return undefined;
  if (native.statNames.length > POLICY_STAT_COUNT) throw new Error(`native policy ${factory.name} reports more than ${POLICY_STAT_COUNT} counters`);
  return native;
}

/** The stats a built-in policy reports, from its WASM counters (same keys as its TypeScript twin). */
export function nativePolicyStats(native: NativePolicy, stats: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  native.statNames.forEach((name, i) => {
    out[name] = stats[i]!;
  });
  return out;
}

// ---- neural-network (assembly/engine/policy-nn.ts) ------------------------------------------------

/** Its counters, in the order of the TypeScript policy's stats() (decideNs is profile-only: host). */
const NN_STATS = [
  "decisions", "assigned", "overflow", "tierNetRuns", "vmNetRuns", "vmScored", "assignedLocalEdge", "assignedRemoteEdge",
  "assignedCloud",
] as const;
const NN_ORDER = { descending: 0, ascending: 1, none: 2 } as const;

/**
 * Parsed models by file identity (path, role, size and mtime of the model and its sidecar): a sweep
 * binds the policy once per replica, and parsing the ONNX graph each time is wasted. A changed file
 * has another identity, so it is read (and checked) again.
 */
const modelCache = new Map<string, LoadedModel>();

function fileIdentity(path: string): string | undefined {
  try {
    const st = statSync(path);
    return `${st.size}:${st.mtimeMs}:${st.ino}`;
  } catch {
    return undefined; // loadModel reports the problem
  }
}

function loadModelCached(path: string, role: Role, requireMlp: boolean): LoadedModel {
  const a = fileIdentity(path), b = fileIdentity(sidecarPathFor(path));
  if (a === undefined || b === undefined) return loadModel(path, role, requireMlp);
  const key = `${path}\0${role}\0${requireMlp}\0${a}\0${b}`;
  let model = modelCache.get(key);
  if (model === undefined) {
    model = loadModel(path, role, requireMlp);
    modelCache.set(key, model);
  }
  return model;
}

/**
 * neural-network runs inside the engine (Algorithm 1, its features and, with backend=wasm, both
 * networks); with backend=onnx the engine asks the host for the forward passes (onnxruntime-web on
 * a worker, src/nn/onnx-sync.ts). Only profile=true (wall-clock counters) keeps the TypeScript
 * policy. Options and models are checked as createNeuralNetwork checks them, in the same order,
 * with the same errors.
 */
function bindNeuralNetwork(options: Options, scenario: Readonly<Scenario>): NativePolicy | undefined {
  const opts = resolveNeuralNetworkOptions(options);
  if (opts.profile) return undefined;
  const onHost = opts.backend === "onnx";
  const models = loadNeuralNetworkModels(opts, scenario.name, loadModelCached);
  // createNeuralNetwork's networks hold a batch of 1 (tiers) and of every VM (VMs).
  const vmCount = scenario.edge.hosts.reduce((n, h) => n + h.vms.length, 0) + scenario.cloud.vms.length;
  const params: number[] = [];
  const { appBucket, count } = delayBuckets(scenario.workload.apps, opts.order);
  params.push(NN_ORDER[opts.order], opts.repeat, appBucket.length, ...appBucket, count);
  models.forEach((m, i) => {
    if (onHost) {
      const sizes = [m.sidecar.features.length, m.sidecar.output.shape[1]];
      params.push(1, rankSign(m), 0, 1, ...sizes, ...m.norm.mean, ...m.norm.std);
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
  if (onHost) return { id: POLICY_NEURAL_NETWORK, params: Float64Array.from(params), statNames: NN_STATS, hooks: { forward: onnxForward(models, vmCount) } };
  return { id: POLICY_NEURAL_NETWORK, params: Float64Array.from(params), statNames: NN_STATS };
}

/**
 * The engine's forward passes on onnxruntime-web: rows copied out of the engine's memory into the
 * session's input, scores copied back. The engine re-reads nothing else while it waits, and
 * nothing allocates in between, so its memory does not move under the copy.
 */
function onnxForward(models: LoadedModel[], vmCount: number): NonNullable<NativePolicy["hooks"]>["forward"] {
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
    const out = sync.run(net, n);
    new Float32Array(memory.buffer, output, n * outWidth).set(out);
  };
}
