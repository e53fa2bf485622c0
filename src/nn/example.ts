// A tiny bring-your-own example: a TierSelectionNN (20-8-3) trained, without any simulation, on
// synthetic feature rows labelled by the paper's expert rules (gap: the tier with the smallest
// best estimated service time), then exported with the project's exporter and a sidecar. It shows
// the contract a model made elsewhere (e.g. PyTorch, torch.onnx.export) must meet:
// models/examples/tiny-tier.onnx + tiny-tier.json. `mecbench train --example` rewrites them.
import { join } from "node:path";
import { StreamSet } from "../kernel/random.ts";
import { CLIP, fitNormalisation, normalise, TIER_FEATURES } from "./features.ts";
import { IR_VERSION, OPSET, SIDECAR_FORMAT, type Sidecar, TIER_CLASSES, writeModelFiles } from "./model-set.ts";
import { netToMlp, trainSupervised } from "./train.ts";

const idx = (name: string) => TIER_FEATURES.indexOf(name);

/** Synthetic raw tier rows and their expert labels. */
export function syntheticExpertRows(n: number, seed: number): { x: Float64Array; labels: Int32Array } {
  const rng = new StreamSet(seed, "nn-example", 1);
  const w = TIER_FEATURES.length;
  const x = new Float64Array(n * w);
  const labels = new Int32Array(n);
  const sensitivities = [0.1, 0.3, 0.7, 0.9];
  for (let i = 0; i < n; i++) {
    const o = i * w;
    const gi = rng.exponential(0, 15);
    const ts = sensitivities[rng.integer(0, 4)]!;
    x[o + idx("task.length_gi")] = gi;
    x[o + idx("task.upload_mb")] = rng.exponential(0, 1);
    x[o + idx("task.download_mb")] = rng.exponential(0, 0.5);
    x[o + idx("task.delay_sensitivity")] = ts;
    x[o + idx("task.deadline_left_s")] = rng.between(0, 0, 15);
    const best = [0, 0, 0];
    ["local_edge", "remote_edge", "cloud"].forEach((k, t) => {
      x[o + idx(`${k}.utilization`)] = rng.uniform(0);
      x[o + idx(`${k}.load_per_core`)] = rng.between(0, 0, 5);
      x[o + idx(`${k}.free_memory_gb`)] = rng.between(0, 0, t === 2 ? 32 : 2);
      x[o + idx(`${k}.bandwidth_mbps`)] = t === 0 ? CLIP.bandwidthMbps : rng.between(0, 1, 100);
      best[t] = rng.between(0, 0.1, 20);
      x[o + idx(`${k}.best_estimated_service_s`)] = best[t]!;
    });
    const u0 = x[o + idx("local_edge.utilization")]!;
    const bw1 = x[o + idx("remote_edge.bandwidth_mbps")]!;
    let label: number;
    if (ts > 0.7 && gi < 10 && u0 < 0.6) label = 0;
    else if (ts >= 0.3 && ts <= 0.7 && gi >= 10 && gi <= 30 && bw1 > 50) label = 1;
    else if (ts < 0.3 || gi > 30) label = 2;
    else label = best[0]! <= best[1]! && best[0]! <= best[2]! ? 0 : best[1]! <= best[2]! ? 1 : 2;
    labels[i] = label;
  }
  return { x, labels };
}

export function writeTinyExample(dir: string, seed = 1): { path: string; valAccuracy: number } {
  const n = 4000;
  const w = TIER_FEATURES.length;
  const { x, labels } = syntheticExpertRows(n, seed);
  const norm = fitNormalisation(x, n, w);
  for (let i = 0; i < n; i++) normalise(x, i * w, norm);
  const r = trainSupervised({ x, width: w, n, labels }, { hidden: [8], outputs: 3, loss: "softmax-cross-entropy", epochs: 20, seed, name: "tiny-example" });
  const sidecar: Sidecar = {
    format: SIDECAR_FORMAT, role: "tier-selection", model: "tiny-tier.onnx",
    input: { name: "features", shape: ["N", w] },
    output: { name: "scores", shape: ["N", 3], classes: [...TIER_CLASSES], meaning: "softmax over tiers (synthetic expert labels)", rank: "higher-is-better" },
    features: TIER_FEATURES.map((name, j) => ({ name, mean: norm.mean[j]!, std: norm.std[j]! })),
    labelMode: "expert",
    opset: OPSET, irVersion: IR_VERSION, producer: "mecbench example (synthetic data, no simulation)",
    training: { seed, hidden: [8], epochs: 20, samples: n, data: "synthetic rows labelled by the expert rules" },
    metrics: { valAccuracy: r.valAccuracy, confusion: r.confusion },
  };
  const path = join(dir, "tiny-tier.onnx");
  writeModelFiles(path, netToMlp(r.net, "softmax"), sidecar);
  return { path, valAccuracy: r.valAccuracy! };
}
