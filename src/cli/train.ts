// mecbench train: generate training data from simulated states of a scenario, train
// TierSelectionNN (expert and outcome labels) and VMCompatibilityNN, export ONNX + sidecars.
// With --rl: fine-tune a trained TierSelectionNN as a DQN in the simulation (src/training/rl.ts).
import { mkdirSync } from "node:fs";
import { basename, join } from "node:path";
import { VERSION } from "../engine/run.ts";
import { generateDataset, type GeneratedData } from "../training/dataset.ts";
import { fitNormalisation, normalise, TIER_FEATURES, VM_FEATURES, type Normalisation } from "../nn/features.ts";
import {
  IR_VERSION, MODEL_FILES, modelsRoot, OPSET, SIDECAR_FORMAT, type Sidecar, type SupervisedLabelMode, TIER_CLASSES, writeModelFiles,
} from "../nn/model-set.ts";
import { writeTinyExample } from "../nn/example.ts";
import type { MlpModel } from "../nn/mlp.ts";
import { forward, netToMlp, splitIndices, trainSupervised, Workspace, type EpochLine, type Net } from "../nn/train.ts";
import { InputError } from "../scenario/errors.ts";
import { worldFingerprint } from "../scenario/fingerprint.ts";
import { trainSamplesProblem } from "../scenario/limits.ts";
import { loadScenario, presetNames } from "../scenario/load.ts";
import type { ResolvedScenario } from "../scenario/validate.ts";
import { numberFlag, parseCommandArgs } from "./args.ts";
import { type Log, makeLog } from "./train-log.ts";
import { defaultTrainOut, writeStaged } from "./train-out.ts";
import { trainRlCommand } from "./train-rl.ts";
import { outputPathProblem } from "./output-path.ts";

const HELP = `mecbench train: train the neural offloader of a scenario and export ONNX models

Usage: mecbench train [--scenario <preset|file>]... [options]

Without --scenario every built-in preset is trained. Models go to a new folder under results/models/
unless --out says otherwise; the committed models/<preset>/ are replaced only by an explicit
--out models/<preset> (what npm run train does, one preset at a time: it reproduces them bit for
bit from the seed), and the command then lists the files it replaced. The set is written to a
staging folder and moved in at the end: an interrupted training leaves no half-written set.
The stages are listed first; each shows its elapsed time and an ETA.

  --scenario <preset|file>  scenario to train for (repeatable; default: all presets)
  --out <dir>               output folder (default: a new folder results/models/<scenario name>[-N])
  --samples <n>             tier samples (simulated decision states), default 10000
  --seed <n>                seed of data generation, initialisation and shuffling, default 1
  --epochs <n>              TierSelectionNN epochs, default 40
  --vm-epochs <n>           VMCompatibilityNN epochs, default 30
  --replicas <n>            simulation replicas for the data (default one per sweep point)
  --labels <list>           label modes to train: expert,outcome (default both); with --rl the
                            one to start from (default expert)
  --rl                      only fine-tune the tier network as a DQN in the simulation (the paper's
                            100 episodes × 3000 steps, discount 0.9, soft target update 0.01, replay
                            memory): start from the set's tier-selection.onnx (--labels outcome:
                            tier-selection-outcome.onnx), write tier-selection-rl.onnx + sidecar
                            (run it with --option labels=rl); see docs/neural-network.md
  --rl-episodes <n>         DQN episodes (fresh replicas), default 100
  --rl-steps <n>            agent steps per episode (recorded placements, spread over 60 s of
                            simulated time), default 3000
  --rl-from <dir>           model set to start from (its tier network and VMCompatibilityNN),
                            default --out when given, else the models/ set of the scenario's world
  --example                 only write the tiny bring-your-own example models/examples/tiny-tier.onnx
                            (20-8-3, synthetic expert-rule data, no simulation) and its sidecar
  --quiet                   no progress bar

Files: tier-selection.onnx (expert labels), tier-selection-outcome.onnx (outcome labels),
vm-compatibility.onnx, each with a .json sidecar (features, normalisation, labels, seed, metrics);
with --rl tier-selection-rl.onnx (labelMode "rl", DQN settings and per-episode history).
`;

export interface TrainConfig {
  samples: number;
  seed: number;
  epochs: number;
  vmEpochs: number;
  replicas?: number;
  labels: SupervisedLabelMode[];
}

