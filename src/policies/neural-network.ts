// neural-network: the paper's Algorithm 1 (section IV). For a batch: sort it by delay sensitivity
// (stable; default most sensitive first, option `order`), then for each task, with features
// recomputed from the live view (the engine's assign updates it after every assignment):
// TierSelectionNN scores the three tiers; tiers are tried by descending score, a tier is skipped
// when none of its VMs is feasible (C2–C4 via view.feasibility, and admitted: view.fits); inside
// the chosen tier VMCompatibilityNN ranks the feasible VMs and the best is taken; a task no tier
// can take stays unassigned (the engine's overflow queue retries it next batch). Without batches
// (batchIntervalS 0) decide() runs the same logic for a batch of one.
// Evaluations that cannot change the decision are skipped (no feasible tier: no network at all;
// one feasible tier: no tier scores; one feasible VM: no VM scores): the result is the same.
// Options: backend (wasm | onnx), labels (expert | outcome | rl), order (descending | ascending | none),
// modelDir, model (a TierSelectionNN .onnx), vmModel (a VMCompatibilityNN .onnx), profile, repeat (bench only).
// The DQN trainer (src/nn/rl.ts) runs this same Algorithm 1 with its agent in place of
// TierSelectionNN (a TierChooser), so what it learns in is exactly what the policy does.
// See docs/neural-network.md for the model contract.
import { z } from "zod";
import { FeatureExtractor, TIER_COUNT, VM_FEATURES, type Normalisation } from "../nn/features.ts";
import { type MlpModel, ModelError, validateMlp } from "../nn/mlp.ts";
import { cachedModelLoader } from "../nn/model-cache.ts";
import { defaultModelDir, loadModel, type LoadedModel, modelSetPaths } from "../nn/model-set.ts";
import { OnnxSync } from "../nn/onnx-sync.ts";
import { loadKernelSync, mlpMemoryError } from "../nn/wasm-kernel.ts";
import type { Scenario } from "../scenario/schema.ts";
import { type BuiltinPolicy, definePolicy } from "./descriptor.ts";
import { NATIVE_POLICY_IDS } from "./native-ids.ts";
import { resolvePolicyOptions } from "./options.ts";
import { TIERS } from "./vm-choice.ts";
import type { ForwardPass, NativeParams, PolicyContext, SystemView } from "./types.ts";

/**
 * The options. Paths (modelDir, model, vmModel) have no default: absent, the scenario's model set
 * (models/<scenario name>/, models/paper/ when there is none) and its files are used.
 */
const neuralNetworkOptions = z.strictObject({
  backend: z.enum(["wasm", "onnx"]).default("wasm")
    .meta({ description: "wasm: the engine's own MLP kernels; onnx: onnxruntime-web on the host (any ONNX graph)" }),
  labels: z.enum(["expert", "outcome", "rl"]).default("expert").meta({ description: "which trained model set to load" }),
  order: z.enum(["descending", "ascending", "none"]).default("descending")
    .meta({ description: "delay-sensitivity order of a batch (descending: most sensitive first)" }),
  modelDir: z.string().min(1).optional().meta({ description: "model set folder (default models/<scenario name>/)", examples: ["models/paper"] }),
  model: z.string().min(1).optional().meta({ description: "TierSelectionNN .onnx file (overrides the set's)", examples: ["my-tier.onnx"] }),
  vmModel: z.string().min(1).optional().meta({ description: "VMCompatibilityNN .onnx file (overrides the set's)", examples: ["my-vm.onnx"] }),
  profile: z.boolean().default(false)
    .meta({ description: "accumulate the policy's own wall time in stats (decideNs): not deterministic, runs on the host" }),
  repeat: z.number().int().min(1).max(1000).default(1).meta({
    description: "bench only: place each task this many times on the same state (results unchanged; the extra time is the decision cost)",
    examples: [2],
  }),
});

export type NeuralNetworkOptions = z.output<typeof neuralNetworkOptions>;
export type Backend = NeuralNetworkOptions["backend"];
export type Order = NeuralNetworkOptions["order"];

/** The options checked against the descriptor's schema, defaults applied. */
export function resolveNeuralNetworkOptions(raw: Readonly<Record<string, unknown>>): NeuralNetworkOptions {
  return resolvePolicyOptions(neuralNetworkDescriptor, [{ values: raw, at: (key) => key }], "neural-network options") as NeuralNetworkOptions;
}

/** One network behind a synchronous forward(): the input rows are written in place, then run. */
interface Net {
  readonly input: Float32Array;
  forward(batch: number): Float32Array;
  readonly norm: Normalisation;
  /** +1 when a higher output is better, −1 when lower is better. */
  readonly sign: number;
}

