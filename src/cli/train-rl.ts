// mecbench train --rl: fine-tune a trained TierSelectionNN as a DQN in the engine's own Algorithm 1
// (src/training/rl.ts), from the supervised model set (--rl-from), and export tier-selection-rl.onnx.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { VERSION } from "../engine/run.ts";
import { NO_DEADLINE_HORIZON_S } from "../training/dataset.ts";
import {
  IR_VERSION, loadModel, type LoadedModel, MODEL_FILES, OPSET, SIDECAR_FORMAT, type Sidecar, SUPERVISED_LABEL_MODES,
  type SupervisedLabelMode, TIER_CLASSES, writeModelFiles,
} from "../nn/model-set.ts";
import { ModelError } from "../nn/mlp.ts";
import { DQN_DEFAULTS, type DqnSettings } from "../nn/dqn.ts";
import { type EpisodeLine, trainTierDqn } from "../training/rl.ts";
import { netFromMlp, netToMlp } from "../nn/train.ts";
import { InputError } from "../scenario/errors.ts";
import { worldFingerprint } from "../scenario/fingerprint.ts";
import { loadScenario, presetNames } from "../scenario/load.ts";
import type { ResolvedScenario } from "../scenario/validate.ts";
import { numberFlag } from "./args.ts";
import { type Log, makeLog } from "./train-log.ts";
import { defaultTrainOut, writeStaged } from "./train-out.ts";
import { chooseModelSet } from "../nn/model-choice.ts";

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

export interface RlFlags {
  scenario?: string[];
  out?: string;
  seed?: string;
  labels?: string;
  quiet?: boolean;
  "rl-episodes"?: string;
  "rl-steps"?: string;
  "rl-from"?: string;
}

export async function trainRlCommand(values: RlFlags): Promise<number> {
  const mode = (values.labels ?? "expert").trim();
  if (!(SUPERVISED_LABEL_MODES as readonly string[]).includes(mode)) {
    throw new InputError("mecbench train", [{ path: "--labels", value: values.labels, message: "--rl starts from one supervised tier network", fix: "use --labels expert (default) or --labels outcome" }]);
  }
  const scenarios = values.scenario ?? [...presetNames()];
  for (const flag of ["out", "rl-from"] as const) {
    if (values[flag] !== undefined && scenarios.length > 1) {
      throw new InputError("mecbench train", [{ path: `--${flag}`, value: values[flag], message: "one folder for several scenarios", fix: `give one --scenario with --${flag}, or drop --${flag}` }]);
    }
  }
  const settings: DqnSettings = {
    ...DQN_DEFAULTS,
    episodes: numberFlag("train", "rl-episodes", values["rl-episodes"], { integer: true, min: 1 }) ?? DQN_DEFAULTS.episodes,
    steps: numberFlag("train", "rl-steps", values["rl-steps"], { integer: true, min: 1 }) ?? DQN_DEFAULTS.steps,
    seed: numberFlag("train", "seed", values.seed, { integer: true, min: 0 }) ?? 1,
  };
  const log = makeLog(values.quiet ?? false);
  for (const name of scenarios) {
    const resolved = loadScenario(name);
    // Default: a new folder under results/models/, starting from the committed set of this world.
    const out = values.out ?? defaultTrainOut(resolved.scenario.name);
    const from = values["rl-from"] ?? values.out ?? chooseModelSet(resolved.scenario, false).dir;
    await trainRlScenario(resolved, out, from, mode as SupervisedLabelMode, settings, log);
  }
  return 0;
}

function episodeText(l: EpisodeLine, total: number): string {
  const loss = l.loss === null ? "     -" : l.loss.toFixed(4);
  return `  episode ${String(l.episode).padStart(3)}/${total}  ${String(l.devices).padStart(5)} devices  steps ${l.steps} (choice ${l.choices})  return ${l.return.toFixed(1)}  mean reward ${l.meanReward.toFixed(4)}  failed ${pct(l.failedShare)}  ε ${l.epsilon.toFixed(3)}  loss ${loss}`;
}

/** The supervised start network, or an input error that says how to make it. */
function loadStart(from: string, mode: SupervisedLabelMode, scenario: string): LoadedModel {
  const path = join(from, MODEL_FILES.tier[mode]);
  try {
    return loadModel(path, "tier-selection", true);
  } catch (e) {
    if (!(e instanceof ModelError)) throw e;
    throw new InputError("mecbench train", [{
      path: "--rl-from", value: from, message: `no usable ${mode} tier network to start from: ${e.message}`,
      fix: `train the supervised set first (mecbench train --scenario ${scenario} --out ${from}), or point --rl-from at a folder that has one`,
    }]);
  }
}