export async function trainCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs("train", argv, {
    scenario: { type: "string", multiple: true },
    out: { type: "string" },
    samples: { type: "string" },
    seed: { type: "string" },
    epochs: { type: "string" },
    "vm-epochs": { type: "string" },
    replicas: { type: "string" },
    labels: { type: "string" },
    rl: { type: "boolean" },
    "rl-episodes": { type: "string" },
    "rl-steps": { type: "string" },
    "rl-from": { type: "string" },
    example: { type: "boolean" },
    quiet: { type: "boolean" },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  if (values.example) {
    const dir = values.out ?? join(modelsRoot(), "examples");
    mkdirSync(dir, { recursive: true });
    const r = writeTinyExample(dir, numberFlag("train", "seed", values.seed, { integer: true, min: 0 }) ?? 1);
    process.stderr.write(`wrote ${r.path} + sidecar (synthetic expert-rule data, validation accuracy ${pct(r.valAccuracy)})\n`);
    return 0;
  }
  if (values.rl) return trainRlCommand(values);
  for (const flag of ["rl-episodes", "rl-steps", "rl-from"] as const) {
    if (values[flag] !== undefined) {
      throw new InputError("mecbench train", [{ path: `--${flag}`, value: values[flag], message: "only used with --rl", fix: `add --rl, or drop --${flag}` }]);
    }
  }
  const labels = (values.labels ?? "expert,outcome").split(",").map((s) => s.trim());
  const bad = labels.filter((l) => l !== "expert" && l !== "outcome");
  if (bad.length > 0 || labels.length === 0) {
    throw new InputError("mecbench train", [{ path: "--labels", value: values.labels, message: "unknown label mode", fix: "use expert, outcome or expert,outcome" }]);
  }
  const scenarios = (values.scenario as string[] | undefined) ?? [...presetNames()];
  const outProblem = outputPathProblem("--out", values.out, "dir");
  if (outProblem) throw new InputError("mecbench train", [outProblem]);
  if (values.out !== undefined && scenarios.length > 1) {
    throw new InputError("mecbench train", [{ path: "--out", value: values.out, message: "one output folder for several scenarios", fix: "give one --scenario with --out, or drop --out" }]);
  }
  const config: TrainConfig = {
    samples: numberFlag("train", "samples", values.samples, { integer: true, min: 10 }) ?? 10000,
    seed: numberFlag("train", "seed", values.seed, { integer: true, min: 0 }) ?? 1,
    epochs: numberFlag("train", "epochs", values.epochs, { integer: true, min: 1 }) ?? 40,
    vmEpochs: numberFlag("train", "vm-epochs", values["vm-epochs"], { integer: true, min: 1 }) ?? 30,
    labels: labels as SupervisedLabelMode[],
  };
  const replicas = numberFlag("train", "replicas", values.replicas, { integer: true, min: 1 });
  if (replicas !== undefined) config.replicas = replicas;
  // Limits before any scenario is simulated or any folder is made (docs/limits.md).
  const limits = [trainSamplesProblem(config.samples)].filter((p) => p !== undefined);
  if (replicas !== undefined && replicas > config.samples) {
    limits.push({ path: "--replicas", value: replicas, message: `more replicas than samples (${config.samples}): each replica contributes at least one sample`, fix: `give --replicas at most ${config.samples}, or more --samples` });
  }
  if (limits.length > 0) throw new InputError("mecbench train", limits);
  const log = makeLog(values.quiet ?? false);
  const stages = trainStages(config);
  log.line(`${scenarios.length} scenario${scenarios.length === 1 ? "" : "s"} (${scenarios.join(", ")}); stages per scenario:`);
  stages.forEach((st, i) => log.line(`  ${i + 1}. ${st}`));
  for (const name of scenarios) {
    const resolved = loadScenario(name);
    const out = values.out ?? defaultTrainOut(resolved.scenario.name);
    await trainScenario(resolved, out, config, stages, log);
  }
  return 0;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

function epochText(kind: string, l: EpochLine, total: number): string {
  const acc = l.trainAccuracy !== undefined ? `  acc ${pct(l.trainAccuracy)}  val acc ${pct(l.valAccuracy!)}` : "";
  return `  ${kind} epoch ${String(l.epoch).padStart(3)}/${total}  loss ${l.trainLoss.toFixed(4)}  val loss ${l.valLoss.toFixed(4)}${acc}`;
}

function normalised(raw: Float64Array, n: number, width: number, norm: Normalisation): Float64Array {
  const x = raw.slice(0, n * width);
  for (let i = 0; i < n; i++) normalise(x, i * width, norm);
  return x;
}

function featureList(names: readonly string[], norm: Normalisation) {
  return names.map((name, j) => ({ name, mean: norm.mean[j]!, std: norm.std[j]! }));
}

/** The stages of one scenario's training, in order (listed before the first starts). */
export function trainStages(config: TrainConfig): string[] {
  return [
    `simulating states (${config.samples} tier samples)`,
    ...config.labels.map((m) => `TierSelectionNN, ${m} labels (${config.epochs} epochs)`),
    `VMCompatibilityNN (${config.vmEpochs} epochs)`,
    "writing the model set",
  ];
}

/** Train one scenario into `out`; `stages` is trainStages(config), listed once before the first scenario. */
export async function trainScenario(resolved: ResolvedScenario, out: string, config: TrainConfig, stages: readonly string[], log: Log): Promise<void> {
  await writeStaged(out, log, (staging) => trainInto(resolved, staging, out, config, stages, log));
  log.line(`  model set written to ${out}`);
}

/** Train and write the files into `dir` (the staging folder of `out`). */
async function trainInto(resolved: ResolvedScenario, dir: string, out: string, config: TrainConfig, stages: readonly string[], log: Log): Promise<void> {
  const s = resolved.scenario;
  let stage = 0;
  const next = () => log.stage(++stage, stages.length, `${s.name}: ${stages[stage - 1]}`);
  log.line(`train ${s.name} (${resolved.hash}) → ${out}: ${config.samples} samples, seed ${config.seed}`);
  next();
  const t0 = performance.now();
  const data: GeneratedData = generateDataset(resolved, {
    samples: config.samples,
    seed: config.seed,
    ...(config.replicas !== undefined ? { replicas: config.replicas } : {}),
    onProgress: (done, total) => log.progress("  simulating states", done, total),
  });
  log.endProgress();
  const st = data.stats;
  log.line(`  ${data.n} tier samples, ${data.nVm} VM samples, ${st.forks} forks in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  log.line(`  expert rules fired: local ${st.ruleCounts.local}, remote ${st.ruleCounts.remote}, cloud ${st.ruleCounts.cloud}, gap rule ${st.ruleCounts.gap} (${pct(st.gapShare)})`);
  log.line(`  labels (local/remote/cloud): expert ${st.expertLabelCounts.join("/")}, outcome ${st.outcomeLabelCounts.join("/")}; agree ${pct(st.labelAgreement / Math.max(1, data.n))}; outcome fell back to the estimate for ${st.outcomeFallback}`);

  const tierNorm = fitNormalisation(data.tierX, data.n, TIER_FEATURES.length);
  const tierX = normalised(data.tierX, data.n, TIER_FEATURES.length, tierNorm);
  const split = splitIndices(data.n, 0.2, config.seed, "tier");
  const dataset = {
    scenario: s.name, scenarioHash: resolved.hash, samples: data.n, replicas: st.replicas, forks: st.forks,
    ruleCounts: st.ruleCounts, gapShare: st.gapShare, expertLabelCounts: st.expertLabelCounts,
    outcomeLabelCounts: st.outcomeLabelCounts, labelAgreement: st.labelAgreement, outcomeFallback: st.outcomeFallback,
  };
  const common = { opset: OPSET, irVersion: IR_VERSION, producer: `mecbench ${VERSION}`, scenario: s.name, scenarioHash: resolved.hash, worldFingerprint: worldFingerprint(s) };
  // Written together at the end (stage "writing the model set"), into the staging folder.
  const tierMlps: { path: string; mlp: MlpModel; sidecar: Sidecar }[] = [];
  for (const mode of config.labels) {
    const labels = mode === "expert" ? data.expertLabel : data.outcomeLabel;
    const name = `tier-${mode}`;
    next();
    log.line(`  TierSelectionNN (${mode} labels): MLP ${TIER_FEATURES.length}-64-32-16-3, Adam lr 0.001, batch 32, ${config.epochs} epochs`);
    const r = trainSupervised(
      { x: tierX, width: TIER_FEATURES.length, n: data.n, labels },
      {
        hidden: [64, 32, 16], outputs: 3, loss: "softmax-cross-entropy", epochs: config.epochs, seed: config.seed, name,
        onEpoch: (l) => log.line(epochText("tier", l, config.epochs) + log.timing(l.epoch, config.epochs)),
        onProgress: (d, t) => log.progress("   ", d, t),
      },
      undefined,
      split,
    );
    log.endProgress();
    log.line(`  validation accuracy ${pct(r.valAccuracy!)}; confusion (rows true, columns predicted: local, remote, cloud):`);
    r.confusion!.forEach((row, i) => log.line(`    ${TIER_CLASSES[i]!.padEnd(11)} ${row.map((v) => String(v).padStart(6)).join("")}`));
    const sidecar: Sidecar = {
      format: SIDECAR_FORMAT, role: "tier-selection", model: MODEL_FILES.tier[mode],
      input: { name: "features", shape: ["N", TIER_FEATURES.length] },
      output: {
        name: "scores", shape: ["N", 3], classes: [...TIER_CLASSES],
        meaning: "softmax probability that the tier is the label (expert rule or best simulated outcome)", rank: "higher-is-better",
      },
      features: featureList(TIER_FEATURES, tierNorm),
      labelMode: mode,
      ...common,
      training: {
        seed: config.seed, hidden: [64, 32, 16], activation: "relu", output: "softmax", loss: "cross-entropy", optimizer: "adam",
        learningRate: 0.001, batchSize: 32, epochs: config.epochs, validationShare: 0.2, dataset,
      },
      metrics: { valAccuracy: r.valAccuracy, valLoss: r.valLoss, confusion: r.confusion, history: r.history },
    };
    tierMlps.push({ path: join(dir, MODEL_FILES.tier[mode]), mlp: netToMlp(r.net, "softmax"), sidecar });
  }

  // VMCompatibilityNN: regression of log(service time) (penalty 2 × T_max when the deadline was missed).
  const vmNorm = fitNormalisation(data.vmX, data.nVm, VM_FEATURES.length);
  const vmX = normalised(data.vmX, data.nVm, VM_FEATURES.length, vmNorm);
  next();
  log.line(`  VMCompatibilityNN: MLP ${VM_FEATURES.length}-32-16-1, MSE on log service time, Adam lr 0.001, batch 32, ${config.vmEpochs} epochs`);
  const vm = trainSupervised(
    { x: vmX, width: VM_FEATURES.length, n: data.nVm, targets: data.vmY },
    {
      hidden: [32, 16], outputs: 1, loss: "mse", epochs: config.vmEpochs, seed: config.seed, name: "vm",
      onEpoch: (l) => log.line(epochText("vm", l, config.vmEpochs) + log.timing(l.epoch, config.vmEpochs)),
      onProgress: (d, t) => log.progress("   ", d, t),
    },
  );
  log.endProgress();
  const ranking = vmRankingAgreement(vm.net, vmX, data.vmY, vm.valIdx, VM_FEATURES.length);
  log.line(`  VM validation MSE ${vm.valLoss.toFixed(4)} (log s²); pairwise ranking agreement ${pct(ranking)}`);
  const vmSidecar: Sidecar = {
    format: SIDECAR_FORMAT, role: "vm-compatibility", model: MODEL_FILES.vm,
    input: { name: "features", shape: ["N", VM_FEATURES.length] },
    output: { name: "scores", shape: ["N", 1], meaning: "predicted log service time (s) of the task on the VM; log(2 × T_max) means a missed deadline", rank: "lower-is-better" },
    features: featureList(VM_FEATURES, vmNorm),
    ...common,
    training: {
      seed: config.seed, hidden: [32, 16], activation: "relu", output: "linear", loss: "mse", target: "log service time in a what-if fork (penalty log(2 × T_max) when missed)",
      optimizer: "adam", learningRate: 0.001, batchSize: 32, epochs: config.vmEpochs, validationShare: 0.2, samples: data.nVm,
    },
    metrics: { valMse: vm.valLoss, pairwiseRankingAgreement: ranking, history: vm.history },
  };
  next();
  // The folder is made only now, so a run that fails while simulating or training leaves none.
  mkdirSync(dir, { recursive: true });
  for (const t of [...tierMlps, { path: join(dir, MODEL_FILES.vm), mlp: netToMlp(vm.net, "linear"), sidecar: vmSidecar }]) {
    const sizes = writeModelFiles(t.path, t.mlp, t.sidecar);
    log.line(`  wrote ${join(out, basename(t.path))} (${sizes.onnxBytes} B) + sidecar (${sizes.sidecarBytes} B)`);
  }
}

/** Share of validation pairs (same task, two VMs) ordered as their simulated outcomes are. */
function vmRankingAgreement(net: Net, x: Float64Array, y: Float64Array, idx: Int32Array, width: number): number {
  // Pairs: consecutive validation samples are unrelated, so compare every sample with the next few.
  let agree = 0, total = 0;
  const pred = new Float64Array(idx.length);
  const w = new Workspace(net.sizes);
  for (let i = 0; i < idx.length; i++) pred[i] = forward(net, x, idx[i]! * width, w)[0]!;
  for (let i = 0; i + 1 < idx.length; i++) {
    for (let j = i + 1; j < Math.min(idx.length, i + 8); j++) {
      const dy = y[idx[i]!]! - y[idx[j]!]!;
      if (Math.abs(dy) < 1e-9) continue;
      total++;
      if (Math.sign(pred[i]! - pred[j]!) === Math.sign(dy)) agree++;
    }
  }
  return total > 0 ? agree / total : 0;
}

// ---- --rl: DQN fine-tuning of a trained tier network (src/training/rl.ts).