function wasmNets(models: LoadedModel[], maxBatch: number[]): Net[] {
  const kernel = loadKernelSync();
  const engines = models.map((m, i) => kernel.createMlp(m.mlp as MlpModel, maxBatch[i]!));
  return models.map((m, i) => {
    const e = engines[i]!;
    return {
      get input() {
        return e.input;
      },
      forward(batch: number) {
        e.forward(batch, "simd");
        return e.output;
      },
      norm: m.norm,
      sign: rankSign(m),
    };
  });
}

function onnxNets(models: LoadedModel[], maxBatch: number[]): Net[] {
  const sync = new OnnxSync(models.map((m, i) => ({
    bytes: m.bytes, source: m.path, inputName: m.sidecar.input.name, outputName: m.sidecar.output.name,
    inputSize: m.sidecar.features.length, outputSize: m.sidecar.output.shape[1], maxBatch: maxBatch[i]!,
  })));
  return models.map((m, i) => ({
    input: sync.inputFor(i),
    forward: (batch: number) => sync.run(i, batch),
    norm: m.norm,
    sign: rankSign(m),
  }));
}

/** +1 when the model's output ranks higher-is-better, −1 when lower-is-better. */
export function rankSign(model: LoadedModel): number {
  return model.sidecar.output.rank === "lower-is-better" ? -1 : 1;
}

/** Takes TierSelectionNN's place in Algorithm 1 (the DQN agent of src/nn/rl.ts while it learns). */
export interface TierChooser {
  /**
   * The tier for `task`, given how many feasible VMs each tier has now (nFeasible[k], at least one
   * tier has some). A tier without feasible VMs sends the task to the overflow queue.
   */
  chooseTier(task: number, view: SystemView, nFeasible: Int32Array): number;
}

/** The model files the options name (warns on stderr when the scenario has no model set). */
function modelPaths(opts: NeuralNetworkOptions, scenarioName: string): { tier: string; vm: string } {
  const dir = opts.modelDir ?? defaultModelDir(scenarioName, (m) => process.stderr.write(`warning: ${m}\n`));
  const set = modelSetPaths(dir, opts.labels);
  return { tier: opts.model ?? set.tier, vm: opts.vmModel ?? set.vm };
}

/**
 * The TierSelectionNN and VMCompatibilityNN the options name, loaded and checked. Shared with the
 * descriptor's parameter encoder (below), so both load the same files and fail with the same errors; a
 * missing labels=rl model says how to make one. `load` defaults to loadModel.
 */
