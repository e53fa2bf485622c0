// Hand-built worlds and hand-set networks for the neural-network policy tests.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TIER_FEATURES, VM_FEATURES } from "../../src/nn/features.ts";
import type { MlpModel } from "../../src/nn/mlp.ts";
import { IR_VERSION, MODEL_FILES, OPSET, SIDECAR_FORMAT, type Sidecar, TIER_CLASSES, writeModelFiles } from "../../src/nn/model-set.ts";
import type { ScenarioInput } from "../../src/scenario/schema.ts";
import { resolveScenario, type ResolvedScenario } from "../../src/scenario/validate.ts";

/** Two edge hosts (access points 0 and 1, one VM each) and two cloud VMs (slow id 2, fast id 3). */
export function twoTierWorld(o: { maxDelayS?: number; edgeMips?: number } = {}): ResolvedScenario {
  const link = (prop: number) => ({ minMbps: 100, maxMbps: 100, redrawIntervalS: 1000, propagationDelayS: prop });
  const data: ScenarioInput = {
    name: "nn-test",
    simulation: { durationS: 100, warmupS: 0, utilizationSampleIntervalS: 1 },
    deviceCounts: [1],
    workload: {
      startS: 0,
      sizeDistribution: "fixed",
      apps: [{
        name: "APP", sharePct: 100, delaySensitivity: 0.5, lengthMi: 1000, uploadKb: 10, downloadKb: 10,
        maxDelayS: o.maxDelayS ?? 10, memoryMb: 10,
        arrival: { model: "uniform-interval", minIntervalS: 1000, maxIntervalS: 1000 },
      }],
    },
    edge: {
      hosts: [
        { accessPoint: 0, vms: [{ cores: 1, mipsPerCore: o.edgeMips ?? 1000, ramMb: 1000 }] },
        { accessPoint: 1, vms: [{ cores: 1, mipsPerCore: o.edgeMips ?? 1000, ramMb: 1000 }] },
      ],
    },
    cloud: { vms: [{ cores: 4, mipsPerCore: 5000, ramMb: 1000 }, { cores: 4, mipsPerCore: 20000, ramMb: 1000 }] },
    network: { model: "shared-links", remoteEdge: link(0.005), cloud: link(0.1) },
    compute: { model: "fifo-cores" },
    mobility: { model: "static" },
    orchestration: { batchIntervalS: 0.1, overflowQueue: true },
  };
  return resolveScenario(data, "nn-test");
}

/** A single linear layer: scores = bias + weight · features (weights by feature name). */
export function linearModel(names: readonly string[], outputs: number, bias: number[], weights: Record<string, number[]> = {}, softmax = true): MlpModel {
  const w = new Float32Array(outputs * names.length);
  for (const [name, perOut] of Object.entries(weights)) {
    const j = names.indexOf(name);
    if (j < 0) throw new Error(`no feature ${name}`);
    perOut.forEach((v, k) => (w[k * names.length + j] = v));
  }
  return { layerSizes: [names.length, outputs], weights: [w], biases: [Float32Array.from(bias)], outputActivation: softmax ? "softmax" : "linear" };
}

export function sidecarFor(role: "tier-selection" | "vm-compatibility", file: string, rank: "higher-is-better" | "lower-is-better" = "higher-is-better"): Sidecar {
  const names = role === "tier-selection" ? TIER_FEATURES : VM_FEATURES;
  const outs = role === "tier-selection" ? 3 : 1;
  return {
    format: SIDECAR_FORMAT, role, model: file,
    input: { name: "features", shape: ["N", names.length] },
    output: { name: "scores", shape: ["N", outs], ...(outs === 3 ? { classes: [...TIER_CLASSES] } : {}), meaning: "test", rank },
    features: names.map((name) => ({ name, mean: 0, std: 1 })),
    opset: OPSET, irVersion: IR_VERSION, producer: "test",
  };
}

/** A model set in a temp folder: tier scores from `tierBias`, VM score = Σ vmWeights · raw features. */
export function writeModelSet(tierBias: number[], vmWeights: Record<string, number[]>, vmRank: "higher-is-better" | "lower-is-better" = "higher-is-better"): string {
  const dir = mkdtempSync(join(tmpdir(), "mecbench-nn-"));
  writeModelFiles(join(dir, MODEL_FILES.tier.expert), linearModel(TIER_FEATURES, 3, tierBias), sidecarFor("tier-selection", MODEL_FILES.tier.expert));
  writeModelFiles(join(dir, MODEL_FILES.tier.outcome), linearModel(TIER_FEATURES, 3, [...tierBias].reverse()), sidecarFor("tier-selection", MODEL_FILES.tier.outcome));
  writeModelFiles(join(dir, MODEL_FILES.vm), linearModel(VM_FEATURES, 1, [0], vmWeights, false), sidecarFor("vm-compatibility", MODEL_FILES.vm, vmRank));
  return dir;
}