export async function trainRlScenario(
  resolved: ResolvedScenario, out: string, from: string, mode: SupervisedLabelMode, settings: DqnSettings, log: Log,
): Promise<void> {
  const s = resolved.scenario;
  const start = loadStart(from, mode, s.name);
  const mlp = start.mlp!;
  log.line(`train --rl ${s.name} (${resolved.hash}) → ${out}: DQN from ${start.path}, ${settings.episodes} episodes × ${settings.steps} steps, seed ${settings.seed}`);
  if (start.sidecar.scenarioHash !== undefined && start.sidecar.scenarioHash !== resolved.hash) {
    log.line(`  warning: ${start.sidecarPath} was trained for scenario ${start.sidecar.scenario ?? "?"} (${start.sidecar.scenarioHash}), not this one`);
  }
  log.line(`  γ ${settings.gamma}, soft target update τ ${settings.tau}, replay ${settings.replaySize}, minibatch ${settings.batchSize} every ${settings.trainEvery} steps from ${settings.learningStarts} transitions, Adam lr ${settings.learningRate}, Huber δ ${settings.huberDelta}, ε ${settings.epsilonStart} → ${settings.epsilonEnd}`);
  const t0 = performance.now();
  const r = trainTierDqn(resolved, { net: netFromMlp(mlp), norm: start.norm, modelDir: from }, settings, {
    onEpisode: (l) => log.line(episodeText(l, settings.episodes)),
    onProgress: (d, t) => log.progress("   ", d, t),
  });
  log.endProgress();
  log.line(`  ${r.trainSteps} training steps on ${r.transitions} transitions in ${((performance.now() - t0) / 1000).toFixed(1)} s; output map Q = ${r.calibration.scale.toPrecision(4)} · logit + ${r.calibration.shift.toPrecision(4)}`);
  const shares = (v: number[]) => v.map(pct).join(" / ");
  log.line(`  first choice on the memory's states with a choice (local / remote / cloud): start ${shares(r.startChoiceShares)}, fine-tuned ${shares(r.finalChoiceShares)}; same tier ${pct(r.greedyAgreement)}`);
  const { seed, ...rest } = settings;
  const sidecar: Sidecar = {
    format: SIDECAR_FORMAT, role: "tier-selection", model: MODEL_FILES.tier.rl,
    input: { name: "features", shape: ["N", start.sidecar.features.length] },
    output: {
      name: "scores", shape: ["N", 3], classes: [...TIER_CLASSES],
      meaning: "softmax of the DQN's Q-values (the pre-softmax outputs: discounted return of placing the task on the tier); ranks tiers as Q does",
      rank: "higher-is-better",
    },
    features: start.sidecar.features.map((f) => ({ name: f.name, mean: f.mean, std: f.std })),
    labelMode: "rl",
    opset: OPSET, irVersion: IR_VERSION, producer: `mecbench ${VERSION}`, scenario: s.name, scenarioHash: resolved.hash, worldFingerprint: worldFingerprint(s),
    training: {
      seed, algorithm: "dqn", startLabelMode: mode, startModel: MODEL_FILES.tier[mode],
      hidden: mlp.layerSizes.slice(1, -1), activation: "relu", output: mlp.outputActivation, optimizer: "adam", loss: "huber on Q(s, a) of the taken action",
      ...rest,
      step: "one placement decision of Algorithm 1 (the neural-network policy with the agent as tier chooser; ε-greedy among the feasible tiers)",
      reward: `−service time / reference time when the task completes in time (reference: T_max, or ${NO_DEADLINE_HORIZON_S} s without a deadline), −${settings.failurePenalty} when it fails`,
      nextState: "the state of the agent's next decision",
      vmChoice: "VMCompatibilityNN's first choice among the tier's feasible VMs (as the neural-network policy)",
    },
    metrics: {
      calibration: r.calibration, trainSteps: r.trainSteps, transitions: r.transitions, greedyAgreement: r.greedyAgreement,
      startChoiceShares: r.startChoiceShares, finalChoiceShares: r.finalChoiceShares, history: r.history,
    },
  };
  // Staged and moved in at the end, as the supervised set (src/cli/train-out.ts).
  await writeStaged(out, log, (staging) => {
    mkdirSync(staging, { recursive: true });
    const sizes = writeModelFiles(join(staging, MODEL_FILES.tier.rl), netToMlp(r.net, mlp.outputActivation), sidecar);
    log.line(`  wrote ${join(out, MODEL_FILES.tier.rl)} (${sizes.onnxBytes} B) + sidecar (${sizes.sidecarBytes} B)`);
  });
}