export function loadNeuralNetworkModels(
  opts: NeuralNetworkOptions, scenarioName: string, load: typeof loadModel = loadModel,
): [tier: LoadedModel, vm: LoadedModel] {
  const paths = modelPaths(opts, scenarioName);
  const requireMlp = opts.backend === "wasm";
  let tierModel: LoadedModel;
  try {
    tierModel = load(paths.tier, "tier-selection", requireMlp);
  } catch (e) {
    if (opts.labels !== "rl" || opts.model !== undefined || !(e instanceof ModelError) || !/ not found$/.test(e.message)) throw e;
    throw new ModelError(`${e.message} (labels=rl needs the DQN fine-tuned network: mecbench train --rl --scenario ${scenarioName})`, { cause: e });
  }
  return [tierModel, load(paths.vm, "vm-compatibility", requireMlp)];
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

export function createNeuralNetwork(ctx: PolicyContext, chooser?: TierChooser) {
  const opts = resolveNeuralNetworkOptions(ctx.options);
  // With a chooser the tier network is not used, so it is not loaded.
  const [tierModel, vmModel]: [LoadedModel | undefined, LoadedModel] = chooser
    ? [undefined, loadModel(modelPaths(opts, ctx.scenario.name).vm, "vm-compatibility", opts.backend === "wasm")]
    : loadNeuralNetworkModels(opts, ctx.scenario.name);
  const vmCount = ctx.infra.vmCount;
  const makeNets = opts.backend === "wasm" ? wasmNets : onnxNets;
  const nets = tierModel ? makeNets([tierModel, vmModel], [1, vmCount]) : makeNets([vmModel], [vmCount]);
  const tierNet: Net | undefined = tierModel ? nets[0] : undefined;
  const vmNet = nets[nets.length - 1]!;
  const vmWidth = VM_FEATURES.length;
  const extractor = new FeatureExtractor();

  // Per-task scratch: feasible VMs of each tier (in the tier's VM order), tier ranking, VM scores.
  const feasible: Int32Array[] = TIERS.map(() => new Int32Array(vmCount));
  const nFeasible = new Int32Array(TIER_COUNT);
  const rankedTiers = new Int32Array(TIER_COUNT);
  const tierScore = new Float64Array(TIER_COUNT);
  let order = new Int32Array(256);
  // Buckets of the counting sort by delay sensitivity (delayBuckets).
  const { appBucket, count: bucketTotal } = delayBuckets(ctx.scenario.workload.apps, opts.order);
  const bucketCount = new Int32Array(bucketTotal + 1);
  const stats = {
    decisions: 0, assigned: 0, overflow: 0, tierNetRuns: 0, vmNetRuns: 0, vmScored: 0,
    assignedLocalEdge: 0, assignedRemoteEdge: 0, assignedCloud: 0, decideNs: 0,
  };
  const noneFits = new Uint8Array(ctx.scenario.workload.apps.length);

  // VMs that can pass C3 at all (U ≤ CPU_max; C3 adds the task's positive demand to U). Within a
  // batch, assignments only raise U, so a VM that left this list stays out until the batch ends.
  const cpuMax = ctx.scenario.compute.cpuMaxFraction + 1e-12;
  const open = new Int32Array(vmCount);
  let nOpen = 0;
  const refreshOpen = (view: SystemView) => {
    nOpen = 0;
    for (let vm = 0; vm < vmCount; vm++) if (view.loadFraction(vm) <= cpuMax) open[nOpen++] = vm;
  };
  const closeIfFull = (view: SystemView, vm: number) => {
    if (view.loadFraction(vm) <= cpuMax) return;
    let j = 0;
    for (let i = 0; i < nOpen; i++) if (open[i] !== vm) open[j++] = open[i]!;
    nOpen = j;
  };

  /** Algorithm 1 for one task: the chosen VM, or -1 (overflow). */
  /** place(), opts.repeat times on the same state (the bench's repeat option); counters count once. */
  function placeRepeated(task: number, view: SystemView): number {
    if (opts.repeat > 1) {
      const saved = { ...stats };
      for (let i = 1; i < opts.repeat; i++) place(task, view);
      Object.assign(stats, saved);
    }
    return place(task, view);
  }

  function place(task: number, view: SystemView): number {
    stats.decisions++;
    nFeasible.fill(0);
    let anyFits = false;
    for (let i = 0; i < nOpen; i++) {
      const vm = open[i]!;
      if (!view.fits(task, vm)) continue;
      anyFits = true;
      if (view.feasibility(task, vm) === 0) {
        const k = view.tierOf(task, vm);
        feasible[k]![nFeasible[k]!++] = vm;
      }
    }
    if (!anyFits && nOpen === vmCount) noneFits[view.tasks.app[task]!] = 1;
    let tiersOpen = 0;
    for (let k = 0; k < TIER_COUNT; k++) if (nFeasible[k]! > 0) tiersOpen++;
    if (tiersOpen === 0) return -1;
    if (chooser) {
      const k = chooser.chooseTier(task, view, nFeasible);
      return k >= 0 && k < TIER_COUNT && nFeasible[k]! > 0 ? bestVmOfTier(task, view, k) : -1;
    }
    // Tier scores (only needed when more than one tier is open), tiers by descending score.
    if (tiersOpen > 1) {
      const net = tierNet!;
      const x = net.input;
      extractor.tierRow(view, task, net.norm, x, 0);
      const out = net.forward(1);
      stats.tierNetRuns++;
      for (let k = 0; k < TIER_COUNT; k++) tierScore[k] = net.sign * out[k]!;
    } else tierScore.fill(0);
    for (let k = 0; k < TIER_COUNT; k++) rankedTiers[k] = k;
    // Insertion sort, descending, stable (ties keep the lower tier first).
    for (let i = 1; i < TIER_COUNT; i++) {
      const t = rankedTiers[i]!;
      let j = i - 1;
      while (j >= 0 && tierScore[rankedTiers[j]!]! < tierScore[t]!) {
        rankedTiers[j + 1] = rankedTiers[j]!;
        j--;
      }
      rankedTiers[j + 1] = t;
    }
    for (let r = 0; r < TIER_COUNT; r++) {
      const k = rankedTiers[r]!;
      if (nFeasible[k]! === 0) continue; // tier infeasible: skip
      return bestVmOfTier(task, view, k);
    }
    return -1;
  }

  /** The VM VMCompatibilityNN ranks first among tier k's feasible VMs (at least one). */
  function bestVmOfTier(task: number, view: SystemView, k: number): number {
    const n = nFeasible[k]!;
    const vms = feasible[k]!;
    if (n === 1) return vms[0]!;
    // Score the tier's feasible VMs in one batch; the best (ties: lowest VM id) is taken. Scoring
    // only the feasible ones picks the same VM as scoring all and taking the first feasible.
    const x = vmNet.input;
    for (let i = 0; i < n; i++) extractor.vmRow(view, task, vms[i]!, vmNet.norm, x, i * vmWidth);
    const out = vmNet.forward(n);
    stats.vmNetRuns++;
    stats.vmScored += n;
    let best = 0;
    let bestScore = vmNet.sign * out[0]!;
    for (let i = 1; i < n; i++) {
      const s = vmNet.sign * out[i]!;
      if (s > bestScore || (s === bestScore && vms[i]! < vms[best]!)) {
        best = i;
        bestScore = s;
      }
    }
    return vms[best]!;
  }

  const tierCounter = (view: SystemView, task: number, vm: number) => {
    const k = view.tierOf(task, vm);
    if (k === 0) stats.assignedLocalEdge++;
    else if (k === 1) stats.assignedRemoteEdge++;
    else stats.assignedCloud++;
  };

  return {
    name: "neural-network",
    decide(task: number, view: SystemView): number {
      const t0 = opts.profile ? performance.now() : 0;
      refreshOpen(view);
      const vm = placeRepeated(task, view);
      if (vm >= 0) {
        stats.assigned++;
        tierCounter(view, task, vm);
      } else stats.overflow++;
      if (opts.profile) stats.decideNs += (performance.now() - t0) * 1e6;
      return vm;
    },
    decideBatch(tasks: Int32Array, count: number, view: SystemView, assign: (task: number, vm: number) => boolean): void {
      const t0 = opts.profile ? performance.now() : 0;
      if (order.length < count) order = new Int32Array(count * 2);
      if (opts.order === "none") order.set(tasks.subarray(0, count));
      else {
        // Stable counting sort by the app's delay sensitivity (few distinct values).
        bucketCount.fill(0);
        const app = view.tasks.app;
        for (let i = 0; i < count; i++) bucketCount[appBucket[app[tasks[i]!]!]! + 1]!++;
        for (let b = 1; b < bucketCount.length; b++) bucketCount[b]! += bucketCount[b - 1]!;
        for (let i = 0; i < count; i++) order[bucketCount[appBucket[app[tasks[i]!]!]!]!++] = tasks[i]!;
      }
      noneFits.fill(0);
      refreshOpen(view);
      for (let i = 0; i < count; i++) {
        const task = order[i]!;
        if (nOpen === 0) {
          // No VM can pass C3 any more in this batch: the rest goes to the overflow queue.
          stats.decisions += count - i;
          stats.overflow += count - i;
          break;
        }
        // Assignments within a batch only take capacity: an app no VM admits stays so (overflow).
        if (noneFits[view.tasks.app[task]!]) {
          stats.decisions++;
          stats.overflow++;
          continue;
        }
        const vm = placeRepeated(task, view);
        if (vm >= 0 && assign(task, vm)) {
          stats.assigned++;
          tierCounter(view, task, vm);
          closeIfFull(view, vm);
        } else stats.overflow++;
      }
      if (opts.profile) stats.decideNs += (performance.now() - t0) * 1e6;
    },
    stats(): Record<string, number> {
      const out: Record<string, number> = { ...stats };
      if (!opts.profile) delete out.decideNs;
      return out;
    },
  };
}

/** Order codes of the engine's batch sort. */
const NN_ORDER = { descending: 0, ascending: 1, none: 2 } as const;
/** Models parsed once per file version (a sweep binds the policy once per replica). */
const loadModelCached = cachedModelLoader();

/**
 * The engine's parameters (assembly/engine/policy-nn.ts, nn-net.ts): order, repeat, the apps'
 * delay-sensitivity buckets, then per network where it runs (0 in the engine, 1 on the host), sign,
 * output activation, layer sizes, normalisation and, in the engine, weights and biases per layer.
 * With backend=onnx the engine keeps Algorithm 1 and the features and asks the host only for the
 * forward passes (onnxruntime-web on a worker, src/nn/onnx-sync.ts). Only profile=true (wall-clock
 * counters) keeps the TypeScript policy: undefined. Models are checked as createNeuralNetwork
 * checks them, same errors.
 */
function encodeNeuralNetwork(opts: NeuralNetworkOptions, scenario: Readonly<Scenario>): NativeParams | undefined {
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
  return onHost ? { params, forward: onnxForward(models, vmCount) } : { params };
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

export const neuralNetworkDescriptor = definePolicy({
  name: "neural-network",
  description: "The paper's Algorithm 1: TierSelectionNN ranks tiers, VMCompatibilityNN ranks a tier's VMs; ONNX models per preset (models/<preset>/).",
  family: "method",
  colour: "#d62728",
  options: neuralNetworkOptions,
  // In the order of the TypeScript policy's stats() (decideNs is profile-only: host).
  counters: [
    "decisions", "assigned", "overflow", "tierNetRuns", "vmNetRuns", "vmScored", "assignedLocalEdge", "assignedRemoteEdge", "assignedCloud",
  ],
  native: { id: NATIVE_POLICY_IDS["neural-network"], encode: encodeNeuralNetwork },
});

export const neuralNetworkPolicy: BuiltinPolicy = {
  ...neuralNetworkDescriptor,
  create: createNeuralNetwork,
};
